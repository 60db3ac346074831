/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tag/lexmatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

/*
 * Each variant becomes one or two token patterns: its words with hyphenated compounds as
 * parts ("cease-fire" -> cease fire) and, when it has compounds, with their joined forms
 * (ceasefire). Patterns are grouped by kind and first term in a hash table, longest first, so
 * scanning costs one look-up per token and kind.
 */

static const char *tok_str(const nx__token *t, int kind, size_t *len)
{
    *len = kind == NX__LEX_ACTOR ? t->term_len : t->stem_len;
    return kind == NX__LEX_ACTOR ? t->term : t->stem;
}

/* The end of the run of compound parts starting at i, and whether a joined form follows. */
static size_t parts_end(const nx__toklist *l, size_t i, bool *joined)
{
    while (i < l->n && (l->toks[i].flags & NX__TOK_PART))
        i++;
    *joined = i < l->n && (l->toks[i].flags & NX__TOK_JOINED);
    return i;
}

static int push_pat(nx__lexicon *lx, const nx__lexpat *proto, const nx__toklist *l, bool joined)
{
    nx__lexpat *pats = nx__buf_grow(lx->pats, lx->npats, &lx->cappats, sizeof *pats, 256);
    if (!pats)
        return NX_ENOMEM;
    lx->pats = pats;
    nx__lexpat *p = &lx->pats[lx->npats];
    *p = *proto;
    p->off = lx->arena.len;
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < l->n; i++) {
        const nx__token *t = &l->toks[i];
        if (joined && (t->flags & NX__TOK_PART)) {
            bool has_joined;
            size_t e = parts_end(l, i, &has_joined);
            if (has_joined) /* the joined form stands for the run of parts */
                t = &l->toks[i = e];
        } else if (!joined && (t->flags & NX__TOK_JOINED)) {
            continue;
        }
        size_t n;
        const char *s = tok_str(t, p->kind, &n);
        rc = nx__buf_append(&lx->arena, s, n + 1);
        p->nterms++;
    }
    if (rc == NX_OK)
        lx->npats++;
    return rc;
}

int nx__lexmatch_add(nx__lexicon *lx, int kind, size_t entry, size_t variant, size_t line,
                     const nx__toklist *toks)
{
    nx__lexpat proto = {0, NULL, 0, entry, variant, line, kind};
    bool compound = false;
    for (size_t i = 0; i < toks->n; i++)
        compound = compound || (toks->toks[i].flags & NX__TOK_JOINED);
    int rc = push_pat(lx, &proto, toks, false);
    return rc == NX_OK && compound ? push_pat(lx, &proto, toks, true) : rc;
}

static int cmp_terms(const nx__lexpat *a, const nx__lexpat *b)
{
    const char *s = a->s, *t = b->s;
    for (size_t i = 0; i < a->nterms && i < b->nterms; i++) {
        int c = strcmp(s, t);
        if (c)
            return c;
        s += strlen(s) + 1;
        t += strlen(t) + 1;
    }
    return (a->nterms > b->nterms) - (a->nterms < b->nterms);
}

static int cmp_origin(const nx__lexpat *a, const nx__lexpat *b)
{
    if (a->entry != b->entry)
        return a->entry < b->entry ? -1 : 1;
    return (a->variant > b->variant) - (a->variant < b->variant);
}

/* Identical sequences side by side, earliest variant first. */
static int by_sequence(const void *x, const void *y)
{
    const nx__lexpat *a = x, *b = y;
    int c = a->kind - b->kind;
    c = c ? c : cmp_terms(a, b);
    return c ? c : cmp_origin(a, b);
}

/* Grouped by kind and first term, longest first: the scan order. */
static int by_first_longest(const void *x, const void *y)
{
    const nx__lexpat *a = x, *b = y;
    int c = a->kind - b->kind;
    c = c ? c : strcmp(a->s, b->s);
    c = c ? c : (a->nterms < b->nterms) - (a->nterms > b->nterms);
    return c ? c : cmp_origin(a, b);
}

