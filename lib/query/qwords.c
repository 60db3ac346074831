/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qwords.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/bm25.h"

#include "store/db.h"
#include "store/schema.h"
#include "tag/lexicon.h"
#include "tag/lexsuggest.h"
#include "text/stopword.h"
#include "util/buf.h"
#include "util/error.h"

int nx__qwords_init(struct nx__qb *b, nx_db *db, nx__qplan *p)
{
    memset(b, 0, sizeof *b);
    b->db = db;
    b->p = p;
    nx__tokenizer_list_init(&b->tl);
    nx__buf_init(&b->term);
    nx__buf_init(&b->remarks);
    return NX_OK;
}

void nx__qwords_release(struct nx__qb *b)
{
    nx__tokenizer_list_release(&b->tl);
    nx__buf_release(&b->term);
    nx__buf_release(&b->remarks);
}

void *nx__qwords_fail(struct nx__qb *b, int rc)
{
    if (b->rc == NX_OK && rc < 0)
        b->rc = rc;
    return NULL;
}

struct nx__xq *nx__qwords_combine(struct nx__qb *b, int op, struct nx__xq **subs, size_t n,
                                  unsigned int param)
{
    size_t m = 0;
    for (size_t i = 0; subs && i < n; i++)
        if (subs[i])
            subs[m++] = subs[i];
    struct nx__xq *q = NULL;
    if (m == 1 && op != NX__XQ_NEAR && op != NX__XQ_PHRASE)
        q = subs[0], m = 0;
    else if (m && b->rc == NX_OK)
        nx__qwords_fail(b, nx__xq_op(&q, op, subs, m, param));
    for (size_t i = 0; i < m; i++)
        nx__xq_free(subs[i]);
    free(subs);
    return b->rc == NX_OK ? q : (nx__xq_free(q), NULL);
}

struct nx__xq *nx__qwords_pair(struct nx__qb *b, int op, struct nx__xq *a, struct nx__xq *c)
{
    if (!a || !c)
        return a ? a : c;
    struct nx__xq **subs = malloc(2 * sizeof *subs);
    if (!subs) {
        nx__xq_free(a);
        nx__xq_free(c);
        return nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    }
    subs[0] = a;
    subs[1] = c;
    return nx__qwords_combine(b, op, subs, 2, 0);
}

struct nx__xq *nx__qwords_scale(struct nx__qb *b, struct nx__xq *q, double factor)
{
    struct nx__xq *s = NULL;
    if (q && b->rc == NX_OK)
        nx__qwords_fail(b, nx__xq_scale(&s, q, factor));
    nx__xq_free(q);
    return s;
}

struct nx__xq *nx__qwords_match_all(struct nx__qb *b)
{
    struct nx__xq *q = NULL;
    nx__qwords_fail(b, nx__xq_match_all(&q));
    return q;
}

/* A term query for prefix + s, noted for highlighting (kind) and --explain. */
static struct nx__xq *term(struct nx__qb *b, const char *prefix, const char *s, size_t len,
                           char kind, uint32_t pos)
{
    if (b->rc < 0)
        return NULL;
    nx__buf_clear(&b->term);
    int rc = nx__buf_append(&b->term, prefix, strlen(prefix));
    if (rc == NX_OK)
        rc = nx__buf_append(&b->term, s, len);
    if (rc == NX_OK && !b->negated && kind)
        rc = nx__u64set_add(&b->p->hl, nx__qplan_hl_key(kind, s, len));
    if (rc == NX_OK && !b->negated) {
        nx__buf *noted = b->whole ? &b->p->whole : &b->p->terms;
        if (noted->len)
            rc = nx__buf_putc(noted, '\n');
        if (rc == NX_OK)
            rc = nx__buf_append(noted, b->term.data, b->term.len);
    }
    struct nx__xq *q = NULL;
    if (rc == NX_OK)
        rc = nx__xq_term(&q, b->term.data, b->term.len, 1, pos);
    return rc < 0 ? nx__qwords_fail(b, rc) : q;
}

