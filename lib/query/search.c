/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/collapse.h"
#include "query/qtypos.h"
#include "query/results.h"
#include "store/reread.h"
#include "store/schema.h"
#include "util/clock.h"
#include "util/error.h"

/* BM25 parameters (docs/ranking.md): b is BM25's usual 0.75, the middle of a plateau from 0.6
 * to 1.0 on shared/eval; k1 was flat from 0.6 to 2.0. All are compile-time constants that
 * bench/cv.py overrides (-D) to cross-validate them. */
#ifndef NX_BM25_K1
#define NX_BM25_K1 0.8
#endif
#ifndef NX_BM25_B
#define NX_BM25_B 0.75
#endif
#ifndef NX_BM25_MIN_NORMLEN
#define NX_BM25_MIN_NORMLEN 0.5
#endif
/* Pseudo-relevance feedback (docs/ranking.md): the stems that best tell the 10 best passages
 * from the rest re-rank the matches, at 0.3 of their weight. */
#ifndef NX_FEEDBACK_DOCS
#define NX_FEEDBACK_DOCS 10
#endif
#ifndef NX_FEEDBACK_TERMS
#define NX_FEEDBACK_TERMS 10
#endif
#ifndef NX_FEEDBACK_WEIGHT
#define NX_FEEDBACK_WEIGHT 0.3
#endif
/* ... and only the plain query's 20 best matches (or the page asked for, when more). */
#ifndef NX_FEEDBACK_POOL
#define NX_FEEDBACK_POOL 20
#endif
/* Article context (docs/ranking.md): a pooled passage gains 0.6 of the mean weight of the
 * query's stems and actor/topic tags in the other passages of its article. */
#ifndef NX_CONTEXT_WEIGHT
#define NX_CONTEXT_WEIGHT 0.6
#endif

/* Proximity (docs/ranking.md): the query's words and names together in one sentence, BM25-TP's
 * 1 / distance^2 closeness; and, for a bare actor/topic filter, a length prior: log of a
 * passage's length up to the average (a document prior proportional to length). */
#ifndef NX_PROXIMITY_WEIGHT
#define NX_PROXIMITY_WEIGHT 0.25
#endif
#ifndef NX_PROXIMITY_DECAY
#define NX_PROXIMITY_DECAY 2
#endif
#ifndef NX_LENGTH_PRIOR
#define NX_LENGTH_PRIOR 1
#endif

enum { LIMIT_MAX = 10000 };

/* The caller's options as this version's struct in *out: a version 1 struct ends before
 * time_limit, which is then 0. */
static int read_search_opts(nx_search_opts *out, const nx_search_opts *o)
{
    nx_search_opts zero = NX_SEARCH_OPTS_INIT;
    *out = zero;
    if (o->version == 1)
        memcpy(out, o, offsetof(nx_search_opts, time_limit));
    else if (o->version == NX_SEARCH_OPTS_VERSION)
        *out = *o;
    else
        return nx__error_set(NX_EINVAL, "unknown nx_search_opts version %u", o->version);
    out->version = NX_SEARCH_OPTS_VERSION;
    return NX_OK;
}

static int check_search_opts(const nx_search_opts *o)
{
    if (!(o->time_limit >= 0.0 && o->time_limit <= 1e9)) /* NaN too */
        return nx__error_set(NX_EINVAL, "time_limit %g: expected seconds from 0 (none) to 1e9",
                             o->time_limit);
    if (o->sort != NX_SORT_RELEVANCE && o->sort != NX_SORT_DATE)
        return nx__error_set(NX_EINVAL, "unknown sort order %d", o->sort);
    if (o->limit > LIMIT_MAX || o->offset > LIMIT_MAX * 100)
        return nx__error_set(NX_ELIMIT, "at most %d results a page", LIMIT_MAX);
    if ((o->n_actors && !o->actors) || (o->n_topics && !o->topics))
        return nx__error_set(NX_EINVAL, "actor or topic count without names");
    if (o->flags & ~(unsigned)(NX_SEARCH_FACETS | NX_SEARCH_EXPLAIN | NX_SEARCH_EXACT |
                               NX_SEARCH_NO_FEEDBACK | NX_SEARCH_BODY_TO_PASSAGE |
                               NX_SEARCH_PASSAGE_ONLY | NX_SEARCH_FACET_PASSAGES | NX_SEARCH_TYPOS |
                               NX_SEARCH_FIX_TYPOS | NX_SEARCH_TIMELINE | NX_SEARCH_DUPLICATES))
        return nx__error_set(NX_EINVAL, "unknown search flags 0x%x", o->flags);
    return NX_OK;
}

