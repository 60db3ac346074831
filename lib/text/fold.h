/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_FOLD_H
#define NX_FOLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Code points: character classes and case/accent folding (decoding is text/utf8.h). The only
 * module that uses utf8proc; the tokenizer and the sentence splitter classify and fold through
 * it. Callers handle ASCII themselves on their fast paths.
 */

/* Bytes one code point may fold to: NFKD expands to at most 18 code points (U+FDFA). */
enum { NX__FOLD_MAX = 128 };

enum nx__fold_cp_props {
    NX__CP_LETTER = 1u << 0,
    NX__CP_DIGIT = 1u << 1, /* any Unicode number (Nd, Nl, No) */
    NX__CP_MARK = 1u << 2,
    NX__CP_LOWER = 1u << 3, /* lower-case letter (Ll) */
    NX__CP_UPPER = 1u << 4, /* upper- or title-case letter (Lu, Lt) */
    NX__CP_WORD = NX__CP_LETTER | NX__CP_DIGIT | NX__CP_MARK,
};

/* Properties of a code point (enum nx__fold_cp_props); 0 for punctuation, symbols, controls. */
unsigned int nx__fold_cp_props(int32_t cp);

/*
 * Write the folded form of `cp` to dst (room for NX__FOLD_MAX bytes) and return its length,
 * 0 when the code point folds to nothing (a mark, a default-ignorable). NFKD, full case
 * folding, marks and ignorables stripped, then ı->i, ł->l, ø->o, đ->d, æ->ae, œ->oe; й and
 * Hangul syllables are kept whole. Stripping marks makes NFKC composition unnecessary.
 */
size_t nx__fold_cp(int32_t cp, char *dst);

#endif