static int conflict(const nx__lexicon *lx, const nx__lexpat *a, const nx__lexpat *b,
                    const char *name)
{
    char words[256] = "";
    if (b->line == 0) { /* name the line of the extending file, not the extended lexicon */
        const nx__lexpat *t = a;
        a = b;
        b = t;
    }
    const char *s = b->s, *kind = b->kind == NX__LEX_ACTOR ? "actor" : "topic";
    for (size_t i = 0, n = 0; i < b->nterms && n < sizeof words; i++, s += strlen(s) + 1)
        n += (size_t)snprintf(words + n, sizeof words - n, "%s%s", i ? " " : "", s);
    return nx__error_set(NX_EINPUT, "%s:%zu: '%s' is a variant of both %s '%s' and %s '%s'", name,
                         b->line, words, kind, lx->arena.data + lx->e[a->kind][a->entry].key, kind,
                         lx->arena.data + lx->e[b->kind][b->entry].key);
}

static uint64_t slot_hash(int kind, const char *s, size_t len)
{
    unsigned char k = (unsigned char)kind;
    return nx__hash_mix64(nx__hash_fnv1a(nx__hash_fnv1a(NX__FNV_INIT, &k, 1), s, len));
}

static int build_slots(nx__lexicon *lx)
{
    size_t groups = 0;
    for (size_t i = 0; i < lx->npats; i++)
        groups += i == 0 || lx->pats[i - 1].kind != lx->pats[i].kind ||
                  strcmp(lx->pats[i - 1].s, lx->pats[i].s) != 0;
    for (lx->nslots = 16; lx->nslots < 2 * groups;)
        lx->nslots *= 2;
    lx->slots = calloc(lx->nslots, sizeof *lx->slots);
    if (!lx->slots)
        return nx__error_set(NX_ENOMEM, "out of memory");
    for (size_t i = 0; i < lx->npats;) {
        const nx__lexpat *p = &lx->pats[i];
        size_t j = i + 1;
        while (j < lx->npats && lx->pats[j].kind == p->kind && strcmp(lx->pats[j].s, p->s) == 0)
            j++;
        size_t h = (size_t)slot_hash(p->kind, p->s, strlen(p->s)) & (lx->nslots - 1);
        while (lx->slots[h].count)
            h = (h + 1) & (lx->nslots - 1);
        lx->slots[h].first = i;
        lx->slots[h].count = j - i;
        i = j;
    }
    return NX_OK;
}

int nx__lexmatch_finish(nx__lexicon *lx, const char *name)
{
    size_t kept = 0;
    for (size_t i = 0; i < lx->npats; i++)
        lx->pats[i].s = lx->arena.data + lx->pats[i].off;
    if (lx->npats)
        qsort(lx->pats, lx->npats, sizeof *lx->pats, by_sequence);
    for (size_t i = 0; i < lx->npats; i++) {
        const nx__lexpat *prev = kept ? &lx->pats[kept - 1] : NULL;
        if (prev && prev->kind == lx->pats[i].kind && cmp_terms(prev, &lx->pats[i]) == 0) {
            if (prev->entry != lx->pats[i].entry)
                return conflict(lx, prev, &lx->pats[i], name);
            continue; /* Çavuşoğlu after Cavusoglu: the first variant speaks for both */
        }
        lx->pats[kept++] = lx->pats[i];
    }
    lx->npats = kept;
    if (lx->npats)
        qsort(lx->pats, lx->npats, sizeof *lx->pats, by_first_longest);
    return build_slots(lx);
}

static const nx__lexslot *find_slot(const nx__lexicon *lx, int kind, const char *s, size_t len)
{
    size_t h = (size_t)slot_hash(kind, s, len) & (lx->nslots - 1);
    for (; lx->slots[h].count; h = (h + 1) & (lx->nslots - 1)) {
        const nx__lexpat *p = &lx->pats[lx->slots[h].first];
        if (p->kind == kind && strlen(p->s) == len && memcmp(p->s, s, len) == 0)
            return &lx->slots[h];
    }
    return NULL;
}

/* Tokens of the list spanned by pattern p starting at i, or 0. Joined forms are stepped over
 * after the first token, and a match never reaches into the next sentence. */
static size_t match(const nx__toklist *l, size_t i, const nx__lexpat *p)
{
    const char *t = p->s;
    size_t k = i;
    for (size_t j = 0; j < p->nterms; j++, t += strlen(t) + 1) {
        if (j > 0) {
            do
                k++;
            while (k < l->n && (l->toks[k].flags & NX__TOK_JOINED));
            if (k >= l->n || (l->toks[k].flags & NX__TOK_SENTENCE))
                return 0;
        }
        size_t n;
        const char *s = tok_str(&l->toks[k], p->kind, &n);
        if (n != strlen(t) || memcmp(s, t, n) != 0)
            return 0;
    }
    return k - i + 1;
}

