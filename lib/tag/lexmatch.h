/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_LEXMATCH_H
#define NX_LEXMATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "text/tokenizer.h"
#include "util/buf.h"

/*
 * A lexicon in memory, and finding its actors and topics in token lists. lexicon.c parses the
 * file format and answers look-ups; lexmatch.c keeps the variants as token patterns and scans
 * token lists for them. Strings
 * live in one arena and are named by offsets while it grows; lexmatch resolves them into
 * pointers once parsing is complete.
 */

enum nx__lex_kind { NX__LEX_ACTOR = 0, NX__LEX_TOPIC = 1 };
typedef struct nx__lexicon nx__lexicon;

enum { NX__LEX_MAX_WORDS = 32 }; /* tokens in one variant: bounds the work per scanned token */

typedef struct nx__lexvariant {
    size_t text;  /* arena offset: the variant as written */
    size_t terms; /* arena offset: folded terms without joined forms, NUL-terminated, in a row */
    size_t nterms;
} nx__lexvariant;

typedef struct nx__lexentry {
    size_t key;  /* arena offset */
    size_t line; /* where the entry starts, for messages; 0: in the lexicon an extension
                  * extends, and not named by it */
    nx__lexvariant *v;
    size_t nv, cap;
    size_t nv_tagged; /* v[0, nv_tagged) tagged the index's passages; the rest were added at
                       * query time (nx__lexicon_extend) and are searched by their words */
} nx__lexentry;

/* One token sequence that mentions an entry: terms for actors, stems for topics. */
typedef struct nx__lexpat {
    size_t off;    /* arena offset of the terms while parsing ... */
    const char *s; /* ... and a pointer once the arena is final */
    size_t nterms;
    size_t entry, variant, line; /* line 0: of the lexicon an extension extends */
    int kind;
} nx__lexpat;

typedef struct nx__lexslot {
    size_t first, count; /* patterns[first, first + count) share kind and first term */
} nx__lexslot;

struct nx__lexicon {
    const char *text; /* the source text: text_owned, or static for the built-in */
    char *text_owned;
    size_t text_len;
    char id[64];
    nx__buf arena;
    nx__lexentry *e[2];
    size_t n[2], cap[2];
    nx__lexpat *pats;
    size_t npats, cappats;
    nx__lexslot *slots; /* open addressing on (kind, first term); count 0: empty */
    size_t nslots;
    nx__buf given; /* folded given names ("given:" lines), '\n'-separated: before a one-word
                    * actor variant they name another person ("Oleksiy Kuleba") */
};

/* Add the patterns of variant (kind, entry, variant) from its tokens. */
int nx__lexmatch_add(nx__lexicon *lx, int kind, size_t entry, size_t variant, size_t line,
                     const nx__toklist *toks);
/* Resolve, de-duplicate and index the patterns. NX_EINPUT "name:line: ..." when one token
 * sequence belongs to two entries of one kind. */
int nx__lexmatch_finish(nx__lexicon *lx, const char *name);

/* Whether the folded words of l (joined forms left out) are the n terms stored at `terms`. */
bool nx__lexmatch_terms_equal(const char *terms, size_t n, const nx__toklist *l);

/* One mention found by nx__lexmatch_scan: tokens [first, first + ntok) of the list. */
typedef struct nx__lexhit {
    int kind;
    size_t entry;   /* entry index */
    size_t variant; /* variant index within the entry */
    size_t first, ntok;
} nx__lexhit;
typedef int (*nx__lexhit_fn)(const nx__lexhit *hit, void *payload); /* nonzero stops */

/*
 * Find every mention of every actor and topic in a token list, longest variant first at each
 * token (so "humanitarian corridor" wins over "corridor" if both are variants); mentions do not
 * overlap within one kind. A one-word actor variant right after a given name of the lexicon, in
 * one sentence, is another person and no mention: the actor's own first names are in its
 * longer variants, which match first ("Dmytro Kuleba"), so "Oleksiy Kuleba" is not kuleba. Joined
 * compound tokens (NX__TOK_JOINED) match too. Hits come in token order. NX_OK, or the callback's
 * value when it is negative (a positive one just stops).
 */
int nx__lexmatch_scan(const nx__lexicon *lx, const nx__toklist *toks, nx__lexhit_fn fn,
                      void *payload);

/* The actor mentions of a token list, in token order: *out (free() it; NULL when there are
 * none) holds *n of them. NX_OK or NX_ENOMEM. */
int nx__lexmatch_actors(const nx__lexicon *lx, const nx__toklist *toks, nx__lexhit **out,
                        size_t *n);
/* The same for the mentions of one kind (NX__LEX_ACTOR or NX__LEX_TOPIC). */
int nx__lexmatch_kind(const nx__lexicon *lx, const nx__toklist *toks, int kind, nx__lexhit **out,
                      size_t *n);

#endif
