/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WARC records one after another: header block, Content-Length bytes of payload, "\r\n\r\n". */
#include "ingest/warc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"
#include "ingest/http.h"
#include "newsidx.h"

/* The end of a record's payload; a payload may be as large as a line. */
#define TRAILER "\r\n\r\n"
/* page_of: the record is no article. */
enum { SKIP = 2 };
enum { TRAILER_LEN = 4, PAYLOAD_MAX = NX__LINE_MAX - TRAILER_LEN, HEADER_MAX = 64 * 1024 };

struct nx__warc {
    nx__lines *lines;
    nx__http http;
    nx__buf target;
    char type[32], date[64], ctype[128];
    uint64_t length, offset;
    bool have_length;
    bool pending; /* the version line of the next record is read already */
    bool resync;  /* look for the next version line first */
    char id[24];
    nx__warc_stats st;
};

int nx__warc_new(nx__warc **out, nx__lines *lines)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return nx__error_set(NX_ENOMEM, "out of memory");
    (*out)->lines = lines;
    nx__http_init(&(*out)->http);
    nx__buf_init(&(*out)->target);
    return NX_OK;
}

void nx__warc_free(nx__warc *w)
{
    if (!w)
        return;
    nx__http_release(&w->http);
    nx__buf_release(&w->target);
    free(w);
}

const nx__warc_stats *nx__warc_stats_get(const nx__warc *w)
{
    return &w->st;
}

const char *nx__warc_date(const nx__warc *w)
{
    return w->date;
}

static bool version_line(const char *s, size_t n)
{
    return n >= 7 && !memcmp(s, "WARC/1.", 7);
}

/* Report the record at w->offset as damaged; the last error's text, if any, says why. */
static int damaged(nx__warc *w, int code, const char *why)
{
    if (code == NX_ELIMIT)
        w->st.too_large++;
    else
        w->st.damaged++;
    return nx__error_set(code, "record at byte %llu: %s", (unsigned long long)w->offset, why);
}

/* The bad record is left behind: read on to the next version line. */
static int resync(nx__warc *w)
{
    char *line;
    size_t len;
    w->resync = false;
    for (;;) {
        uint64_t at = nx__lines_tell(w->lines);
        int rc = nx__lines_next(w->lines, &line, &len);
        if (rc == NX_ELIMIT)
            continue;
        if (rc != NX_OK)
            return rc;
        if (version_line(line, len)) {
            w->pending = true;
            w->offset = at;
            return NX_OK;
        }
    }
}

/* Up to the version line: blank lines between records are fine, anything else is damage. */
static int version(nx__warc *w)
{
    char *line;
    size_t len;
    int rc;
    if (w->resync && (rc = resync(w)) != NX_OK)
        return rc;
    if (w->pending) {
        w->pending = false;
        return NX_OK;
    }
    do {
        w->offset = nx__lines_tell(w->lines);
        rc = nx__lines_next(w->lines, &line, &len);
        if (rc == NX_ELIMIT || (rc == NX_OK && !version_line(line, len) &&
                                !(len == 0 || (len == 1 && line[0] == '\r')))) {
            w->st.records++;
            w->resync = true;
            return damaged(w, NX_EINPUT, "no 'WARC/1.x' version line");
        }
        if (rc != NX_OK)
            return rc;
    } while (!version_line(line, len));
    return NX_OK;
}

static void copy_value(char *out, size_t cap, const char *v, size_t n)
{
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(out, v, k);
    out[k] = '\0';
}