/* Whether token i follows a given name of the lexicon in its sentence ("Oleksiy Kuleba"). */
static bool after_given_name(const nx__lexicon *lx, const nx__toklist *l, size_t i)
{
    size_t j = i;
    if (lx->given.len == 0 || (l->toks[i].flags & NX__TOK_SENTENCE))
        return false;
    while (j > 0 && (l->toks[j - 1].flags & NX__TOK_JOINED))
        j--;
    if (j == 0 || l->toks[j - 1].pos + 1 != l->toks[i].pos)
        return false;
    return nx__buf_has_line(&lx->given, l->toks[j - 1].term, l->toks[j - 1].term_len);
}

static bool best_at(const nx__lexicon *lx, const nx__toklist *l, size_t i, int kind,
                    nx__lexhit *hit)
{
    size_t n;
    const char *s = tok_str(&l->toks[i], kind, &n);
    const nx__lexslot *slot = find_slot(lx, kind, s, n);
    for (size_t j = 0; slot && j < slot->count; j++) {
        const nx__lexpat *p = &lx->pats[slot->first + j];
        size_t ntok = match(l, i, p);
        if (ntok && kind == NX__LEX_ACTOR && p->nterms == 1 && after_given_name(lx, l, i))
            continue;
        if (ntok) {
            *hit = (nx__lexhit){kind, p->entry, p->variant, i, ntok};
            return true;
        }
    }
    return false;
}

/* A callback's negative value is returned as is; a positive one stops the scan with NX_OK. */
int nx__lexmatch_scan(const nx__lexicon *lx, const nx__toklist *toks, nx__lexhit_fn fn,
                      void *payload)
{
    size_t taken_to[2] = {0, 0}; /* byte where the last mention of each kind ended */
    if (!lx || !toks || !fn)
        return nx__error_set(NX_EINVAL, "missing lexicon, tokens or callback");
    for (size_t i = 0; i < toks->n; i++) {
        for (int kind = 0; kind < 2; kind++) {
            nx__lexhit hit;
            if (toks->toks[i].start < taken_to[kind] || !best_at(lx, toks, i, kind, &hit))
                continue;
            taken_to[kind] = toks->toks[i + hit.ntok - 1].end;
            int rc = fn(&hit, payload);
            if (rc)
                return rc < 0 ? rc : NX_OK;
        }
    }
    return NX_OK;
}

struct kind_hits {
    nx__lexhit *hits;
    size_t n, cap;
    int kind;
};

static int on_kind(const nx__lexhit *hit, void *payload)
{
    struct kind_hits *a = payload;
    if (hit->kind != a->kind)
        return 0;
    nx__lexhit *p = nx__buf_grow(a->hits, a->n, &a->cap, sizeof *p, 8);
    if (!p)
        return NX_ENOMEM;
    a->hits = p;
    a->hits[a->n++] = *hit;
    return 0;
}

int nx__lexmatch_kind(const nx__lexicon *lx, const nx__toklist *toks, int kind, nx__lexhit **out,
                      size_t *n)
{
    struct kind_hits a = {NULL, 0, 0, kind};
    int rc = nx__lexmatch_scan(lx, toks, on_kind, &a);
    if (rc < 0) {
        free(a.hits);
        a.hits = NULL;
        a.n = 0;
    }
    *out = a.hits;
    *n = a.n;
    return rc;
}

int nx__lexmatch_actors(const nx__lexicon *lx, const nx__toklist *toks, nx__lexhit **out, size_t *n)
{
    return nx__lexmatch_kind(lx, toks, NX__LEX_ACTOR, out, n);
}

bool nx__lexmatch_terms_equal(const char *terms, size_t n, const nx__toklist *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->toks[i].flags & NX__TOK_JOINED)
            continue;
        size_t tl = strlen(terms);
        if (k == n || tl != l->toks[i].term_len || memcmp(terms, l->toks[i].term, tl) != 0)
            return false;
        terms += tl + 1;
        k++;
    }
    return k == n;
}
