/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXI_REPORT_H
#define NXI_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "json.h"
#include "newsidx.h"
#include "progress.h"

/* What newsidx-index shows while it works and when it is done. */

/* Payload of the ingest callbacks: the progress line and when the run started. */
struct ingest_ui {
    nxc_progress progress;
    double started;
    bool verbose; /* show notices (files passed over), not only problems */
};

/* The progress line is drawn only when `want` and stderr is a terminal. */
void ui_init(struct ingest_ui *ui, bool want);
/* Blank the progress line for good. */
void ui_end(struct ingest_ui *ui);

/* nx_diag_fn: "newsidx-index: path:line: message" on stderr, clear of the progress line. */
void ui_diag(const nx_diag *diag, void *payload);
/* nx_progress_fn: files, articles, passages, MB/s and ETA on the progress line. */
void ui_progress(const nx_progress *progress, void *payload);

/* The run's summary for people (stderr) or scripts (one JSON object, "format": 1);
 * `auto_compacted`: the run compacted the index after a bulk load. */
void summary_text(FILE *f, const nx_ingest_stats *st, bool auto_compacted, double seconds);
void summary_json(FILE *f, const nx_ingest_stats *st, bool auto_compacted, double seconds);

/* Start the JSON object of a report about one index on stdout: {"format":1, "type", "db". */
void report_json_begin(nxc_json *j, const char *type, const char *db);

#endif
