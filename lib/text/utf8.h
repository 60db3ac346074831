/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_UTF8_H
#define NX_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * UTF-8: the library's one decoder and validity check. Valid means RFC 3629: no stray
 * continuation byte, no sequence cut short, no overlong form, no surrogate (U+D800-U+DFFF), no
 * value above U+10FFFF. Every module that reads UTF-8 decides validity here, so that what the
 * readers accept, what nx_db_put accepts and what the tokenizer and the CLIs decode agree.
 */

/*
 * Decode one code point from s[0..len), len >= 1. Returns it and sets *n to its length, or
 * returns -1 with *n = 1 for an invalid byte. Inline: the tokenizer and the sentence splitter
 * call it once per non-ASCII character.
 */
static inline int32_t nx__utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
    unsigned int c = s[0];
    *n = 1;
    if (c < 0x80)
        return (int32_t)c;
    if (c < 0xC2 || c > 0xF4) /* a continuation byte, an overlong 2-byte lead, past U+10FFFF */
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

/* The offset of the first invalid byte of s[0..len), or len when all of it is valid UTF-8. */
size_t nx__utf8_check(const char *s, size_t len);

#endif
