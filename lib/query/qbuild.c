#include "query/qbuild.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/error.h"
#include "util/hash.h"
#include "query/qparse.h"
#include "query/qremarks.h"
#include "query/qwords.h"
#include "store/schema.h"


static struct nx__xq *build_node(struct nx__qb *b, const nx__qnode *n);

/* Query-language fields. */
static struct nx__xq *field_query(struct nx__qb *b, const nx__qnode *n)
{
    switch (n->field) {
    case NX__QF_ACTOR:
    case NX__QF_TOPIC: {
        int kind = n->field == NX__QF_ACTOR ? NX__LEX_ACTOR : NX__LEX_TOPIC;
        return nx__qwords_lexicon_term(b, kind, n->text, n->len);
    }
    case NX__QF_TITLE:
        /* Title terms carry no positions: a quoted title phrase needs all its words. */
        return nx__qwords_scale(b,
                                nx__qwords_words(b, n->text, n->len,
                                                 NX__QW_FIELD | (n->phrase ? NX__QW_ALL : 0),
                                                 NX__P_TITLE_STEM),
                                0.0);
    case NX__QF_SOURCE:
        return nx__qwords_source(b, n->text, n->len);
    case NX__QF_SPEAKER:
        return nx__qwords_actor_field(b, NX__P_SPEAKER, n->text, n->len, 0);
    case NX__QF_SAID:
        return nx__qwords_actor_field(b, NX__P_REMARKS, n->text, n->len, 'a');
    default:
        nx__qwords_fail(b, nx__error_set(NX_EQUERY, "at byte %zu: unknown field", n->offset + 1));
        return NULL;
    }
}

static struct nx__xq *date_query(struct nx__qb *b, const char *lo, const char *hi)
{
    struct nx__xq *q = NULL;
    int rc = nx__xq_value_range(&q, NX__SLOT_DATE, *lo ? lo : NULL, *hi ? hi : NULL);
    if (rc < 0)
        nx__qwords_fail(b, rc);
    return q;
}

/* NEAR wants single positional terms: words as their stems, actors as their tag terms. */
static struct nx__xq *near_query(struct nx__qb *b, const nx__qnode *n)
{
    struct nx__xq **subs = calloc(n->nkids ? n->nkids : 1, sizeof *subs);
    if (!subs) {
        nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
        return NULL;
    }
    for (size_t i = 0; i < n->nkids && b->rc == NX_OK; i++) {
        const nx__qnode *k = n->kids[i];
        if (k->kind == NX__Q_FIELD && (k->field == NX__QF_SPEAKER || k->field == NX__QF_SAID))
            nx__qwords_fail(
                b,
                nx__error_set(NX_EQUERY,
                              "at byte %zu: %s cannot be part of NEAR (%s has no "
                              "position in the passage)",
                              k->offset + 1, k->field == NX__QF_SAID ? "said:" : "speaker:",
                              k->field == NX__QF_SAID ? "what an actor said" : "a speaking turn"));
        else if (k->kind == NX__Q_WORD || k->kind == NX__Q_PHRASE)
            subs[i] = nx__qwords_words(b, k->text, k->len, NX__QW_POSITIONAL, NX__P_STEM);
        else
            subs[i] = build_node(b, k);
    }
    /* "Within n positions" of k terms is a window of n + k - 1 positions (as Xapian's own
     * QueryParser reads NEAR/n). Sentences are NX__SENTENCE_GAP + 1 positions apart at least,
     * so a window up to that stays inside one sentence. */
    size_t window = n->window + (n->nkids ? n->nkids - 1 : 0);
    if (window > NX__SENTENCE_GAP + 1)
        window = NX__SENTENCE_GAP + 1;
    if (window < n->nkids)
        window = n->nkids;
    return nx__qwords_combine(b, NX__XQ_NEAR, subs, n->nkids, (unsigned int)window);
}

static bool is_plain_word(const nx__qnode *k)
{
    return k->kind == NX__Q_WORD && k->mod == NX__QM_NONE;
}

/* Words typed next to each other: actor names spanning them ("Sergei Lavrov") are found and
 * neighbouring words boost passages where they stand close together. */
