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
/* "N articles, M passages" */
void text_count(FILE *f, uint64_t articles, uint64_t passages);
/* The counts per actor, topic, source and month. */
void text_facets(FILE *f, const nx_results *r);

/* The final object: "type": "count" with the counts, or with `facets` "type": "facets" (which
 * has the counts per facet too). */
void json_tail(nxc_json *j, const nx_results *r, uint64_t articles, uint64_t passages, bool facets);

/* The stored article `id` as text or as one JSON object: 0, or 1 with the problem reported
 * (no such article: "article 'ID' not found"). */
int print_article(nx_db *db, const char *id, bool json);

#endif
