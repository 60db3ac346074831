#ifndef NX_QBUILD_H
#define NX_QBUILD_H

#include "util/buf.h"
#include "newsidx.h"
#include "util/u64set.h"
#include "store/xapian_shim.h"

/*
 * From a search request (query language text plus actor/topic/date/source options) to one
 * Xapian query, and the set of things a hit should highlight. Ranking choices live here and
 * are documented in docs/ranking.md.
 */
typedef struct nx__qplan {
    struct nx__xq *query;
    nx__u64set hl; /* nx__hl_key() of every positive word, stem, actor and topic */
    nx__buf terms; /* '\n'-separated prefixed terms of positive leaves (for --explain) */
    nx__buf whole; /* those of speaker: and said: fields, which weigh in full wherever they match
                    * (terms holds an actor's speaker and remarks terms at their scale) */
    nx__buf about; /* the tag terms of the topics the text names beside an actor: no --explain
                    * line of their own, but a passage holding one is about the query for the
                    * remarks boost (nx__qb_remarks) */
    bool has_text; /* the query had words (not only actors/topics/filters) */
} nx__qplan;

/* Keys of the highlight set: kind 'w' folded word, 's' stem, 'a' actor key, 't' topic key. */
uint64_t nx__hl_key(char kind, const char *s, size_t len);

int nx__qplan_build(nx__qplan *p, nx_db *db, const nx_search_opts *o);
void nx__qplan_release(nx__qplan *p);

#endif
