/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The story and text keys of copies and the SimHash of near copies (dupkey.h). */
#include "store/dupkey.h"

#include <string.h>

#include "util/hash.h"

/* A key as a value must hold no '\n' byte: values that list names are '\n'-separated, and the
 * facet code splits every value it counts (store/xmset.cc). Such bytes become 0x0b. */
static uint64_t as_key(uint64_t h)
{
    uint64_t out = 0;
    for (int shift = 56; shift >= 0; shift -= 8) {
        uint64_t b = h >> shift & 0xff;
        out = out << 8 | (b == '\n' ? 0x0b : b);
    }
    return out ? out : 1;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Letters and digits count, and every byte of a multi-byte character; the rest separates. */
static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

uint64_t nx__dupkey_story(const char *body, size_t len, const char *id)
{
    uint64_t h = NX__FNV_INIT;
    int gap = 0, any = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)body[i];
        if (!is_word_byte(c)) {
            gap = any;
            continue;
        }
        if (gap) {
            h = nx__hash_fnv1a(h, " ", 1);
            gap = 0;
        }
        unsigned char low = (unsigned char)ascii_lower(c);
        h = nx__hash_fnv1a(h, &low, 1);
        any = 1;
    }
    if (!any) {
        h = nx__hash_fnv1a(NX__FNV_INIT, "id:", 3);
        for (const char *p = id ? id : ""; *p; p++)
            h = nx__hash_fnv1a(h, p, 1);
    }
    return as_key(nx__hash_mix64(h));
}

uint64_t nx__dupkey_passage(const nx__toklist *toks, uint64_t story)
{
    uint64_t h = NX__FNV_INIT;
    if (toks->n < NX__DUPKEY_MIN_WORDS)
        h = nx__hash_fnv1a(h, &story, sizeof story);
    for (size_t i = 0; i < toks->n; i++) {
        h = nx__hash_fnv1a(h, toks->toks[i].term, toks->toks[i].term_len);
        h = nx__hash_fnv1a(h, " ", 1);
    }
    return as_key(nx__hash_mix64(h));
}

/* The next word of body from *at, as the story key reads words: its bytes ASCII lower-cased
 * into word[] (cut at `max` bytes); 0 at the end. */
static size_t next_word(const char *body, size_t len, size_t *at, char *word, size_t max)
{
    size_t i = *at, n = 0;
    while (i < len && !is_word_byte((unsigned char)body[i]))
        i++;
    while (i < len && is_word_byte((unsigned char)body[i])) {
        if (n < max)
            word[n++] = (char)ascii_lower((unsigned char)body[i]);
        i++;
    }
    *at = i;
    return n;
}

enum { WORD_MAX = 64 };

/* The bits of byte `v` as the bytes of a word, 0 or 1 each: byte j is bit j of v. */
static uint64_t spread8(uint64_t v)
{
    uint64_t x = (v * 0x0101010101010101u) & 0x8040201008040201u;
    return (x + 0x7f7f7f7f7f7f7f7fu) >> 7 & 0x0101010101010101u;
}

/* Each bit's vote is counted in a byte of ones[] (bit 8k + j in byte j of ones[k]), 255
 * shingles at most before they are added to count[]: 8 additions a shingle, not 64. */
uint64_t nx__dupkey_simhash(const char *body, size_t len)
{
    uint64_t ones[8] = {0}, count[64] = {0}, shingles = 0;
    char words[NX__DUPKEY_SHINGLE][WORD_MAX + 1]; /* each word and a space, as it is hashed */
    size_t lens[NX__DUPKEY_SHINGLE] = {0}, seen = 0, at = 0, n;
    while ((n = next_word(body, len, &at, words[seen % NX__DUPKEY_SHINGLE], WORD_MAX)) > 0) {
        words[seen % NX__DUPKEY_SHINGLE][n] = ' ';
        lens[seen % NX__DUPKEY_SHINGLE] = n + 1;
        seen++;
        if (seen < NX__DUPKEY_SHINGLE)
            continue;
        uint64_t h = NX__FNV_INIT;
        for (size_t k = seen - NX__DUPKEY_SHINGLE; k < seen; k++)
            h = nx__hash_fnv1a(h, words[k % NX__DUPKEY_SHINGLE], lens[k % NX__DUPKEY_SHINGLE]);
        h = nx__hash_mix64(h);
        for (int k = 0; k < 8; k++)
            ones[k] += spread8(h >> (8 * k) & 0xff);
        if (++shingles % 255 == 0) {
            for (int b = 0; b < 64; b++)
                count[b] += ones[b / 8] >> (8 * (b % 8)) & 0xff;
            memset(ones, 0, sizeof ones);
        }
    }
    if (seen < NX__DUPKEY_SHINGLE || seen < NX__DUPKEY_NEAR_MIN_WORDS)
        return 0;
    uint64_t out = 0;
    for (int b = 0; b < 64; b++) /* more ones than zeros */
        if (2 * (count[b] + (ones[b / 8] >> (8 * (b % 8)) & 0xff)) > shingles)
            out |= (uint64_t)1 << b;
    return out;
}

unsigned int nx__dupkey_distance(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ b;
    unsigned int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

void nx__dupkey_encode(uint64_t key, char out[NX__DUPKEY_LEN])
{
    for (int i = NX__DUPKEY_LEN - 1; i >= 0; i--) {
        out[i] = (char)(key & 0xff);
        key >>= 8;
    }
}

uint64_t nx__dupkey_decode(const char *v, size_t len)
{
    uint64_t key = 0;
    if (len != NX__DUPKEY_LEN)
        return 0;
    for (size_t i = 0; i < len; i++)
        key = key << 8 | (unsigned char)v[i];
    return key;
}
