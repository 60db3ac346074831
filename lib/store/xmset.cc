/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The binding's matching: an Enquire with BM25Weight, collapsing, sorting and facet counting,
 * the page of hits it gives and what a hit's document holds. The set of matches and their
 * scores are Xapian's; re-ranking them is the query layer's (query/rank.cc).
 */

#include "store/xapian_shim.hh"

#include "util/clock.h"
#include "util/error.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

/*
 * Facets use Xapian's own ValueCountMatchSpy, which xapian-tcpsrv knows how to unserialise, so
 * facets work over remote shards. It counts each distinct slot value; a passage tagged with
 * several actors holds them '\n'-separated in one value, so the counts of such combinations are
 * split here and added up per name: the same totals as counting every name of every passage.
 * A facet with a cut counts names by their first bytes (months: "YYYY-MM" of "YYYY-MM-DD").
 */
static void split_counts(const Xapian::ValueCountMatchSpy &spy, size_t cut, facet_list &out)
{
    std::map<std::string, uint64_t> counts; /* byte order of the name (unsigned compare) */
    for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
        const std::string v = *it;
        const uint64_t n = it.get_termfreq();
        for (size_t start = 0; start < v.size();) {
            size_t end = v.find('\n', start);
            if (end == std::string::npos)
                end = v.size();
            if (end > start)
                counts[v.substr(start, cut && end - start > cut ? cut : end - start)] += n;
            start = end + 1;
        }
    }
    out.assign(counts.begin(), counts.end());
}

/*
 * Facets by article: each name counted once per distinct value of the key slot (the article
 * id, or the story key that copies share), over all the matching documents (a match spy sees them
 * all, collapsed or not), so that an article with three passages naming Lavrov counts once and the
 * months of the matches add up to the matching articles. The (key, name) pairs seen are kept:
 * memory grows with the matches' names, as the spy's own value counts do with its distinct values.
 */
class KeyCountSpy : public Xapian::MatchSpy
{
  public:
    KeyCountSpy(Xapian::valueno slot, Xapian::valueno key, size_t cut, bool first)
        : slot_(slot), key_(key), cut_(cut), first_(first)
    {
    }
    void operator()(const Xapian::Document &doc, double) override
    {
        const std::string v = doc.get_value(slot_);
        if (v.empty())
            return;
        const std::string k = doc.get_value(key_);
        for (size_t start = 0; start < v.size();) {
            size_t end = v.find('\n', start);
            if (end == std::string::npos)
                end = v.size();
            if (end > start) {
                std::string name = v.substr(start, cut_ && end - start > cut_ ? cut_ : end - start);
                if (first_) {
                    auto ins = firsts_.emplace(k, name);
                    if (!ins.second && name < ins.first->second)
                        ins.first->second = name;
                } else if (seen_.insert(k + '\0' + name).second) {
                    counts_[name]++;
                }
            }
            start = end + 1;
        }
    }
    void result(facet_list &out)
    {
        for (const auto &f : firsts_)
            counts_[f.second]++;
        firsts_.clear();
        out.assign(counts_.begin(), counts_.end());
    }

  private:
    Xapian::valueno slot_, key_;
    size_t cut_;
    bool first_;
    std::set<std::string> seen_;
    std::map<std::string, std::string> firsts_; /* key -> its first name, with first_ */
    std::map<std::string, uint64_t> counts_; /* byte order of the name (unsigned compare) */
};

/*
 * A match's deadline: asked about every candidate document (a MatchDecider that accepts them
 * all), it reads the clock every 256th and stops the match past the deadline. Xapian's own
 * Enquire::set_time_limit is not used: its timer runs a thread of glibc's making, which
 * ThreadSanitizer cannot follow, and it returns a partial match where a failure is wanted.
 */
class DeadlineDecider : public Xapian::MatchDecider
{
  public:
    explicit DeadlineDecider(double deadline) : deadline_(deadline)
    {
    }
    bool operator()(const Xapian::Document &) const override
    {
        if ((++seen_ & 255) == 0 && nx__clock_seconds() >= deadline_)
            throw nx__xtimeout();
        return true;
    }

  private:
    double deadline_;
    mutable unsigned int seen_ = 0;
};

int nx__xmset_check(const struct nx__xsearch *opts) noexcept
{
    if (opts->n_facets > NX__XSEARCH_MAX_FACETS)
        return nx__error_set(NX_EINVAL, "%zu facets asked for, at most %d", opts->n_facets,
                             (int)NX__XSEARCH_MAX_FACETS);
    for (size_t i = 0; i < opts->n_facets; i++)
        if (opts->facet_slots[i] < 0)
            return nx__error_set(NX_EINVAL, "facet %zu has no value slot", i);
    return NX_OK;
}

nx__xmset::nx__xmset(const Xapian::Database &d, const Xapian::Query &q, const struct nx__xsearch *o)
    : db(d), enq(d), opts(*o)
{
    enq.set_weighting_scheme(
        Xapian::BM25Weight(opts.k1, opts.k2, opts.k3, opts.b, opts.min_normlen));
    if (opts.collapse_slot >= 0)
        enq.set_collapse_key((Xapian::valueno)opts.collapse_slot, opts.collapse_max);
    if (opts.sort_slot >= 0)
        enq.set_sort_by_value_then_relevance((Xapian::valueno)opts.sort_slot, opts.sort_descending);
    enq.set_query(q);
}

