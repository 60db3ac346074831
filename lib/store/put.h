/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_PUT_H
#define NX_PUT_H

#include <stddef.h>

#include "store/handle.h"

/* The first docid of article `id` (its first passage), or 0 if absent. */
int nx__put_article_docid(nx_db *db, const char *id, unsigned int *docid);
/* Fetch and decode the stored article `id`, its body cut to its first body_max bytes (SIZE_MAX:
 * all of it): NX_ENOTFOUND if absent. nx_free() it. */
int nx__put_article_load(nx_db *db, const char *id, size_t body_max, nx_article **out);
/* The same, when its first passage `docid` is known (`id` names it in messages). */
int nx__put_article_load_at(nx_db *db, const char *id, unsigned int docid, size_t body_max,
                            nx_article **out);

/* The id nx_db_put gives an article that has none: "h" + 16 hex digits of a hash of title and
 * body, so the same text always gets the same id. */
void nx__put_derive_id(const nx_article *a, char out[18]);

#endif
