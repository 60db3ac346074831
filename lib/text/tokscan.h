/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_TOKSCAN_H
#define NX_TOKSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * The tokenizer's lexical pieces (rules in tokenizer.h): where words, their parts, URLs and
 * e-mail addresses start and end in s[0..len), and how a span becomes a folded term. Offsets
 * are byte offsets into s; invalid UTF-8 bytes are separators.
 */

/* One part of a word: letters and digits joined by inner apostrophes, by '.' or ',' between
 * digits and by soft hyphens. */
typedef struct nx__part {
    size_t start, end;
    size_t term_end; /* end without a possessive 's / ’s */
    bool numeric;    /* ASCII digits with '.' or ',' inside only */
} nx__part;

/* Offset of the next word character at or after i, or len. */
size_t nx__tokscan_skip(const char *s, size_t len, size_t i);
/* The part starting at the word character s[i]. */
void nx__tokscan_part(const char *s, size_t len, size_t i, nx__part *pt);
/* Capital letters each followed by '.', at least two, starting at s[i]: "U.S.", "U.K.", "D.C.".
 * True with *end past the last '.'; not when a letter or digit follows ("U.S.Army"). */
bool nx__tokscan_acronym(const char *s, size_t len, size_t i, size_t *end);
/* Is s[i] a hyphen between word characters? If so *next is the offset after it. */
bool nx__tokscan_hyphen(const char *s, size_t len, size_t i, size_t *next);
/* The word whose first part ends at i (a hyphen follows) is all numeric parts (2022-03-01):
 * true with *end past its last part. */
bool nx__tokscan_numeric_compound(const char *s, size_t len, size_t i, size_t *end);
/* The end of a URL whose first part is s[start..part_end) ("http" + "://", "www" + "."),
 * trailing punctuation excluded, or 0 if none starts there. */
size_t nx__tokscan_url(const char *s, size_t len, size_t start, size_t part_end);
/* The end of an e-mail address starting at s[start], or 0. When there is none, *miss is set to
 * an offset before which no other word start can begin one either (keeps scanning linear). */
size_t nx__tokscan_email(const char *s, size_t len, size_t start, size_t *miss);

enum nx__script { NX__SCRIPT_LATIN = 1u << 0, NX__SCRIPT_CYRILLIC = 1u << 1 };
enum nx__build_mode {
    NX__BUILD_TERM, /* words: drop apostrophes, soft hyphens and ',' (1,200 -> 1200) */
    NX__BUILD_RAW,  /* URLs, e-mail, nx__tokenizer_fold: keep every character, only folded */
};

/*
 * Fold s[a..b) (enum nx__build_mode) and append it to `out`, NUL-terminated. Hyphens become
 * '-', curly apostrophes '\'', invalid bytes ' '. *script gets the enum nx__script bits of the
 * result. Returns NX_OK, 1 once the appended text exceeds `limit` bytes (out then holds a
 * prefix), or NX_ENOMEM.
 */
int nx__tokscan_build(nx__buf *out, const char *s, size_t a, size_t b, int mode, size_t limit,
                      unsigned int *script);

#endif
