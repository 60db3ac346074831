/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "progress.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MIN_INTERVAL 0.1 /* seconds between redraws: faster only costs terminal time */

double nxc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void nxc_progress_init(nxc_progress *p, FILE *f, bool want)
{
    p->f = f;
    p->enabled = want && isatty(fileno(f));
    p->shown = 0;
    p->last_time = 0.0;
}

void nxc_progress_show(nxc_progress *p, bool force, const char *fmt, ...)
{
    char line[160];
    va_list ap;

    if (!p->enabled)
        return;
    double now = nxc_now();
    if (!force && p->shown > 0 && now - p->last_time < MIN_INTERVAL)
        return;
    p->last_time = now;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    fprintf(p->f, "\r%s", line);
    for (size_t i = len; i < p->shown; i++)
        fputc(' ', p->f);
    p->shown = len;
    fflush(p->f);
}

void nxc_progress_clear(nxc_progress *p)
{
    if (!p->enabled || p->shown == 0)
        return;
    fputc('\r', p->f);
    for (size_t i = 0; i < p->shown; i++)
        fputc(' ', p->f);
    fputc('\r', p->f);
    p->shown = 0;
    fflush(p->f);
}
