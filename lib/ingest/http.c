/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HTTP responses from web archives: status line, a few headers, chunked and compressed bodies. */
#include "ingest/http.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/compress.h"
#include "util/error.h"
#include "newsidx.h"

void nx__http_init(nx__http *h)
{
    memset(h, 0, sizeof *h);
    nx__buf_init(&h->buf);
    nx__buf_init(&h->tmp);
}

void nx__http_release(nx__http *h)
{
    nx__buf_release(&h->buf);
    nx__buf_release(&h->tmp);
}

/* The line at *p (up to "\r\n" or "\n"): its length; *p moves past it. -1 when none ends. */
static long next_line(const char **p, const char *end, const char **line)
{
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    if (!nl)
        return -1;
    *line = *p;
    size_t n = (size_t)(nl - *p);
    *p = nl + 1;
    return (long)(n && (*line)[n - 1] == '\r' ? n - 1 : n);
}

/* Copy a header value's token into out, lower case, up to ';' or the end. */
static void copy_token(char *out, size_t cap, const char *v, size_t n, bool lower)
{
    while (n && isspace((unsigned char)*v))
        v++, n--;
    size_t k = 0;
    for (; k < n && k + 1 < cap && v[k] != ';'; k++)
        out[k] = lower ? (char)tolower((unsigned char)v[k]) : v[k];
    while (k && isspace((unsigned char)out[k - 1]))
        k--;
    out[k] = '\0';
}

static void content_type(nx__http *h, const char *v, size_t n)
{
    copy_token(h->type, sizeof h->type, v, n, true);
    for (size_t i = 0; i + 8 <= n; i++) {
        if (!strncasecmp(v + i, "charset=", 8)) {
            size_t k = i + 8;
            if (k < n && (v[k] == '"' || v[k] == '\''))
                k++;
            size_t e = k;
            while (e < n && v[e] != '"' && v[e] != '\'' && v[e] != ';' &&
                   !isspace((unsigned char)v[e]))
                e++;
            copy_token(h->charset, sizeof h->charset, v + k, e - k, false);
            break;
        }
    }
}

struct head {
    bool chunked;
    char coding[32];
};

static int header(nx__http *h, struct head *hd, const char *line, size_t n)
{
    const char *colon = memchr(line, ':', n);
    if (!colon || colon == line)
        return nx__error_set(NX_EINPUT, "malformed HTTP header");
    size_t name = (size_t)(colon - line), vn = n - name - 1;
    const char *v = colon + 1;
    if (name == 12 && !strncasecmp(line, "content-type", 12))
        content_type(h, v, vn);
    else if (name == 17 && !strncasecmp(line, "transfer-encoding", 17)) {
        char te[32];
        copy_token(te, sizeof te, v, vn, true);
        hd->chunked = strstr(te, "chunked") != NULL;
    } else if (name == 16 && !strncasecmp(line, "content-encoding", 16))
        copy_token(hd->coding, sizeof hd->coding, v, vn, true);
    return NX_OK;
}

static int dechunk(nx__http *h, const char *p, const char *end, size_t max_body)
{
    nx__buf_clear(&h->tmp);
    for (;;) {
        const char *line;
        long n = next_line(&p, end, &line);
        if (n < 0)
            return nx__error_set(NX_EINPUT, "truncated chunked body");
        char *stop;
        unsigned long long size = strtoull(line, &stop, 16);
        if (stop == line || !isxdigit((unsigned char)*line))
            return nx__error_set(NX_EINPUT, "bad chunk size");
        if (size == 0)
            return NX_OK; /* trailers, if any, are of no use */
        if (size > (unsigned long long)(end - p) || h->tmp.len + size > max_body)
            return nx__error_set(size > (unsigned long long)(end - p) ? NX_EINPUT : NX_ELIMIT,
                                 "chunk of %llu bytes past the end of the body", size);
        int rc = nx__buf_append(&h->tmp, p, (size_t)size);
        if (rc < 0)
            return rc;
        p += size;
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++;
    }
}

static int decode(nx__http *h, const struct head *hd, const char *p, const char *end,
                  size_t max_body)
{
    h->body = p;
    h->body_len = (size_t)(end - p);
    if (hd->chunked) {
        int rc = dechunk(h, p, end, max_body);
        if (rc < 0)
            return rc;
        h->body = h->tmp.data ? h->tmp.data : "";
        h->body_len = h->tmp.len;
    }
    if (!hd->coding[0] || !strcmp(hd->coding, "identity"))
        return NX_OK;
    if (strcmp(hd->coding, "gzip") && strcmp(hd->coding, "x-gzip") && strcmp(hd->coding, "deflate"))
        return nx__error_set(NX_EINPUT, "unsupported content encoding '%s'", hd->coding);
    nx__buf_clear(&h->buf);
    int rc = nx__compress_inflate_http(h->body, h->body_len, max_body, &h->buf);
    if (rc == NX_ECORRUPT) { /* a damaged payload is this record's problem, not the archive's */
        char why[256];
        snprintf(why, sizeof why, "%s", nx_error_last()->message);
        return nx__error_set(NX_EINPUT, "content encoding '%s': %s", hd->coding, why);
    }
    if (rc < 0)
        return rc;
    h->body = h->buf.data ? h->buf.data : "";
    h->body_len = h->buf.len;
    return NX_OK;
}

int nx__http_parse(nx__http *h, const char *msg, size_t len, size_t max_body)
{
    const char *p = msg, *end = msg + len, *line;
    h->status = 0;
    h->type[0] = h->charset[0] = '\0';
    h->body = NULL;
    h->body_len = 0;
    long n = next_line(&p, end, &line);
    if (n < 10 || strncmp(line, "HTTP/", 5) || !memchr(line, ' ', (size_t)n))
        return nx__error_set(NX_EINPUT, "no HTTP status line");
    const char *code = memchr(line, ' ', (size_t)n) + 1;
    if (end - code < 3 || !isdigit((unsigned char)code[0]) || !isdigit((unsigned char)code[1]) ||
        !isdigit((unsigned char)code[2]))
        return nx__error_set(NX_EINPUT, "no HTTP status code");
    h->status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    struct head hd = {false, ""};
    while ((n = next_line(&p, end, &line)) > 0) {
        int rc = header(h, &hd, line, (size_t)n);
        if (rc < 0)
            return rc;
    }
    if (n < 0)
        return nx__error_set(NX_EINPUT, "HTTP headers without an end");
    return decode(h, &hd, p, end, max_body);
}
