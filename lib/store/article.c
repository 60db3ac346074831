/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "store/article.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/compress.h"
#include "util/error.h"
#include "util/hash.h"
#include "store/zdict.h"

/* The blob version: zlib with the preset dictionary of zdict.c (article.h). */
enum { BLOB_VERSION = 2 };
enum { NFIELDS = 6, ARTICLE_MAX = 64 * 1024 * 1024 };
/* Bytes decompressed beyond the wanted body for the fields before it (id, title, date, source,
 * URL); longer ones cost a second try. */
enum { HEAD_GUESS = 1024 };

static void fields_of(const nx_article *a, const char *f[NFIELDS], size_t n[NFIELDS])
{
    f[0] = a->id;
    f[1] = a->title;
    f[2] = a->date;
    f[3] = a->source;
    f[4] = a->url;
    f[5] = a->body;
    for (int i = 0; i < NFIELDS - 1; i++)
        n[i] = f[i] ? strlen(f[i]) : 0;
    n[5] = a->body_len; /* the body need not end in a NUL: never strlen() it */
}

int nx__article_encode(const nx_article *a, nx__buf *out)
{
    return nx__article_encode_with(a, NULL, out);
}

int nx__article_encode_with(const nx_article *a, nx__deflater *z, nx__buf *out)
{
    const char *f[NFIELDS];
    size_t n[NFIELDS];
    fields_of(a, f, n);
    nx__buf raw = NX__BUF_INIT;
    int rc = NX_OK;
    for (int i = 0; i < NFIELDS && rc == NX_OK; i++) {
        rc = nx__buf_put_varint(&raw, f[i] ? n[i] + 1 : 0);
        if (rc == NX_OK && f[i])
            rc = nx__buf_append(&raw, f[i], n[i]);
    }
    if (rc == NX_OK)
        rc = nx__buf_putc(out, (char)BLOB_VERSION);
    if (rc == NX_OK)
        rc = z ? nx__compress_deflater_run(z, raw.data, raw.len, out)
               : nx__compress_deflate_dict(raw.data, raw.len, nx__zdict, nx__zdict_len, out);
    nx__buf_release(&raw);
    return rc;
}

static int corrupt(void)
{
    return nx__error_set(NX_ECORRUPT, "stored article is damaged");
}

/* The first `want` bytes of the blob's fields (all of them when want >= ARTICLE_MAX). */
static int inflate_fields(const char *blob, size_t len, size_t want, nx__buf *raw)
{
    if (want < ARTICLE_MAX)
        return nx__compress_inflate_prefix(blob + 1, len - 1, nx__zdict, nx__zdict_len, want, raw);
    return nx__compress_inflate_dict(blob + 1, len - 1, nx__zdict, nx__zdict_len, ARTICLE_MAX, raw);
}

/*
 * The article in `raw` (its fields, decompressed), the body cut to body_max bytes. When `cut`
 * (raw holds only the start of the fields) and they run past its end, *more is set to the
 * number of bytes to decompress instead and nothing is made.
 */
static int parse(nx_article **out, const nx__buf *raw, bool cut, size_t body_max, size_t *more)
{
    const char *p = raw->data ? raw->data : "", *end = p + raw->len;
    size_t at[NFIELDS], n[NFIELDS];
    bool present[NFIELDS];
    *more = 0;
    for (int i = 0; i < NFIELDS; i++) {
        unsigned long long v;
        const char *before = p;
        if (nx__buf_get_varint(&p, end, &v) < 0) {
            if (cut && end - before < 10) { /* a varint cut in two */
                *more = raw->len * 2;
                return NX_OK;
            }
            return corrupt();
        }
        if (v > ARTICLE_MAX) /* no field is longer than a whole article may be */
            return corrupt();
        present[i] = v != 0;
        n[i] = v ? (size_t)(v - 1) : 0;
        if (i == NFIELDS - 1 && n[i] > body_max)
            n[i] = body_max;
        if (n[i] > (size_t)(end - p)) {
            if (!cut)
                return corrupt();
            size_t need = (size_t)(p - raw->data) + n[i] + (i < NFIELDS - 1 ? 64 : 0);
            /* When cut, body_max < ARTICLE_MAX (see nx__article_decode_upto): no overflow. */
            *more = need + (i < NFIELDS - 1 ? body_max : 0);
            return NX_OK;
        }
        at[i] = (size_t)(p - raw->data);
        p += n[i];
    }
    if (!present[0] || !present[NFIELDS - 1])
        return corrupt();
    /* Strings follow the struct in the same allocation, each NUL-terminated. */
    nx_article *a = malloc(sizeof *a + (size_t)(p - raw->data) + NFIELDS);
    if (!a)
        return nx__error_set(NX_ENOMEM, "out of memory");
    char *dst = (char *)(a + 1);
    const char **fields[NFIELDS] = {&a->id, &a->title, &a->date, &a->source, &a->url, &a->body};
    for (int i = 0; i < NFIELDS; i++) {
        *fields[i] = NULL;
        if (!present[i])
            continue;
        memcpy(dst, raw->data + at[i], n[i]);
        dst[n[i]] = '\0';
        *fields[i] = dst;
        dst += n[i] + 1;
    }
    a->body_len = n[NFIELDS - 1];
    *out = a;
    return NX_OK;
}

int nx__article_decode_upto(nx_article **out, const char *blob, size_t len, size_t body_max)
{
    *out = NULL;
    if (len < 1 || blob[0] != BLOB_VERSION)
        return corrupt();
    nx__buf raw = NX__BUF_INIT;
    size_t want = body_max < ARTICLE_MAX ? body_max + HEAD_GUESS : ARTICLE_MAX, more = 0;
    int rc;
    do {
        nx__buf_clear(&raw);
        if (more)
            want = more < ARTICLE_MAX ? more : ARTICLE_MAX;
        rc = inflate_fields(blob, len, want, &raw);
        if (rc == NX_OK)
            rc = parse(out, &raw, want < ARTICLE_MAX && raw.len >= want, body_max, &more);
    } while (rc == NX_OK && more);
    nx__buf_release(&raw);
    return rc;
}

int nx__article_decode(nx_article **out, const char *blob, size_t len)
{
    return nx__article_decode_upto(out, blob, len, SIZE_MAX);
}

uint64_t nx__article_hash(const nx_article *a, const char *salt)
{
    const char *f[NFIELDS];
    size_t n[NFIELDS];
    fields_of(a, f, n);
    uint64_t h = NX__FNV_INIT;
    for (int i = 0; i < NFIELDS; i++) {
        unsigned char tag = f[i] ? (unsigned char)(i + 1) : 0;
        h = nx__hash_fnv1a(h, &tag, 1);
        h = nx__hash_fnv1a(h, &n[i], sizeof n[i]);
        if (f[i])
            h = nx__hash_fnv1a(h, f[i], n[i]);
    }
    return nx__hash_fnv1a(h, salt, strlen(salt));
}