static int field(nx__warc *w, const char *line, size_t n)
{
    const char *colon = memchr(line, ':', n);
    if (!colon || colon == line)
        return NX_EINPUT;
    size_t name = (size_t)(colon - line);
    const char *v = colon + 1, *end = line + n;
    while (v < end && isspace((unsigned char)*v))
        v++;
    while (end > v && isspace((unsigned char)end[-1]))
        end--;
    size_t vn = (size_t)(end - v);
    if (name == 9 && !strncasecmp(line, "WARC-Type", 9))
        copy_value(w->type, sizeof w->type, v, vn);
    else if (name == 9 && !strncasecmp(line, "WARC-Date", 9))
        copy_value(w->date, sizeof w->date, v, vn);
    else if (name == 12 && !strncasecmp(line, "Content-Type", 12))
        copy_value(w->ctype, sizeof w->ctype, v, vn);
    else if (name == 15 && !strncasecmp(line, "WARC-Target-URI", 15)) {
        if (vn >= 2 && v[0] == '<' && v[vn - 1] == '>') /* as some WARC 1.0 writers had it */
            v++, vn -= 2;
        nx__buf_clear(&w->target);
        return nx__buf_append(&w->target, v, vn);
    } else if (name == 14 && !strncasecmp(line, "Content-Length", 14)) {
        char *stop;
        w->length = strtoull(v, &stop, 10);
        w->have_length = vn > 0 && isdigit((unsigned char)*v) && stop == end;
    }
    return NX_OK;
}

static int headers(nx__warc *w)
{
    char *line;
    size_t len, total = 0;
    w->type[0] = w->date[0] = w->ctype[0] = '\0';
    nx__buf_clear(&w->target);
    w->have_length = false;
    w->st.records++;
    for (;;) {
        int rc = nx__lines_next(w->lines, &line, &len);
        if (rc == NX_DONE)
            return damaged(w, NX_EINPUT, "truncated in its header");
        if (rc == NX_ELIMIT || (total += len) > HEADER_MAX) {
            w->resync = true;
            return damaged(w, NX_EINPUT, "header too long");
        }
        if (rc != NX_OK)
            return rc;
        if (len && line[len - 1] == '\r')
            len--;
        if (len == 0)
            break;
        if (version_line(line, len)) { /* a record cut short: this is the next one */
            w->pending = true;
            uint64_t at = nx__lines_tell_last(w->lines);
            rc = damaged(w, NX_EINPUT, "header ends without a blank line");
            w->offset = at;
            return rc;
        }
        if ((rc = field(w, line, len)) != NX_OK) {
            w->resync = true;
            return rc == NX_EINPUT ? damaged(w, rc, "malformed header line") : rc;
        }
    }
    if (!w->have_length) {
        w->resync = true;
        return damaged(w, NX_EINPUT, "missing or bad Content-Length");
    }
    return NX_OK;
}

/* Offset of "\nWARC/1." + 1 in p[from..n), or n. */
static size_t find_version(const char *p, size_t from, size_t n)
{
    for (const char *nl; from < n && (nl = memchr(p + from, '\n', n - from)); from++) {
        from = (size_t)(nl - p) + 1;
        if (n - from >= 7 && version_line(p + from, n - from))
            return from;
    }
    return n;
}

static bool only_line_ends(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n')
            return false;
    return true;
}

/*
 * A payload over 16 MiB is read past line by line up to the next version line, which a
 * record's closing "\r\n\r\n" puts at the start of a line. Found before the declared end (or
 * the input ends first), the Content-Length was impossible: that is damage, and the record
 * found is read next, not swallowed. Else the record was only too large (NX_ELIMIT).
 */
static int oversized(nx__warc *w)
{
    uint64_t rec = w->offset, start = nx__lines_tell(w->lines);
    uint64_t end = w->length > UINT64_MAX - start ? UINT64_MAX : start + w->length;
    int rc = resync(w);
    if (rc < 0)
        return rc;
    bool found = rc == NX_OK;
    uint64_t next = found ? w->offset : nx__lines_tell(w->lines);
    char why[200];
    w->offset = rec;
    if (found && next >= end)
        rc = damaged(w, NX_ELIMIT, "record larger than 16 MiB: skipped");
    else if (found) {
        snprintf(why, sizeof why,
                 "impossible Content-Length %llu: the next record starts at byte %llu",
                 (unsigned long long)w->length, (unsigned long long)next);
        rc = damaged(w, NX_EINPUT, why);
    } else if (next < end) {
        snprintf(why, sizeof why, "impossible Content-Length %llu: the input ends at byte %llu",
                 (unsigned long long)w->length, (unsigned long long)next);
        rc = damaged(w, NX_EINPUT, why);
    } else
        rc = damaged(w, NX_ELIMIT, "record larger than 16 MiB: skipped");
    w->offset = next;
    return rc;
}

