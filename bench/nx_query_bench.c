/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nx_query_bench: newsidx query latency measured in one process, as plain_xapian and fts5
 * measure theirs (starting newsidx-query per query would measure process start-up).
 * Uses only the public header.
 *
 *   nx_query_bench query DB queries.txt REPS       top 10, nx_snippet per hit; latency JSON
 *   nx_query_bench run DB queries.tsv [N [PER]]    eval run lines (score.py format)
 *
 * A query line is either plain query text, or "S<TAB>actors<TAB>topics<TAB>text" for the
 * structured form (actors and topics comma-separated, any part may be empty).
 * A run line is "qid<TAB>" followed by a query line.
 * NX_BENCH_NO_FEEDBACK (any value) in the environment turns pseudo-relevance feedback off.
 */
#define _POSIX_C_SOURCE 200809L
#include <newsidx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

#define MAX_NAMES 8

struct nxq {
    char *copy; /* owns the strings below */
    const char *text;
    const char *actors[MAX_NAMES], *topics[MAX_NAMES];
    size_t n_actors, n_topics;
};

static size_t split_names(char *s, const char **v)
{
    size_t n = 0;
    for (char *tok = strtok(s, ","); tok && n < MAX_NAMES; tok = strtok(NULL, ","))
        if (*tok)
            v[n++] = tok;
    return n;
}

static void nxq_parse(struct nxq *q, const char *line)
{
    memset(q, 0, sizeof *q);
    q->copy = strdup(line);
    q->text = q->copy;
    if (q->copy[0] == 'S' && q->copy[1] == '\t') {
        char *a = q->copy + 2, *t = strchr(a, '\t'), *x = t ? strchr(t + 1, '\t') : NULL;
        if (!t || !x)
            return;
        *t++ = '\0';
        *x++ = '\0';
        q->text = x;
        q->n_actors = split_names(a, q->actors);
        q->n_topics = split_names(t, q->topics);
    }
}

static int nxq_search(nx_results **out, nx_db *db, const struct nxq *q, size_t limit,
                      size_t per_article)
{
    nx_search_opts o = NX_SEARCH_OPTS_INIT;
    o.query = q->text;
    o.actors = q->actors;
    o.n_actors = q->n_actors;
    o.topics = q->topics;
    o.n_topics = q->n_topics;
    o.limit = limit;
    o.per_article = per_article;
    o.flags = NX_SEARCH_BODY_TO_PASSAGE; /* as newsidx-query: it shows passages, not bodies */
    if (getenv("NX_BENCH_NO_FEEDBACK")) /* measure ranking without pseudo-relevance feedback */
        o.flags |= NX_SEARCH_NO_FEEDBACK;
    return nx_search(out, db, &o);
}

static int fail(const char *what)
{
    fprintf(stderr, "nx_query_bench: %s: %s\n", what, nx_error_last()->message);
    return -1;
}

/* One query as a user sees it: top 10, each passage highlighted. Returns hits or -1. */
static long query_once(nx_db *db, const struct nxq *q, size_t *sink)
{
    nx_results *r;
    const nx_hit *hit;
    long n = 0;
    int rc;
    if (nxq_search(&r, db, q, 10, 0) < 0)
        return fail(q->text[0] ? q->text : "structured query");
    while ((rc = nx_results_next(&hit, r)) == NX_OK) {
        char *snip;
        if (nx_snippet(&snip, hit, NULL) < 0) {
            nx_results_free(r);
            return fail("snippet");
        }
        *sink += strlen(snip);
        nx_free(snip);
        n++;
    }
    nx_results_free(r);
    return rc < 0 ? fail("next result") : n;
}

static int cmd_query(const char *path, const char *q_path, size_t reps)
{
    nx_db *db;
    size_t nq = 0, sink = 0, failed = 0;
    char **lines = bu_read_lines(q_path, &nq);
    struct nxq *qs;
    double *lat;
    size_t *hits;
    if (!lines || !nq) {
        fprintf(stderr, "nx_query_bench: no queries in '%s'\n", q_path);
        return 1;
    }
    if (nx_db_open(&db, path, NULL) < 0) {
        fail(path);
        return 1;
    }
    qs = calloc(nq, sizeof *qs);
    lat = calloc(nq * reps, sizeof *lat);
    hits = calloc(nq, sizeof *hits);
    for (size_t q = 0; q < nq; q++) { /* warm-up pass */
        long h;
        nxq_parse(&qs[q], lines[q]);
        h = query_once(db, &qs[q], &sink);
        hits[q] = h < 0 ? 0 : (size_t)h;
        failed += h < 0;
    }
    for (size_t r = 0; r < reps; r++)
        for (size_t q = 0; q < nq; q++) {
            double t0 = bu_now();
            query_once(db, &qs[q], &sink);
            lat[q * reps + r] = bu_now() - t0;
        }
    bu_print_latency("newsidx", lines, nq, reps, lat, hits, failed);
    for (size_t q = 0; q < nq; q++)
        free(qs[q].copy);
    free(qs);
    free(lat);
    free(hits);
    bu_lines_free(lines, nq);
    nx_db_free(db);
    return 0;
}

static void run_one(nx_db *db, const char *qid, const struct nxq *q, size_t n, size_t per)
{
    nx_results *r;
    const nx_hit *hit;
    if (nxq_search(&r, db, q, n, per) < 0) {
        fail(qid);
        return;
    }
    while (nx_results_next(&hit, r) == NX_OK) {
        printf("{\"qid\": ");
        bu_json_str(stdout, qid);
        printf(", \"rank\": %zu, \"article_id\": ", hit->rank + 1);
        bu_json_str(stdout, hit->article_id);
        printf(", \"start\": %zu, \"end\": %zu, \"score\": %.6f}\n", hit->start, hit->end,
               hit->score);
    }
    nx_results_free(r);
}

static int cmd_run(const char *path, const char *q_path, size_t n, size_t per)
{
    nx_db *db;
    size_t nq = 0;
    char **lines = bu_read_lines(q_path, &nq);
    if (!lines) {
        fprintf(stderr, "nx_query_bench: cannot read '%s'\n", q_path);
        return 1;
    }
    if (nx_db_open(&db, path, NULL) < 0) {
        fail(path);
        return 1;
    }
    for (size_t i = 0; i < nq; i++) {
        char *tab = strchr(lines[i], '\t');
        struct nxq q;
        if (!tab)
            continue;
        *tab = '\0';
        nxq_parse(&q, tab + 1);
        run_one(db, lines[i], &q, n, per);
        free(q.copy);
    }
    nx_db_free(db);
    bu_lines_free(lines, nq);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "query"))
        return cmd_query(argv[2], argv[3], strtoul(argv[4], NULL, 10));
    if (argc >= 4 && argc <= 6 && !strcmp(argv[1], "run"))
        return cmd_run(argv[2], argv[3], argc > 4 ? strtoul(argv[4], NULL, 10) : 100,
                       argc > 5 ? strtoul(argv[5], NULL, 10) : 3);
    fprintf(stderr, "usage: nx_query_bench query DB queries.txt REPS\n"
                    "       nx_query_bench run DB queries.tsv [N [PER_ARTICLE]]\n");
    return 2;
}
