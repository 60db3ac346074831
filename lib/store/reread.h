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
 * is damage and is reported as it came. A writer keeps committing, so this is bounded: a read is
 * given up once it was done again NX__REREAD_TRIES times and NX__REREAD_SECONDS have passed
 * since its first failure (a burst of load on the machine can make a search slower than two
 * commits of a busy writer many times in a row; time, not a count, lets it through).
 *
 * NX_ENOTFOUND counts too: a passage, an article or a matched document's term list gone
 * missing ("No termlist for document N" in the middle of ranking) is a sign of a newer
 * revision, and is retried only when the reopen found one.
 *
 * True when `rc` is to be retried on the reopened index (*rr counts the retries); false with
 * the error of `rc` kept.
 */
enum { NX__REREAD_TRIES = 20, NX__REREAD_SECONDS = 10 };
typedef struct nx__reread {
    int tries;    /* reads done again so far */
    double since; /* the first failure, seconds of CLOCK_MONOTONIC */
} nx__reread;
#define NX__REREAD_INIT                                                                            \
    {                                                                                              \
        0, 0.0                                                                                     \
    }
bool nx__reread_again(const nx_db *db, uint64_t gen, int rc, nx__reread *rr);

#endif
