/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_PROGRESS_H
#define NXC_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * One status line on a terminal, rewritten in place with '\r'. Disabled (every call does
 * nothing) unless the stream is a terminal and the caller wants it, so redirected stderr never
 * fills with carriage returns.
 */
typedef struct nxc_progress {
    FILE *f;
    bool enabled;
    size_t shown;     /* characters on the line now, to blank what a shorter line leaves */
    double last_time; /* when the line was last drawn */
} nxc_progress;

/* Enabled when `want` and `f` is a terminal. */
void nxc_progress_init(nxc_progress *p, FILE *f, bool want);
/* Redraw the line with the formatted text, at most about ten times a second unless `force`. */
void nxc_progress_show(nxc_progress *p, bool force, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Blank the line and put the cursor at its start (before a diagnostic, or at the end). */
void nxc_progress_clear(nxc_progress *p);

/* Seconds on a monotonic clock. */
double nxc_now(void);

#endif
