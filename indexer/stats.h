/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXI_STATS_H
#define NXI_STATS_H

#include <stdbool.h>

/* newsidx-index --stats: open the index read-only and print its counts (stdout: text, or one
 * JSON object with "format": 1). Returns the exit code: 0, or 2 when the index cannot be read. */
int run_stats(const char *db, bool json);

#endif
