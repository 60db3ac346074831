/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Filling one result: its article, its passage, what to highlight in it, and why it scored. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/results.h"
#include "store/docbuild.h"
#include "store/dupkey.h"
#include "store/put.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

/* Matches and names are collected with string offsets into r->arena, turned into pointers
 * once the arena stops growing. */
static int add_match(nx_results *r, size_t start, size_t end, int kind, size_t key_off)
{
    nx_match *m = nx__buf_grow(r->matches, r->nmatches, &r->cap_matches, sizeof *m, 32);
    if (!m)
        return NX_ENOMEM;
    r->matches = m;
    r->matches[r->nmatches++] = (nx_match){start, end, kind, (const char *)(uintptr_t)key_off};
    return NX_OK;
}

static int arena_str(nx_results *r, const char *s, size_t len, size_t *off)
{
    *off = r->arena.len;
    int rc = nx__buf_append(&r->arena, s, len);
    return rc < 0 ? rc : nx__buf_putc(&r->arena, '\0');
}

static int word_matches(nx_results *r, const nx__toklist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const nx__token *t = &l->toks[i];
        bool hit = nx__u64set_has(&r->plan.hl, nx__qplan_hl_key('w', t->term, t->term_len)) ||
                   nx__u64set_has(&r->plan.hl, nx__qplan_hl_key('s', t->stem, t->stem_len));
        size_t off;
        if (!hit)
            continue;
        int rc = arena_str(r, t->term, t->term_len, &off);
        if (rc == NX_OK)
            rc = add_match(r, t->start, t->end, NX_MATCH_WORD, off);
        if (rc < 0)
            return rc;
    }
    return NX_OK;
}

struct tagscan {
    nx_results *r;
    size_t spell_off[64]; /* first spelling of each actor entry seen (+1; 0 = none) */
    long spell_entry[64];
    size_t nspell;
    int rc;
};

static int on_tag(const nx__lexhit *h, void *payload)
{
    struct tagscan *ts = payload;
    nx_results *r = ts->r;
    const nx__toklist *l = &r->db->toks;
    size_t start = l->toks[h->first].start, end = l->toks[h->first + h->ntok - 1].end;
    const char *key = nx__lexicon_key(r->db->lex, h->kind, h->entry);
    char kind = h->kind == NX__LEX_ACTOR ? 'a' : 't';
    size_t off;
    int rc = NX_OK;
    if (nx__u64set_has(&r->plan.hl, nx__qplan_hl_key(kind, key, strlen(key)))) {
        rc = arena_str(r, key, strlen(key), &off);
        if (rc == NX_OK)
            rc = add_match(r, start, end, kind == 'a' ? NX_MATCH_ACTOR : NX_MATCH_TOPIC, off);
    }
    bool known = false;
    for (size_t i = 0; i < ts->nspell; i++)
        known |= ts->spell_entry[i] == (long)h->entry;
    if (rc == NX_OK && h->kind == NX__LEX_ACTOR && !known && ts->nspell < 64) {
        rc = arena_str(r, r->hit.body + start, end - start, &off);
        ts->spell_entry[ts->nspell] = (long)h->entry;
        ts->spell_off[ts->nspell++] = off;
    }
    ts->rc = rc;
    return rc < 0;
}

static int by_start(const void *a, const void *b)
{
    const nx_match *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end; /* longer first */
}

/* Sorted, without overlaps: an actor's whole name wins over the word inside it. */
static void tidy_matches(nx_results *r)
{
    if (r->nmatches > 1) /* qsort's base must not be NULL, even for zero items */
        qsort(r->matches, r->nmatches, sizeof *r->matches, by_start);
    size_t n = 0;
    for (size_t i = 0; i < r->nmatches; i++) {
        if (n && r->matches[i].start < r->matches[n - 1].end) {
            if (r->matches[i].end > r->matches[n - 1].end && r->matches[i].kind != NX_MATCH_WORD)
                r->matches[n - 1] = r->matches[i];
            continue;
        }
        r->matches[n++] = r->matches[i];
    }
    r->nmatches = n;
}

