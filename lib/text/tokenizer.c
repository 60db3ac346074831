/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/tokenizer.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "text/fold.h"
#include "newsidx.h"
#include "text/sentence.h"
#include "text/stem.h"
#include "text/tokscan.h"

/* Internal outcome of one step: nothing emitted (a skipped token), scan on. */
enum { AGAIN = 2 };

struct nx__tokenizer {
    const char *s;
    size_t len;
    size_t p;        /* scanning resumes here */
    size_t sent_end; /* end of the sentence holding the last positioned token */
    size_t last_end; /* end of the last positioned token */
    size_t email_miss;
    uint32_t first_pos, pos; /* pos: the next position to hand out */
    bool any;                /* a positioned token was emitted */
    /* a hyphenated word being emitted part by part */
    bool in_compound, joined_long;
    size_t comp_start, comp_parts;
    uint32_t comp_pos;
    unsigned int joined_script;
    nx__buf term, joined; /* reserved once: terms never exceed NX__TERM_MAX + NX__FOLD_MAX */
    nx__stem *stem;
    nx__token tok;
};

int nx__tokenizer_new(nx__tokenizer **out)
{
    *out = NULL;
    nx__tokenizer *t = calloc(1, sizeof(*t));
    if (!t)
        return nx__error_set(NX_ENOMEM, "out of memory");
    nx__buf_init(&t->term);
    nx__buf_init(&t->joined);
    int rc = nx__buf_reserve(&t->term, NX__TERM_MAX + NX__FOLD_MAX + 1);
    if (rc == NX_OK)
        rc = nx__buf_reserve(&t->joined, NX__TERM_MAX + NX__FOLD_MAX + 1);
    if (rc == NX_OK)
        rc = nx__stem_new(&t->stem);
    if (rc < 0) {
        nx__tokenizer_free(t);
        return rc;
    }
    nx__tokenizer_reset(t, "", 0, 0);
    *out = t;
    return NX_OK;
}

void nx__tokenizer_free(nx__tokenizer *t)
{
    if (!t)
        return;
    nx__buf_release(&t->term);
    nx__buf_release(&t->joined);
    nx__stem_free(t->stem);
    free(t);
}

void nx__tokenizer_reset(nx__tokenizer *t, const char *text, size_t len, uint32_t first_pos)
{
    t->s = text;
    t->len = len;
    t->p = t->sent_end = t->last_end = t->email_miss = 0;
    t->first_pos = t->pos = first_pos;
    t->any = t->in_compound = false;
}

uint32_t nx__tokenizer_next_pos(const nx__tokenizer *t)
{
    return t->any ? t->pos + NX__SENTENCE_GAP : t->first_pos;
}

/* The position of a token starting at `start`, opening a new sentence when one ended before. */
static uint32_t take_pos(nx__tokenizer *t, size_t start, unsigned int *flags)
{
    if (start >= t->sent_end) {
        if (t->any) {
            t->pos += NX__SENTENCE_GAP;
            *flags |= NX__TOK_SENTENCE;
        }
        while (t->sent_end <= start && t->sent_end < t->len)
            t->sent_end = nx__sentence_next(t->s, t->len, t->sent_end);
    }
    t->any = true;
    return t->pos++;
}

