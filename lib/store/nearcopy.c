/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Near copies at index time: the cluster of an article (nearcopy.h). */
#include "store/nearcopy.h"

#include <stdio.h>

#include "store/db.h"
#include "store/dupkey.h"
#include "store/schema.h"
#include "store/xapian_shim.h"
#include "util/error.h"

enum { BAND_BITS = (64 + NX__NEAR_BANDS - 1) / NX__NEAR_BANDS, TERM_MAX = 16 };

/* The term of band `b` of `simhash`: the prefix, the band's number, its bits in hex. */
static size_t band_term(uint64_t simhash, int b, char term[TERM_MAX])
{
    int lo = b * BAND_BITS, bits = b == NX__NEAR_BANDS - 1 ? 64 - lo : BAND_BITS;
    uint64_t v = simhash >> lo & (((uint64_t)1 << bits) - 1);
    int n = snprintf(term, TERM_MAX, "%s%d%llx", NX__P_NEAR, b, (unsigned long long)v);
    return (size_t)n;
}

static int read_key(nx_db *db, unsigned int docid, unsigned int slot, nx__buf *v, uint64_t *key)
{
    nx__buf_clear(v);
    int rc = nx__xdb_doc_value(db->x, docid, slot, v);
    *key = rc == NX_OK ? nx__dupkey_decode(v->data, v->len) : 0;
    return rc;
}

int nx__nearcopy_cluster(nx_db *db, uint64_t simhash, uint64_t story, uint64_t *cluster)
{
    *cluster = story;
    if (!simhash)
        return NX_OK;
    unsigned int docids[NX__NEAR_CANDIDATES], best = 0, best_bits = NX__NEAR_MAX_BITS + 1;
    nx__buf v = NX__BUF_INIT;
    int rc = NX_OK;
    for (int b = 0; rc == NX_OK && b < NX__NEAR_BANDS; b++) {
        char term[TERM_MAX];
        size_t len = band_term(simhash, b, term), n = 0;
        rc = nx__xdb_postings(db->x, term, len, docids, NX__NEAR_CANDIDATES, &n);
        for (size_t i = 0; rc == NX_OK && i < n; i++) {
            uint64_t other;
            rc = read_key(db, docids[i], NX__SLOT_SIMHASH, &v, &other);
            unsigned int bits = nx__dupkey_distance(simhash, other);
            if (rc == NX_OK && other &&
                (bits < best_bits || (bits == best_bits && docids[i] < best))) {
                best = docids[i];
                best_bits = bits;
            }
        }
    }
    uint64_t found = 0;
    if (rc == NX_OK && best)
        rc = read_key(db, best, NX__SLOT_CLUSTER, &v, &found);
    if (rc == NX_OK && found)
        *cluster = found;
    nx__buf_release(&v);
    return rc;
}

int nx__nearcopy_add(struct nx__xdoc *d, uint64_t simhash)
{
    if (!simhash)
        return NX_OK;
    char value[NX__DUPKEY_LEN];
    nx__dupkey_encode(simhash, value);
    int rc = nx__xdoc_value(d, NX__SLOT_SIMHASH, value, sizeof value);
    for (int b = 0; rc == NX_OK && b < NX__NEAR_BANDS; b++) {
        char term[TERM_MAX];
        size_t len = band_term(simhash, b, term);
        rc = nx__xdoc_boolean(d, term, len);
    }
    return rc;
}
