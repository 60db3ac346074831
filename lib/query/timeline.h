/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_TIMELINE_H
#define NX_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsidx.h"

struct nx__xmset;

/*
 * Timelines: a search's counts per day, ISO week (util/date.h) or month, in date order, made
 * from its counts per day (the NX_FACET_DAY facet) alone, so that every period of a search adds
 * up to the same total as its days. An article has one day, so per article the periods add up
 * to the matching articles that have a date. With `fill`, every period from the first to the
 * last one with a match is listed, 0 for those without, so a chart shows the gaps.
 */
typedef struct nx__timeline {
    char (*names)[11]; /* "YYYY-MM-DD", "YYYY-Www" or "YYYY-MM" */
    uint64_t *counts;
    size_t n;
    bool built;
} nx__timeline;

/* Build *out (released with nx__timeline_release) by `period` (NX_FACET_DAY, NX_FACET_WEEK or
 * NX_FACET_MONTH) from facet `day_facet` of m. NX_ENOMEM, with *out empty. */
int nx__timeline_build(nx__timeline *out, const struct nx__xmset *m, size_t day_facet,
                       nx_facet period, bool fill);
void nx__timeline_release(nx__timeline *t);

#endif
