/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The re-ranking of a search's best matches (docs/ranking.md): pseudo-relevance feedback and
 * article context, over the pool of the plain query's best matches, its ties included. It
 * reads Xapian's termlists and postings, hence C++ (DESIGN decision 2); the matching itself is
 * the binding's (store/xmset.cc), and exceptions become codes in the binding's nx__xfail().
 */

#include "query/rank.h"

#include "store/xapian_shim.hh"

extern "C" {
#include "query/bm25.h"
#include "text/tokenizer.h"
}
#include "text/stopword.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

/* A match re-ranked here, with what the re-ranking found out about its hits. */
struct ranked final : nx__xmset {
    using nx__xmset::nx__xmset;
    size_t pooled = 0; /* the ranking's first `pooled` were re-ranked */
    std::unordered_map<Xapian::docid, Xapian::docid>
        first_passage; /* pooled hit -> its article's */
    std::unordered_map<Xapian::docid, double>
        context; /* pooled hit -> what article context added */
    std::unordered_map<Xapian::docid, double> proximity, length; /* ... proximity, length prior */
    std::vector<std::string> feedback; /* the expansion terms that re-ranked the matches */
};

/* The expansion terms of pseudo-relevance feedback (see struct nx__rank_opts): the stems that
 * best tell the first fb_docs matches from the rest, by the probabilistic selection weight
 * Enquire::get_eset uses (TradEWeight, k = 1), in one pass over those documents' termlists.
 * Evidence is counted by article (the collapse key) when collapsing: passages of one article
 * share its names and words, and counted as passages one long article would choose the terms.
 * Candidates are terms that at least two of the articles share: a term of one article only
 * would lift that article alone, which is feedback reinforcing itself rather than the query's
 * theme. Boolean terms (title and source words, wdf 0) add no weight and are skipped, and so
 * are function words (stopword.h), which the selection weight would otherwise pick: "in" and
 * "of" fill every feedback passage. The query's own terms are left out. Term frequencies are
 * the whole index's, so that a sharded index expands as one index would. */
static std::vector<std::string> expansion(const Xapian::Database &db, const Xapian::Query &q,
                                          const Xapian::MSet &top, const struct nx__xsearch *xs,
                                          const struct nx__rank_opts *ro)
{
    struct seen {
        unsigned int r = 0;    /* feedback articles with the term */
        double multiplier = 0; /* the summed wdf share of its passages, k = 1 */
        unsigned int last = 0; /* 1 + the last feedback article that had it */
    };
    std::unordered_map<std::string, unsigned int> article_no; /* collapse key -> 0, 1, ... */
    const bool by_article = xs->collapse_slot >= 0;
    std::unordered_map<std::string, seen> terms;
    terms.reserve(1024);
    const std::string prefix = ro->fb_prefix ? ro->fb_prefix : "";
    const double avlen = db.get_avlength(), n_docs = (double)db.get_doccount();
    unsigned int rsize = 0;
    for (Xapian::MSetIterator i = top.begin(); i != top.end() && rsize < ro->fb_docs; ++i) {
        unsigned int art = rsize;
        if (by_article) {
            auto ins = article_no.emplace(i.get_collapse_key(), (unsigned int)article_no.size());
            art = ins.first->second;
        }
        rsize++;
        double len = (double)db.get_doclength(*i);
        Xapian::TermIterator t = db.termlist_begin(*i), end = db.termlist_end(*i);
        for (t.skip_to(prefix); t != end && (*t).compare(0, prefix.size(), prefix) == 0; ++t) {
            double wdf = t.get_wdf();
            if (wdf == 0) /* a boolean term (title, source): no weight to add */
                continue;
            seen &s = terms[*t];
            if (s.last != art + 1)
                s.r++;
            s.last = art + 1;
            s.multiplier += 2 * wdf / (len / avlen + wdf);
        }
    }
    for (Xapian::TermIterator t = q.get_terms_begin(); t != q.get_terms_end(); ++t)
        terms.erase(*t);
    std::vector<std::pair<std::string, seen>> shared; /* in term order: nearby lookups */
    if (by_article)
        rsize = (unsigned int)article_no.size();
    for (const auto &e : terms) /* the few candidates, not every termlist entry, are looked up */
        if (rsize >= 2 && e.second.r >= 2 &&
            !nx__stopword_stem(e.first.data() + prefix.size(), e.first.size() - prefix.size()))
            shared.push_back(e);
    std::sort(shared.begin(), shared.end(),
              [](const std::pair<std::string, seen> &a, const std::pair<std::string, seen> &b) {
                  return a.first < b.first;
              });
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto &e : shared) {
        double r = e.second.r, tf = (double)db.get_termfreq(e.first), without = rsize - r;
        double num = (r + 0.5) * (n_docs - tf - without + 0.5);
        double denom = (tf - r + 0.5) * (without + 0.5);
        double w = num > 0 && denom > 0 ? e.second.multiplier * std::log(num / denom) : 0;
        if (w > 0)
            ranked.emplace_back(-w, e.first);
    }
    size_t n = std::min<size_t>(ro->fb_terms, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + (long)n, ranked.end());
    std::vector<std::string> out;
    for (size_t i = 0; i < n; i++)
        out.push_back(ranked[i].second);
    return out;
}

