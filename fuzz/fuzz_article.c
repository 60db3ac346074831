/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stored articles (lib/store/article.c, its checksum from lib/util/compress.c): what a damaged
 * index hands the decoder. Two kinds of input:
 *  - starting with 3 (the blob version): the blob as is;
 *  - anything else: byte 0 is a control byte and the rest becomes the body of an article that
 *    the target encodes itself, then damages: low nibble: that byte of the blob is flipped
 *    (0: none), high nibble: that many bytes cut off the end.
 * Each blob is decoded whole and cut at several body lengths. Contract: NX_OK or NX_ECORRUPT
 * (NX_ELIMIT, NX_ENOMEM for sizes) and nothing else; an OK decode has an id and a body, a cut
 * one is the start of the whole one, and an undamaged blob gives the article back.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "store/article.h"
#include "util/buf.h"
#include "fuzz_util.h"
#include "newsidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool allowed(int rc)
{
    return rc == NX_OK || rc == NX_ECORRUPT || rc == NX_ELIMIT || rc == NX_ENOMEM;
}

static void decode_all_ways(const char *blob, size_t len, const nx_article *want)
{
    nx_article *whole = NULL;
    int rc = nx__article_decode(&whole, blob, len);
    FZ_CHECK(allowed(rc));
    FZ_CHECK((rc == NX_OK) == (whole != NULL));
    if (whole) {
        FZ_CHECK(whole->id && whole->body);
        FZ_CHECK(whole->body[whole->body_len] == '\0');
    }
    if (want) {
        FZ_CHECK(whole && whole->body_len == want->body_len);
        FZ_CHECK(memcmp(whole->body, want->body, want->body_len) == 0);
        FZ_CHECK(strcmp(whole->id, want->id) == 0);
    }
    static const size_t cuts[] = {0, 1, 100, 5000};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        nx_article *cut = NULL;
        rc = nx__article_decode_upto(&cut, blob, len, cuts[i]);
        FZ_CHECK(allowed(rc));
        if (!cut)
            continue;
        FZ_CHECK(cut->id && cut->body && cut->body_len <= cuts[i]);
        FZ_CHECK(cut->body[cut->body_len] == '\0');
        if (whole) { /* a prefix of what the whole decode gave */
            size_t n = whole->body_len < cuts[i] ? whole->body_len : cuts[i];
            FZ_CHECK(cut->body_len == n && memcmp(cut->body, whole->body, n) == 0);
            FZ_CHECK(strcmp(cut->id, whole->id) == 0);
        }
        nx_free(cut);
    }
    nx_free(whole);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] == 3) {
        decode_all_ways((const char *)data, size, NULL);
        return 0;
    }
    unsigned flip = data[0] & 0x0f, chop = data[0] >> 4;
    nx_article a = {"fuzz-1", "A title", "2022-03-01", "Wire", NULL, (const char *)data + 1,
                    size - 1};
    if (a.body_len == 0)
        return 0;
    nx__buf blob = NX__BUF_INIT;
    FZ_CHECK(nx__article_encode(&a, &blob) == NX_OK);
    bool damaged = false;
    if (flip && flip < blob.len) {
        blob.data[flip] ^= 0x5a;
        damaged = true;
    }
    if (chop) {
        blob.len = chop < blob.len ? blob.len - chop : 1;
        damaged = true;
    }
    decode_all_ways(blob.data, blob.len, damaged ? NULL : &a);
    nx__buf_release(&blob);
    return 0;
}
