/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_RESULT_H
#define NXC_RESULT_H

#include <stddef.h>

#include "json.h"
#include "newsidx.h"

/* The JSON objects of results, facets and articles, the same in newsidx-query --json and in
 * newsidx-serve's answers. */

/* One result ("type": "result"); rank counts from 1 across pages. */
void nxc_json_hit(nxc_json *j, const nx_hit *hit, size_t rank);
/* The values of facet `which` as an array [{name_key, "count"}, ...]; returns their sum. */
uint64_t nxc_json_facet_values(nxc_json *j, const nx_results *r, nx_facet which,
                               const char *name_key);
/* The member "facets": {"actor"|"topic"|"source"|"month"|"said": [{"name", "count"}, ...]}. */
void nxc_json_facets(nxc_json *j, const nx_results *r);
/* A timeline's members "period", "articles" (of `articles`), "counts" [{"period", "count"}],
 * "dated" and "undated" (the articles without a date). */
void nxc_json_timeline(nxc_json *j, const nx_results *r, nx_facet period, uint64_t articles);
/* A stored article ("type": "article"), its body whole. */
void nxc_json_article(nxc_json *j, const nx_article *a);

#endif
