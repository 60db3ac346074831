/* newsidx-serve: the read-only endpoints, each on the calling thread's reader. */
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "search.h"
#include "serve.h"

/* A search parameter that takes a value, and the shared option it sets. */
static const struct {
    const char *name;
    enum nxc_search_key key;
} valued[] = {
    {"actor", NXC_SEARCH_ACTOR},
    {"topic", NXC_SEARCH_TOPIC},
    {"since", NXC_SEARCH_SINCE},
    {"until", NXC_SEARCH_UNTIL},
    {"source", NXC_SEARCH_SOURCE},
    {"sort", NXC_SEARCH_SORT},
    {"limit", NXC_SEARCH_LIMIT},
    {"offset", NXC_SEARCH_OFFSET},
    {"per_article", NXC_SEARCH_PER_ARTICLE},
    {"duplicates", NXC_SEARCH_DUPLICATES},
};

/* "facets", "facets=1", "facets=true"; "0" and "false" are off. */
static bool flag(bool *out, const char *value)
{
    if (!value || strcmp(value, "1") == 0 || strcmp(value, "true") == 0)
        *out = true;
    else if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0)
        *out = false;
    else
        return false;
    return true;
}

static bool *flag_of(nxc_search *s, const char *name)
{
    if (strcmp(name, "facets") == 0)
        return &s->facets;
    if (strcmp(name, "explain") == 0)
        return &s->explain;
    if (strcmp(name, "passage_only") == 0)
        return &s->passage_only;
    if (strcmp(name, "no_feedback") == 0)
        return &s->no_feedback;
    return NULL;
}

/* One parameter into s: true, or false with the error answered. */
static bool param(struct nxs_reply *rp, nxc_search *s, const struct nxs_param *p)
{
    char why[512];
    bool *f = flag_of(s, p->name);

    if (f) {
        if (flag(f, p->value))
            return true;
        return !nxs_reply_error(rp, 400, "EINVAL", "invalid %s '%s': expected 1, true, 0 or false",
                                p->name, p->value);
    }
    if (strcmp(p->name, "q") == 0) {
        if (p->value && strlen(p->value) > NXS_MAX_QUERY_BYTES)
            return !nxs_reply_error(rp, 414, "ELIMIT", "q is longer than %zu bytes",
                                    NXS_MAX_QUERY_BYTES);
        s->query = p->value;
        return true;
    }
    for (size_t i = 0; i < sizeof valued / sizeof *valued; i++) {
        if (strcmp(p->name, valued[i].name) != 0)
            continue;
        if (!p->value)
            return !nxs_reply_error(rp, 400, "EINVAL", "%s needs a value", p->name);
        if (nxc_search_set(s, valued[i].key, p->name, p->value, why, sizeof why))
            return true;
        return !nxs_reply_error(rp, 400, "EINVAL", "%s", why);
    }
    return !nxs_reply_error(rp, 400, "EINVAL", "unknown parameter '%s'", p->name);
}

static bool params(struct nxs_reply *rp, nxc_search *s, const struct nxs_param *p, size_t n)
{
    char why[512];

    for (size_t i = 0; i < n; i++)
        if (!param(rp, s, &p[i]))
            return false;
    if (!nxc_search_check(s, "since", "until", why, sizeof why))
        return !nxs_reply_error(rp, 400, "EINVAL", "%s", why);
    if (s->limit > NXS_MAX_LIMIT)
        return !nxs_reply_error(rp, 400, "ELIMIT", "limit %zu is over %zu", s->limit,
                                NXS_MAX_LIMIT);
    return true;
}

/* {"total", "passages", "offset", "results": [...], "facets"?}: the hits first, then the
 * counts, which a writer's commit in between may have made the newer revision's. */
