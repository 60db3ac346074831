/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_WRITER_H
#define NX_WRITER_H

#include "ingest/state.h"

/* One writer's part of a bulk ingest (writer.c). Second pass: read every file, count and report its
 * problems, and put each article into in->db (or hand it over: state.h, `hand`). */
int nx__writer_read(struct ingest *in);
/* Put one article read from `shown` at `line` into in->db, counting it in in->st and in->pr;
 * a rejected article is counted and reported. Negative only for a failure of the index. */
int nx__writer_put(struct ingest *in, const char *shown, const nx_article *a, unsigned long line);
/* End of the second pass for one writer: prune, commit, and compact when asked. */
int nx__writer_finish(struct ingest *in);
/* Compact or merge `db` as NX_INGEST_COMPACT / NX_INGEST_MERGE in `flags` ask. */
int nx__writer_compact(nx_db *db, unsigned int flags);

#endif
