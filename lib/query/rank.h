/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_RANK_H
#define NX_RANK_H

/*
 * The re-ranking of a search's best matches (docs/ranking.md), in rank.cc: C++ because it
 * reads Xapian's termlists and postings (DESIGN decision 2), over the binding's handles
 * (store/xapian_shim.h). Same conventions as the binding: nx_codes, no exception crosses.
 */

#include <stddef.h>

#include "store/xapian_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Re-ranking of the fb_pool best matches (0: none), by
 * - pseudo-relevance feedback, when fb_docs > 0: the fb_terms best expansion terms with
 *   prefix fb_prefix (get_eset's selection weight over the fb_docs best matches), each
 *   adding its BM25 weight scaled by fb_weight;
 * - article context, when ctx_weight > 0 and collapsing: ctx_weight times the mean BM25
 *   weight, in the other passages of the article (all passages with the boolean term
 *   ctx_key_prefix + the collapse key), of the query's terms with one of the prefixes in
 *   ctx_prefixes ('\n'-separated);
 * - proximity, when prox_weight > 0: prox_weight times the sum, over each pair of distinct
 *   query terms with one of the ctx_prefixes that meet in one sentence of the passage, of the
 *   lower of their two idf weights times their closeness saturated as BM25 saturates a term
 *   frequency; the closeness of a pair is the sum of 1 / distance^prox_decay over their
 *   occurrences in one sentence;
 * - a length prior, when len_weight > 0: len_weight times log(length) of the passage, its
 *   length capped at the index's average.
 * Every part adds, so the pooled matches still rank above the rest; the set of matches stays
 * the query's. */
struct nx__rank_opts {
    unsigned int fb_docs, fb_terms, fb_pool;
    double fb_weight;
    const char *fb_prefix;
    double ctx_weight;
    const char *ctx_key_prefix, *ctx_prefixes;
    double prox_weight, prox_decay, len_weight;
};

/* nx__xmset_search(), the page of `xs` taken from the matches re-ranked as `ro` says (no
 * re-ranking when ro->fb_pool is 0). *out is freed with nx__xmset_free(). */
int nx__rank_search(struct nx__xmset **out, struct nx__xdb *db, const struct nx__xq *q,
                    const struct nx__xsearch *xs, const struct nx__rank_opts *ro) NX__NOEXCEPT;

/* What the re-ranking found out about the hits of `m` (0 when `m` was not re-ranked). The
 * names are the binding's for now: query/hit.c calls nx__rank_article_doc(). */
/* The first passage of hit i's article when the search read it (article context), else 0. */
unsigned int nx__rank_article_doc(const struct nx__xmset *m, size_t i) NX__NOEXCEPT;
/* What article context added to hit i's score (0 when the search had none or the hit ranked
 * below the pool). */
double nx__rank_context(const struct nx__xmset *m, size_t i) NX__NOEXCEPT;
/* What proximity and the length prior added to hit i's score (0 as for nx__rank_context). */
double nx__rank_proximity(const struct nx__xmset *m, size_t i) NX__NOEXCEPT;
double nx__rank_length(const struct nx__xmset *m, size_t i) NX__NOEXCEPT;
/* The number of expansion terms of pseudo-relevance feedback that re-ranked hit `hit` (0 when
 * the search had no feedback or the hit ranked below the pool), and the i-th of them, `*len`
 * bytes borrowed from `m`. */
size_t nx__rank_feedback_count(const struct nx__xmset *m, size_t hit) NX__NOEXCEPT;
const char *nx__rank_feedback(const struct nx__xmset *m, size_t i, size_t *len) NX__NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