/* The lengths of the documents `ids` (ascending), in one pass over the index's list of
 * documents: one cursor, where Database::get_doclength() would look each up afresh. */
static std::vector<double> doc_lengths(const Xapian::Database &db,
                                       const std::vector<Xapian::docid> &ids)
{
    std::vector<double> out(ids.size(), 0);
    Xapian::PostingIterator p = db.postlist_begin(""), end = db.postlist_end("");
    for (size_t i = 0; i < ids.size() && p != end; i++) {
        p.skip_to(ids[i]);
        if (p != end && *p == ids[i])
            out[i] = (double)p.get_doclength();
    }
    return out;
}

/* Feedback re-ranks the plain query's pool, its `n` best matches: each expansion term adds its
 * BM25 weight in a passage, scaled by fb_weight, to the passage's score. Feedback at a fraction
 * of its weight reorders the head of the ranking and does not lift what the query alone ranked
 * far below it, so the pool is all it needs to look at; the matches after the pool keep their
 * order and scores, which are no higher than any pooled score. Equal scores keep the lower
 * docid first, as Xapian orders them. */
static void rerank(std::vector<scored> &hits, size_t n, const Xapian::Database &db,
                   const std::vector<std::string> &terms, const struct nx__xsearch *xs,
                   const struct nx__rank_opts *ro)
{
    std::vector<size_t> by_docid(n);
    for (size_t i = 0; i < n; i++)
        by_docid[i] = i;
    std::sort(by_docid.begin(), by_docid.end(),
              [&hits](size_t a, size_t b) { return hits[a].first < hits[b].first; });
    double n_docs = (double)db.get_doccount(), avlen = db.get_avlength();
    std::vector<Xapian::docid> ids(n);
    for (size_t i = 0; i < n; i++)
        ids[i] = hits[by_docid[i]].first;
    std::vector<double> len = terms.empty() ? std::vector<double>() : doc_lengths(db, ids);
    for (const std::string &t : terms) {
        double tf = (double)db.get_termfreq(t);
        Xapian::PostingIterator p = db.postlist_begin(t), end = db.postlist_end(t);
        for (size_t i = 0; i < n && p != end; i++) {
            p.skip_to(ids[i]);
            if (p != end && *p == ids[i])
                hits[by_docid[i]].second +=
                    ro->fb_weight * nx__bm25(xs, n_docs, tf, (double)p.get_wdf(), len[i], avlen);
        }
    }
    std::stable_sort(hits.begin(), hits.begin() + (long)n, [](const scored &a, const scored &b) {
        return a.second > b.second || (a.second == b.second && a.first < b.first);
    });
}

/* The query's terms that article context weighs: those with one of the '\n'-separated
 * prefixes of ctx_prefixes. */
