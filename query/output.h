/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXQ_OUTPUT_H
#define NXQ_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "newsidx.h"
#include "result.h"

/* How newsidx-query prints results: for people (output_text.c) or as JSON Lines (output_json.c). */

struct text_style {
    bool color;       /* ANSI bold/colour, else plain [[markers]] */
    size_t max_bytes; /* snippet length; 0: the whole passage */
};

/*
 * Results are numbered from 1 across pages: `rank` is offset + position + 1, whatever the
 * library's own numbering does with the offset.
 *
 * One result for a terminal: header line, id and url, the snippet with matches marked, the
 * actors and topics, and the explanation when there is one. Returns 0 or the negative code of
 * nx_snippet (its message in nx_error_last()).
 */
int text_hit(FILE *f, const nx_hit *hit, size_t rank, const struct text_style *style);
/*
 * Several passages of one article (--per-article) shown together: text_groups_add keeps each
 * hit under its article, the first with the article's header and the later ones with their
 * rank alone; text_groups_print prints the articles in the order of their best hit and frees
 * them. text_groups_add returns 0, NX_ENOMEM, or text_hit's code.
 */
struct text_groups {
    struct text_group **g;
    size_t n, cap;
};
int text_groups_add(struct text_groups *t, const nx_hit *hit, size_t rank,
                    const struct text_style *style);
void text_groups_print(FILE *f, struct text_groups *t);
/* What a search matched, for the line that ends its results: the matching articles (an
 * estimate between lo and hi unless lo == hi), the passages, and the ranks shown. */
struct total {
    uint64_t articles, lo, hi, passages;
    size_t first, last;     /* ranks from 1; last < first: none shown */
    const char *suggestion; /* the query with typos corrected, or NULL */
    bool corrected;         /* the suggestion is what was searched */
    const nx_results *r;    /* for the actor names searched as people */
};

/*
 * The counts below say "(copies counted once)" when `stories` is set (the library counted a
 * story once: docs/duplicates.md); as JSON, "duplicates" is "counted once" or "counted each".
 */
/* "N articles, M passages" */
void text_count(FILE *f, uint64_t articles, uint64_t passages, bool stories);
/* "N articles match (showing 1-10)", or "about N articles match (between lo and hi; ...)". */
void text_total(FILE *f, const struct total *t);
/* The counts per actor, topic, source and month, of articles or (`passages`) passages. */
void text_facets(FILE *f, const nx_results *r, bool passages, bool stories);

/* --timeline: the matching articles per period (NX_FACET_DAY, _WEEK or _MONTH, gaps listed),
 * one line each with a bar scaled to the largest count, then the total and the articles
 * without a date (`articles` less the sum of the periods). */
void text_timeline(FILE *f, const nx_results *r, nx_facet period, uint64_t articles, bool stories);
/* The same as one JSON object: "type": "timeline", "period", "articles", "dated", "undated",
 * "counts": [{"period", "count"}]. */
void json_timeline(nxc_json *j, const nx_results *r, nx_facet period, uint64_t articles,
                   bool stories);
/* "day", "week" or "month". */

/* After the results: "type": "summary", the total matched and the ranks shown. */
void json_total(nxc_json *j, const struct total *t);
/* The final object: "type": "count" with the counts, or with `facets` "type": "facets" (which
 * has the counts per facet too, of articles or, with `passages`, of passages: "unit"). */
void json_tail(nxc_json *j, const nx_results *r, uint64_t articles, uint64_t passages, bool facets,
               bool passages_unit, bool stories);

/* The stored article `id` as text or as one JSON object: 0, or 1 with the problem reported
 * (no such article: "article 'ID' not found"). */
int print_article(nx_db *db, const char *id, bool json);

/* --list actors|topics: each entry's key, name (an actor's first spelling of two or more
 * words, a topic's first) and spellings; as text (two lines an entry) or as one JSON object
 * ("type": "lexicon"). */
void print_lexicon(const nx_db *db, bool topics, bool json);

#endif