/* The payload, held in the line buffer: *p valid until the next read from the lines. */
static int payload(nx__warc *w, const char **p)
{
    size_t got;
    if (w->length > PAYLOAD_MAX)
        return oversized(w);
    size_t len = (size_t)w->length;
    int rc = nx__lines_peek(w->lines, len + TRAILER_LEN, p, &got);
    if (rc < 0)
        return rc;
    if (got >= len + TRAILER_LEN ? !memcmp(*p + len, TRAILER, TRAILER_LEN)
                                 : got >= len && only_line_ends(*p + len, got - len)) {
        nx__lines_take(w->lines, got < len + TRAILER_LEN ? got : len + TRAILER_LEN);
        return NX_OK;
    }
    /* The length is wrong or the record cut short: the next record may start inside. */
    size_t next = find_version(*p, 0, got < len + TRAILER_LEN ? got : len + TRAILER_LEN);
    nx__lines_take(w->lines, next);
    /* Found: the next call reads that version line; else it looks for one. */
    w->resync = next == got || next == len + TRAILER_LEN;
    return damaged(w, NX_EINPUT,
                   got < len ? "truncated payload" : "Content-Length does not match the record");
}

/* An HTTP response with an HTML page: NX_OK, SKIP when the record is no article. */
static int page_of(nx__warc *w, const char *p, nx__page *page)
{
    if (strcasecmp(w->type, "response")) {
        w->st.not_response++;
        return SKIP;
    }
    if (strncasecmp(w->ctype, "application/http", 16)) {
        w->st.not_html++;
        return SKIP;
    }
    nx__http *h = &w->http;
    int rc = nx__http_parse(h, p, (size_t)w->length, NX__LINE_MAX);
    char why[200];
    if (rc == NX_OK && h->status != 200) {
        w->st.not_ok++;
        return SKIP;
    }
    bool html = !strcmp(h->type, "text/html") || !strcmp(h->type, "application/xhtml+xml") ||
                (!h->type[0] && nx__html_sniff(h->body, h->body_len));
    if (rc == NX_OK && !html) {
        w->st.not_html++;
        return SKIP;
    }
    if (rc == NX_OK)
        rc = nx__html_extract(page, h->body, h->body_len, h->charset[0] ? h->charset : NULL,
                              w->target.len ? w->target.data : NULL);
    if (rc == NX_ENOMEM)
        return rc;
    if (rc < 0) {
        snprintf(why, sizeof why, "%s", nx_error_last()->message);
        return damaged(w, rc, why);
    }
    if (!page->date)
        page->date = nx__html_day(w->date);
    return NX_OK;
}

int nx__warc_next(nx__warc *w, nx__page *page, const char **id)
{
    *id = NULL;
    for (;;) {
        const char *p;
        int rc = version(w);
        if (rc == NX_OK)
            rc = headers(w);
        if (rc == NX_OK)
            rc = payload(w, &p);
        if (rc == NX_OK)
            rc = page_of(w, p, page);
        if (rc == SKIP)
            continue;
        if (rc != NX_OK)
            return rc;
        if (!w->target.len)
            return damaged(w, NX_EINPUT, "response without WARC-Target-URI");
        w->st.articles++;
        memcpy(w->id, "url-", 4);
        nx__hash_hex64(nx__hash_fnv1a(NX__FNV_INIT, w->target.data, w->target.len), w->id + 4);
        *id = w->id;
        return NX_OK;
    }
}