static std::vector<std::string> context_terms(const Xapian::Query &q, const char *prefixes)
{
    std::vector<std::string> out;
    for (Xapian::TermIterator t = q.get_terms_begin(); t != q.get_terms_end(); ++t)
        for (const char *p = prefixes; *p;) {
            size_t len = std::strcspn(p, "\n");
            if ((*t).compare(0, len, p, len) == 0 && (*t).size() > len) {
                out.push_back(*t);
                break;
            }
            p += len + (p[len] == '\n');
        }
    return out;
}

/* Article context (see struct nx__rank_opts): each of the first `n` hits, whose articles are
 * named by `keys`, gains ctx_weight times the mean BM25 weight of the query's terms in the
 * other passages of its article. A passage that answers in a few words inside an article
 * about the question ranks above the same words in an article about something else. */
static void article_context(ranked &m, const std::vector<std::string> &keys, const Xapian::Query &q,
                            const struct nx__xsearch *xs, const struct nx__rank_opts *ro)
{
    std::vector<scored> &hits = m.hits;
    const Xapian::Database &db = m.db;
    const size_t n = m.pooled;
    std::vector<std::string> terms = context_terms(q, ro->ctx_prefixes);
    if (terms.empty())
        return;
    std::unordered_map<std::string, size_t> article;        /* key -> index */
    std::vector<std::pair<Xapian::docid, size_t>> passages; /* all of those articles' passages */
    std::vector<size_t> count;
    for (size_t k = 0; k < n; k++) {
        if (!article.emplace(keys[k], count.size()).second)
            continue;
        const std::string key = ro->ctx_key_prefix + keys[k];
        count.push_back(0);
        for (Xapian::PostingIterator a = db.postlist_begin(key); a != db.postlist_end(key); ++a)
            passages.emplace_back(*a, count.size() - 1), count.back()++;
    }
    std::sort(passages.begin(), passages.end());
    std::vector<Xapian::docid> first(count.size(), 0); /* each article's first passage */
    for (auto it = passages.rbegin(); it != passages.rend(); ++it)
        first[it->second] = it->first;
    for (size_t k = 0; k < n; k++)
        m.first_passage[hits[k].first] = first[article[keys[k]]];
    struct posting {
        size_t passage;
        double tf, wdf;
    };
    std::vector<posting> found; /* the terms' postings in those passages */
    for (const std::string &t : terms) {
        double tf = (double)db.get_termfreq(t);
        Xapian::PostingIterator p = db.postlist_begin(t), end = db.postlist_end(t);
        for (size_t i = 0; i < passages.size() && p != end; i++) {
            p.skip_to(passages[i].first);
            if (p != end && *p == passages[i].first)
                found.push_back({i, tf, (double)p.get_wdf()});
        }
    }
    /* Lengths only of the passages with a posting, in docid order. */
    std::vector<size_t> slot(passages.size(), SIZE_MAX);
    std::vector<Xapian::docid> ids;
    for (const posting &f : found)
        slot[f.passage] = 0;
    for (size_t i = 0; i < passages.size(); i++)
        if (slot[i] == 0)
            slot[i] = ids.size(), ids.push_back(passages[i].first);
    std::vector<double> len = doc_lengths(db, ids);
    std::vector<double> own(passages.size(), 0), sum(count.size(), 0);
    double n_docs = (double)db.get_doccount(), avlen = db.get_avlength();
    for (const posting &f : found) {
        double w = nx__bm25(xs, n_docs, f.tf, f.wdf, len[slot[f.passage]], avlen);
        own[f.passage] += w;
        sum[passages[f.passage].second] += w;
    }
    for (size_t k = 0; k < n; k++) {
        size_t a = article[keys[k]];
        auto it = std::lower_bound(passages.begin(), passages.end(),
                                   std::make_pair(hits[k].first, (size_t)0));
        double mine =
            it != passages.end() && it->first == hits[k].first ? own[it - passages.begin()] : 0;
        if (count[a] > 1) {
            double w = ro->ctx_weight * (sum[a] - mine) / (double)(count[a] - 1);
            hits[k].second += w;
            m.context[hits[k].first] = w;
        }
    }
}

/* The closeness of two terms in a passage: the sum, over their occurrences in one sentence
 * (positions at most NX__SENTENCE_GAP apart, a sentence end adds more), of 1 / distance^decay.
 * Both position lists are ascending. */