/* Names the passage is tagged with ('\n'-separated value), as arena offsets. */
static int split_names(nx_results *r, const nx__buf *v, size_t *offs, size_t max, size_t *n)
{
    size_t at = 0, len;
    const char *name;
    *n = 0;
    while (*n < max && nx__buf_next_line(v, &at, &name, &len)) {
        int rc = arena_str(r, name, len, &offs[(*n)++]);
        if (rc < 0)
            return rc;
    }
    return NX_OK;
}

/* The article of hit i, `id`, with at least body_max bytes of its body (SIZE_MAX: all): kept
 * for the next hit, which is often the same article. Its first passage is known when the search
 * looked at the whole article (article context), else found by the article's term. */
int nx__hit_article(nx_results *r, size_t i, const char *id, size_t body_max)
{
    if (r->art && strcmp(r->art->id, id) == 0 && (r->art_whole || r->art->body_len >= body_max))
        return NX_OK;
    nx_free(r->art);
    r->art = NULL;
    unsigned int first = nx__rank_article_doc(r->m, i);
    int rc = first ? nx__put_article_load_at(r->db, id, first, body_max, &r->art)
                   : nx__put_article_load(r->db, id, body_max, &r->art);
    r->art_whole = rc == NX_OK && r->art->body_len < body_max;
    return rc;
}

static int fetch_value(nx_results *r, size_t i, unsigned int slot, nx__buf *v)
{
    nx__buf_clear(v);
    return nx__xmset_value(r->m, i, slot, v);
}

enum { NAMES_MAX = 64 };

struct names {
    size_t actors[NAMES_MAX], topics[NAMES_MAX], speakers[NAMES_MAX], said[NAMES_MAX];
    size_t n_actors, n_topics, n_speakers, n_said;
};

static int fill_names(nx_results *r, size_t i, struct names *nm)
{
    nx__buf v = NX__BUF_INIT;
    int rc = fetch_value(r, i, NX__SLOT_ACTORS, &v);
    if (rc == NX_OK)
        rc = split_names(r, &v, nm->actors, NAMES_MAX, &nm->n_actors);
    if (rc == NX_OK)
        rc = fetch_value(r, i, NX__SLOT_TOPICS, &v);
    if (rc == NX_OK)
        rc = split_names(r, &v, nm->topics, NAMES_MAX, &nm->n_topics);
    if (rc == NX_OK)
        rc = fetch_value(r, i, NX__SLOT_SPEAKERS, &v);
    if (rc == NX_OK)
        rc = split_names(r, &v, nm->speakers, NAMES_MAX, &nm->n_speakers);
    if (rc == NX_OK)
        rc = fetch_value(r, i, NX__SLOT_REMARKS, &v);
    if (rc == NX_OK)
        rc = split_names(r, &v, nm->said, NAMES_MAX, &nm->n_said);
    nx__buf_release(&v);
    return rc;
}

/* A string of the arena as an offset + 1 in a pointer (NULL: none), made a pointer by
 * publish_copies(). */
static int arena_opt(nx_results *r, const char *s, const char **out)
{
    size_t off = 0;
    int rc = s ? arena_str(r, s, strlen(s), &off) : NX_OK;
    *out = s ? (const char *)(uintptr_t)(off + 1) : NULL;
    return rc;
}

/* A key of hit i (dupkey.h) in `slot`, else in `or_slot`, as 16 hex digits into the arena (""
 * for none). */
static int fill_key(nx_results *r, size_t i, unsigned int slot, unsigned int or_slot, size_t *off)
{
    nx__buf v = NX__BUF_INIT;
    int rc = fetch_value(r, i, slot, &v);
    if (rc == NX_OK && v.len == 0)
        rc = fetch_value(r, i, or_slot, &v);
    char hex[17] = "";
    if (rc == NX_OK && v.len == NX__DUPKEY_LEN)
        nx__hash_hex64(nx__dupkey_decode(v.data, v.len), hex);
    nx__buf_release(&v);
    return rc == NX_OK ? arena_str(r, hex, strlen(hex), off) : rc;
}

/* The copies of hit i (query/collapse.h) with their articles' fields, and the hit's story key
 * and cluster, into the arena. A copy that a writer deleted since the search is left out. */
