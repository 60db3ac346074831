/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qbuild.h"

#include <stdlib.h>
#include <string.h>

#include "query/qparse.h"
#include "query/qperson.h"
#include "query/qremarks.h"
#include "query/qwords.h"
#include "store/db.h"
#include "store/schema.h"
#include "tag/lexicon.h"
#include "util/date.h"
#include "util/error.h"
#include "util/hash.h"

static struct nx__xq *build_node(struct nx__qb *b, const nx__qnode *n);

static bool known_actor(const struct nx__qb *b, const nx__qnode *n)
{
    return nx__lexicon_find(b->db->lex, NX__LEX_ACTOR, n->text, n->len) >= 0;
}

/* Query-language fields. An actor the lexicon does not know is searched as a person when the
 * archive has the words of the name, else it is an unknown actor (with near keys named). */
static struct nx__xq *field_query(struct nx__qb *b, const nx__qnode *n)
{
    struct nx__xq *person;
    switch (n->field) {
    case NX__QF_ACTOR:
        if (!known_actor(b, n) && ((person = nx__qperson_query(b, n->text, n->len)) || b->rc < 0))
            return person;
        /* fall through */
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

/* What an item is to the list it stands in: the one rule for fields typed in the text and for
 * the request's options, which reach the top list as the same items (option_items). Words,
 * phrases, NEAR and topics (topic:, @name, --topic) rank. Fields restrict, as Xapian's boolean
 * filters do: date:, source: and title: only restrict; actor:, speaker: and said: are required
 * as '+' items are and rank a passage by how much it is about them (docs/query.md, "Fields").
 * A group of fields alone, "(actor:a OR actor:b)", is a field too. */
enum role { ROLE_RANK, ROLE_ABOUT, ROLE_FILTER };

static int role(const nx__qnode *n)
{
    switch (n->kind) {
    case NX__Q_DATE:
        return ROLE_FILTER;
    case NX__Q_MACRO:
        return ROLE_RANK;
    case NX__Q_FIELD:
        if (n->field == NX__QF_TOPIC)
            return ROLE_RANK;
        return n->field == NX__QF_TITLE || n->field == NX__QF_SOURCE ? ROLE_FILTER : ROLE_ABOUT;
    case NX__Q_LIST:
    case NX__Q_AND:
    case NX__Q_OR:
    case NX__Q_NOT: {
        int r = n->nkids ? ROLE_FILTER : ROLE_RANK;
        for (size_t i = 0; i < n->nkids && r != ROLE_RANK; i++) {
            int k = role(n->kids[i]);
            r = k == ROLE_FILTER ? r : k;
        }
        return r;
    }
    default:
        return ROLE_RANK;
    }
}

/* The items of a list by role. Each array has room for every kid; combinators free them. */
struct parts {
    struct nx__xq **loose, **req, **excl, **filter;
    size_t nl, nr, ne, nf;
};

static void sort_item(struct nx__qb *b, struct parts *s, const nx__qnode *k)
{
    int saved = b->negated;
    b->negated = saved || k->mod == NX__QM_EXCLUDE;
    struct nx__xq *q = build_node(b, k);
    b->negated = saved;
    if (!q)
        return;
    int r = role(k);
    if (k->mod == NX__QM_EXCLUDE)
        s->excl[s->ne++] = q;
    else if (r == ROLE_FILTER)
        s->filter[s->nf++] = q;
    else if (r == ROLE_ABOUT || k->mod == NX__QM_REQUIRE)
        s->req[s->nr++] = q;
    else
        s->loose[s->nl++] = q;
}

/* Adjacent items: loose words, phrases and topics are alternatives ranked by BM25 (all of them
 * optional once an actor field or a '+' item is required), required items must all match and
 * rank, '-' items are excluded, and date:, source: and title: restrict the rest (role()). */
static struct nx__xq *list_query(struct nx__qb *b, const nx__qnode *n)
{
    struct parts s = {0};
    struct nx__xq ***arrays[] = {&s.loose, &s.req, &s.excl, &s.filter};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        if (!(*arrays[i] = calloc(n->nkids + 1, sizeof **arrays[i])))
            nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    for (size_t i = 0; i < n->nkids && b->rc == NX_OK; i++) {
        if (is_plain_word(n->kids[i])) { /* a run of plain words is read as one piece of text */
            size_t end = i;
            while (end < n->nkids && is_plain_word(n->kids[end]))
                end++;
            struct nx__xq *q = word_run(b, n, i, end);
            if (q)
                s.loose[s.nl++] = q;
            i = end - 1;
            continue;
        }
        sort_item(b, &s, n->kids[i]);
    }
    struct nx__xq *any = nx__qwords_combine(b, NX__XQ_OR, s.loose, s.nl, 0);
    struct nx__xq *all = nx__qwords_combine(b, NX__XQ_AND, s.req, s.nr, 0);
    struct nx__xq *q = nx__qwords_pair(b, NX__XQ_AND_MAYBE, all, any);
    struct nx__xq *filter = nx__qwords_combine(b, NX__XQ_AND, s.filter, s.nf, 0);
    if (filter && !q)
        q = nx__qwords_match_all(b);
    q = nx__qwords_pair(b, NX__XQ_FILTER, q, filter);
    struct nx__xq *excl = nx__qwords_combine(b, NX__XQ_OR, s.excl, s.ne, 0);
    if (excl && !q)
        q = nx__qwords_match_all(b);
    return nx__qwords_pair(b, NX__XQ_AND_NOT, q, excl);
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

/* since (end false) or until (end true) of the options as its first or last day; "" when
 * NULL. */
static int option_day(const char *name, const char *s, bool end, char out[11])
{
    nx__date d;
    out[0] = '\0';
    if (!s)
        return NX_OK;
    enum nx__date_check c = nx__date_parse(&d, s, strlen(s));
    if (c == NX__DATE_NO_SUCH)
        return nx__error_set(NX_EINVAL, "bad %s date '%.40s': no such day", name, s);
    if (c != NX__DATE_OK)
        return nx__error_set(NX_EINVAL, "bad %s date '%.40s': expected YYYY, YYYY-MM or YYYY-MM-DD",
                             name, s);
    nx__date_bound(out, &d, end);
    return NX_OK;
}

static void field_item(nx__qnode *n, int field, const char *text)
{
    n->kind = NX__Q_FIELD;
    n->field = field;
    n->text = (char *)text; /* read only: the item is never freed as a parsed node */
    n->len = strlen(text);
}

/* The request's options as the items they stand for in the query language: --actor NAME is
 * actor:NAME, --topic NAME topic:NAME, --source TEXT source:"TEXT", --since/--until a date:
 * range. items[] has room for n_actors + n_topics + 2; the number filled. */
static int option_items(nx__qnode *items, size_t *n, const nx_search_opts *o)
{
    *n = 0;
    for (size_t i = 0; i < o->n_actors + o->n_topics; i++) {
        bool actor = i < o->n_actors;
        const char *name = actor ? o->actors[i] : o->topics[i - o->n_actors];
        if (!name)
            return nx__error_set(NX_EINVAL, "%s %zu has no name", actor ? "actor" : "topic", i);
        field_item(&items[(*n)++], actor ? NX__QF_ACTOR : NX__QF_TOPIC, name);
    }
    if (o->source && *o->source)
        field_item(&items[(*n)++], NX__QF_SOURCE, o->source);
    if (o->since || o->until) {
        nx__qnode *d = &items[(*n)++];
        d->kind = NX__Q_DATE;
        int rc = option_day("since", o->since, false, d->date_lo);
        if (rc < 0 || (rc = option_day("until", o->until, true, d->date_hi)) < 0)
            return rc;
    }
    return NX_OK;
}

/* The text's items and the options' as one list: options restrict exactly as the same fields
 * typed in the text (role()). */
static int build_request(struct nx__qb *b, const nx_search_opts *o, struct nx__xq **out)
{
    nx__qnode *tree = NULL, top = {.kind = NX__Q_LIST};
    size_t n_opts = 0, n_text;
    *out = NULL;
    nx__qnode *items = calloc(o->n_actors + o->n_topics + 2, sizeof *items);
    int rc = items ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK && o->query)
        rc = nx__qparse(&tree, o->query, strlen(o->query));
    if (rc == NX_OK)
        rc = option_items(items, &n_opts, o);
    bool flat = tree && tree->kind == NX__Q_LIST && tree->mod == NX__QM_NONE;
    n_text = flat ? tree->nkids : tree != NULL;
    top.kids = rc == NX_OK ? calloc(n_text + n_opts + 1, sizeof *top.kids) : NULL;
    if (rc == NX_OK && !top.kids)
        rc = nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK) {
        for (size_t i = 0; i < n_text; i++)
            top.kids[top.nkids++] = flat ? tree->kids[i] : tree;
        for (size_t i = 0; i < n_opts; i++)
            top.kids[top.nkids++] = &items[i];
        b->p->has_text = tree != NULL;
        *out = top.nkids ? build_node(b, &top) : NULL;
        rc = b->rc;
    }
    free(top.kids);
    free(items);
    nx__qparse_free(tree);
    return rc;
}

int nx__qbuild_plan(nx__qplan *p, nx_db *db, const nx_search_opts *o)
{
    struct nx__qb b;
    memset(p, 0, sizeof *p);
    nx__u64set_init(&p->hl);
    int rc = nx__qwords_init(&b, db, p);
    struct nx__xq *q = NULL;
    if (rc == NX_OK)
        rc = build_request(&b, o, &q);
    if (q) /* the asked-for actors' own words rank first (docs/ranking.md, "Reported words") */
        q = nx__qwords_pair(&b, NX__XQ_AND_MAYBE, q, nx__qremarks_boost(&b));
    if (rc == NX_OK && !q)
        rc = nx__error_set(NX_EINVAL, "nothing to search for: give words, an actor or a topic");
    rc = b.rc < 0 ? b.rc : rc;
    if (rc < 0) {
        nx__xq_free(q);
        q = NULL;
    }
    p->query = q;
    nx__qwords_release(&b);
    if (rc < 0)
        nx__qplan_release(p);
    return rc;
}
