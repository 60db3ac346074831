/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ingest/lines.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "util/error.h"

/* Each read asks for at least this much; the first buffer is a few blocks. */
enum { BLOCK = 64 * 1024, FIRST_CAP = 4 * BLOCK };
/* Room for a line of NX__LINE_MAX bytes, the block read after it and a NUL. */
#define MAX_CAP ((size_t)NX__LINE_MAX + BLOCK + 1)
#define NONE ((size_t)-1)

void nx__lines_init(nx__lines *l, nx__zfile *z)
{
    memset(l, 0, sizeof *l);
    l->z = z;
    l->nul = NONE;
}

void nx__lines_release(nx__lines *l)
{
    free(l->buf);
    l->buf = NULL;
    l->cap = l->pos = l->end = 0;
}

/* Make room for a block (keeping the bytes from `keep` on) and read into it. */
static int fill(nx__lines *l, size_t keep)
{
    if (l->cap - l->end < BLOCK + 1 && keep > 0) {
        memmove(l->buf, l->buf + keep, l->end - keep);
        l->pos -= keep;
        l->end -= keep;
        l->last = l->last >= keep ? l->last - keep : l->pos;
        l->nul = l->nul != NONE && l->nul >= keep ? l->nul - keep : NONE;
    }
    if (l->cap - l->end < BLOCK + 1) {
        size_t cap = l->cap ? l->cap * 2 : FIRST_CAP;
        if (cap > MAX_CAP)
            cap = MAX_CAP;
        assert(cap - l->end >= BLOCK + 1); /* callers keep at most NX__LINE_MAX bytes */
        char *p = realloc(l->buf, cap);
        if (!p)
            return nx__error_set(NX_ENOMEM, "out of memory");
        l->buf = p;
        l->cap = cap;
    }
    size_t n;
    int rc = nx__compress_zfile_read(l->z, l->buf + l->end, l->cap - l->end - 1, &n);
    if (rc < 0)
        return rc;
    l->end += n;
    l->bytes += n;
    l->eof = n == 0;
    return NX_OK;
}

static int too_long(void)
{
    return nx__error_set(NX_ELIMIT, "line longer than %d MiB", NX__LINE_MAX >> 20);
}

/* The line from pos on has no '\n' in its first NX__LINE_MAX bytes: read past its end. */
static int skip_long(nx__lines *l)
{
    l->lineno++;
    l->pos = l->end = 0;
    while (!l->eof) {
        size_t n;
        int rc = nx__compress_zfile_read(l->z, l->buf, l->cap - 1, &n);
        if (rc < 0)
            return rc;
        l->bytes += n;
        l->eof = n == 0;
        char *nl = n ? memchr(l->buf, '\n', n) : NULL;
        if (nl) {
            l->pos = (size_t)(nl - l->buf) + 1;
            l->end = n;
            break;
        }
    }
    return too_long();
}

/* Hand out buf[pos, at) as a line ending at `at` (a '\n', or the end of the data). */
static int give(nx__lines *l, size_t at, char **line, size_t *len)
{
    l->lineno++;
    l->last = l->pos;
    *line = l->buf + l->pos;
    *len = at - l->pos;
    if (at < l->end)
        l->nul = at;
    l->buf[at] = '\0';
    l->pos = at < l->end ? at + 1 : at;
    return *len > NX__LINE_MAX ? too_long() : NX_OK;
}

int nx__lines_next(nx__lines *l, char **line, size_t *len)
{
    size_t scanned = 0; /* bytes after pos known to hold no '\n' */
    l->nul = NONE;
    *line = NULL;
    *len = 0;
    for (;;) {
        size_t left = l->end - l->pos - scanned;
        char *nl = left ? memchr(l->buf + l->pos + scanned, '\n', left) : NULL;
        if (nl)
            return give(l, (size_t)(nl - l->buf), line, len);
        scanned = l->end - l->pos;
        if (scanned > NX__LINE_MAX)
            return skip_long(l);
        if (l->eof)
            return scanned ? give(l, l->end, line, len) : NX_DONE;
        int rc = fill(l, l->pos);
        if (rc < 0) {
            /* The partial line before the error is not a line. */
            l->lineno++;
            l->pos = l->end;
            return rc;
        }
    }
}

int nx__lines_peek(nx__lines *l, size_t min, const char **p, size_t *len)
{
    assert(min <= NX__LINE_MAX);
    while (l->end - l->pos < min && !l->eof) {
        int rc = fill(l, l->pos);
        /* Bytes before a read error still count; nx__lines_next meets the error again. */
        if (rc < 0 && l->end == l->pos)
            return rc;
        if (rc < 0)
            break;
    }
    *p = l->buf ? l->buf + l->pos : "";
    *len = l->end - l->pos;
    return NX_OK;
}

void nx__lines_drop(nx__lines *l, size_t n)
{
    assert(n <= l->end - l->pos && !memchr(l->buf + l->pos, '\n', n));
    l->pos += n;
}

int nx__lines_rest(nx__lines *l, bool from_last, char **p, size_t *len)
{
    *p = NULL;
    *len = 0;
    if (from_last && l->nul != NONE) {
        l->buf[l->nul] = '\n';
        l->nul = NONE;
    }
    for (;;) {
        size_t from = from_last ? l->last : l->pos;
        bool big = l->end - from > NX__LINE_MAX;
        if ((big || l->eof) && l->buf) {
            *p = l->buf + from;
            *len = l->end - from;
            if (big)
                return NX_ELIMIT;
            l->buf[l->end] = '\0';
            return NX_OK;
        }
        int rc = fill(l, from);
        if (rc < 0)
            return rc;
    }
}

void nx__lines_consume_rest(nx__lines *l)
{
    l->pos = l->end;
    l->nul = NONE;
}

uint64_t nx__lines_tell(const nx__lines *l)
{
    return l->bytes - (l->end - l->pos);
}

uint64_t nx__lines_tell_last(const nx__lines *l)
{
    return l->bytes - (l->end - l->last);
}

void nx__lines_take(nx__lines *l, size_t n)
{
    assert(n <= l->end - l->pos);
    l->pos += n;
    l->nul = NONE;
}

int nx__lines_skip(nx__lines *l, uint64_t n, uint64_t *skipped)
{
    *skipped = 0;
    l->nul = NONE;
    for (;;) {
        size_t have = l->end - l->pos;
        if (have >= n - *skipped) {
            l->pos += (size_t)(n - *skipped);
            *skipped = n;
            return NX_OK;
        }
        *skipped += have;
        l->pos = l->end;
        if (l->eof)
            return NX_OK;
        int rc = fill(l, l->pos);
        if (rc < 0)
            return rc;
    }
}
