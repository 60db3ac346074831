#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "compress.h"
#include "error.h"
#include "hash.h"
#include "zdict.h"

/*
 * Blob versions: 1 plain zlib (indexes written before the dictionary, still read); 2 zlib with
 * the preset dictionary of zdict.c, 12.8% smaller on ukraine.jsonl. Only the newest is written.
 */
enum { BLOB_V1 = 1, BLOB_V2 = 2, BLOB_VERSION = BLOB_V2 };
enum { NFIELDS = 6, ARTICLE_MAX = 64 * 1024 * 1024 };

static void fields_of(const nx_article *a, const char *f[NFIELDS], size_t n[NFIELDS])
{
    f[0] = a->id;
    f[1] = a->title;
    f[2] = a->date;
    f[3] = a->source;
    f[4] = a->url;
    f[5] = a->body;
    for (int i = 0; i < NFIELDS; i++)
        n[i] = f[i] ? strlen(f[i]) : 0;
    n[5] = a->body_len;
}

int nx__article_encode(const nx_article *a, nx__buf *out)
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
        rc = nx__deflate_dict(raw.data, raw.len, nx__zdict, nx__zdict_len, out);
    nx__buf_release(&raw);
    return rc;
}

static int corrupt(void)
{
    return nx__error_set(NX_ECORRUPT, "stored article is damaged");
}

int nx__article_decode(nx_article **out, const char *blob, size_t len)
{
    *out = NULL;
    if (len < 1 || (blob[0] != BLOB_V1 && blob[0] != BLOB_V2))
        return corrupt();
    nx__buf raw = NX__BUF_INIT;
    int rc = blob[0] == BLOB_V1
                 ? nx__inflate(blob + 1, len - 1, ARTICLE_MAX, &raw)
                 : nx__inflate_dict(blob + 1, len - 1, nx__zdict, nx__zdict_len, ARTICLE_MAX, &raw);
    if (rc < 0) {
        nx__buf_release(&raw);
        return rc;
    }
    /* Strings follow the struct in the same allocation, each NUL-terminated. */
    nx_article *a = malloc(sizeof *a + raw.len + NFIELDS);
    if (!a) {
        nx__buf_release(&raw);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    char *dst = (char *)(a + 1);
    const char *p = raw.data, *end = raw.data + raw.len;
    const char **fields[NFIELDS] = {&a->id, &a->title, &a->date, &a->source, &a->url, &a->body};
    for (int i = 0; i < NFIELDS; i++) {
        unsigned long long v;
        if (nx__get_varint(&p, end, &v) < 0 || (v && v - 1 > (unsigned long long)(end - p))) {
            free(a);
            nx__buf_release(&raw);
            return corrupt();
        }
        *fields[i] = NULL;
        if (!v)
            continue;
        memcpy(dst, p, (size_t)v - 1);
        dst[v - 1] = '\0';
        *fields[i] = dst;
        if (i == 5)
            a->body_len = (size_t)v - 1;
        dst += v;
        p += v - 1;
    }
    nx__buf_release(&raw);
    if (!a->id || !a->body) {
        free(a);
        return corrupt();
    }
    *out = a;
    return NX_OK;
}

uint64_t nx__article_hash(const nx_article *a, const char *salt)
{
    const char *f[NFIELDS];
    size_t n[NFIELDS];
    fields_of(a, f, n);
    uint64_t h = NX__FNV_INIT;
    for (int i = 0; i < NFIELDS; i++) {
        unsigned char tag = f[i] ? (unsigned char)(i + 1) : 0;
        h = nx__fnv1a(h, &tag, 1);
        h = nx__fnv1a(h, &n[i], sizeof n[i]);
        if (f[i])
            h = nx__fnv1a(h, f[i], n[i]);
    }
    return nx__fnv1a(h, salt, strlen(salt));
}
