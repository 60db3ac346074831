/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Turning one article into passage documents: terms, actor/topic tags, values, stored text. */
#include <stdlib.h>
#include <string.h>

#include "store/article.h"
#include "store/db.h"
#include "store/docbuild.h"
#include "store/dupkey.h"
#include "store/nearcopy.h"
#include "store/schema.h"
#include "tag/remarks.h"
#include "tag/speaker.h"
#include "text/passage.h"
#include "util/error.h"
#include "util/hash.h"

enum { PASSREC_VERSION = 1 };

int nx__docbuild_passrec_encode(nx__buf *out, uint64_t index, uint64_t start, uint64_t end)
{
    int rc = nx__buf_put_varint(out, PASSREC_VERSION);
    if (rc == NX_OK)
        rc = nx__buf_put_varint(out, index);
    if (rc == NX_OK)
        rc = nx__buf_put_varint(out, start);
    if (rc == NX_OK)
        rc = nx__buf_put_varint(out, end);
    return rc;
}

int nx__docbuild_passrec_decode(nx__passrec *r, const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    unsigned long long v, index, start, stop;
    if (nx__buf_get_varint(&p, end, &v) < 0 || v != PASSREC_VERSION ||
        nx__buf_get_varint(&p, end, &index) < 0 || nx__buf_get_varint(&p, end, &start) < 0 ||
        nx__buf_get_varint(&p, end, &stop) < 0 || start > stop)
        return nx__error_set(NX_ECORRUPT, "passage record is damaged");
    r->index = index;
    r->start = start;
    r->end = stop;
    r->blob = p < end ? p : NULL;
    r->blob_len = (size_t)(end - p);
    return NX_OK;
}

/* db->term = prefix + s */
static int prefixed(nx_db *db, const char *prefix, const char *s, size_t len)
{
    nx__buf_clear(&db->term);
    int rc = nx__buf_append(&db->term, prefix, strlen(prefix));
    return rc < 0 ? rc : nx__buf_append(&db->term, s, len);
}

static int add_posting(nx_db *db, struct nx__xdoc *d, const char *prefix, const char *s, size_t len,
                       uint32_t pos)
{
    int rc = prefixed(db, prefix, s, len);
    return rc < 0 ? rc : nx__xdoc_posting(d, db->term.data, db->term.len, pos);
}

/* The passage's words: their stems with positions (schema.h). */
static int add_tokens(nx_db *db, struct nx__xdoc *d, const nx__toklist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const nx__token *t = &l->toks[i];
        int rc = add_posting(db, d, NX__P_STEM, t->stem, t->stem_len, t->pos);
        if (rc < 0)
            return rc;
    }
    return NX_OK;
}

/* Actor and topic tags found in one passage: positional terms plus the facet values. */
struct tagger {
    nx_db *db;
    struct nx__xdoc *doc;
    nx__buf names[2]; /* '\n'-separated keys per kind, each once */
    nx__buf remarks;  /* the actors whose remarks term is on the passage, each once */
    nx__buf mentions; /* nx__lexhit[]: the actor mentions, in token order */
    int rc;
};

static bool has_name(const nx__buf *names, const char *key)
{
    return nx__buf_has_line(names, key, strlen(key));
}

static int add_name(nx__buf *names, const char *key)
{
    return nx__buf_add_line(names, key, strlen(key));
}

/* The actor's remarks term (remarks.h), once per passage: wdf 1, no position. */
static int add_remarks(struct tagger *tg, const char *key)
{
    if (has_name(&tg->remarks, key))
        return NX_OK;
    int rc = prefixed(tg->db, NX__P_REMARKS, key, strlen(key));
    if (rc == NX_OK)
        rc = nx__xdoc_term(tg->doc, tg->db->term.data, tg->db->term.len, 1);
    return rc < 0 ? rc : add_name(&tg->remarks, key);
}

