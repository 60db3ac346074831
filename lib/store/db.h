/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_DB_H
#define NX_DB_H

#include <stdbool.h>

#include "store/handle.h"

/* For every public entry point's error return: name a stub reader's remote shards in the
 * thread's last error when rc is a network failure, and return rc. */
int nx__db_fail(const nx_db *db, int rc);
bool nx__db_writable(const nx_db *db);
/* Open the writer's Xapian transaction (after open, commit, cancel, compaction). */
int nx__db_begin_tx(nx_db *db);
/* A write inside the batch failed with `rc`: drop the whole batch, since Xapian does not undo
 * a failed flush of its buffered postings, so that no later commit can publish part of it.
 * Returns rc with its message. */
int nx__db_drop_batch(nx_db *db, int rc);
/* Commit if the auto-batch is full (outside nx_db_begin). */
int nx__db_maybe_commit(nx_db *db);
/* Store what must go with the next commit (boilerplate table). */
int nx__db_flush_meta(nx_db *db);

#endif