struct nx__xq *nx__qwords_term(struct nx__qb *b, const char *prefix, const char *s, size_t len,
                               char kind)
{
    return term(b, prefix, s, len, kind, 0);
}

static void hl_add(struct nx__qb *b, char kind, const char *s, size_t len)
{
    if (!b->negated)
        nx__qwords_fail(b, nx__u64set_add(&b->p->hl, nx__qplan_hl_key(kind, s, len)));
}

/* A word of a phrase or NEAR (`pos` its place in a phrase, else 0): its stem in the body, which
 * carries the positions (schema.h). */
static struct nx__xq *positional(struct nx__qb *b, const nx__token *t, uint32_t pos)
{
    return term(b, NX__P_STEM, t->stem, t->stem_len, 's', pos);
}

/* The words of variant `text` (stems, as the body carries positions) as a phrase. */
static struct nx__xq *spelling(struct nx__qb *b, const char *text, nx__toklist *tl)
{
    int rc = nx__tokenizer_all(b->db->tok, text, strlen(text), 1, tl);
    struct nx__xq **parts = rc == NX_OK ? calloc(tl->n ? tl->n : 1, sizeof *parts) : NULL;
    if (rc == NX_OK && !parts)
        rc = nx__error_set(NX_ENOMEM, "out of memory");
    if (rc < 0)
        return nx__qwords_fail(b, rc);
    size_t k = 0;
    for (size_t i = 0; i < tl->n; i++)
        if (!(tl->toks[i].flags & NX__TOK_JOINED))
            parts[k] = positional(b, &tl->toks[i], (uint32_t)k + 1), k++;
    return nx__qwords_combine(b, k > 1 ? NX__XQ_PHRASE : NX__XQ_OR, parts, k, 0);
}

/* The spellings a reader's lexicon file added to entry `key` (nx__lexicon_extend): no passage
 * was tagged with them, so they match by their words, each a phrase, together one synonym (a
 * passage counts as often as it names the entry). NULL when there are none. */
static struct nx__xq *added_spellings(struct nx__qb *b, int kind, const char *key)
{
    const nx__lexicon *lx = b->db->lex;
    long e = nx__lexicon_find(lx, kind, key, strlen(key));
    size_t from = e < 0 ? 0 : nx__lexicon_variant_tagged(lx, kind, (size_t)e);
    size_t nv = e < 0 ? 0 : nx__lexicon_variant_count(lx, kind, (size_t)e);
    if (from >= nv || b->rc < 0)
        return NULL;
    struct nx__xq **forms = calloc(nv - from, sizeof *forms);
    if (!forms)
        return nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    nx__toklist tl;
    nx__tokenizer_list_init(&tl);
    for (size_t j = from; j < nv && b->rc == NX_OK; j++)
        forms[j - from] = spelling(b, nx__lexicon_variant(lx, kind, (size_t)e, j), &tl);
    nx__tokenizer_list_release(&tl);
    return nx__qwords_combine(b, NX__XQ_SYNONYM, forms, nv - from, 0);
}

/* An entry's tag, or one of the spellings added at query time. */
static struct nx__xq *tag_or_added(struct nx__qb *b, int kind, const char *prefix, const char *key,
                                   char hl)
{
    struct nx__xq *tag = term(b, prefix, key, strlen(key), hl, 0);
    return nx__qwords_pair(b, NX__XQ_OR, tag, added_spellings(b, kind, key));
}

/* An actor: the passages naming them or, in transcripts, where they speak. A turn weighs only
 * where the passage does not name them: where it does, the name (often the turn's own label)
 * is the mention already. Asked for outside a NOT, their words weigh more (nx__qremarks_boost). */