static int on_tag(const nx__lexhit *hit, void *payload)
{
    struct tagger *tg = payload;
    nx_db *db = tg->db;
    const char *key = nx__lexicon_key(db->lex, hit->kind, hit->entry);
    const char *prefix = hit->kind == NX__LEX_ACTOR ? NX__P_ACTOR : NX__P_TOPIC;
    uint32_t pos = db->toks.toks[hit->first].pos;
    int rc = add_posting(db, tg->doc, prefix, key, strlen(key), pos);
    nx__buf *names = &tg->names[hit->kind == NX__LEX_ACTOR ? 0 : 1];
    if (rc == NX_OK && !has_name(names, key))
        rc = add_name(names, key);
    if (rc == NX_OK && hit->kind == NX__LEX_ACTOR)
        rc = nx__buf_append(&tg->mentions, hit, sizeof *hit);
    tg->rc = rc;
    return rc < 0;
}

/* The actors whose words a mention reports (remarks.h): read once all mentions are known, since
 * a later name may be the speaker ("With Lukashenko, Putin said"). */
static int add_mention_remarks(struct tagger *tg)
{
    const nx__lexhit *m = (const void *)tg->mentions.data;
    size_t n = tg->mentions.len / sizeof *m;
    int rc = NX_OK;
    for (size_t i = 0; i < n && rc == NX_OK; i++)
        if (nx__remarks_at(&tg->db->toks, m, n, i))
            rc = add_remarks(tg, nx__lexicon_key(tg->db->lex, NX__LEX_ACTOR, m[i].entry));
    return rc;
}

/* The actors speaking in a transcript passage (speaker.h) are tagged too: once each, without a
 * position, since a turn is no single place in the passage; they count among its actors, and
 * their words are here (remarks.h). */
static int add_speakers(struct tagger *tg, const long *speakers, size_t n)
{
    nx__buf keys = NX__BUF_INIT;
    int rc = NX_OK;
    for (size_t i = 0; i < n && rc == NX_OK; i++) {
        const char *key = nx__lexicon_key(tg->db->lex, NX__LEX_ACTOR, (size_t)speakers[i]);
        rc = prefixed(tg->db, NX__P_SPEAKER, key, strlen(key));
        if (rc == NX_OK)
            rc = nx__xdoc_term(tg->doc, tg->db->term.data, tg->db->term.len, 1);
        if (rc == NX_OK)
            rc = add_name(&keys, key);
        if (rc == NX_OK)
            rc = add_remarks(tg, key);
        if (rc == NX_OK && !has_name(&tg->names[0], key))
            rc = add_name(&tg->names[0], key);
    }
    if (rc == NX_OK && keys.len)
        rc = nx__xdoc_value(tg->doc, NX__SLOT_SPEAKERS, keys.data, keys.len);
    nx__buf_release(&keys);
    return rc;
}

static int add_tags(nx_db *db, struct nx__xdoc *d, const long *speakers, size_t n_speakers)
{
    struct tagger tg = {db, d, {NX__BUF_INIT, NX__BUF_INIT}, NX__BUF_INIT, NX__BUF_INIT, NX_OK};
    int rc = nx__lexmatch_scan(db->lex, &db->toks, on_tag, &tg);
    if (rc == NX_OK)
        rc = tg.rc;
    if (rc == NX_OK)
        rc = add_mention_remarks(&tg);
    if (rc == NX_OK)
        rc = add_speakers(&tg, speakers, n_speakers);
    if (rc == NX_OK && tg.names[0].len)
        rc = nx__xdoc_value(d, NX__SLOT_ACTORS, tg.names[0].data, tg.names[0].len);
    if (rc == NX_OK && tg.names[1].len)
        rc = nx__xdoc_value(d, NX__SLOT_TOPICS, tg.names[1].data, tg.names[1].len);
    if (rc == NX_OK && tg.remarks.len)
        rc = nx__xdoc_value(d, NX__SLOT_REMARKS, tg.remarks.data, tg.remarks.len);
    nx__buf_release(&tg.names[0]);
    nx__buf_release(&tg.names[1]);
    nx__buf_release(&tg.remarks);
    nx__buf_release(&tg.mentions);
    return rc;
}

