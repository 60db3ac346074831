/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_COLLAPSE_H
#define NX_COLLAPSE_H

/*
 * Copies are one hit (docs/duplicates.md): the matching passages with the same text key
 * (store/dupkey.h) are one hit, at the rank of the best of them, shown as the passage of the
 * earliest article (by date, then id); the other articles are its copies ("also in"). In
 * collapse.cc: C++, as it reads the values of the ranked documents (DESIGN decision 2).
 */

#include <stddef.h>

#include "query/rank.h"
#include "store/xapian_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The copies of each hit of a page. */
struct nx__copies;

/* nx__rank_search() with copies collapsed: the page of `xs` counts hits after collapsing, and
 * *copies (freed with nx__collapse_free()) names the copies of each of its hits. Passages of one
 * article are collapsed as `xs` says (collapse_slot, collapse_max), before copies are. */
int nx__collapse_search(struct nx__xmset **out, struct nx__copies **copies, struct nx__xdb *db,
                        const struct nx__xq *q, const struct nx__xsearch *xs,
                        const struct nx__rank_opts *ro) NX__NOEXCEPT;
void nx__collapse_free(struct nx__copies *c) NX__NOEXCEPT;
/* The number of copies of hit `hit` of the page (0 for a NULL `c`), and the article id of the
 * i-th, earliest first (by date, then id); borrowed from `c`. */
size_t nx__collapse_count(const struct nx__copies *c, size_t hit) NX__NOEXCEPT;
const char *nx__collapse_id(const struct nx__copies *c, size_t hit, size_t i) NX__NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
