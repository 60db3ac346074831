/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_TOKENIZER_H
#define NX_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/*
 * The one tokenizer: indexing, query parsing, actor/topic detection and highlighting all use
 * it, so that what a query matches is what was indexed.
 *
 * Terms are case- and accent-folded UTF-8 (utf8proc: NFKC, case fold, marks stripped, plus a
 * few letters without decomposition: ı->i, ł->l, ø->o, đ->d, æ->ae, œ->oe, ß->ss); Cyrillic
 * stays Cyrillic, lower-cased, with ё folded to е and й kept (not stripped to и). Curly apostrophes
 * are straight; a possessive "'s" / "’s" is dropped (Ukraine’s -> ukraine), other inner apostrophes
 * are removed (don't -> dont). Numbers keep inner '.' and ',' between digits (1,200 -> 1200; 3.5
 * -> 3.5); dates like 2022-03-01 stay one token. Dotted acronyms are one word (U.S. -> us). URLs
 * (scheme:// or www.) and e-mail addresses are one token each (folded to lower case).
 *
 * Hyphenated words (cease-fire) give one token per part at consecutive positions (flag
 * NX__TOK_PART) followed by the joined form (ceasefire, flag NX__TOK_JOINED) at the position of
 * the first part, spanning all parts. Tokens longer than NX__TERM_MAX bytes are skipped.
 *
 * Positions count tokens from first_pos; a sentence end (see sentence.h) adds NX__SENTENCE_GAP
 * so that phrase and NEAR queries never reach across sentences. Invalid UTF-8 bytes are
 * separators: never a crash, and the valid text around them is still tokenized.
 *
 * Stems: Snowball "english" for Latin-script words, "russian" for Cyrillic ones; numbers, URLs
 * and e-mail addresses are their own stem.
 */

enum { NX__TERM_MAX = 200, NX__SENTENCE_GAP = 100 };

enum nx__token_flags {
    NX__TOK_NUMBER = 1u << 0, /* digits (maybe with . , - inside) */
    NX__TOK_URL = 1u << 1,
    NX__TOK_EMAIL = 1u << 2,
    NX__TOK_PART = 1u << 3,     /* one part of a hyphenated compound */
    NX__TOK_JOINED = 1u << 4,   /* the joined form of a compound (extra token) */
    NX__TOK_SENTENCE = 1u << 5, /* first token of a sentence (after the first) */
    NX__TOK_CYRILLIC = 1u << 6,
    NX__TOK_POSSESSIVE = 1u << 7, /* its "'s" dropped: Ukraine’s -> ukraine */
    NX__TOK_QUOTE = 1u << 8, /* a double quotation mark (" “ ” „ « ») since the last token */
};

typedef struct nx__token {
    const char *term; /* folded, NUL-terminated */
    size_t term_len;
    const char *stem; /* stemmed term, NUL-terminated (may equal term) */
    size_t stem_len;
    size_t start, end; /* byte offsets of the token in the input */
    uint32_t pos;
    unsigned int flags; /* enum nx__token_flags */
} nx__token;

typedef struct nx__tokenizer nx__tokenizer;

int nx__tokenizer_new(nx__tokenizer **out);
void nx__tokenizer_free(nx__tokenizer *t);
/* Start on `text` (not copied: keep it alive while iterating). */
void nx__tokenizer_reset(nx__tokenizer *t, const char *text, size_t len, uint32_t first_pos);
/* NX_OK with *tok borrowed until the next call, NX_DONE at the end, NX_ENOMEM. */
int nx__tokenizer_next(nx__tokenizer *t, const nx__token **tok);
/* The position the next text should start at to follow this one as a new sentence. */
uint32_t nx__tokenizer_next_pos(const nx__tokenizer *t);

/* A whole text's tokens; term/stem pointers point into `arena`, valid until the list changes. */
typedef struct nx__toklist {
    nx__token *toks;
    size_t n, cap;
    nx__buf arena;
} nx__toklist;

void nx__tokenizer_list_init(nx__toklist *l);
void nx__tokenizer_list_release(nx__toklist *l);
/* Replace l's contents with the tokens of `text`. */
int nx__tokenizer_all(nx__tokenizer *t, const char *text, size_t len, uint32_t first_pos,
                      nx__toklist *l);

/* Fold one word or short string the way the tokenizer folds terms (no splitting), appending to
 * `out`; for lexicon keys and field values. */
int nx__tokenizer_fold(const char *s, size_t len, nx__buf *out);

#endif
