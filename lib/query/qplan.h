/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QPLAN_H
#define NX_QPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/xapian_shim.h"
#include "util/buf.h"
#include "util/u64set.h"

/*
 * What building a search request gives (query/qbuild.c): one Xapian query, and what a hit
 * should highlight and --explain should name. Ranking choices live in qbuild.c, qwords.c and
 * qremarks.c and are documented in docs/ranking.md.
 */
typedef struct nx__qplan {
    struct nx__xq *query;
    nx__u64set hl; /* nx__qplan_hl_key() of every positive word, stem, actor and topic */
    nx__buf terms; /* '\n'-separated prefixed terms of positive leaves (for --explain) */
    nx__buf whole; /* those of speaker: and said: fields, which weigh in full wherever they match
                    * (terms holds an actor's speaker and remarks terms at their scale) */
    nx__buf people; /* actor names the lexicon does not know, searched as people (qperson.h),
                     * each NUL-terminated */
    bool has_text;  /* the query had words (not only actors/topics/filters) */
} nx__qplan;

/* Keys of the highlight set: kind 'w' folded word, 's' stem, 'a' actor key, 't' topic key. */
uint64_t nx__qplan_hl_key(char kind, const char *s, size_t len);
/* Whether the term t[0, len) starts with `prefix` and holds more. */
bool nx__qplan_prefixed(const char *t, size_t len, const char *prefix);
/* Whether a term of the plan says what the query is about beyond its actors: a word's stem
 * (not a title word's) or a topic tag. The remarks boost needs one of them in the passage. */
bool nx__qplan_topical(const char *t, size_t len);
void nx__qplan_release(nx__qplan *p);

#endif