double nx__qwords_speaker_scale(struct nx__xdb *x, const char *key, size_t len)
{
    struct nx__xstats st;
    char named[256], speaking[256];
    uint64_t n_named = 0, n_speaking = 0;
    int a = snprintf(named, sizeof named, "%s%.*s", NX__P_ACTOR, (int)len, key);
    int s = snprintf(speaking, sizeof speaking, "%s%.*s", NX__P_SPEAKER, (int)len, key);
    if (a < 0 || s < 0 || (size_t)a >= sizeof named || (size_t)s >= sizeof speaking ||
        nx__xdb_stats(x, &st) != NX_OK ||
        nx__xdb_termfreq(x, named, (size_t)a, &n_named) != NX_OK ||
        nx__xdb_termfreq(x, speaking, (size_t)s, &n_speaking) != NX_OK || !n_named || !n_speaking)
        return NX_SPEAKER_WEIGHT;
    double idf_named = nx__bm25_idf((double)st.doccount, (double)n_named);
    double idf_speaking = nx__bm25_idf((double)st.doccount, (double)n_speaking);
    return idf_speaking > 0 ? NX_SPEAKER_WEIGHT * idf_named / idf_speaking : NX_SPEAKER_WEIGHT;
}

static struct nx__xq *actor_term(struct nx__qb *b, const char *key)
{
    if (!b->negated && b->rc == NX_OK && !nx__buf_has_line(&b->remarks, key, strlen(key)))
        nx__qwords_fail(b, nx__buf_add_line(&b->remarks, key, strlen(key)));
    struct nx__xq *named = tag_or_added(b, NX__LEX_ACTOR, NX__P_ACTOR, key, 'a');
    if (NX_SPEAKER_WEIGHT <= 0) /* turns off (bench/ablation.py): the name only */
        return named;
    struct nx__xq *speaking = term(b, NX__P_SPEAKER, key, strlen(key), 0, 0);
    struct nx__xq *unnamed =
        nx__qwords_pair(b, NX__XQ_AND_NOT, speaking, term(b, NX__P_ACTOR, key, strlen(key), 0, 0));
    double scale = nx__qwords_speaker_scale(b->db->x, key, strlen(key));
    return nx__qwords_pair(b, NX__XQ_OR, named, nx__qwords_scale(b, unnamed, scale));
}

/* "unknown actor 'lavorv'", with "; did you mean: lavrov?" when the lexicon has near keys. */
static int unknown(struct nx__qb *b, int kind, const char *name, size_t len)
{
    const char *what = kind == NX__LEX_ACTOR ? "actor" : "topic";
    size_t near[NX__LEXSUGGEST_MAX];
    size_t n = nx__lexsuggest_find(near, b->db->lex, kind, name, len);
    const char *k[NX__LEXSUGGEST_MAX] = {""};
    for (size_t i = 0; i < n; i++)
        k[i] = nx__lexicon_key(b->db->lex, kind, near[i]);
    if (n == 0)
        return nx__error_set(NX_ENOTFOUND, "unknown %s '%.*s'", what, (int)(len > 100 ? 100 : len),
                             name);
    return nx__error_set(NX_ENOTFOUND, "unknown %s '%.*s'; did you mean: %s%s%s%s%s?", what,
                         (int)(len > 100 ? 100 : len), name, k[0], n > 1 ? ", " : "",
                         n > 1 ? k[1] : "", n > 2 ? ", " : "", n > 2 ? k[2] : "");
}

static long lexicon_entry(struct nx__qb *b, int kind, const char *name, size_t len)
{
    long i = name ? nx__lexicon_find(b->db->lex, kind, name, len) : -1;
    if (i < 0)
        nx__qwords_fail(b, unknown(b, kind, name ? name : "", name ? len : 0));
    return i;
}

