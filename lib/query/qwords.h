/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QWORDS_H
#define NX_QWORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "newsidx.h"
#include "query/qplan.h"
#include "text/tokenizer.h"

/* A transcript passage where an actor speaks unnamed (speaker.h) counts this much of a mention
 * of their name: it matches a search for the actor (their own words are what a reporter asks
 * for) without outweighing the passages that name them (swept on shared/eval, docs/ranking.md). */
#ifndef NX_SPEAKER_WEIGHT
#define NX_SPEAKER_WEIGHT 0.5
#endif
/* The scale of the speaker term of actor `key` (`len` bytes) in the index `x`: the term is
 * much rarer than the actor's name, so its own idf would make a turn outweigh a mention;
 * scaled by the idf of the name over its own, a turn weighs NX_SPEAKER_WEIGHT of a mention. */
double nx__qwords_speaker_scale(struct nx__xdb *x, const char *key, size_t len);

/* A passage holding the actor's words (remarks.h: "Lavrov said", or their turn in a transcript)
 * gains the remarks term's weight at this scale on top of the mention's, where it also holds a
 * word or topic of the query: a reporter asking about a person mostly wants what they said
 * about the rest of the question (swept on shared/eval, docs/ranking.md). */
#ifndef NX_REMARKS_WEIGHT
#define NX_REMARKS_WEIGHT 1.0
#endif

/* The query builder's state and its leaf-level helpers (qwords.c); qbuild.c walks the tree. */
struct nx__qb {
    nx_db *db;
    nx__qplan *p;
    nx__toklist tl;
    nx__buf term;
    nx__buf remarks; /* '\n'-separated keys of the actors asked for, each once (qremarks.h) */
    int rc;          /* first error; every helper returns NULL once it is set */
    int negated;     /* inside a NOT or '-': nothing here is highlighted */
    bool whole;      /* the terms made now are a field's: noted in p->whole, not p->terms */
};

int nx__qwords_init(struct nx__qb *b, nx_db *db, nx__qplan *p);
void nx__qwords_release(struct nx__qb *b);
/* Record the first error; returns NULL for use in expressions. */
void *nx__qwords_fail(struct nx__qb *b, int rc);

/* Combinators consume their inputs (also on error) and the `subs` array itself (free()d);
 * NULL entries are skipped; no inputs give NULL. */
struct nx__xq *nx__qwords_combine(struct nx__qb *b, int op, struct nx__xq **subs, size_t n,
                                  unsigned int param);
/* op(a, c); with one of them NULL, the other. */
struct nx__xq *nx__qwords_pair(struct nx__qb *b, int op, struct nx__xq *a, struct nx__xq *c);
struct nx__xq *nx__qwords_scale(struct nx__qb *b, struct nx__xq *q, double factor);
struct nx__xq *nx__qwords_match_all(struct nx__qb *b);
/* The term prefix + s, noted for highlighting (kind, 0 for none) and --explain unless negated. */
struct nx__xq *nx__qwords_term(struct nx__qb *b, const char *prefix, const char *s, size_t len,
                               char kind);

/* An actor or topic given by key or any spelling: its tag term. NX_ENOTFOUND if unknown. */
struct nx__xq *nx__qwords_lexicon_term(struct nx__qb *b, int kind, const char *name, size_t len);
/* speaker:NAME and said:NAME: the actor's speaker (speaker.h) or remarks (remarks.h) term,
 * `prefix`, weighed in full; highlighted as the actor when kind is 'a'. NX_ENOTFOUND if the name
 * is unknown. */
struct nx__xq *nx__qwords_actor_field(struct nx__qb *b, const char *prefix, const char *name,
                                      size_t len, char kind);

enum nx__qw_flags {
    NX__QW_PHRASE = 1u << 0,     /* quoted: the words in order, by the positional terms */
    NX__QW_ALL = 1u << 1,        /* every word required (AND), not alternatives (OR) */
    NX__QW_POSITIONAL = 1u << 2, /* for NEAR: positional terms and actor tags only */
    NX__QW_FIELD = 1u << 3,      /* a field's words (title:): no positions, no actor tags */
};
/*
 * Words as typed, tokenized like the index: in the body an actor's spelling becomes the actor's
 * tag term (scored as one term, all spellings matched); a hyphenated compound matches its joined
 * form or its parts as a phrase (in a field, all its parts); other words match by stem, prefixed
 * with `sprefix`, and common function words are left out when other words remain. Phrases and
 * NEAR (NX__QW_PHRASE, NX__QW_POSITIONAL: the body only) use the body's stems, which carry the
 * positions (schema.h). NULL when no word remains.
 */
struct nx__xq *nx__qwords_words(struct nx__qb *b, const char *text, size_t len, unsigned int flags,
                                const char *sprefix);

/* Every word of a source name, as a weightless filter. NX_EINVAL if it has no words. */
struct nx__xq *nx__qwords_source(struct nx__qb *b, const char *text, size_t len);

#endif
