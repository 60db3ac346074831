/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/boiler.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/hash.h"
#include "newsidx.h"
#include "text/passage.h"
#include "util/u64set.h"

/* 4 x 2^20 16-bit counters (8 MiB) and a 2^24-bit Bloom filter (2 MiB). */
enum { ROWS = 4, COLS_BITS = 20, BLOOM_BITS = 24, SEEN_MAX = 64 };

struct nx__boiler {
    unsigned int threshold;
    uint16_t *sketch;
    uint8_t *bloom;
    nx__u64set known;
    int rc;
    uint64_t seen[SEEN_MAX]; /* paragraphs of the current body, so each counts once */
    size_t nseen;
};

int nx__boiler_new(nx__boiler **out, unsigned int threshold)
{
    *out = NULL;
    nx__boiler *b = calloc(1, sizeof *b);
    if (!b)
        return nx__error_set(NX_ENOMEM, "out of memory");
    b->threshold = threshold ? threshold : NX__BOILER_THRESHOLD;
    nx__u64set_init(&b->known);
    *out = b;
    return NX_OK;
}

void nx__boiler_free(nx__boiler *b)
{
    if (!b)
        return;
    free(b->sketch);
    free(b->bloom);
    nx__u64set_release(&b->known);
    free(b);
}

/* The sketch and filter are allocated on first use: a run that observes nothing pays nothing. */
static int ensure_tables(nx__boiler *b)
{
    if (b->sketch)
        return NX_OK;
    b->sketch = calloc((size_t)ROWS << COLS_BITS, sizeof *b->sketch);
    b->bloom = calloc((size_t)1 << (BLOOM_BITS - 3), 1);
    if (!b->sketch || !b->bloom) {
        free(b->sketch);
        free(b->bloom);
        b->sketch = NULL;
        b->bloom = NULL;
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    return NX_OK;
}

/* Test-and-set in the Bloom filter: true if the body was (probably) seen before. */
static bool bloom_seen(nx__boiler *b, uint64_t h)
{
    bool all = true;
    for (int k = 0; k < 4; k++) {
        uint64_t bit = nx__hash_mix64(h + (uint64_t)k * 0x9e3779b97f4a7c15ULL) &
                       (((uint64_t)1 << BLOOM_BITS) - 1);
        uint8_t mask = (uint8_t)(1u << (bit & 7));
        if (!(b->bloom[bit >> 3] & mask))
            all = false;
        b->bloom[bit >> 3] |= mask;
    }
    return all;
}

static void count_paragraph(const char *body, size_t start, size_t end, void *payload)
{
    nx__boiler *b = payload;
    uint64_t h = nx__passage_para_hash(body + start, end - start);
    for (size_t i = 0; i < b->nseen; i++)
        if (b->seen[i] == h)
            return;
    if (b->nseen < SEEN_MAX)
        b->seen[b->nseen++] = h;
    unsigned int min = UINT16_MAX;
    for (int r = 0; r < ROWS; r++) {
        size_t col = (size_t)(nx__hash_mix64(h ^ ((uint64_t)r << 56)) & ((1u << COLS_BITS) - 1));
        uint16_t *c = &b->sketch[((size_t)r << COLS_BITS) + col];
        if (*c < UINT16_MAX)
            (*c)++;
        if (*c < min)
            min = *c;
    }
    if (min >= b->threshold && b->rc == NX_OK)
        b->rc = nx__u64set_add(&b->known, h);
}

int nx__boiler_observe(nx__boiler *b, const char *body, size_t len)
{
    int rc = ensure_tables(b);
    if (rc < 0)
        return rc;
    if (bloom_seen(b, nx__passage_para_hash(body, len)))
        return NX_OK;
    b->nseen = 0;
    nx__passage_paragraphs(body, len, count_paragraph, b);
    rc = b->rc;
    b->rc = NX_OK;
    return rc;
}

bool nx__boiler_is(const nx__boiler *b, uint64_t para_hash)
{
    return nx__u64set_has(&b->known, para_hash);
}

size_t nx__boiler_known(const nx__boiler *b)
{
    return nx__u64set_size(&b->known);
}

int nx__boiler_load(nx__boiler *b, const char *blob, size_t len)
{
    if (len % 8)
        return nx__error_set(NX_ECORRUPT, "boilerplate table has a bad length (%zu bytes)", len);
    for (size_t i = 0; i < len; i += 8) {
        uint64_t v = 0;
        for (int k = 7; k >= 0; k--)
            v = (v << 8) | (unsigned char)blob[i + (size_t)k];
        int rc = nx__u64set_add(&b->known, v);
        if (rc < 0)
            return rc;
    }
    return NX_OK;
}

struct save_ctx {
    nx__buf *out;
    int rc;
};

static void save_one(uint64_t v, void *payload)
{
    struct save_ctx *c = payload;
    char bytes[8];
    for (int k = 0; k < 8; k++)
        bytes[k] = (char)((v >> (8 * k)) & 0xff);
    if (c->rc == NX_OK)
        c->rc = nx__buf_append(c->out, bytes, 8);
}

int nx__boiler_save(const nx__boiler *b, nx__buf *out)
{
    struct save_ctx c = {out, NX_OK};
    nx__u64set_each(&b->known, save_one, &c);
    return c.rc;
}