void nx__xmset::match(unsigned int from, unsigned int count)
{
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    std::vector<std::unique_ptr<KeyCountSpy>> key_spies;
    int key_slot = opts.facet_key_slot > 0 ? opts.facet_key_slot : opts.collapse_slot;
    bool per_key = opts.facet_per_key && key_slot >= 0;
    for (size_t i = 0; i < opts.n_facets; i++) {
        Xapian::valueno slot = (Xapian::valueno)opts.facet_slots[i];
        if (per_key) {
            key_spies.emplace_back(new KeyCountSpy(slot, (Xapian::valueno)key_slot,
                                                   opts.facet_cut[i], opts.facet_first[i]));
            enq.add_matchspy(key_spies.back().get());
        } else {
            spies.emplace_back(new Xapian::ValueCountMatchSpy(slot));
            enq.add_matchspy(spies.back().get());
        }
    }
    std::unique_ptr<DeadlineDecider> late;
    if (opts.deadline > 0.0) {
        if (nx__clock_seconds() >= opts.deadline)
            throw nx__xtimeout();
        late.reset(new DeadlineDecider(opts.deadline));
    }
    mset = enq.get_mset(from, count, opts.check_at_least, nullptr, late.get());
    enq.clear_matchspies();
    for (size_t i = 0; i < spies.size(); i++)
        split_counts(*spies[i], opts.facet_cut[i], facets[i]);
    for (size_t i = 0; i < key_spies.size(); i++)
        key_spies[i]->result(facets[i]);
    n_facets = spies.size() + key_spies.size();
    hits.clear();
    hits.reserve(mset.size());
    for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
        hits.emplace_back(*i, i.get_weight());
}

void nx__xmset::page(size_t offset, size_t limit)
{
    first = std::min(offset, hits.size());
    hits.erase(hits.begin(), hits.begin() + (long)first);
    if (hits.size() > limit)
        hits.resize(limit);
}

const Xapian::Document &nx__xmset::document(size_t i)
{
    if (doc_id_ != hits[i].first) {
        doc_ = db.get_document(hits[i].first);
        doc_id_ = hits[i].first;
    }
    return doc_;
}

extern "C" int nx__xmset_search(struct nx__xmset **out, struct nx__xdb *db, const struct nx__xq *q,
                                const struct nx__xsearch *opts) noexcept
{
    *out = nullptr;
    try {
        int rc = nx__xmset_check(opts);
        if (rc < 0)
            return rc;
        std::unique_ptr<nx__xmset> m(new nx__xmset(db->db, q->q, opts));
        m->match(opts->offset, opts->limit);
        *out = m.release();
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" void nx__xmset_free(struct nx__xmset *m) noexcept
{
    delete m;
}

extern "C" size_t nx__xmset_size(const struct nx__xmset *m) noexcept
{
    return m->hits.size();
}

extern "C" uint64_t nx__xmset_estimated(const struct nx__xmset *m) noexcept
{
    return m->mset.get_matches_estimated();
}

extern "C" void nx__xmset_bounds(const struct nx__xmset *m, uint64_t *lo, uint64_t *hi) noexcept
{
    *lo = m->mset.get_matches_lower_bound();
    *hi = m->mset.get_matches_upper_bound();
}

static int no_hit(const nx__xmset *m, size_t i) noexcept
{
    return nx__error_set(NX_EINVAL, "hit %zu of %zu does not exist", i, m->hits.size());
}

extern "C" int nx__xmset_hit(const struct nx__xmset *m, size_t i, unsigned int *docid,
                             double *weight) noexcept
{
    if (i >= m->hits.size())
        return no_hit(m, i);
    if (docid)
        *docid = m->hits[i].first;
    if (weight)
        *weight = m->hits[i].second;
    return NX_OK;
}

extern "C" int nx__xmset_data(struct nx__xmset *m, size_t i, nx__buf *out) noexcept
{
    try {
        if (i >= m->hits.size())
            return no_hit(m, i);
        return nx__xappend(out, m->document(i).get_data());
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xmset_value(struct nx__xmset *m, size_t i, unsigned int slot,
                               nx__buf *out) noexcept
{
    try {
        if (i >= m->hits.size())
            return no_hit(m, i);
        return nx__xappend(out, m->document(i).get_value(slot));
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xmset_matching_terms(struct nx__xmset *m, size_t i, nx__xterm_fn fn,
                                        void *payload) noexcept
{
    try {
        if (i >= m->hits.size())
            return no_hit(m, i);
        Xapian::docid d = m->hits[i].first;
        return nx__xeach_term(m->enq.get_matching_terms_begin(d), m->enq.get_matching_terms_end(d),
                              fn, payload);
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" size_t nx__xmset_facet_count(const struct nx__xmset *m, size_t which) noexcept
{
    return which < m->n_facets ? m->facets[which].size() : 0;
}

extern "C" int nx__xmset_facet(const struct nx__xmset *m, size_t which, size_t i, const char **name,
                               uint64_t *count) noexcept
{
    *name = nullptr;
    *count = 0;
    try {
        if (which >= m->n_facets || i >= m->facets[which].size())
            return nx__error_set(NX_EINVAL, "facet %zu has no name %zu", which, i);
        *name = m->facets[which][i].first.c_str();
        *count = m->facets[which][i].second;
        return NX_OK;
    } catch (...) {
        return nx__xfail();
    }
}