static int set_str_value(struct nx__xdoc *d, unsigned int slot, const char *s, size_t len)
{
    return s && len ? nx__xdoc_value(d, slot, s, len) : NX_OK;
}

/* The words of the article's title and source, on every passage: they filter (title:, source:)
 * and never rank (boolean terms: no positions, no share of the passage's length). Stored once
 * per article instead, a filter had to be widened to the article's passages at query time
 * through their ids, which took seconds for a source of 35,000 articles. */
static int add_article_filters(nx_db *db, struct nx__xdoc *d, const nx__toklist *source_toks)
{
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < db->title_toks.n; i++) {
        const nx__token *t = &db->title_toks.toks[i];
        rc = prefixed(db, NX__P_TITLE_STEM, t->stem, t->stem_len);
        if (rc == NX_OK)
            rc = nx__xdoc_boolean(d, db->term.data, db->term.len);
    }
    for (size_t i = 0; rc == NX_OK && i < source_toks->n; i++) {
        rc = prefixed(db, NX__P_SOURCE, source_toks->toks[i].term, source_toks->toks[i].term_len);
        if (rc == NX_OK)
            rc = nx__xdoc_boolean(d, db->term.data, db->term.len);
    }
    return rc;
}

/* What every passage of the article carries: its id (term and collapse key), date, source. */
static int add_article_terms(nx_db *db, struct nx__xdoc *d, const nx_article *a)
{
    int rc = prefixed(db, NX__P_ARTICLE, a->id, strlen(a->id));
    if (rc == NX_OK)
        rc = nx__xdoc_boolean(d, db->term.data, db->term.len);
    if (rc == NX_OK)
        rc = nx__xdoc_value(d, NX__SLOT_ARTICLE, a->id, strlen(a->id));
    if (rc == NX_OK && a->date)
        rc = set_str_value(d, NX__SLOT_DATE, a->date, strlen(a->date));
    if (rc == NX_OK && a->source)
        rc = set_str_value(d, NX__SLOT_SOURCE, a->source, strlen(a->source));
    return rc;
}

struct build {
    nx_db *db;
    const nx_article *a;
    uint64_t hash;
    uint64_t story;   /* the story key (dupkey.h) */
    uint64_t simhash; /* the body's SimHash (dupkey.h) */
    uint64_t cluster; /* its near copies' (nearcopy.h) */
    nx__toklist source_toks;
    nx__turns turns;
    nx__buf data;
};

/* The keys that find the passage's copies (dupkey.h): its article's cluster, its story key
 * where that is not the cluster (a near copy's), and its text key; on the first passage, what
 * finds the article's near copies (nearcopy.h). */
static int add_copy_keys(struct build *b, size_t index, struct nx__xdoc *d)
{
    char key[NX__DUPKEY_LEN];
    nx__dupkey_encode(nx__dupkey_passage(&b->db->toks, b->story), key);
    int rc = nx__xdoc_value(d, NX__SLOT_TEXT, key, sizeof key);
    if (rc == NX_OK && b->story != b->cluster) {
        nx__dupkey_encode(b->story, key);
        rc = nx__xdoc_value(d, NX__SLOT_STORY, key, sizeof key);
    }
    if (rc == NX_OK) {
        nx__dupkey_encode(b->cluster, key);
        rc = nx__xdoc_value(d, NX__SLOT_CLUSTER, key, sizeof key);
    }
    return rc == NX_OK && index == 0 ? nx__nearcopy_add(d, b->simhash) : rc;
}