/* What counts as one: a story (copies once, docs/duplicates.md), or with NX_SEARCH_DUPLICATES
 * an article. */
static int story_slot(unsigned int flags)
{
    return flags & NX_SEARCH_DUPLICATES ? NX__SLOT_ARTICLE : NX__SLOT_CLUSTER;
}

static void set_xsearch(struct nx__xsearch *xs, const nx_search_opts *o, uint64_t doccount)
{
    memset(xs, 0, sizeof *xs);
    xs->offset = (unsigned int)o->offset;
    xs->limit = (unsigned int)(o->limit ? o->limit : 10);
    xs->collapse_slot = NX__SLOT_ARTICLE;
    xs->collapse_max = (unsigned int)(o->per_article ? o->per_article : 1);
    xs->sort_slot = o->sort == NX_SORT_DATE ? NX__SLOT_DATE : -1;
    xs->sort_descending = true;
    xs->k1 = NX_BM25_K1;
    xs->k2 = 0;
    xs->k3 = 1;
    xs->b = NX_BM25_B;
    xs->min_normlen = NX_BM25_MIN_NORMLEN;
    if (o->flags & (NX_SEARCH_FACETS | NX_SEARCH_TIMELINE)) /* facets count every match */
        xs->check_at_least = doccount > 0xffffffffu ? 0xffffffffu : (unsigned int)doccount;
    if (o->flags & (NX_SEARCH_FACETS | NX_SEARCH_TIMELINE)) {
        /* In nx_facet order; weeks are made from the days (query/timeline.h). */
        int slots[] = {NX__SLOT_ACTORS, NX__SLOT_TOPICS,  NX__SLOT_SOURCE,
                       NX__SLOT_DATE,   NX__SLOT_REMARKS, NX__SLOT_DATE};
        memcpy(xs->facet_slots, slots, sizeof slots);
        xs->facet_cut[NX_FACET_MONTH] = 7; /* "YYYY-MM" */
        /* A story's copies may have other dates: it counts on its first (docs/duplicates.md),
         * so that the periods add up to the stories. */
        xs->facet_first[NX_FACET_MONTH] = xs->facet_first[NX_FACET_DAY] = true;
        xs->n_facets = sizeof slots / sizeof *slots;
        xs->facet_per_key = !(o->flags & NX_SEARCH_FACET_PASSAGES);
        xs->facet_key_slot = story_slot(o->flags);
    }
}

static void set_rank(struct nx__rank_opts *ro, const nx_search_opts *o)
{
    memset(ro, 0, sizeof *ro);
    /* Feedback, context and proximity re-rank words typed: not date order, nor a bare
     * actor/topic filter. */
    bool text = o->query && *o->query;
    if (o->sort == NX_SORT_RELEVANCE && text) {
        ro->fb_pool = NX_FEEDBACK_POOL;
        ro->ctx_weight = NX_CONTEXT_WEIGHT;
        ro->ctx_key_prefix = NX__P_ARTICLE;
        ro->ctx_prefixes = NX__P_STEM "\n" NX__P_ACTOR "\n" NX__P_TOPIC;
        ro->prox_weight = NX_PROXIMITY_WEIGHT;
        ro->prox_decay = NX_PROXIMITY_DECAY;
    }
    /* A bare actor/topic filter has only the tags' BM25 to rank by, which favours the
     * shortest passages (a greeting, a signature): a length prior orders it. */
    if (o->sort == NX_SORT_RELEVANCE && NX_LENGTH_PRIOR > 0 && !text &&
        (o->n_actors || o->n_topics)) {
        ro->fb_pool = NX_FEEDBACK_POOL;
        ro->len_weight = NX_LENGTH_PRIOR;
    }
    if (ro->fb_pool && text && !(o->flags & NX_SEARCH_NO_FEEDBACK)) {
        ro->fb_docs = NX_FEEDBACK_DOCS;
        ro->fb_terms = NX_FEEDBACK_TERMS;
        ro->fb_weight = NX_FEEDBACK_WEIGHT;
        ro->fb_prefix = NX__P_STEM;
    }
}

enum { COUNT_EXACT_UP_TO = 1000 };

