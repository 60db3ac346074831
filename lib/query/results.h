/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_RESULTS_H
#define NX_RESULTS_H

#include "query/collapse.h"
#include "query/qbuild.h"
#include "query/rank.h"
#include "query/timeline.h"
#include "store/db.h"
#include "util/buf.h"

/* What an nx_results is, shared by search.c (running the search) and hit.c (filling hits). */
struct nx_results {
    nx_db *db;
    nx__qplan plan;
    struct nx__xmset *m;
    struct nx__copies *copies; /* of the page's hits; NULL with NX_SEARCH_DUPLICATES */
    struct nx__xsearch xs;
    struct nx__rank_opts rank;
    size_t next;  /* next index into the MSet */
    uint64_t gen; /* the index's generation (nx__xdb_generation) that `m` was searched on */
    unsigned int flags;
    double time_limit, deadline; /* nx_search_opts.time_limit; its end (util/clock.h), 0: none */
    uint64_t passages, articles; /* counted on first use */
    uint64_t articles_lo, articles_hi;
    nx__buf suggestion; /* the query with its typos corrected; empty: none (query/qtypos.h) */
    bool counted;
    nx_hit hit;
    nx_article *art; /* the current hit's article, kept while the next hit shares it */
    bool art_whole;  /* art holds the whole body, not only the start that a hit needed */
    nx__buf arena;   /* the current hit's strings */
    nx_match *matches;
    size_t nmatches, cap_matches;
    const char **names; /* actors, spellings and topics of the current hit, one array */
    size_t cap_names;
    nx_copy *also_in; /* the current hit's copies; their strings are in r->arena */
    size_t cap_also_in;
    size_t *facet_order[NX__XSEARCH_MAX_FACETS]; /* most frequent first (months: by date) */
    struct nx__xmset **retired; /* matches searched again since, kept for their facet names */
    size_t n_retired;
    nx__timeline periods[NX_FACET_WEEK + 1]; /* built: these facets are read from here */
    nx__timeline *retired_periods;           /* those of matches searched again since */
    size_t n_retired_periods;
};

/* Make r->art the article `id` of MSet item i with at least body_max bytes of its body
 * (SIZE_MAX: all); kept while the next hit shares it. `id` must not point into r->art. */
int nx__hit_article(nx_results *r, size_t i, const char *id, size_t body_max);
/* Fill r->hit from MSet item i. */
int nx__hit_fill(nx_results *r, size_t i);
void nx__hit_release(nx_results *r);
/* Append the score explanation (NUL-terminated) of hit `hit` of the page, passage `docid`, to
 * r->arena at *off. */
int nx__explain_hit(nx_results *r, size_t hit, unsigned int docid, size_t *off);

#endif