static struct nx__xq *word_run(struct nx__qb *b, const nx__qnode *n, size_t from, size_t to)
{
    nx__buf text = NX__BUF_INIT;
    int rc = NX_OK;
    for (size_t i = from; i < to && rc == NX_OK; i++) {
        if (i > from)
            rc = nx__buf_putc(&text, ' ');
        if (rc == NX_OK)
            rc = nx__buf_append(&text, n->kids[i]->text, n->kids[i]->len);
    }
    struct nx__xq *q =
        rc < 0 ? nx__qwords_fail(b, rc) : nx__qwords_words(b, text.data, text.len, 0, NX__P_STEM);
    nx__buf_release(&text);
    return q;
}

/* Adjacent items: loose ones are alternatives ranked by BM25, '+' ones are required, '-' ones
 * excluded, fields like source: and date: restrict without adding weight. */
static struct nx__xq *list_query(struct nx__qb *b, const nx__qnode *n)
{
    struct nx__xq **loose = calloc(n->nkids + 1, sizeof *loose);
    struct nx__xq **req = calloc(n->nkids + 1, sizeof *req);
    struct nx__xq **excl = calloc(n->nkids + 1, sizeof *excl);
    size_t nl = 0, nr = 0, ne = 0;
    if (!loose || !req || !excl)
        nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    for (size_t i = 0; i < n->nkids && b->rc == NX_OK; i++) {
        const nx__qnode *k = n->kids[i];
        if (is_plain_word(k)) { /* a run of plain words is read as one piece of text */
            size_t end = i;
            while (end < n->nkids && is_plain_word(n->kids[end]))
                end++;
            struct nx__xq *q = word_run(b, n, i, end);
            if (q)
                loose[nl++] = q;
            i = end - 1;
            continue;
        }
        int saved = b->negated;
        b->negated = saved || k->mod == NX__QM_EXCLUDE;
        struct nx__xq *q = build_node(b, k);
        b->negated = saved;
        if (!q)
            continue;
        bool filter =
            k->kind == NX__Q_DATE || (k->kind == NX__Q_FIELD && k->field == NX__QF_SOURCE);
        if (k->mod == NX__QM_EXCLUDE)
            excl[ne++] = q;
        else if (k->mod == NX__QM_REQUIRE || filter)
            req[nr++] = q;
        else
            loose[nl++] = q;
    }
    struct nx__xq *any = nx__qwords_combine(b, NX__XQ_OR, loose, nl, 0);
    struct nx__xq *all = nx__qwords_combine(b, NX__XQ_AND, req, nr, 0);
    struct nx__xq *q = all && any ? nx__qwords_pair(b, NX__XQ_AND_MAYBE, all, any)
                       : all      ? all
                                  : any;
    if (ne && !q)
        q = nx__qwords_match_all(b);
    if (ne)
        q = nx__qwords_pair(b, NX__XQ_AND_NOT, q, nx__qwords_combine(b, NX__XQ_OR, excl, ne, 0));
    else
        free(excl);
    return q;
}

static struct nx__xq *kids_query(struct nx__qb *b, const nx__qnode *n, int op)
{
    struct nx__xq **subs = calloc(n->nkids + 1, sizeof *subs);
    if (!subs) {
        nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < n->nkids && b->rc == NX_OK; i++) {
        int saved = b->negated;
        b->negated = saved || (op == NX__XQ_AND_NOT && i > 0);
        struct nx__xq *q = build_node(b, n->kids[i]);
        b->negated = saved;
        if (q)
            subs[m++] = q;
        else if (op == NX__XQ_AND_NOT && i == 0)
            subs[m++] = nx__qwords_match_all(b); /* "NOT x" alone: everything but x */
    }
    return nx__qwords_combine(b, op, subs, m, 0);
}

