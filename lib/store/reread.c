/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reads done again on a newer revision when a writer's commit overwrote theirs (reread.h). */
#include "store/reread.h"

#include <stdio.h>

#include "store/handle.h"
#include "util/clock.h"
#include "util/error.h"

bool nx__reread_again(const nx_db *db, uint64_t gen, int rc, nx__reread *rr)
{
    if (rc != NX_EMODIFIED && rc != NX_ECORRUPT && rc != NX_EIO && rc != NX_ERROR &&
        rc != NX_ENOTFOUND)
        return false;
    double t = nx__clock_seconds();
    if (rr->tries++ == 0)
        rr->since = t;
    if (rr->tries > NX__REREAD_TRIES && t - rr->since > NX__REREAD_SECONDS) {
        nx__error_set(rc, "%s (still after %d reads of newer revisions in %.0f s)",
                      nx_error_last()->message, rr->tries - 1, t - rr->since);
        return false;
    }
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", nx_error_last()->message);
    if (nx__xdb_reopen(db->x) < 0) {
        nx__error_set(rc, "%s", msg); /* the failure that counts is the read's */
        return false;
    }
    if (rc == NX_EMODIFIED || nx__xdb_generation(db->x) != gen)
        return true;
    nx__error_set(rc, "%s", msg);
    return false;
}