/* Matching passages (no collapsing) and articles: exact with NX_SEARCH_EXACT, else exact up to
 * COUNT_EXACT_UP_TO passages and Xapian's estimate beyond. Articles are stories, copies counted
 * once, unless NX_SEARCH_DUPLICATES (story_slot()). Exact articles are the distinct
 * keys among all the matching passages (a match spy on the story slot), counted
 * whenever the spy saw every match: Xapian's collapsed count stays an estimate even when every
 * match was checked (868 articles came out as 1,000 for --actor putin on ukraine). Beyond,
 * the collapsed search gives the estimate and its bounds. Run on first use, so that a search
 * whose caller never asks costs nothing more. */
static int count(nx_results *r)
{
    struct nx__xstats st;
    struct nx__xsearch xs = r->xs;
    int rc = nx__xdb_stats(r->db->x, &st);
    unsigned int all = st.doccount > 0xffffffffu ? 0xffffffffu : (unsigned int)st.doccount;
    bool exact = r->flags & NX_SEARCH_EXACT;
    xs.offset = 0;
    xs.limit = 0;
    xs.sort_slot = -1;
    xs.collapse_max = 1;
    xs.check_at_least = exact ? all : COUNT_EXACT_UP_TO;
    xs.n_facets = 1;
    xs.facet_slots[0] = story_slot(r->flags);
    xs.facet_cut[0] = 0;
    xs.facet_per_key = false;
    /* The plain search: re-ranking never changes what matches. */
    for (int pass = 0; pass < 2 && rc == NX_OK; pass++) {
        struct nx__xmset *m = NULL;
        xs.collapse_slot = pass == 0 ? -1 : story_slot(r->flags);
        rc = nx__xmset_search(&m, r->db->x, r->plan.query, &xs);
        if (rc == NX_OK && pass == 0) {
            uint64_t lo, hi;
            nx__xmset_bounds(m, &lo, &hi);
            r->passages = nx__xmset_estimated(m);
            exact = exact || (lo == hi && hi <= xs.check_at_least); /* the spy saw them all */
            if (exact)
                r->articles = r->articles_lo = r->articles_hi = nx__xmset_facet_count(m, 0);
        } else if (rc == NX_OK) {
            r->articles = nx__xmset_estimated(m);
            nx__xmset_bounds(m, &r->articles_lo, &r->articles_hi);
        }
        nx__xmset_free(m);
        xs.n_facets = 0;
        if (exact)
            break;
    }
    r->counted = rc == NX_OK;
    return rc;
}

/* qsort has no payload in C11: the facet being sorted is per thread. */
static _Thread_local const struct nx__xmset *sort_mset;
static _Thread_local size_t sort_facet;

static int by_count(const void *a, const void *b)
{
    const char *na, *nb;
    uint64_t ca, cb;
    nx__xmset_facet(sort_mset, sort_facet, *(const size_t *)a, &na, &ca);
    nx__xmset_facet(sort_mset, sort_facet, *(const size_t *)b, &nb, &cb);
    if (ca != cb)
        return ca > cb ? -1 : 1;
    return strcmp(na, nb);
}

/* The periods read from a timeline: weeks always, and with NX_SEARCH_TIMELINE months and
 * days too, with the periods between that have no match. */
static int build_periods(nx_results *r)
{
    bool fill = r->flags & NX_SEARCH_TIMELINE;
    int rc = NX_OK;
    if (r->xs.n_facets <= NX_FACET_DAY)
        return NX_OK;
    for (nx_facet f = NX_FACET_MONTH; f <= NX_FACET_WEEK && rc == NX_OK; f++)
        if (f == NX_FACET_WEEK || (fill && (f == NX_FACET_MONTH || f == NX_FACET_DAY)))
            rc = nx__timeline_build(&r->periods[f], r->m, NX_FACET_DAY, f, fill);
    return rc;
}

/* Order each facet's values: counts descending, periods in date order. */
static int order_facets(nx_results *r)
{
    for (size_t f = 0; f < r->xs.n_facets; f++) {
        size_t n = nx__xmset_facet_count(r->m, f);
        r->facet_order[f] = malloc((n ? n : 1) * sizeof(size_t));
        if (!r->facet_order[f])
            return nx__error_set(NX_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++)
            r->facet_order[f][i] = i;
        if (f == NX_FACET_MONTH || f == NX_FACET_DAY)
            continue;
        sort_mset = r->m;
        sort_facet = f;
        qsort(r->facet_order[f], n, sizeof(size_t), by_count);
    }
    return build_periods(r);
}

