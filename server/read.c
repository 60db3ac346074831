/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: the read-only endpoints, each on the calling thread's reader. */
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "search.h"
#include "serve.h"

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
    const char *fixed = nx_results_suggestion(r);
    nxc_json_key(j, "suggestions");
    nxc_json_begin_array(j);
    if (fixed)
        nxc_json_string(j, fixed);
    nxc_json_end_array(j);
    nxc_json_key(j, "corrected");
    nxc_json_bool(j, fixed && s->fix_typos);
    nxc_json_key(j, "not_in_lexicon");
    nxc_json_begin_array(j);
    for (size_t i = 0; i < nx_results_person_count(r); i++)
        nxc_json_string(j, nx_results_person(r, i));
    nxc_json_end_array(j);
    if (s->facets)
        nxc_json_facets(j, r);
    if (s->timeline) {
        nxc_json_key(j, "timeline");
        nxc_json_begin_object(j);
        nxc_json_timeline(j, r, s->timeline, articles);
        nxc_json_end_object(j);
    }
    nxc_json_end_object(j);
}

void nxs_search(struct nxs_reply *rp, nx_db *db, double max_time, const struct nxs_param *p,
                size_t n)
{
    const char **actors = calloc(n + 1, sizeof *actors);
    const char **topics = calloc(n + 1, sizeof *topics);
    nxc_search s;
    nx_search_opts so;
    nx_results *r;

    nxc_search_init(&s, actors, topics);
    if (!actors || !topics)
        nxs_reply_error(rp, 500, "ENOMEM", "out of memory");
    else if (nxs_search_params(rp, &s, p, n)) {
        nxc_search_opts(&so, &s);
        so.time_limit = max_time;
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