static int fill_copies(nx_results *r, size_t i, size_t *story_off, size_t *cluster_off)
{
    size_t n = nx__collapse_count(r->copies, i);
    int rc = fill_key(r, i, NX__SLOT_STORY, NX__SLOT_CLUSTER, story_off);
    if (rc == NX_OK)
        rc = fill_key(r, i, NX__SLOT_CLUSTER, NX__SLOT_CLUSTER, cluster_off);
    if (rc == NX_OK && n > r->cap_also_in) {
        nx_copy *p = realloc(r->also_in, n * sizeof *p);
        if (!p)
            return nx__error_set(NX_ENOMEM, "out of memory");
        r->also_in = p;
        r->cap_also_in = n;
    }
    r->hit.n_also_in = 0;
    for (size_t k = 0; k < n && rc == NX_OK; k++) {
        nx_article *a = NULL;
        rc = nx__put_article_load(r->db, nx__collapse_id(r->copies, i, k), 0, &a);
        if (rc == NX_ENOTFOUND) {
            rc = NX_OK;
            continue;
        }
        nx_copy *c = &r->also_in[r->hit.n_also_in];
        if (rc == NX_OK)
            rc = arena_opt(r, a->id, &c->article_id);
        if (rc == NX_OK)
            rc = arena_opt(r, a->title, &c->title);
        if (rc == NX_OK)
            rc = arena_opt(r, a->date, &c->date);
        if (rc == NX_OK)
            rc = arena_opt(r, a->source, &c->source);
        if (rc == NX_OK)
            rc = arena_opt(r, a->url, &c->url);
        if (rc == NX_OK)
            r->hit.n_also_in++;
        nx_free(a);
    }
    return rc;
}

static const char *arena_ptr(const nx_results *r, const char *off)
{
    return off ? r->arena.data + (uintptr_t)off - 1 : NULL;
}

static void publish_copies(nx_results *r, size_t story_off, size_t cluster_off)
{
    for (size_t k = 0; k < r->hit.n_also_in; k++) {
        nx_copy *c = &r->also_in[k];
        *c = (nx_copy){arena_ptr(r, c->article_id), arena_ptr(r, c->title), arena_ptr(r, c->date),
                       arena_ptr(r, c->source), arena_ptr(r, c->url)};
    }
    r->hit.also_in = r->hit.n_also_in ? r->also_in : NULL;
    r->hit.story = r->arena.data + story_off;
    r->hit.cluster = r->arena.data + cluster_off;
}

/* Point the hit's arrays into the arena, now that it no longer moves. */
static int publish(nx_results *r, const struct names *nm, const struct tagscan *ts)
{
    size_t need = 2 * nm->n_actors + nm->n_topics + nm->n_speakers + nm->n_said + 1;
    if (need > r->cap_names) {
        const char **p = realloc(r->names, need * sizeof *p);
        if (!p)
            return nx__error_set(NX_ENOMEM, "out of memory");
        r->names = p;
        r->cap_names = need;
    }
    const char *base = r->arena.data;
    for (size_t k = 0; k < r->nmatches; k++)
        r->matches[k].key = base + (uintptr_t)r->matches[k].key;
    const char **actors = r->names, **spell = r->names + nm->n_actors;
    const char **topics = spell + nm->n_actors, **speakers = topics + nm->n_topics;
    const char **said = speakers + nm->n_speakers;
    for (size_t k = 0; k < nm->n_actors; k++) {
        actors[k] = base + nm->actors[k];
        spell[k] = actors[k]; /* the key, unless the passage shows a spelling */
        long e = nx__lexicon_find(r->db->lex, NX__LEX_ACTOR, actors[k], strlen(actors[k]));
        for (size_t s = 0; s < ts->nspell; s++)
            if (ts->spell_entry[s] == e)
                spell[k] = base + ts->spell_off[s];
    }
    for (size_t k = 0; k < nm->n_topics; k++)
        topics[k] = base + nm->topics[k];
    for (size_t k = 0; k < nm->n_speakers; k++)
        speakers[k] = base + nm->speakers[k];
    for (size_t k = 0; k < nm->n_said; k++)
        said[k] = base + nm->said[k];
    r->hit.matches = r->matches;
    r->hit.n_matches = r->nmatches;
    r->hit.actors = actors;
    r->hit.actor_spellings = spell;
    r->hit.n_actors = nm->n_actors;
    r->hit.topics = topics;
    r->hit.n_topics = nm->n_topics;
    r->hit.speakers = speakers;
    r->hit.n_speakers = nm->n_speakers;
    r->hit.said = said;
    r->hit.n_said = nm->n_said;
    return NX_OK;
}

