/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_NEARCOPY_H
#define NX_NEARCOPY_H

/*
 * Near copies found at index time (docs/duplicates.md): an article whose body's SimHash
 * (dupkey.h) is at most NX__NEAR_MAX_BITS bits from that of an article already in the index
 * joins that article's cluster; else its cluster is its own story key. The first passage of an
 * article carries its SimHash (NX__SLOT_SIMHASH) and NX__NEAR_BANDS terms, one for each band of
 * its bits, by which a later article finds it: two SimHashes within NX__NEAR_MAX_BITS bits
 * share at least one band. Every passage carries the cluster (NX__SLOT_CLUSTER); hits and
 * counts are collapsed on it at query time (query/collapse.h).
 */

#include <stdint.h>

#include "store/handle.h"

struct nx__xdoc;

/* The rule, measured in bench/nearcopy/README.md (precision 0.97 on the pairs read). */
enum { NX__NEAR_MAX_BITS = 4 };
/* Bands of 13, 13, 13, 13 and 12 bits: more bands than NX__NEAR_MAX_BITS, so one is equal. */
enum { NX__NEAR_BANDS = NX__NEAR_MAX_BITS + 1 };
/* The earlier articles looked at per band (the first indexed); a band value shared by more is
 * a template's, and the nearest is among the first. */
enum { NX__NEAR_CANDIDATES = 256 };

/* The cluster for an article about to be indexed, whose body has SimHash `simhash` and story
 * key `story`: the cluster of the nearest article of `db` within NX__NEAR_MAX_BITS bits that
 * shares a band with it (the first indexed of equals), else `story`. */
int nx__nearcopy_cluster(nx_db *db, uint64_t simhash, uint64_t story, uint64_t *cluster);
/* The SimHash value and band terms of an article, for its first passage `d` (none for a
 * SimHash of 0, a body too short to have near copies). */
int nx__nearcopy_add(struct nx__xdoc *d, uint64_t simhash);

#endif
