/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The highlighted, trimmed text of a hit's passage. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "newsidx.h"

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The window [*a, *b) of about `max` bytes holding the most matches. */
static void best_window(const nx_hit *h, size_t max, size_t *a, size_t *b)
{
    size_t best = 0, best_start = h->start;
    for (size_t i = 0; i < h->n_matches; i++) {
        size_t from = h->matches[i].start;
        size_t lead = max / 4; /* some context before the first match */
        from = from - h->start > lead ? from - lead : h->start;
        size_t n = 0;
        for (size_t j = i; j < h->n_matches && h->matches[j].end <= from + max; j++)
            n++;
        if (n > best) {
            best = n;
            best_start = from;
        }
    }
    *a = best_start;
    *b = best_start + max < h->end ? best_start + max : h->end;
    if (*b == h->end && *b - h->start > max)
        *a = *b - max; /* near the end: fill from the left instead */
}

/* Move the window's edges to word boundaries (and never into a UTF-8 sequence). */
static void snap(const nx_hit *h, size_t *a, size_t *b)
{
    const char *s = h->body;
    if (*a > h->start) {
        while (*a < *b && !is_space((unsigned char)s[*a - 1]))
            (*a)++;
    }
    if (*b < h->end) {
        while (*b > *a && !is_space((unsigned char)s[*b]))
            (*b)--;
    }
    while (*a < *b && is_space((unsigned char)s[*a]))
        (*a)++;
    while (*b > *a && is_space((unsigned char)s[*b - 1]))
        (*b)--;
}

/* Copy text, control characters (newlines included) as single spaces. */
static int put_text(nx__buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ctl = c < 0x20 || c == 0x7f;
        if (ctl && out->len && out->data[out->len - 1] == ' ')
            continue;
        int rc = nx__buf_putc(out, ctl ? ' ' : (char)c);
        if (rc < 0)
            return rc;
    }
    return NX_OK;
}

static int render(nx__buf *out, const nx_hit *h, size_t a, size_t b, const nx_snippet_opts *o)
{
    const char *open = o->open ? o->open : "[", *close = o->close ? o->close : "]";
    const char *dots = o->ellipsis ? o->ellipsis : "...";
    int rc = a > h->start ? nx__buf_printf(out, "%s", dots) : NX_OK;
    size_t at = a;
    for (size_t i = 0; rc == NX_OK && i < h->n_matches; i++) {
        const nx_match *m = &h->matches[i];
        if (m->start < at || m->end > b)
            continue;
        rc = put_text(out, h->body + at, m->start - at);
        if (rc == NX_OK)
            rc = nx__buf_printf(out, "%s", open);
        if (rc == NX_OK)
            rc = put_text(out, h->body + m->start, m->end - m->start);
        if (rc == NX_OK)
            rc = nx__buf_printf(out, "%s", close);
        at = m->end;
    }
    if (rc == NX_OK)
        rc = put_text(out, h->body + at, b - at);
    if (rc == NX_OK && b < h->end)
        rc = nx__buf_printf(out, "%s", dots);
    return rc;
}

int nx_snippet(char **out, const nx_hit *hit, const nx_snippet_opts *opts)
{
    static const nx_snippet_opts defaults = NX_SNIPPET_OPTS_INIT;
    if (!out)
        return nx__error_set(NX_EINVAL, "no place for the snippet");
    *out = NULL;
    const nx_snippet_opts *o = opts ? opts : &defaults;
    if (!hit || !hit->body || hit->end > hit->body_len || hit->start > hit->end)
        return nx__error_set(NX_EINVAL, "not a hit with a passage");
    if (o->version != NX_SNIPPET_OPTS_VERSION)
        return nx__error_set(NX_EINVAL, "unknown nx_snippet_opts version %u", o->version);
    size_t a = hit->start, b = hit->end;
    if (o->max_bytes && b - a > o->max_bytes) {
        best_window(hit, o->max_bytes, &a, &b);
        snap(hit, &a, &b);
        if (b <= a) { /* one enormous word: cut anyway, at a character boundary */
            a = hit->start;
            b = a + o->max_bytes;
            while (b > a && ((unsigned char)hit->body[b] & 0xc0) == 0x80)
                b--;
        }
    }
    nx__buf s = NX__BUF_INIT;
    int rc = render(&s, hit, a, b, o);
    if (rc == NX_OK && !(*out = nx__buf_detach(&s)))
        rc = nx__error_set(NX_ENOMEM, "out of memory");
    nx__buf_release(&s);
    return rc;
}