/* How much of the body to read for a hit: all, or, when hits are cut to their passage,
 * up to its end. */
static size_t body_wanted(const nx_results *r, const nx__passrec *pr)
{
    return (r->flags & NX_SEARCH_BODY_TO_PASSAGE) ? (size_t)pr->end : SIZE_MAX;
}

static int passage_of(nx_results *r, size_t i, nx__passrec *pr, unsigned int *docid)
{
    nx__buf v = NX__BUF_INIT;
    double w;
    int rc = nx__xmset_hit(r->m, i, docid, &w);
    r->hit.score = w;
    if (rc == NX_OK)
        rc = fetch_value(r, i, NX__SLOT_ARTICLE, &v);
    if (rc == NX_OK && !v.len)
        rc = nx__error_set(NX_ECORRUPT, "passage %u has no article id", *docid);
    nx__buf data = NX__BUF_INIT;
    if (rc == NX_OK)
        rc = nx__xmset_data(r->m, i, &data);
    if (rc == NX_OK)
        rc = nx__docbuild_passrec_decode(pr, data.data ? data.data : "", data.len);
    if (rc == NX_OK)
        rc = nx__hit_article(r, i, v.data, body_wanted(r, pr));
    nx__buf_release(&data);
    pr->blob = NULL; /* it pointed into data */
    if (rc == NX_OK && pr->end > r->art->body_len)
        rc = nx__error_set(NX_ECORRUPT, "passage %u lies outside its article", *docid);
    nx__buf_release(&v);
    return rc;
}

int nx__hit_fill(nx_results *r, size_t i)
{
    nx__passrec pr;
    unsigned int docid = 0;
    struct names nm = {{0}, {0}, {0}, {0}, 0, 0, 0, 0};
    struct tagscan ts = {.r = r};
    nx__buf_clear(&r->arena);
    r->nmatches = 0;
    int rc = passage_of(r, i, &pr, &docid);
    if (rc < 0)
        return rc;
    size_t end = (size_t)pr.end;
    nx_hit *h = &r->hit;
    const nx_article *a = r->art;
    size_t wanted = (r->flags & NX_SEARCH_BODY_TO_PASSAGE) ? end : SIZE_MAX;
    h->article_id = a->id;
    h->title = a->title;
    h->date = a->date;
    h->source = a->source;
    h->url = a->url;
    h->body = a->body;
    h->body_len = a->body_len < wanted ? a->body_len : wanted;
    h->start = (size_t)pr.start;
    h->end = end;
    h->passage_end = (size_t)pr.end;
    h->explain = NULL;
    nx__toklist *l = &r->db->toks;
    rc = nx__tokenizer_all(r->db->tok, a->body + h->start, h->end - h->start, 1, l);
    for (size_t k = 0; rc == NX_OK && k < l->n; k++) {
        l->toks[k].start += h->start;
        l->toks[k].end += h->start;
    }
    if (rc == NX_OK)
        rc = word_matches(r, l);
    if (rc == NX_OK)
        rc = nx__lexmatch_scan(r->db->lex, l, on_tag, &ts);
    if (rc == NX_OK)
        rc = ts.rc;
    if (rc == NX_OK)
        rc = fill_names(r, i, &nm);
    size_t explain_off = 0, story_off = 0, cluster_off = 0;
    if (rc == NX_OK && (r->flags & NX_SEARCH_EXPLAIN))
        rc = nx__explain_hit(r, i, docid, &explain_off);
    if (rc == NX_OK)
        rc = fill_copies(r, i, &story_off, &cluster_off);
    if (rc < 0)
        return rc;
    tidy_matches(r);
    rc = publish(r, &nm, &ts);
    if (rc == NX_OK)
        publish_copies(r, story_off, cluster_off);
    if (rc == NX_OK && (r->flags & NX_SEARCH_EXPLAIN))
        h->explain = r->arena.data + explain_off;
    return rc;
}

void nx__hit_release(nx_results *r)
{
    nx_free(r->art);
    r->art = NULL;
    nx__buf_release(&r->arena);
    free(r->matches);
    free(r->names);
    free(r->also_in);
}