struct nx__xq *nx__qwords_lexicon_term(struct nx__qb *b, int kind, const char *name, size_t len)
{
    long i = lexicon_entry(b, kind, name, len);
    if (i < 0)
        return NULL;
    const char *key = nx__lexicon_key(b->db->lex, kind, (size_t)i);
    if (kind == NX__LEX_ACTOR)
        return actor_term(b, key);
    return tag_or_added(b, NX__LEX_TOPIC, NX__P_TOPIC, key, 't');
}

struct nx__xq *nx__qwords_actor_field(struct nx__qb *b, const char *prefix, const char *name,
                                      size_t len, char kind)
{
    long i = lexicon_entry(b, NX__LEX_ACTOR, name, len);
    if (i < 0)
        return NULL;
    const char *key = nx__lexicon_key(b->db->lex, NX__LEX_ACTOR, (size_t)i);
    b->whole = true;
    struct nx__xq *q = term(b, prefix, key, strlen(key), kind, 0);
    b->whole = false;
    return q;
}

/* A hyphenated compound: its joined form, or its parts as a phrase (in a field without
 * positions, such as title:, all its parts). */
static struct nx__xq *compound(struct nx__qb *b, size_t first, size_t joined, bool field,
                               const char *sprefix)
{
    const nx__token *j = &b->tl.toks[joined];
    struct nx__xq **parts = calloc(joined - first, sizeof *parts);
    if (!parts)
        return nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    for (size_t i = first; i < joined; i++) {
        const nx__token *t = &b->tl.toks[i];
        parts[i - first] = field ? term(b, sprefix, t->stem, t->stem_len, 's', 0)
                                 : positional(b, t, (uint32_t)(i - first + 1));
    }
    struct nx__xq *phrase =
        nx__qwords_combine(b, field ? NX__XQ_AND : NX__XQ_PHRASE, parts, joined - first, 0);
    hl_add(b, 'w', j->term, j->term_len);
    return nx__qwords_pair(b, NX__XQ_OR, term(b, sprefix, j->stem, j->stem_len, 's', 0), phrase);
}

/* The loose units of one piece of text, in text order. */
struct units {
    struct nx__xq **q;
    size_t n;
};

static void add_unit(struct units *u, struct nx__xq *q)
{
    u->q[u->n++] = q;
}

/* The text's actor mentions (nx__lexmatch_actors), scanned once for all that loose() builds. */
struct mentions {
    nx__lexhit *m;
    size_t n;
};

/* Loose words in text order: actor mentions (*ms) as their tag, compounds, stems. */
static void loose_units(struct nx__qb *b, struct units *u, bool *used, unsigned flags,
                        const struct mentions *ms, const char *sprefix)
{
    const nx__toklist *l = &b->tl;
    const nx__lexhit *m = ms->m;
    size_t n_m = ms->n;
    size_t content = 0, next_mention = 0;
    for (size_t i = 0; i < l->n; i++)
        content += !(l->toks[i].flags & NX__TOK_JOINED) &&
                   !nx__stopword(l->toks[i].term, l->toks[i].term_len);
    for (size_t i = 0; i < l->n && b->rc == NX_OK; i++) {
        const nx__token *t = &l->toks[i];
        if (next_mention < n_m && m[next_mention].first == i) {
            const nx__lexhit *sp = &m[next_mention++];
            const char *key = nx__lexicon_key(b->db->lex, NX__LEX_ACTOR, sp->entry);
            add_unit(u, (flags & NX__QW_POSITIONAL) ? term(b, NX__P_ACTOR, key, strlen(key), 'a', 0)
                                                    : actor_term(b, key));
            for (size_t k = i; k < i + sp->ntok && k < l->n; k++)
                used[k] = true;
            size_t last = i + sp->ntok; /* the joined form of a compound inside the mention */
            if (last < l->n && (l->toks[last].flags & NX__TOK_JOINED) &&
                l->toks[last].end <= l->toks[last - 1].end)
                used[last] = true;
        }
        if (used[i])
            continue;
        size_t j = i;
        while (j < l->n && (l->toks[j].flags & NX__TOK_PART))
            j++;
        if (j > i && j < l->n && (l->toks[j].flags & NX__TOK_JOINED) && !used[j]) {
            const nx__token *jt = &l->toks[j];
            add_unit(u, (flags & NX__QW_POSITIONAL)
                            ? positional(b, jt, 0)
                            : compound(b, i, j, (flags & NX__QW_FIELD) != 0, sprefix));
            for (size_t k = i; k <= j; k++)
                used[k] = true;
            continue;
        }
        if (content && nx__stopword(t->term, t->term_len))
            continue;
        add_unit(u, (flags & NX__QW_POSITIONAL) ? positional(b, t, 0)
                                                : term(b, sprefix, t->stem, t->stem_len, 's', 0));
        hl_add(b, 'w', t->term, t->term_len);
    }
}

