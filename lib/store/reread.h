/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_REREAD_H
#define NX_REREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "newsidx.h"

/*
 * Readers under a writer (include/newsidx.h, "Readers and writers"). A writer's commits in
 * another process overwrite the blocks of old revisions, so a read of one of them may fail:
 * Xapian says so (DatabaseModifiedError), but a read that lands on a block the writer already
 * reused may instead fail as if the table were damaged ("EOF reading block", a passage record
 * that does not decode) or miss a document. So after a failed read the index is reopened: if
 * that found a newer revision than the read's (`gen`, nx__xdb_generation before it), or Xapian
 * said the snapshot is gone, the read is done again; the same failure on an unchanged revision
 * is damage and is reported as it came. A writer keeps committing, so this is bounded
 * (NX__REREAD_TRIES).
 *
 * NX_ENOTFOUND counts too: a passage, an article or a matched document's term list gone
 * missing ("No termlist for document N" in the middle of ranking) is a sign of a newer
 * revision, and is retried only when the reopen found one.
 *
 * True when `rc` is to be retried on the reopened index (*tries counts the retries); false with
 * the error of `rc` kept.
 */
enum { NX__REREAD_TRIES = 20 };
bool nx__reread_again(const nx_db *db, uint64_t gen, int rc, int *tries);

#endif
