/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "newsidx.h"

void nx__buf_init(nx__buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void nx__buf_release(nx__buf *b)
{
    free(b->data);
    nx__buf_init(b);
}

int nx__buf_reserve(nx__buf *b, size_t extra)
{
    if (extra >= (size_t)-1 - b->len - 1)
        return nx__error_set(NX_ENOMEM, "buffer size overflow");
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return NX_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > (size_t)-1 / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return nx__error_set(NX_ENOMEM, "out of memory");
    b->data = p;
    b->cap = cap;
    return NX_OK;
}

void *nx__buf_grow(void *items, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return items;
    if (*cap > (size_t)-1 / 2 / size || first > (size_t)-1 / size) {
        nx__error_set(NX_ENOMEM, "array size overflow");
        return NULL;
    }
    size_t want = *cap ? *cap * 2 : first;
    void *p = realloc(items, want * size);
    if (!p) {
        nx__error_set(NX_ENOMEM, "out of memory");
        return NULL;
    }
    *cap = want;
    return p;
}

int nx__buf_append(nx__buf *b, const void *data, size_t len)
{
    int rc = nx__buf_reserve(b, len);
    if (rc < 0)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return NX_OK;
}

int nx__buf_putc(nx__buf *b, char c)
{
    return nx__buf_append(b, &c, 1);
}

int nx__buf_printf(nx__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return nx__error_set(NX_ERROR, "bad format '%s'", fmt);
    int rc = nx__buf_reserve(b, (size_t)n);
    if (rc < 0)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return NX_OK;
}

int nx__buf_put_varint(nx__buf *b, unsigned long long v)
{
    char tmp[10];
    size_t n = 0;
    do {
        unsigned char byte = v & 0x7f;
        v >>= 7;
        tmp[n++] = (char)(byte | (v ? 0x80 : 0));
    } while (v);
    return nx__buf_append(b, tmp, n);
}

int nx__buf_put_bytes(nx__buf *b, const void *data, size_t len)
{
    int rc = nx__buf_put_varint(b, len);
    return rc < 0 ? rc : nx__buf_append(b, data, len);
}

void nx__buf_clear(nx__buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *nx__buf_detach(nx__buf *b)
{
    if (!b->data && nx__buf_reserve(b, 0) < 0)
        return NULL;
    b->data[b->len] = '\0';
    char *p = b->data;
    nx__buf_init(b);
    return p;
}

int nx__buf_get_varint(const char **p, const char *end, unsigned long long *v)
{
    unsigned long long r = 0;
    for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char byte = (unsigned char)*(*p)++;
        r |= (unsigned long long)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

int nx__buf_get_bytes(const char **p, const char *end, const char **data, size_t *len)
{
    unsigned long long n;
    if (nx__buf_get_varint(p, end, &n) < 0 || n > (unsigned long long)(end - *p))
        return -1;
    *data = *p;
    *len = (size_t)n;
    *p += n;
    return 0;
}

bool nx__buf_next_line(const nx__buf *list, size_t *at, const char **line, size_t *len)
{
    if (*at >= list->len)
        return false;
    const char *p = list->data + *at, *nl = memchr(p, '\n', list->len - *at);
    *line = p;
    *len = nl ? (size_t)(nl - p) : list->len - *at;
    *at += *len + 1;
    return true;
}

bool nx__buf_has_line(const nx__buf *list, const char *s, size_t n)
{
    size_t at = 0, len;
    const char *line;
    while (nx__buf_next_line(list, &at, &line, &len))
        if (len == n && memcmp(line, s, n) == 0)
            return true;
    return false;
}

int nx__buf_add_line(nx__buf *list, const char *s, size_t n)
{
    int rc = list->len ? nx__buf_putc(list, '\n') : NX_OK;
    return rc < 0 ? rc : nx__buf_append(list, s, n);
}
