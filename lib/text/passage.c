/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/passage.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"
#include "newsidx.h"
#include "text/sentence.h"

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

uint64_t nx__passage_para_hash(const char *s, size_t len)
{
    uint64_t h = NX__FNV_INIT;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            space = true;
            continue;
        }
        if (space) {
            h = nx__hash_fnv1a(h, " ", 1);
            space = false;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = nx__hash_fnv1a(h, &c, 1);
    }
    return h;
}

/* Offset of the end of the paragraph starting at `i`: a newline followed by a line of only
 * whitespace (or the end of the body). */
static size_t para_end(const char *s, size_t len, size_t i, size_t *next)
{
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        if (!nl)
            break;
        size_t j = (size_t)(nl - s) + 1;
        while (j < len && s[j] != '\n' && is_space((unsigned char)s[j]))
            j++;
        if (j >= len || s[j] == '\n') {
            *next = j;
            return (size_t)(nl - s);
        }
        i = j;
    }
    *next = len;
    return len;
}

void nx__passage_paragraphs(const char *body, size_t len, nx__para_fn fn, void *payload)
{
    size_t i = 0;
    while (i < len) {
        size_t next, end = para_end(body, len, i, &next);
        size_t a = i, b = end;
        while (a < b && is_space((unsigned char)body[a]))
            a++;
        while (b > a && is_space((unsigned char)body[b - 1]))
            b--;
        if (b > a)
            fn(body, a, b, payload);
        i = next > i ? next : len;
    }
}

static size_t count_words(const char *s, size_t start, size_t end)
{
    size_t n = 0;
    bool in_word = false;
    for (size_t i = start; i < end; i++) {
        bool sp = is_space((unsigned char)s[i]);
        if (!sp && !in_word)
            n++;
        in_word = !sp;
    }
    return n;
}

struct splitter {
    nx__passage *out;
    size_t n, cap;
    nx__drop_fn drop;
    void *payload;
    size_t dropped;
    int rc;
    bool pending; /* out[n-1] is a short paragraph waiting to merge with the next */
};

static int push(struct splitter *sp, size_t start, size_t end)
{
    nx__passage *p = nx__buf_grow(sp->out, sp->n, &sp->cap, sizeof *p, 16);
    if (!p)
        return NX_ENOMEM;
    sp->out = p;
    sp->out[sp->n].start = start;
    sp->out[sp->n].end = end;
    sp->n++;
    return NX_OK;
}

/* The last whitespace before `limit` (and after `start`), else `limit`: where to cut a run-on
 * sentence so that no word is split. */
static size_t word_cut(const char *s, size_t start, size_t limit)
{
    for (size_t i = limit; i > start + 1; i--)
        if (is_space((unsigned char)s[i - 1]))
            return i - 1;
    while (limit > start && ((unsigned char)s[limit] & 0xc0) == 0x80)
        limit--; /* never cut inside a UTF-8 sequence */
    return limit;
}

static size_t skip_space(const char *s, size_t i, size_t end)
{
    while (i < end && is_space((unsigned char)s[i]))
        i++;
    return i;
}

/* Whole sentences of s[from, end) that keep a passage starting at `a` (holding `words` words
 * before `from`) within the passage maxima, stopping once `target` words are reached: the end of
 * the last one taken, `from` if none fits. */
static size_t take_sentences(const char *s, size_t a, size_t from, size_t end, size_t words,
                             size_t target)
{
    size_t cut = from;
    while (cut < end) {
        size_t next = nx__sentence_next(s, end, cut);
        if (next <= cut)
            next = end;
        size_t w = count_words(s, cut, next);
        if (words + w > NX__PASSAGE_MAX_WORDS || next - a > NX__PASSAGE_MAX_BYTES)
            break;
        words += w;
        cut = next;
        if (words >= target)
            break;
    }
    return cut;
}

/* The end of the next window starting at `a`: whole sentences up to about `target` words,
 * never past the word or byte maximum; a sentence too long on its own is cut at a word. */
static size_t window_end(const char *s, size_t a, size_t end, size_t target)
{
    size_t cut = take_sentences(s, a, a, end, 0, target);
    if (cut > a || a >= end)
        return cut;
    return word_cut(s, a, a + NX__PASSAGE_MAX_BYTES < end ? a + NX__PASSAGE_MAX_BYTES : end);
}

static int split_long(struct splitter *sp, const char *s, size_t start, size_t end, size_t words)
{
    size_t parts = (words + NX__PASSAGE_MAX_WORDS - 1) / NX__PASSAGE_MAX_WORDS;
    size_t bparts = (end - start + NX__PASSAGE_MAX_BYTES - 1) / NX__PASSAGE_MAX_BYTES;
    if (bparts > parts)
        parts = bparts;
    size_t target = parts ? words / parts : words;
    size_t a = start;
    while (a < end) {
        size_t b = window_end(s, a, end, target);
        if (b <= a)
            b = end;
        size_t t = b;
        while (t > a && is_space((unsigned char)s[t - 1]))
            t--;
        if (t > a) {
            int rc = push(sp, a, t);
            if (rc < 0)
                return rc;
        }
        a = skip_space(s, b, end);
    }
    return NX_OK;
}

static void on_paragraph(const char *s, size_t start, size_t end, void *payload)
{
    struct splitter *sp = payload;
    if (sp->rc < 0)
        return;
    if (sp->drop && sp->drop(nx__passage_para_hash(s + start, end - start), sp->payload)) {
        sp->dropped++;
        sp->pending = false; /* never merge across a dropped paragraph */
        return;
    }
    size_t words = count_words(s, start, end);
    if (sp->pending) {
        nx__passage *prev = &sp->out[sp->n - 1];
        size_t pw = count_words(s, prev->start, prev->end);
        sp->pending = false;
        if (pw + words <= NX__PASSAGE_MAX_WORDS && end - prev->start <= NX__PASSAGE_MAX_BYTES) {
            prev->end = end;
            sp->pending = pw + words < NX__PASSAGE_MIN_WORDS;
            return;
        }
    }
    if (words > NX__PASSAGE_MAX_WORDS || end - start > NX__PASSAGE_MAX_BYTES) {
        sp->rc = split_long(sp, s, start, end, words);
        return;
    }
    sp->rc = push(sp, start, end);
    sp->pending = sp->rc == NX_OK && words < NX__PASSAGE_MIN_WORDS;
}

/* A short last passage joins the one before it when they fit together. */
static void merge_short_tail(struct splitter *sp, const char *s)
{
    if (!sp->pending || sp->n < 2)
        return;
    nx__passage *a = &sp->out[sp->n - 2], *b = &sp->out[sp->n - 1];
    size_t words = count_words(s, a->start, b->end);
    if (words <= NX__PASSAGE_MAX_WORDS && b->end - a->start <= NX__PASSAGE_MAX_BYTES) {
        a->end = b->end;
        sp->n--;
    }
}

int nx__passage_split(nx__passage **out, size_t *n, const char *body, size_t len, nx__drop_fn drop,
                      void *payload, size_t *dropped)
{
    struct splitter sp = {NULL, 0, 0, drop, payload, 0, NX_OK, false};
    *out = NULL;
    *n = 0;
    nx__passage_paragraphs(body, len, on_paragraph, &sp);
    if (sp.rc < 0) {
        free(sp.out);
        return sp.rc;
    }
    merge_short_tail(&sp, body);
    *out = sp.out;
    *n = sp.n;
    if (dropped)
        *dropped = sp.dropped;
    return NX_OK;
}