/* Keep r's periods until nx_results_free(): their names may have been handed out. */
static void retire_periods(nx_results *r)
{
    for (size_t f = 0; f <= NX_FACET_WEEK; f++) {
        nx__timeline *kept = NULL;
        if (!r->periods[f].built)
            continue;
        if (r->periods[f].n > 0)
            kept = realloc(r->retired_periods, (r->n_retired_periods + 1) * sizeof *kept);
        if (kept) {
            r->retired_periods = kept;
            r->retired_periods[r->n_retired_periods++] = r->periods[f];
            memset(&r->periods[f], 0, sizeof r->periods[f]);
        } else {
            nx__timeline_release(&r->periods[f]);
        }
    }
}

/* NX_ETIMEOUT once r's time limit has passed (nx_search_opts.time_limit), else NX_OK. */
static int check_deadline(const nx_results *r)
{
    if (r->deadline > 0.0 && nx__clock_seconds() >= r->deadline)
        return nx__error_set(NX_ETIMEOUT, "the search took longer than its time limit of %g s",
                             r->time_limit);
    return NX_OK;
}

/* The page of r's search: copies collapsed unless NX_SEARCH_DUPLICATES (collapse.h). */
static int search_page(nx_results *r)
{
    if (r->flags & NX_SEARCH_DUPLICATES)
        return nx__rank_search(&r->m, r->db->x, r->plan.query, &r->xs, &r->rank);
    return nx__collapse_search(&r->m, &r->copies, r->db->x, r->plan.query, &r->xs, &r->rank);
}

static int run(nx_results *r, const nx_search_opts *o)
{
    struct nx__xstats st;
    int rc = nx__xdb_stats(r->db->x, &st);
    if (rc == NX_OK) {
        set_xsearch(&r->xs, o, st.doccount);
        r->xs.deadline = r->deadline;
        set_rank(&r->rank, o);
        rc = search_page(r);
    }
    if (rc == NX_OK || rc == NX_ETIMEOUT) /* the limit named in the message */
        rc = check_deadline(r) < 0 ? NX_ETIMEOUT : rc;
    if (rc == NX_OK)
        rc = order_facets(r);
    return rc;
}

/* Drop the match, its facets and the article kept for the next hit: what a search made on
 * an older snapshot holds. */
static void drop_match(nx_results *r)
{
    /* Facet names handed out are borrowed until nx_results_free(): a match that has them is
     * kept until then (a search runs again only when a writer's commit made a read fail). */
    struct nx__xmset **kept = NULL;
    if (r->m && r->xs.n_facets > 0)
        kept = realloc(r->retired, (r->n_retired + 1) * sizeof *kept);
    if (kept) {
        r->retired = kept;
        r->retired[r->n_retired++] = r->m;
    } else {
        nx__xmset_free(r->m); /* no facets, or no memory to keep them: the names go */
    }
    r->m = NULL;
    nx__collapse_free(r->copies);
    r->copies = NULL;
    for (size_t f = 0; f < NX__XSEARCH_MAX_FACETS; f++) {
        free(r->facet_order[f]);
        r->facet_order[f] = NULL;
    }
    retire_periods(r);
    nx_free(r->art);
    r->art = NULL;
    r->counted = false;
}

/* Run r's search again, on the index as it is now: a new page, facets and counts. */
static int rerun(nx_results *r)
{
    struct nx__xstats st;
    drop_match(r);
    r->gen = nx__xdb_generation(r->db->x);
    int rc = nx__xdb_stats(r->db->x, &st);
    if (rc == NX_OK && (r->flags & (NX_SEARCH_FACETS | NX_SEARCH_TIMELINE)))
        r->xs.check_at_least = st.doccount > 0xffffffffu ? 0xffffffffu : (unsigned int)st.doccount;
    if (rc == NX_OK)
        rc = search_page(r);
    if (rc == NX_OK || rc == NX_ETIMEOUT)
        rc = check_deadline(r) < 0 ? NX_ETIMEOUT : rc;
    if (rc == NX_OK)
        rc = order_facets(r);
    if (rc < 0)
        drop_match(r);
    return rc;
}

/* Do `op` on r; when a writer's commit made it fail, search again on the new revision and
 * do it there (within the bound of store/reread.h). A search that could not be run again leaves r
 * without a match, and the next call tries again. */
static int retrying(nx_results *r, int (*op)(nx_results *r), nx__reread rr)
{
    for (;;) {
        int rc = check_deadline(r);
        if (rc == NX_OK && !r->m)
            rc = rerun(r);
        if (rc == NX_OK)
            rc = op(r);
        if (rc == NX_ETIMEOUT && check_deadline(r) < 0) /* ours: the message names the limit */
            return rc;
        if (rc >= 0 || !nx__reread_again(r->db, r->gen, rc, &rr))
            return rc;
        drop_match(r);
    }
}