/* Whether s[a..b) holds a double quotation mark: " “ ” „ « ». */
static bool has_quote(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            return true;
        if (c == 0xC2 && i + 1 < b && (s[i + 1] == '\xAB' || s[i + 1] == '\xBB'))
            return true;
        if (c == 0xE2 && i + 2 < b && s[i + 1] == '\x80' &&
            (s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E'))
            return true;
    }
    return false;
}

/* Fill t->tok for the term in `b`; a stem unless numbers, URLs, e-mail or no Latin/Cyrillic. */
static int finish(nx__tokenizer *t, const nx__buf *b, unsigned int script, size_t start, size_t end,
                  unsigned int flags)
{
    nx__token *k = &t->tok;
    k->term = k->stem = b->data;
    k->term_len = k->stem_len = b->len;
    k->start = start;
    k->end = end;
    if (script & NX__SCRIPT_CYRILLIC)
        flags |= NX__TOK_CYRILLIC;
    if (!(flags & (NX__TOK_NUMBER | NX__TOK_URL | NX__TOK_EMAIL)) &&
        (script & (NX__SCRIPT_LATIN | NX__SCRIPT_CYRILLIC))) {
        int rc = nx__stem_word(t->stem, b->data, b->len, script & NX__SCRIPT_CYRILLIC, &k->stem,
                               &k->stem_len);
        if (rc < 0)
            return rc;
    }
    if (!(flags & NX__TOK_JOINED)) {
        k->pos = take_pos(t, start, &flags);
        if (start > t->last_end && has_quote(t->s, t->last_end, start))
            flags |= NX__TOK_QUOTE;
        t->last_end = end;
    }
    k->flags = flags;
    return NX_OK;
}

/* Fold s[a..b) into t->term: NX_OK, AGAIN when empty or too long, or an error. */
static int build(nx__tokenizer *t, size_t a, size_t b, int mode, unsigned int *script)
{
    nx__buf_clear(&t->term);
    *script = 0;
    int rc = nx__tokscan_build(&t->term, t->s, a, b, mode, NX__TERM_MAX, script);
    if (rc < 0)
        return rc;
    return rc == 1 || t->term.len == 0 ? AGAIN : NX_OK;
}

static int emit(nx__tokenizer *t, size_t a, size_t term_end, size_t end, int mode,
                unsigned int flags)
{
    unsigned int script;
    int rc = build(t, a, term_end, mode, &script);
    return rc == NX_OK ? finish(t, &t->term, script, a, end, flags) : rc;
}

/* "U.S." as the one word "us", as "US" is written too; the letters are ASCII capitals. */
static int emit_acronym(nx__tokenizer *t, size_t a, size_t end)
{
    nx__buf_clear(&t->term);
    for (size_t i = a; i < end; i += 2) {
        char c = (char)(t->s[i] - 'A' + 'a');
        int rc = nx__buf_append(&t->term, &c, 1);
        if (rc < 0)
            return rc;
    }
    return finish(t, &t->term, NX__SCRIPT_LATIN, a, end, 0);
}

/* One part of a hyphenated word: a PART token, its term appended to the joined form. */
static int compound_part(nx__tokenizer *t, const nx__part *pt)
{
    unsigned int script;
    int rc = build(t, pt->start, pt->term_end, NX__BUILD_TERM, &script);
    if (rc != NX_OK) {
        t->joined_long |= t->term.len > 0; /* a part too long makes the whole too long */
        return rc;
    }
    if (t->joined.len + t->term.len > NX__TERM_MAX)
        t->joined_long = true;
    else
        nx__buf_append(&t->joined, t->term.data, t->term.len); /* room reserved: cannot fail */
    t->joined_script |= script;
    rc = finish(t, &t->term, script, pt->start, pt->end,
                NX__TOK_PART | (pt->numeric ? NX__TOK_NUMBER : 0));
    if (rc == NX_OK && t->comp_parts++ == 0)
        t->comp_pos = t->tok.pos;
    return rc;
}

static int compound_next(nx__tokenizer *t)
{
    size_t q;
    nx__part pt;
    if (nx__tokscan_hyphen(t->s, t->len, t->p, &q)) {
        nx__tokscan_part(t->s, t->len, q, &pt);
        t->p = pt.end;
        return compound_part(t, &pt);
    }
    t->in_compound = false;
    if (t->comp_parts < 2 || t->joined_long)
        return AGAIN;
    int rc = finish(t, &t->joined, t->joined_script, t->comp_start, t->p, NX__TOK_JOINED);
    t->tok.pos = t->comp_pos;
    return rc;
}

static int word_next(nx__tokenizer *t)
{
    size_t q = nx__tokscan_skip(t->s, t->len, t->p), e;
    nx__part pt;
    if (q >= t->len) {
        t->p = t->len;
        return NX_DONE;
    }
    nx__tokscan_part(t->s, t->len, q, &pt);
    t->p = pt.end;
    if (pt.end == q + 1 && nx__tokscan_acronym(t->s, t->len, q, &e)) {
        t->p = e;
        return emit_acronym(t, q, e);
    }
    if (pt.end < t->len) {
        char c = t->s[pt.end];
        if ((c == ':' || c == '.') && (e = nx__tokscan_url(t->s, t->len, q, pt.end)) > 0) {
            t->p = e;
            return emit(t, q, e, e, NX__BUILD_RAW, NX__TOK_URL);
        }
        bool maybe_email = c == '@' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
        if (maybe_email && q >= t->email_miss &&
            (e = nx__tokscan_email(t->s, t->len, q, &t->email_miss)) > 0) {
            t->p = e;
            return emit(t, q, e, e, NX__BUILD_RAW, NX__TOK_EMAIL);
        }
    }
    if (!nx__tokscan_hyphen(t->s, t->len, pt.end, &e))
        return emit(t, q, pt.term_end, pt.end, NX__BUILD_TERM,
                    (pt.numeric ? NX__TOK_NUMBER : 0) |
                        (pt.term_end < pt.end ? NX__TOK_POSSESSIVE : 0));
    if (pt.numeric && nx__tokscan_numeric_compound(t->s, t->len, pt.end, &e)) {
        t->p = e; /* a date or a score: 2022-03-01 */
        return emit(t, q, e, e, NX__BUILD_TERM, NX__TOK_NUMBER);
    }
    t->in_compound = true;
    t->joined_long = false;
    t->comp_start = q;
    t->comp_parts = 0;
    t->joined_script = 0;
    nx__buf_clear(&t->joined);
    return compound_part(t, &pt);
}

int nx__tokenizer_next(nx__tokenizer *t, const nx__token **tok)
{
    *tok = NULL;
    for (;;) {
        int rc = t->in_compound ? compound_next(t) : word_next(t);
        if (rc == NX_OK)
            *tok = &t->tok;
        if (rc != AGAIN)
            return rc;
    }
}

void nx__tokenizer_list_init(nx__toklist *l)
{
    l->toks = NULL;
    l->n = l->cap = 0;
    nx__buf_init(&l->arena);
}

void nx__tokenizer_list_release(nx__toklist *l)
{
    free(l->toks);
    nx__buf_release(&l->arena);
    nx__tokenizer_list_init(l);
}

/* Copy k into the list. Its strings go to the arena, which may move while the list grows, so
 * term/stem are set afterwards by fix_pointers(); meanwhile stem == NULL marks "same as term". */
static int push(nx__toklist *l, const nx__token *k)
{
    nx__token *toks = nx__buf_grow(l->toks, l->n, &l->cap, sizeof *toks, 256);
    if (!toks)
        return NX_ENOMEM;
    l->toks = toks;
    bool same = k->stem_len == k->term_len && memcmp(k->stem, k->term, k->term_len) == 0;
    int rc = nx__buf_append(&l->arena, k->term, k->term_len + 1);
    if (rc == NX_OK && !same)
        rc = nx__buf_append(&l->arena, k->stem, k->stem_len + 1);
    if (rc < 0)
        return rc;
    nx__token *d = &l->toks[l->n++];
    *d = *k;
    d->term = NULL;
    d->stem = same ? NULL : "";
    return NX_OK;
}

static void fix_pointers(nx__toklist *l)
{
    const char *p = l->arena.data;
    for (size_t i = 0; i < l->n; i++) {
        nx__token *d = &l->toks[i];
        bool same = d->stem == NULL;
        d->term = p;
        p += d->term_len + 1;
        d->stem = same ? d->term : p;
        if (!same)
            p += d->stem_len + 1;
    }
}

int nx__tokenizer_all(nx__tokenizer *t, const char *text, size_t len, uint32_t first_pos,
                      nx__toklist *l)
{
    const nx__token *k;
    int rc;
    l->n = 0;
    nx__buf_clear(&l->arena);
    nx__tokenizer_reset(t, text, len, first_pos);
    while ((rc = nx__tokenizer_next(t, &k)) == NX_OK) {
        rc = push(l, k);
        if (rc < 0)
            break;
    }
    if (rc < 0) {
        l->n = 0;
        return rc;
    }
    fix_pointers(l);
    return NX_OK;
}

int nx__tokenizer_fold(const char *s, size_t len, nx__buf *out)
{
    unsigned int script = 0;
    size_t i = 0;
    while (i < len) {
        size_t q = nx__tokscan_skip(s, len, i);
        int rc = nx__tokscan_build(out, s, i, q, NX__BUILD_RAW, (size_t)-1, &script);
        if (rc < 0 || q == len)
            return rc < 0 ? rc : NX_OK;
        nx__part pt;
        nx__tokscan_part(s, len, q, &pt);
        rc = nx__tokscan_build(out, s, q, pt.term_end, NX__BUILD_TERM, (size_t)-1, &script);
        if (rc < 0)
            return rc;
        i = pt.end;
    }
    return NX_OK;
}