static double closeness(const std::vector<Xapian::termpos> &a,
                        const std::vector<Xapian::termpos> &b, double decay)
{
    double acc = 0;
    size_t from = 0;
    for (Xapian::termpos p : a) {
        while (from < b.size() && b[from] + NX__SENTENCE_GAP < p)
            from++;
        for (size_t j = from; j < b.size() && b[j] <= p + NX__SENTENCE_GAP; j++)
            if (b[j] != p) /* one word indexed twice (a name's stem and its actor tag) */
                acc += std::pow(std::fabs((double)b[j] - (double)p), -decay);
    }
    return acc;
}

/* Proximity and the length prior (see struct nx__rank_opts) for the pooled hits: the query's
 * rarer words together in one sentence of the passage are the event asked about, where the
 * same words scattered over a passage are several events; a passage of a few words (a
 * greeting, a signature) rarely answers anything, and BM25's length normalisation favours it.
 * Proximity is BM25-TP's (Rasolofo and Savoy, 2003), a pair's closeness saturated as a term
 * frequency and weighed by the rarer term of the pair, restricted to one sentence. */
static void passage_priors(ranked &m, const Xapian::Query &q, const struct nx__xsearch *xs,
                           const struct nx__rank_opts *ro)
{
    const Xapian::Database &db = m.db;
    const size_t n = m.pooled;
    std::vector<std::string> terms;
    if (ro->prox_weight > 0 && ro->ctx_prefixes)
        terms = context_terms(q, ro->ctx_prefixes);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    if (terms.size() < 2 && ro->len_weight <= 0)
        return;
    double n_docs = (double)db.get_doccount(), avlen = db.get_avlength();
    std::vector<double> idf;
    for (const std::string &t : terms)
        idf.push_back(nx__bm25_idf(n_docs, (double)db.get_termfreq(t)));
    std::vector<size_t> by_docid(n);
    for (size_t i = 0; i < n; i++)
        by_docid[i] = i;
    std::sort(by_docid.begin(), by_docid.end(),
              [&m](size_t a, size_t b) { return m.hits[a].first < m.hits[b].first; });
    std::vector<Xapian::docid> ids(n);
    for (size_t i = 0; i < n; i++)
        ids[i] = m.hits[by_docid[i]].first;
    std::vector<double> len = doc_lengths(db, ids);
    std::vector<std::vector<Xapian::termpos>> pos(terms.size());
    for (size_t i = 0; i < n; i++) {
        double add = 0;
        if (terms.size() >= 2) {
            for (size_t t = 0; t < terms.size(); t++)
                pos[t].assign(db.positionlist_begin(ids[i], terms[t]),
                              db.positionlist_end(ids[i], terms[t]));
            for (size_t a = 0; a < terms.size(); a++)
                for (size_t b = a + 1; b < terms.size(); b++) {
                    if (pos[a].empty() || pos[b].empty())
                        continue;
                    double acc = closeness(pos[a], pos[b], ro->prox_decay);
                    if (acc > 0)
                        add += std::min(idf[a], idf[b]) * nx__bm25_tf(xs, acc, len[i], avlen);
                }
            add *= ro->prox_weight;
            if (add > 0)
                m.proximity[ids[i]] = add;
        }
        double prior = ro->len_weight > 0 && len[i] >= 1
                           ? ro->len_weight * std::log(std::min(len[i], avlen))
                           : 0;
        if (prior > 0)
            m.length[ids[i]] = prior;
        m.hits[by_docid[i]].second += add + prior;
    }
}

static std::vector<std::string> collapse_keys(const Xapian::MSet &mset, size_t n)
{
    std::vector<std::string> out;
    for (Xapian::MSetIterator i = mset.begin(); i != mset.end() && out.size() < n; ++i)
        out.push_back(i.get_collapse_key());
    return out;
}

/* Matches tied with the pool's last one come in docid order, which differs between a sharded
 * index and one index: up to this many of them join the pool, so that which of them made the
 * cut does not change the ranking (bench/ablation.py overrides it with -D). */
#ifndef NX_POOL_TIES
#define NX_POOL_TIES 5
#endif
enum { POOL_TIES = NX_POOL_TIES };