static void results(struct nxs_reply *rp, nx_results *r, const nxc_search *s)
{
    nxc_json *j = &rp->j;
    const nx_hit *hit;
    size_t shown = 0, skipped = 0;
    uint64_t articles = 0, passages = 0;
    int rc;

    if (!nxs_reply_begin(rp, 200))
        return;
    nxc_json_begin_object(j);
    nxc_json_key(j, "results");
    nxc_json_begin_array(j);
    while ((rc = nx_results_next(&hit, r)) != NX_DONE) {
        if (rc == NX_ECORRUPT) { /* that hit's stored text is damaged: it is skipped */
            skipped++;
            continue;
        }
        if (rc < 0)
            break;
        nxc_json_hit(j, hit, s->offset + ++shown);
    }
    nxc_json_end_array(j);
    if (rc >= 0)
        rc = nx_results_articles(&articles, r);
    if (rc >= 0)
        rc = nx_results_passages(&passages, r);
    if (rc < 0) {
        nxs_reply_nx(rp, rc);
        return;
    }
    nxc_json_kv_uint(j, "total", articles);
    nxc_json_kv_uint(j, "passages", passages);
    nxc_json_kv_uint(j, "offset", s->offset);
    nxc_json_kv_uint(j, "skipped", skipped);
    if (s->facets)
        nxc_json_facets(j, r);
    nxc_json_end_object(j);
}

void nxs_search(struct nxs_reply *rp, nx_db *db, const struct nxs_param *p, size_t n)
{
    const char **actors = calloc(n + 1, sizeof *actors);
    const char **topics = calloc(n + 1, sizeof *topics);
    nxc_search s;
    nx_search_opts so;
    nx_results *r;

    nxc_search_init(&s, actors, topics);
    if (!actors || !topics)
        nxs_reply_error(rp, 500, "ENOMEM", "out of memory");
    else if (params(rp, &s, p, n)) {
        nxc_search_opts(&so, &s);
        int rc = nx_search(&r, db, &so);
        if (rc == NX_ENOTFOUND) /* an unknown actor or topic: a bad parameter */
            nxs_reply_error(rp, 400, "ENOTFOUND", "%s", nx_error_last()->message);
        else if (rc < 0)
            nxs_reply_nx(rp, rc);
        else {
            results(rp, r, &s);
            nx_results_free(r);
        }
    }
    free(actors);
    free(topics);
}

void nxs_article(struct nxs_reply *rp, nx_db *db, const char *id)
{
    nx_article *a;
    int rc = nx_db_get(&a, db, id);

    if (rc == NX_ENOTFOUND) {
        nxs_reply_error(rp, 404, "ENOTFOUND", "article '%s' not found", id);
        return;
    }
    if (rc < 0) {
        nxs_reply_nx(rp, rc);
        return;
    }
    if (nxs_reply_begin(rp, 200))
        nxc_json_article(&rp->j, a);
    nx_free(a);
}

void nxs_lexicon(struct nxs_reply *rp, const nx_db *db, nx_lex_kind kind)
{
    size_t n = nx_db_lexicon_count(db, kind);

    if (!nxs_reply_begin(rp, 200))
        return;
    nxc_json_begin_object(&rp->j);
    nxc_json_key(&rp->j, kind == NX_LEX_ACTOR ? "actors" : "topics");
    nxc_json_begin_array(&rp->j);
    for (size_t i = 0; i < n; i++)
        nxc_json_string(&rp->j, nx_db_lexicon_key(db, kind, i));
    nxc_json_end_array(&rp->j);
    nxc_json_end_object(&rp->j);
}

void nxs_stats(struct nxs_reply *rp, const nx_db *db)
{
    nx_stats st;
    int rc = nx_db_stats(&st, db);

    if (rc < 0) {
        nxs_reply_nx(rp, rc);
        return;
    }
    if (!nxs_reply_begin(rp, 200))
        return;
    nxc_json *j = &rp->j;
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "articles", st.articles);
    nxc_json_kv_uint(j, "passages", st.passages);
    nxc_json_kv_uint(j, "terms", st.terms);
    nxc_json_kv_uint(j, "index_bytes", st.index_bytes);
    nxc_json_kv_double(j, "avg_passage_len", st.avg_passage_len);
    nxc_json_kv_string(j, "lexicon", st.lexicon);
    nxc_json_end_object(j);
}

void nxs_health(struct nxs_reply *rp)
{
    if (!nxs_reply_begin(rp, 200))
        return;
    nxc_json_begin_object(&rp->j);
    nxc_json_kv_string(&rp->j, "status", "ok");
    nxc_json_kv_string(&rp->j, "version", nx_version());
    nxc_json_end_object(&rp->j);
}