static int add_passage(struct build *b, size_t index, const nx__passage *p)
{
    nx_db *db = b->db;
    struct nx__xdoc *d = NULL;
    int rc = nx__xdoc_new(&d);
    if (rc == NX_OK)
        rc = nx__tokenizer_all(db->tok, b->a->body + p->start, p->end - p->start, 1, &db->toks);
    for (size_t i = 0; rc == NX_OK && i < db->toks.n; i++) { /* offsets into the body */
        db->toks.toks[i].start += p->start;
        db->toks.toks[i].end += p->start;
    }
    if (rc == NX_OK)
        rc = add_tokens(db, d, &db->toks);
    if (rc == NX_OK)
        rc = add_copy_keys(b, index, d);
    long speakers[NX__SPEAKERS_MAX];
    size_t n_speakers =
        nx__speaker_in_span(&b->turns, p->start, p->end, speakers, NX__SPEAKERS_MAX);
    if (rc == NX_OK)
        rc = add_tags(db, d, speakers, n_speakers);
    if (rc == NX_OK)
        rc = add_article_terms(db, d, b->a);
    if (rc == NX_OK)
        rc = add_article_filters(db, d, &b->source_toks);
    nx__buf_clear(&b->data);
    if (rc == NX_OK)
        rc = nx__docbuild_passrec_encode(&b->data, index, p->start, p->end);
    if (rc == NX_OK && index == 0) { /* the first passage keeps the article */
        char hex[17];
        nx__hash_hex64(b->hash, hex);
        rc = nx__xdoc_value(d, NX__SLOT_HASH, hex, 16);
        if (rc == NX_OK)
            rc = nx__article_encode(b->a, &b->data);
    }
    if (rc == NX_OK)
        rc = nx__xdoc_data(d, b->data.data, b->data.len);
    if (rc == NX_OK)
        rc = nx__xdb_add(db->x, d, NULL);
    nx__xdoc_free(d);
    return rc;
}

static bool drop_boilerplate(uint64_t para_hash, void *payload)
{
    return nx__boiler_is(payload, para_hash);
}

int nx__docbuild_article(nx_db *db, const nx_article *a, uint64_t hash, size_t *npassages,
                         size_t *dropped)
{
    struct build b = {db, a, hash, 0, 0, 0, {0}, {0}, NX__BUF_INIT};
    b.story = nx__dupkey_story(a->body, a->body_len, a->id);
    b.simhash = nx__dupkey_simhash(a->body, a->body_len);
    nx__passage *ps = NULL;
    size_t n = 0;
    nx__tokenizer_list_init(&b.source_toks);
    *npassages = 0;
    *dropped = 0;
    const char *title = a->title ? a->title : "";
    const char *source = a->source ? a->source : "";
    int rc = nx__nearcopy_cluster(db, b.simhash, b.story, &b.cluster);
    if (rc == NX_OK)
        rc = nx__tokenizer_all(db->tok, title, strlen(title), 1, &db->title_toks);
    if (rc == NX_OK)
        rc = nx__tokenizer_all(db->tok, source, strlen(source), 1, &b.source_toks);
    if (rc == NX_OK)
        rc = nx__speaker_turns(db->lex, db->tok, &db->toks, a->body, a->body_len, &b.turns);
    if (rc == NX_OK)
        rc =
            nx__passage_split(&ps, &n, a->body, a->body_len, drop_boilerplate, db->boiler, dropped);
    /* An article that is all boilerplate still gets one (empty) passage: it holds the stored
     * article, so that the article exists and is recognised as unchanged next time. */
    nx__passage empty = {0, 0};
    for (size_t i = 0; rc == NX_OK && i < (n ? n : 1); i++)
        rc = add_passage(&b, i, n ? &ps[i] : &empty);
    if (rc == NX_OK)
        *npassages = n;
    free(ps);
    nx__speaker_release(&b.turns);
    nx__tokenizer_list_release(&b.source_toks);
    nx__buf_release(&b.data);
    return rc;
}