/* Whether the match after the first `n` ties with the n-th. */
static bool tied_at(const Xapian::MSet &mset, Xapian::doccount n)
{
    return n > 0 && mset.size() > n && mset[n].get_weight() >= mset[n - 1].get_weight();
}

/* How many of `hits` form a pool of `size`: those and the ones tied with the last. */
static size_t pool_size(const std::vector<scored> &hits, size_t size)
{
    size_t n = std::min(size, hits.size());
    while (n > 0 && n < hits.size() && n < size + POOL_TIES && hits[n].second >= hits[n - 1].second)
        n++;
    return n;
}

extern "C" int nx__rank_search(struct nx__xmset **out, struct nx__xdb *db, const struct nx__xq *q,
                               const struct nx__xsearch *xs,
                               const struct nx__rank_opts *ro) noexcept
{
    *out = nullptr;
    if (ro->fb_pool == 0)
        return nx__xmset_search(out, db, q, xs);
    try {
        int rc = nx__xmset_check(xs);
        if (rc < 0)
            return rc;
        std::unique_ptr<ranked> m(new ranked(db->db, q->q, xs));
        unsigned int pool = std::max(ro->fb_docs, ro->fb_pool);
        unsigned int end = xs->offset + xs->limit;
        m->match(0, std::max(pool + 1, end));
        if (tied_at(m->mset, pool) && end < pool + POOL_TIES) /* rare: fetch the ties */
            m->match(0, pool + POOL_TIES);
        m->pooled = pool_size(m->hits, pool);
        if (ro->ctx_weight > 0 && xs->collapse_slot >= 0)
            article_context(*m, collapse_keys(m->mset, m->pooled), q->q, xs, ro);
        passage_priors(*m, q->q, xs, ro);
        if (ro->fb_docs && ro->fb_terms)
            m->feedback = expansion(m->db, q->q, m->mset, xs, ro);
        rerank(m->hits, m->pooled, m->db, m->feedback, xs, ro);
        m->page(xs->offset, xs->limit);
        if (!m->feedback.empty()) { /* get_matching_terms() names them as well */
            Xapian::Query more(Xapian::Query::OP_OR, m->feedback.begin(), m->feedback.end());
            m->enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, more));
        }
        *out = m.release();
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

/* Searches that were not re-ranked (nx__xmset_search(), or a pool of 0) are plain nx__xmset. */
static const ranked *ranking(const struct nx__xmset *m) noexcept
{
    return dynamic_cast<const ranked *>(m);
}

extern "C" unsigned int nx__rank_article_doc(const struct nx__xmset *m, size_t i) noexcept
{
    const ranked *r = ranking(m);
    if (!r || i >= r->hits.size())
        return 0;
    auto it = r->first_passage.find(r->hits[i].first);
    return it == r->first_passage.end() ? 0 : it->second;
}

static double added(const std::unordered_map<Xapian::docid, double> ranked::*part,
                    const struct nx__xmset *m, size_t i) noexcept
{
    const ranked *r = ranking(m);
    if (!r || i >= r->hits.size())
        return 0;
    auto it = (r->*part).find(r->hits[i].first);
    return it == (r->*part).end() ? 0 : it->second;
}

extern "C" double nx__rank_context(const struct nx__xmset *m, size_t i) noexcept
{
    return added(&ranked::context, m, i);
}

extern "C" double nx__rank_proximity(const struct nx__xmset *m, size_t i) noexcept
{
    return added(&ranked::proximity, m, i);
}

extern "C" double nx__rank_length(const struct nx__xmset *m, size_t i) noexcept
{
    return added(&ranked::length, m, i);
}

extern "C" size_t nx__rank_feedback_count(const struct nx__xmset *m, size_t hit) noexcept
{
    const ranked *r = ranking(m);
    return r && r->first + hit < r->pooled ? r->feedback.size() : 0;
}

extern "C" const char *nx__rank_feedback(const struct nx__xmset *m, size_t i, size_t *len) noexcept
{
    const ranked *r = ranking(m);
    *len = r ? r->feedback[i].size() : 0;
    return r ? r->feedback[i].data() : "";
}