/* The corrections of opts' query, and with NX_SEARCH_FIX_TYPOS the request to search. */
static int typos(nx_results *r, nx_db *db, const nx_search_opts *opts, nx_search_opts *fixed)
{
    *fixed = *opts;
    if (!(opts->flags & (NX_SEARCH_TYPOS | NX_SEARCH_FIX_TYPOS)))
        return NX_OK;
    int rc = nx__qtypos_correct(&r->suggestion, db, opts->query);
    if (rc == NX_OK && r->suggestion.len && (opts->flags & NX_SEARCH_FIX_TYPOS))
        fixed->query = r->suggestion.data;
    return rc;
}

const char *nx_results_suggestion(const nx_results *r)
{
    return r && r->suggestion.len ? r->suggestion.data : NULL;
}

/* The names in r->plan.people, each NUL-terminated: the i-th, or NULL (then *count their
 * number). */
static const char *person(const nx_results *r, size_t i, size_t *count)
{
    size_t n = 0;
    for (size_t at = 0; r && at < r->plan.people.len; n++) {
        const char *s = r->plan.people.data + at;
        if (n == i)
            return s;
        at += strlen(s) + 1;
    }
    if (count)
        *count = n;
    return NULL;
}

size_t nx_results_person_count(const nx_results *r)
{
    size_t n = 0;
    person(r, SIZE_MAX, &n);
    return n;
}

const char *nx_results_person(const nx_results *r, size_t i)
{
    return i == SIZE_MAX ? NULL : person(r, i, NULL);
}

int nx_search(nx_results **out, nx_db *db, const nx_search_opts *caller_opts)
{
    double started = nx__clock_seconds();
    nx_search_opts given, *opts = &given;
    if (!out)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no place for the results"));
    *out = NULL;
    if (!db || !caller_opts)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no index handle or search options"));
    int rc = read_search_opts(&given, caller_opts);
    if (rc == NX_OK)
        rc = check_search_opts(opts);
    if (rc == NX_OK && db->remotes && (opts->flags & (NX_SEARCH_FACETS | NX_SEARCH_TIMELINE)) &&
        !(opts->flags & NX_SEARCH_FACET_PASSAGES))
        rc = nx__error_set(NX_EINVAL,
                           "facets by article need local shards (remote: %s); count passages",
                           db->remotes);
    if (rc < 0)
        return nx__db_fail(db, rc);
    nx_results *r = calloc(1, sizeof *r);
    if (!r)
        return nx__db_fail(db, nx__error_set(NX_ENOMEM, "out of memory"));
    r->db = db;
    r->flags = opts->flags | (opts->flags & NX_SEARCH_TIMELINE ? NX_SEARCH_FACETS : 0u);
    r->hit.rank = 0;
    r->time_limit = opts->time_limit;
    r->deadline = opts->time_limit > 0.0 ? started + opts->time_limit : 0.0;
    nx_search_opts fixed = *opts;
    for (nx__reread rr = NX__REREAD_INIT;;) {
        r->gen = nx__xdb_generation(db->x);
        rc = typos(r, db, opts, &fixed);
        if (rc == NX_OK)
            rc = nx__qbuild_plan(&r->plan, db, &fixed);
        if (rc == NX_OK)
            rc = run(r, opts);
        if (rc >= 0 || rc == NX_ETIMEOUT || !nx__reread_again(db, r->gen, rc, &rr))
            break;
        if (check_deadline(r) < 0) {
            rc = NX_ETIMEOUT;
            break;
        }
        drop_match(r);
        nx__qplan_release(&r->plan);
        memset(&r->plan, 0, sizeof r->plan);
    }
    db->live_results++;
    if (rc < 0) {
        nx_results_free(r);
        return nx__db_fail(db, rc);
    }
    *out = r;
    return NX_OK;
}

static int fill_next(nx_results *r)
{
    if (r->next >= nx__xmset_size(r->m))
        return NX_DONE;
    return nx__hit_fill(r, r->next);
}

