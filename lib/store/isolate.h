/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_ISOLATE_H
#define NX_ISOLATE_H

#include <stddef.h>

/*
 * Work on an index that may be damaged, run in a child process (fork): libxapian reads damaged
 * tables without bounds in places, and so may our own reads, so a crash must end the child, not
 * the caller. `fn(arg, out)` runs in the child; its code and error message, and the `out_len`
 * bytes it leaves in `out`, come back through a pipe. A child killed by a signal, or ending
 * without a whole answer, is the index at `path` reported as damaged (NX_ECORRUPT, "'path' is
 * damaged: `doing` crashed (Segmentation fault)"). The caller's other threads are not in the
 * child; its signal handlers do not run there.
 */
typedef int (*nx__isolate_fn)(void *arg, void *out);
int nx__isolate_run(nx__isolate_fn fn, void *arg, void *out, size_t out_len, const char *path,
                    const char *doing);

#endif