static struct nx__xq *build_node(struct nx__qb *b, const nx__qnode *n)
{
    if (b->rc < 0)
        return NULL;
    switch (n->kind) {
    case NX__Q_WORD:
        return nx__qwords_words(b, n->text, n->len, n->mod == NX__QM_REQUIRE ? NX__QW_ALL : 0,
                                NX__P_STEM);
    case NX__Q_PHRASE:
        return nx__qwords_words(b, n->text, n->len, NX__QW_PHRASE, NX__P_STEM);
    case NX__Q_FIELD:
        return field_query(b, n);
    case NX__Q_DATE:
        return date_query(b, n->date_lo, n->date_hi);
    case NX__Q_MACRO:
        return nx__qwords_lexicon_term(b, NX__LEX_TOPIC, n->text, n->len);
    case NX__Q_LIST:
        return list_query(b, n);
    case NX__Q_AND:
        return kids_query(b, n, NX__XQ_AND);
    case NX__Q_OR:
        return kids_query(b, n, NX__XQ_OR);
    case NX__Q_NOT:
        return kids_query(b, n, NX__XQ_AND_NOT);
    case NX__Q_NEAR:
        return near_query(b, n);
    default:
        nx__qwords_fail(b, nx__error_set(NX_EQUERY, "unsupported query construct"));
        return NULL;
    }
}

/* The request's --actor/--topic options: all required, and ranked by how much a passage is
 * about them (each unit's weight). */
static struct nx__xq *lexicon_options(struct nx__qb *b, const nx_search_opts *o)
{
    size_t n = o->n_actors + o->n_topics;
    if (!n)
        return NULL;
    struct nx__xq **all = calloc(n, sizeof *all);
    if (!all) {
        nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
        return NULL;
    }
    for (size_t i = 0; i < n && b->rc == NX_OK; i++) {
        bool actor = i < o->n_actors;
        const char *name = actor ? o->actors[i] : o->topics[i - o->n_actors];
        all[i] = nx__qwords_lexicon_term(b, actor ? NX__LEX_ACTOR : NX__LEX_TOPIC, name,
                                         name ? strlen(name) : 0);
    }
    return nx__qwords_combine(b, NX__XQ_AND, all, n, 0);
}

static int parse_text(struct nx__qb *b, const char *text, struct nx__xq **out)
{
    nx__qnode *tree = NULL;
    *out = NULL;
    int rc = nx__qparse(&tree, text, strlen(text));
    if (rc < 0)
        return rc;
    if (tree)
        *out = build_node(b, tree);
    nx__qparse_free(tree);
    return b->rc;
}

int nx__qbuild_plan(nx__qplan *p, nx_db *db, const nx_search_opts *o)
{
    struct nx__qb b;
    memset(p, 0, sizeof *p);
    nx__u64set_init(&p->hl);
    int rc = nx__qwords_init(&b, db, p);
    struct nx__xq *text = NULL, *opts = NULL, *filters = NULL;
    if (rc == NX_OK && o->query)
        rc = parse_text(&b, o->query, &text);
    if (rc == NX_OK)
        opts = lexicon_options(&b, o);
    if (rc == NX_OK)
        filters = nx__qwords_filters(&b, o);
    rc = b.rc < 0 ? b.rc : rc;
    p->has_text = text != NULL;
    struct nx__xq *q = text && opts ? nx__qwords_pair(&b, NX__XQ_AND, opts, text)
                       : text       ? text
                                    : opts;
    if (q) /* the asked-for actors' own words rank first (docs/ranking.md, "Reported words") */
        q = nx__qwords_pair(&b, NX__XQ_AND_MAYBE, q, nx__qremarks_boost(&b));
    if (rc == NX_OK && !q && !filters)
        rc = nx__error_set(NX_EINVAL, "nothing to search for: give words, an actor or a topic");
    if (rc == NX_OK && !q)
        q = nx__qwords_match_all(&b);
    if (rc == NX_OK && filters)
        q = nx__qwords_pair(&b, NX__XQ_FILTER, q, filters), filters = NULL;
    rc = b.rc < 0 ? b.rc : rc;
    if (rc < 0) {
        nx__xq_free(q);
        nx__xq_free(filters);
        q = NULL;
    }
    p->query = q;
    nx__qwords_release(&b);
    if (rc < 0)
        nx__qplan_release(p);
    return rc;
}