/* Passages holding every loose word get this share of their weight again: BM25 alone lets a
 * passage full of two common query words beat one with all of them (tuned on shared/eval,
 * docs/ranking.md). */
#ifndef NX_COORD_BOOST
#define NX_COORD_BOOST 0.5
#endif

/* A text naming two or more actors asks about them together (a call, a meeting): passages where
 * they meet in one sentence get this share of the actors' weight again (tuned on shared/eval). */
#ifndef NX_ACTOR_NEAR_BOOST
#define NX_ACTOR_NEAR_BOOST 0.5
#endif

/* A second set of the loose units, for a boost (combinators consume their leaves). */
static struct units fresh_units(struct nx__qb *b, unsigned flags, const struct mentions *ms,
                                const char *sprefix)
{
    struct units v = {calloc(b->tl.n, sizeof(void *)), 0};
    bool *used = calloc(b->tl.n, sizeof *used);
    if (v.q && used)
        loose_units(b, &v, used, flags, ms, sprefix);
    else
        nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    free(used);
    return v;
}

/* Keep the first mention of each entry of m[0, n); their number. */
static size_t distinct(nx__lexhit *m, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && m[j].entry != m[i].entry)
            j++;
        if (j == k)
            m[k++] = m[i];
    }
    return k;
}

/* The distinct actors named in the text within one sentence of each other, or NULL for fewer
 * than two. NEAR takes plain terms, so these are new leaves without the actor scaling. Keeps
 * only the first mention of each actor in *ms. */
static struct nx__xq *actors_near(struct nx__qb *b, struct mentions *ms)
{
    const nx__lexhit *m = ms->m;
    size_t n = ms->n = distinct(ms->m, ms->n);
    struct nx__xq **subs = n > 1 ? calloc(n, sizeof *subs) : NULL;
    if (n > 1 && !subs)
        nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    for (size_t i = 0; subs && i < n; i++) {
        const char *key = nx__lexicon_key(b->db->lex, NX__LEX_ACTOR, m[i].entry);
        subs[i] = term(b, NX__P_ACTOR, key, strlen(key), 'a', 0);
    }
    return nx__qwords_combine(b, NX__XQ_NEAR, subs, subs ? n : 0, NX__SENTENCE_GAP);
}

/* OR of the loose units, weighted up by the AND of a second set (scaled by NX_COORD_BOOST) and,
 * for body words, by the named actors meeting in a sentence (NX_ACTOR_NEAR_BOOST). Both boosts
 * match only passages the OR matches, so they are OR-ed in: the weights are those of AND_MAYBE,
 * but Xapian evaluates the NEAR over its own few candidates, where under AND_MAYBE it tested
 * it at every passage of the OR ("Zelenskyy Putin" on ukraine: 0.5 instead of 5.7 ms). */
