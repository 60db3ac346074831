/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_DIAG_H
#define NXC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Diagnostics for the command-line programs: every line on stderr starts with the program's
 * name, and text that may come from input data is printed with control characters as '?', so
 * an article can never move the cursor or change the terminal's colours.
 */

#if defined(__GNUC__)
#define NXC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NXC_PRINTF(f, a)
#endif

/* The name diagnostics start with ("newsidx-index"); a static string. */
void nxc_set_progname(const char *name);
const char *nxc_progname(void);

/* Write s[0:len] with C0/C1 control characters, DEL and invalid UTF-8 shown as '?'. */
void nxc_write_safe(FILE *f, const char *s, size_t len);
/* The same for a NUL-terminated string; NULL writes nothing. */
void nxc_puts_safe(FILE *f, const char *s);

/* "prog: message" on stderr; the formatted text is printed safely. */
void nxc_error(const char *fmt, ...) NXC_PRINTF(1, 2);
/* "prog: path:line: message" on stderr; line 0 leaves out ":line". */
void nxc_diag(const char *path, unsigned long line, const char *message);

/* "Try 'prog --help' for more information." on stderr; returns 2 (the usage exit code). */
int nxc_try_help(void);
/* "prog: message", then the Try line; returns 2. */
int nxc_usage_error(const char *fmt, ...) NXC_PRINTF(1, 2);

/*
 * Flush and close stdout, reporting a failed write ("prog: write error: ..."). Returns false
 * when anything written to stdout may have been lost.
 */
bool nxc_close_stdout(void);

#endif