int nx_results_next(const nx_hit **hit, nx_results *r)
{
    if (!hit)
        return nx__error_set(NX_EINVAL, "no place for the hit");
    *hit = NULL;
    if (!r)
        return nx__error_set(NX_EINVAL, "no results");
    int rc = retrying(r, fill_next, (nx__reread)NX__REREAD_INIT);
    if (rc == NX_ECORRUPT) { /* damage, not a writer: the hit is skipped, the next call goes on */
        char msg[400];
        snprintf(msg, sizeof msg, "%s", nx_error_last()->message);
        if (msg[0] != '\'') /* the index is not named yet */
            nx__error_set(rc, "'%s': hit %zu: %s", r->db->path, r->next + 1, msg);
        r->next++;
    }
    if (rc < 0)
        return nx__db_fail(r->db, rc);
    if (rc == NX_DONE)
        return NX_DONE;
    r->hit.rank = r->next++;
    *hit = &r->hit;
    return NX_OK;
}

/* The results object is never const where it was made: counting on first use is caching. A
 * failed count is tried again by the next call. */
static int counted(uint64_t *out, const nx_results *cr, const uint64_t *which)
{
    nx_results *r = (nx_results *)cr;
    *out = 0;
    if (!r)
        return nx__error_set(NX_EINVAL, "no results");
    int rc = r->counted ? NX_OK : retrying(r, count, (nx__reread)NX__REREAD_INIT);
    if (rc < 0)
        return nx__db_fail(r->db, rc);
    *out = *which;
    return NX_OK;
}

int nx_results_passages(uint64_t *out, const nx_results *r)
{
    if (!out)
        return nx__error_set(NX_EINVAL, "no place for the count");
    return counted(out, r, r ? &r->passages : NULL);
}

int nx_results_articles_bounds(uint64_t *lo, uint64_t *hi, const nx_results *r)
{
    if (!lo || !hi)
        return nx__error_set(NX_EINVAL, "no place for the count");
    *hi = 0;
    int rc = counted(lo, r, r ? &r->articles_lo : NULL);
    if (rc == NX_OK)
        *hi = r->articles_hi;
    return rc;
}

int nx_results_articles(uint64_t *out, const nx_results *r)
{
    if (!out)
        return nx__error_set(NX_EINVAL, "no place for the count");
    return counted(out, r, r ? &r->articles : NULL);
}

/* The facet's values come from a timeline (query/timeline.h), not from the match. */
static const nx__timeline *periods(const nx_results *r, nx_facet facet)
{
    return (int)facet >= 0 && facet <= NX_FACET_WEEK && r->periods[facet].built ? &r->periods[facet]
                                                                                : NULL;
}

size_t nx_results_facet_count(const nx_results *r, nx_facet facet)
{
    if (!r || !r->m || (int)facet < 0 || (size_t)facet > NX_FACET_WEEK)
        return 0;
    if (periods(r, facet))
        return periods(r, facet)->n;
    return (size_t)facet < r->xs.n_facets ? nx__xmset_facet_count(r->m, (size_t)facet) : 0;
}

int nx_results_facet(const char **name, uint64_t *count_out, const nx_results *r, nx_facet facet,
                     size_t i)
{
    if (!r || !name || !count_out || (int)facet < 0 ||
        ((size_t)facet >= r->xs.n_facets && !periods(r, facet)))
        return nx__error_set(NX_EINVAL, "no such facet (was NX_SEARCH_FACETS given?)");
    if (i >= nx_results_facet_count(r, facet))
        return nx__error_set(NX_EINVAL, "facet value %zu out of range", i);
    const nx__timeline *t = periods(r, facet);
    if (t) {
        *name = t->names[i];
        *count_out = t->counts[i];
        return NX_OK;
    }
    return nx__xmset_facet(r->m, (size_t)facet, r->facet_order[facet][i], name, count_out);
}

void nx_results_free(nx_results *r)
{
    if (!r)
        return;
    r->db->live_results--;
    nx__hit_release(r);
    for (size_t f = 0; f < NX__XSEARCH_MAX_FACETS; f++)
        free(r->facet_order[f]);
    for (size_t f = 0; f <= NX_FACET_WEEK; f++)
        nx__timeline_release(&r->periods[f]);
    for (size_t i = 0; i < r->n_retired_periods; i++)
        nx__timeline_release(&r->retired_periods[i]);
    free(r->retired_periods);
    nx__xmset_free(r->m);
    nx__collapse_free(r->copies);
    for (size_t i = 0; i < r->n_retired; i++)
        nx__xmset_free(r->retired[i]);
    free(r->retired);
    nx__qplan_release(&r->plan);
    nx__buf_release(&r->suggestion);
    free(r);
}