static struct nx__xq *loose(struct nx__qb *b, struct nx__xq **units, bool *used, unsigned flags,
                            const char *sprefix)
{
    struct units u = {units, 0};
    struct mentions ms = {NULL, 0};
    if (!(flags & NX__QW_FIELD)) /* title: and other fields carry no actor tags */
        nx__qwords_fail(b, nx__lexmatch_actors(b->db->lex, &b->tl, &ms.m, &ms.n));
    loose_units(b, &u, used, flags, &ms, sprefix);
    bool coord = u.n > 1 && !(flags & (NX__QW_ALL | NX__QW_POSITIONAL));
    int op = (flags & NX__QW_ALL) ? NX__XQ_AND : NX__XQ_OR;
    struct nx__xq *q = nx__qwords_combine(
        b, (flags & NX__QW_POSITIONAL) && u.n > 1 ? NX__XQ_PHRASE : op, units, u.n, 0);
    if (coord) {
        struct units v = fresh_units(b, flags, &ms, sprefix);
        struct nx__xq *all = nx__qwords_combine(b, NX__XQ_AND, v.q, v.n, 0);
        q = nx__qwords_pair(b, NX__XQ_OR, q, nx__qwords_scale(b, all, NX_COORD_BOOST));
    }
    if (coord && !(flags & NX__QW_FIELD))
        q = nx__qwords_pair(b, NX__XQ_OR, q,
                            nx__qwords_scale(b, actors_near(b, &ms), NX_ACTOR_NEAR_BOOST));
    free(ms.m);
    return q;
}

/* Quoted words: their stems in order (compound parts, not joined forms). */
static struct nx__xq *phrase(struct nx__qb *b, struct nx__xq **units)
{
    size_t n = 0;
    for (size_t i = 0; i < b->tl.n; i++) {
        const nx__token *t = &b->tl.toks[i];
        if (!(t->flags & NX__TOK_JOINED))
            units[n] = positional(b, t, (uint32_t)(n + 1)), n++;
    }
    return nx__qwords_combine(b, NX__XQ_PHRASE, units, n, 0);
}

struct nx__xq *nx__qwords_words(struct nx__qb *b, const char *text, size_t len, unsigned int flags,
                                const char *sprefix)
{
    if (b->rc < 0)
        return NULL;
    int rc = nx__tokenizer_all(b->db->tok, text, len, 1, &b->tl);
    if (rc < 0)
        return nx__qwords_fail(b, rc);
    if (b->tl.n == 0)
        return NULL;
    struct nx__xq **units = calloc(b->tl.n, sizeof *units);
    bool *used = calloc(b->tl.n, sizeof *used);
    if (!units || !used) {
        free(units);
        free(used);
        return nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    }
    struct nx__xq *q;
    if ((flags & NX__QW_PHRASE) && b->tl.n > 1) {
        q = phrase(b, units);
    } else if (flags & NX__QW_PHRASE) {
        q = positional(b, &b->tl.toks[0], 0);
        free(units);
    } else {
        q = loose(b, units, used, flags, sprefix);
    }
    free(used);
    return q;
}

struct nx__xq *nx__qwords_source(struct nx__qb *b, const char *text, size_t len)
{
    int rc = nx__tokenizer_all(b->db->tok, text, len, 1, &b->tl);
    if (rc < 0)
        return nx__qwords_fail(b, rc);
    struct nx__xq **units = calloc(b->tl.n + 1, sizeof *units);
    if (!units)
        return nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    int saved = b->negated;
    b->negated = 1; /* source words are not highlighted in passages */
    for (size_t i = 0; i < b->tl.n; i++)
        if (!(b->tl.toks[i].flags & NX__TOK_JOINED))
            units[i] = term(b, NX__P_SOURCE, b->tl.toks[i].term, b->tl.toks[i].term_len, 0, 0);
    b->negated = saved;
    struct nx__xq *q = nx__qwords_combine(b, NX__XQ_AND, units, b->tl.n, 0);
    if (!q && b->rc == NX_OK)
        return nx__qwords_fail(b, nx__error_set(NX_EINVAL, "source '%.*s' has no words",
                                                (int)(len > 40 ? 40 : len), text));
    return nx__qwords_scale(b, q, 0.0);
}
