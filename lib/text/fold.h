#ifndef NX_FOLD_H
#define NX_FOLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Code points: strict UTF-8 decoding, character classes and case/accent folding. The only
 * module that uses utf8proc; the tokenizer and the sentence splitter classify and fold through
 * it. Callers handle ASCII themselves on their fast paths.
 */

/* Bytes one code point may fold to: NFKD expands to at most 18 code points (U+FDFA). */
enum { NX__FOLD_MAX = 128 };

enum nx__cp_props {
    NX__CP_LETTER = 1u << 0,
    NX__CP_DIGIT = 1u << 1, /* any Unicode number (Nd, Nl, No) */
    NX__CP_MARK = 1u << 2,
    NX__CP_LOWER = 1u << 3, /* lower-case letter (Ll) */
    NX__CP_UPPER = 1u << 4, /* upper- or title-case letter (Lu, Lt) */
    NX__CP_WORD = NX__CP_LETTER | NX__CP_DIGIT | NX__CP_MARK,
};

/* Properties of a code point (enum nx__cp_props); 0 for punctuation, symbols, controls. */
unsigned int nx__cp_props(int32_t cp);

/*
 * Write the folded form of `cp` to dst (room for NX__FOLD_MAX bytes) and return its length,
 * 0 when the code point folds to nothing (a mark, a default-ignorable). NFKD, full case
 * folding, marks and ignorables stripped, then ı->i, ł->l, ø->o, đ->d, æ->ae, œ->oe; й and
 * Hangul syllables are kept whole. Stripping marks makes NFKC composition unnecessary.
 */
size_t nx__fold_cp(int32_t cp, char *dst);

/*
 * Decode one code point from s[0..len), len >= 1. Returns it and sets *n to its length, or
 * returns -1 with *n = 1 for an invalid byte: a stray continuation, a truncated sequence, an
 * overlong form, a surrogate or a value above U+10FFFF.
 */
static inline int32_t nx__utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
    unsigned int c = s[0];
    *n = 1;
    if (c < 0x80)
        return (int32_t)c;
    if (c < 0xC2 || c > 0xF4)
        return -1;
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len < need)
        return -1;
    uint32_t cp = c & (0x7Fu >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = cp << 6 | (s[i] & 0x3Fu);
    }
    if (need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        return -1;
    if (need == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        return -1;
    *n = need;
    return (int32_t)cp;
}

#endif
