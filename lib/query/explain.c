/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --explain: each query term's share of a passage's BM25 score. Xapian does not report per-term
 * weights, so they are recomputed here from the same statistics and parameters: terms at their
 * own weight, an actor's speaker and remarks terms and feedback terms after their scale. What
 * the query's structure adds on top (the boost of every word present, of names in one
 * sentence) is the rest of the match's weight, and article context is what the re-ranking
 * added: the lines add up to the score. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "query/bm25.h"
#include "util/error.h"
#include "query/qplan.h"
#include "query/qwords.h"
#include "query/results.h"
#include "store/schema.h"

static int explain_term(nx_results *r, unsigned int docid, const char *t, size_t len,
                        const struct nx__xstats *st, double scale, const char *label, double *sum)
{
    uint64_t wdf = 0, doclen = 0, tf = 0;
    int rc = nx__xdb_doc_wdf(r->db->x, docid, t, len, &wdf, &doclen);
    if (rc == NX_OK)
        rc = nx__xdb_termfreq(r->db->x, t, len, &tf);
    if (rc < 0 || wdf == 0)
        return rc;
    double w = scale * nx__bm25(&r->xs, (double)st->doccount, (double)tf, (double)wdf,
                                (double)doclen, st->avlength);
    *sum += w;
    return nx__buf_printf(&r->arena, "\n%s%.*s: weight %.3f (wdf %llu, in %llu of %llu passages)",
                          label, (int)len, t, w, (unsigned long long)wdf, (unsigned long long)tf,
                          (unsigned long long)st->doccount);
}

/* The scale the query gives a term (qwords.c): an actor's speaker and remarks terms weigh less
 * or more than a word. */
static double query_scale(nx_results *r, const char *t, size_t len)
{
    size_t p = strlen(NX__P_SPEAKER);
    if (nx__qplan_prefixed(t, len, NX__P_SPEAKER))
        return nx__qwords_speaker_scale(r->db->x, t + p, len - p);
    if (nx__qplan_prefixed(t, len, NX__P_REMARKS))
        return NX_REMARKS_WEIGHT;
    return 1.0;
}

/* A speaker term (speaker.h) weighs only where the passage does not name the actor. */
static bool speaker_named(nx_results *r, unsigned int docid, const char *t, size_t len)
{
    if (!nx__qplan_prefixed(t, len, NX__P_SPEAKER))
        return false;
    size_t p = strlen(NX__P_SPEAKER);
    char actor[256];
    int n = snprintf(actor, sizeof actor, "%s%.*s", NX__P_ACTOR, (int)(len - p), t + p);
    uint64_t wdf = 0, doclen = 0;
    return n > 0 && (size_t)n < sizeof actor &&
           nx__xdb_doc_wdf(r->db->x, docid, actor, (size_t)n, &wdf, &doclen) == NX_OK && wdf > 0;
}

/* Whether the passage holds one of the topical terms of `list`; *any when the list has one. */
static bool holds_topical(nx_results *r, unsigned int docid, const nx__buf *list, bool *any)
{
    size_t at = 0, len;
    const char *t;
    while (nx__buf_next_line(list, &at, &t, &len)) {
        uint64_t wdf = 0, doclen = 0;
        if (nx__qplan_topical(t, len)) {
            *any = true;
            if (nx__xdb_doc_wdf(r->db->x, docid, t, len, &wdf, &doclen) == NX_OK && wdf > 0)
                return true;
        }
    }
    return false;
}

/* Whether the remarks boost (nx__qremarks_boost) applies to the passage: the query has no word or
 * topic, or the passage holds one. */
static bool remarks_apply(nx_results *r, unsigned int docid)
{
    bool any = false;
    return holds_topical(r, docid, &r->plan.terms, &any) || !any;
}

/* Whether the line t (pointing into list) occurs earlier in the list. */
static bool seen_before(const nx__buf *list, const char *t, size_t len)
{
    nx__buf before = {list->data, (size_t)(t - list->data), 0};
    return nx__buf_has_line(&before, t, len);
}

int nx__explain_hit(nx_results *r, size_t hit, unsigned int docid, size_t *off)
{
    struct nx__xstats st;
    *off = r->arena.len;
    double terms = 0;
    int remarks = -1; /* whether the remarks boost applies: not known yet */
    int rc = nx__xdb_stats(r->db->x, &st);
    if (rc == NX_OK)
        rc = nx__buf_printf(&r->arena, "score %.3f", r->hit.score);
    size_t at = 0, len;
    const char *t;
    while (rc == NX_OK && nx__buf_next_line(&r->plan.terms, &at, &t, &len)) {
        if (seen_before(&r->plan.terms, t, len))
            continue; /* each distinct term once */
        if (nx__qplan_prefixed(t, len, NX__P_REMARKS) && remarks < 0)
            remarks = remarks_apply(r, docid);
        if (!speaker_named(r, docid, t, len) &&
            !(nx__qplan_prefixed(t, len, NX__P_REMARKS) && !remarks))
            rc = explain_term(r, docid, t, len, &st, query_scale(r, t, len), "", &terms);
    }
    /* speaker: and said: terms weigh in full wherever they match. */
    for (at = 0; rc == NX_OK && nx__buf_next_line(&r->plan.whole, &at, &t, &len);)
        if (!seen_before(&r->plan.whole, t, len))
            rc = explain_term(r, docid, t, len, &st, 1.0, "", &terms);
    /* Pseudo-relevance feedback's stems, at the weight they added (docs/ranking.md). */
    double feedback = 0, context = nx__rank_context(r->m, hit);
    for (size_t i = 0; rc == NX_OK && i < nx__rank_feedback_count(r->m, hit); i++) {
        t = nx__rank_feedback(r->m, i, &len);
        rc = explain_term(r, docid, t, len, &st, r->rank.fb_weight, "feedback ", &feedback);
    }
    double proximity = nx__rank_proximity(r->m, hit), length = nx__rank_length(r->m, hit);
    double structure = r->hit.score - terms - feedback - context - proximity - length;
    if (rc == NX_OK && fabs(structure) >= 0.0005)
        rc = nx__buf_printf(&r->arena,
                            "\nquery structure: %+.3f (every word present, names in one "
                            "sentence)",
                            structure);
    if (rc == NX_OK && context > 0)
        rc = nx__buf_printf(&r->arena,
                            "\narticle context: %+.3f (the query's terms in the article's "
                            "other passages)",
                            context);
    if (rc == NX_OK && proximity > 0)
        rc = nx__buf_printf(&r->arena,
                            "\nproximity: %+.3f (the query's words and names close in one "
                            "sentence)",
                            proximity);
    if (rc == NX_OK && length > 0)
        rc = nx__buf_printf(&r->arena, "\nlength prior: %+.3f (the passage's length)", length);
    if (rc == NX_OK)
        rc = nx__buf_putc(&r->arena, '\0');
    return rc;
}
