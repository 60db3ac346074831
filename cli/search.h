/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_SEARCH_H
#define NXC_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "newsidx.h"

/*
 * The search options newsidx-query takes on its command line and newsidx-serve in a request's
 * parameters: their values checked one rule for both, and their one mapping to nx_search_opts.
 */
typedef struct nxc_search {
    const char *query;                  /* NULL: none */
    const char **actors, **topics;      /* the caller's arrays, with room for every value */
    size_t n_actors, n_topics;          /* borrowed strings, as given */
    const char *since, *until, *source; /* passed to the library as given */
    char since_day[11], until_day[11];  /* the first day of since, the last of until */
    int sort;                           /* enum nx_sort */
    size_t limit, offset, per_article;
    bool facets, explain, exact, no_feedback, passage_only;
    bool facet_passages; /* facets count passages, not articles */
    bool fix_typos;      /* search the query with its typos corrected; else only suggest */
    nx_facet timeline;   /* articles per period (NX_FACET_DAY, _WEEK, _MONTH), counted exactly;
                          * 0 (NX_FACET_ACTOR): no timeline */
    bool show_duplicates; /* copies as hits of their own, counted each (docs/duplicates.md) */
} nxc_search;

enum nxc_search_key {
    NXC_SEARCH_ACTOR,
    NXC_SEARCH_TOPIC,
    NXC_SEARCH_SINCE,
    NXC_SEARCH_UNTIL,
    NXC_SEARCH_SOURCE,
    NXC_SEARCH_SORT,
    NXC_SEARCH_LIMIT,
    NXC_SEARCH_OFFSET,
    NXC_SEARCH_PER_ARTICLE,
    NXC_SEARCH_TIMELINE,   /* day, week or month; NULL: month */
    NXC_SEARCH_DUPLICATES, /* collapse (the default) or show */
};

/* Defaults: relevance, limit 10, three passages per article; actors and topics point to the
 * caller's arrays. */
void nxc_search_init(nxc_search *s, const char **actors, const char **topics);
/*
 * Check and set the value of one option, which messages call `name` ("--since", "since"):
 * true, or false with "invalid NAME 'VALUE': expected ..." in why. `value` is borrowed.
 */
bool nxc_search_set(nxc_search *s, enum nxc_search_key key, const char *name, const char *value,
                    char *why, size_t why_size);
/* What no single value shows (since after until, the options named since_name and until_name):
 * true, or false with the problem in why. */
bool nxc_search_check(const nxc_search *s, const char *since_name, const char *until_name,
                      char *why, size_t why_size);
/* "day", "week" or "month": a timeline's period as options and JSON name it. */
const char *nxc_search_period_name(nx_facet period);
/* The library's options for `s`: every program shows passages, never the rest of a body. */
void nxc_search_opts(nx_search_opts *out, const nxc_search *s);

#endif
