/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_INPUTS_H
#define NX_INPUTS_H

#include "ingest/state.h"

/* Report a problem of the input (a diagnostic; the run ends with NX_EINPUT). */
void nx__inputs_diag(struct ingest *in, const char *path, unsigned long line, int code,
                     const char *msg);
/* Collect the files under `paths` into in->files; unreadable paths are reported
 * and skipped. */
int nx__inputs_collect(struct ingest *in, const char *const *paths, size_t n_paths);

#endif
