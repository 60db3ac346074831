/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "store/article.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/compress.h"
#include "util/error.h"
#include "util/hash.h"

/* The blob version: the fields as they are, then their CRC-32 (article.h). */
enum { BLOB_VERSION = 3 };
enum { NFIELDS = 6, ARTICLE_MAX = 64 * 1024 * 1024, CRC_LEN = 4 };

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
    const char *f[NFIELDS];
    size_t n[NFIELDS];
    fields_of(a, f, n);
    size_t start = out->len;
    int rc = nx__buf_putc(out, (char)BLOB_VERSION);
    for (int i = 0; i < NFIELDS && rc == NX_OK; i++) {
        rc = nx__buf_put_varint(out, f[i] ? n[i] + 1 : 0);
        if (rc == NX_OK && f[i])
            rc = nx__buf_append(out, f[i], n[i]);
    }
    if (rc == NX_OK) {
        uint32_t crc = nx__compress_crc32(0, out->data + start + 1, out->len - start - 1);
        unsigned char b[CRC_LEN] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                                    (unsigned char)(crc >> 8), (unsigned char)crc};
        rc = nx__buf_append(out, b, sizeof b);
    }
    return rc;
}

static int corrupt(void)
{
    return nx__error_set(NX_ECORRUPT, "stored article is damaged");
}

int nx__article_decode_upto(nx_article **out, const char *blob, size_t len, size_t body_max)
{
    *out = NULL;
    if (len < 1 + CRC_LEN || blob[0] != BLOB_VERSION)
        return corrupt();
    const unsigned char *t = (const unsigned char *)blob + len - CRC_LEN;
    uint32_t crc = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
    if (nx__compress_crc32(0, blob + 1, len - 1 - CRC_LEN) != crc)
        return corrupt();
    const char *p = blob + 1, *end = blob + len - CRC_LEN;
    const char *at[NFIELDS];
    size_t n[NFIELDS], total = 0;
    for (int i = 0; i < NFIELDS; i++) {
        unsigned long long v;
        if (nx__buf_get_varint(&p, end, &v) < 0 || v > ARTICLE_MAX ||
            v - (v > 0) > (size_t)(end - p))
            return corrupt();
        at[i] = v ? p : NULL;
        n[i] = v ? (size_t)(v - 1) : 0;
        p += n[i];
    }
    if (p != end || !at[0] || !at[NFIELDS - 1])
        return corrupt();
    if (n[NFIELDS - 1] > body_max)
        n[NFIELDS - 1] = body_max;
    for (int i = 0; i < NFIELDS; i++)
        total += n[i] + 1;
    /* Strings follow the struct in the same allocation, each NUL-terminated. */
    nx_article *a = malloc(sizeof *a + total);
    if (!a)
        return nx__error_set(NX_ENOMEM, "out of memory");
    char *dst = (char *)(a + 1);
    const char **fields[NFIELDS] = {&a->id, &a->title, &a->date, &a->source, &a->url, &a->body};
    for (int i = 0; i < NFIELDS; i++) {
        *fields[i] = NULL;
        if (!at[i])
            continue;
        memcpy(dst, at[i], n[i]);
        dst[n[i]] = '\0';
        *fields[i] = dst;
        dst += n[i] + 1;
    }
    a->body_len = n[NFIELDS - 1];
    *out = a;
    return NX_OK;
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
