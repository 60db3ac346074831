/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Copies collapsed at query time (collapse.h, docs/duplicates.md). The ranking is the one
 * nx__rank_search() gives; it is read deep enough to fill the page after collapsing, its hits
 * grouped by the text key of their passage, and each group shown once.
 */

#include "query/collapse.h"

#include "store/schema.h"
#include "store/xapian_shim.hh"

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct nx__copies {
    std::vector<std::vector<std::string>> ids; /* per hit of the page: its copies' articles */
};

namespace
{

/* A hit of the ranking as collapsing sees it. */
struct member {
    Xapian::docid docid;
    double score;
    size_t rank; /* where it stands once copies take their story's best rank */
    std::string article, date, text;
    std::string story; /* its article's cluster (schema.h): one story, copies or near copies */
};

/* Earlier: by date (an article without one comes after those with one), then by id. */
bool earlier(const member &a, const member &b)
{
    if (a.date.empty() != b.date.empty())
        return b.date.empty();
    if (a.date != b.date)
        return a.date < b.date;
    return a.article < b.article;
}

struct group {
    member shown;
    std::vector<const member *> copies; /* another article each, earliest first */
};

void add_copy(std::vector<const member *> &copies, const member *m, const std::string &shown)
{
    if (m->article == shown)
        return;
    for (const member *c : copies)
        if (c->article == m->article)
            return;
    copies.push_back(m);
}

/* The values in `slot` of the documents `ids`, read from the slot's stream in docid order:
 * cheaper than a document each. A backend without value streams (remote) reads documents. */
std::vector<std::string> values(const Xapian::Database &db, Xapian::valueno slot,
                                const std::vector<Xapian::docid> &ids)
{
    std::vector<std::string> out(ids.size());
    std::vector<size_t> order(ids.size());
    for (size_t i = 0; i < ids.size(); i++)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&ids](size_t a, size_t b) { return ids[a] < ids[b]; });
    try {
        Xapian::ValueIterator v = db.valuestream_begin(slot), end = db.valuestream_end(slot);
        for (size_t k = 0; k < order.size() && v != end; k++) {
            v.skip_to(ids[order[k]]);
            if (v != end && v.get_docid() == ids[order[k]])
                out[order[k]] = *v;
        }
    } catch (const Xapian::UnimplementedError &) {
        for (size_t i = 0; i < ids.size(); i++)
            out[i] = db.get_document(ids[i]).get_value(slot);
    }
    return out;
}

/* The dates of the hits that choosing the earliest needs: those whose story or text another
 * article's hit shares. */
void dates(const Xapian::Database &db, std::vector<member> &all)
{
    std::unordered_map<std::string, std::string> story_article, text_article;
    std::unordered_map<std::string, bool> story_shared, text_shared;
    for (const member &mb : all) {
        auto s = story_article.emplace(mb.story, mb.article);
        if (!s.second && s.first->second != mb.article)
            story_shared[mb.story] = true;
        auto t = text_article.emplace(mb.text, mb.article);
        if (!t.second && t.first->second != mb.article)
            text_shared[mb.text] = true;
    }
    std::vector<Xapian::docid> ids;
    std::vector<size_t> which;
    for (size_t i = 0; i < all.size(); i++)
        if (story_shared.count(all[i].story) || text_shared.count(all[i].text)) {
            ids.push_back(all[i].docid);
            which.push_back(i);
        }
    std::vector<std::string> d = values(db, NX__SLOT_DATE, ids);
    for (size_t k = 0; k < which.size(); k++)
        all[which[k]].date = std::move(d[k]);
}

/* The ranked hits of `m` collapsed (collapse.h): first each story keeps the hits of its
 * earliest article, at the best rank any of its articles had; then the passages with the same
 * text are one group, shown from its earliest article. `all` keeps what the groups point to. */
std::vector<group> grouped(nx__xmset &m, std::vector<member> &all)
{
    all.clear();
    std::unordered_map<Xapian::docid, std::string> article; /* the collapse keys of the match */
    for (Xapian::MSetIterator i = m.mset.begin(); i != m.mset.end(); ++i)
        article.emplace(*i, i.get_collapse_key());
    std::vector<Xapian::docid> ids;
    for (size_t i = 0; i < m.hits.size(); i++) {
        auto key = article.find(m.hits[i].first);
        all.push_back(member{m.hits[i].first, m.hits[i].second, i,
                             key != article.end() ? key->second : std::string(), "", "", ""});
        ids.push_back(m.hits[i].first);
    }
    std::vector<std::string> story_keys = values(m.db, NX__SLOT_CLUSTER, ids);
    std::vector<std::string> text_keys = values(m.db, NX__SLOT_TEXT, ids);
    for (size_t i = 0; i < all.size(); i++) {
        all[i].story = std::move(story_keys[i]);
        all[i].text = std::move(text_keys[i]);
    }
    dates(m.db, all);
    struct story {
        const member *earliest = nullptr;
        size_t best = SIZE_MAX; /* the best rank of any of its hits */
        bool placed = false;    /* its earliest article's best hit took that rank */
        std::vector<const member *> copies;
    };
    std::unordered_map<std::string, story> stories;
    for (const member &mb : all) {
        story &st = stories[mb.story];
        st.best = std::min(st.best, mb.rank);
        if (!st.earliest || earlier(mb, *st.earliest))
            st.earliest = &mb;
    }
    std::vector<const member *> kept;
    for (const member &mb : all) {
        story &st = stories[mb.story];
        if (mb.article != st.earliest->article) {
            add_copy(st.copies, &mb, st.earliest->article);
            continue;
        }
        kept.push_back(&mb);
    }
    std::vector<std::pair<size_t, const member *>> order; /* (rank, hit) */
    for (const member *mb : kept) {
        story &st = stories[mb->story];
        order.emplace_back(st.placed ? mb->rank : st.best, mb);
        st.placed = true;
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const std::pair<size_t, const member *> &a,
                        const std::pair<size_t, const member *> &b) { return a.first < b.first; });
    std::vector<group> groups;
    std::unordered_map<std::string, size_t> by_text;
    std::unordered_map<std::string, bool> story_listed;
    for (const auto &o : order) {
        const member *mb = o.second;
        auto ins = by_text.emplace(mb->text, groups.size());
        if (ins.second) {
            groups.push_back(group{*mb, {}});
            groups.back().shown.score = all[o.first].score;
        }
        group &g = groups[ins.first->second];
        if (!ins.second && earlier(*mb, g.shown)) { /* an earlier article has the text */
            add_copy(g.copies, &all[g.shown.rank], mb->article);
            double score = g.shown.score;
            g.shown = *mb;
            g.shown.score = score;
        } else if (!ins.second) {
            add_copy(g.copies, mb, g.shown.article);
        }
        if (!story_listed[mb->story]) { /* the story's copies go with its first hit */
            story_listed[mb->story] = true;
            for (const member *c : stories[mb->story].copies)
                add_copy(g.copies, c, g.shown.article);
        }
    }
    for (group &g : groups)
        std::stable_sort(g.copies.begin(), g.copies.end(),
                         [](const member *a, const member *b) { return earlier(*a, *b); });
    return groups;
}

} // namespace

/* Enough of the ranking for a page: what it asks for and 3 more, read four times as deep while
 * copies leave the page short (each reading is a search: copies are rare, and reading deeper
 * at once cost every search more than the second reading costs the few). */
enum { FETCH_MIN = 3, FETCH_GROWTH = 4 };

extern "C" int nx__collapse_search(struct nx__xmset **out, struct nx__copies **copies,
                                   struct nx__xdb *db, const struct nx__xq *q,
                                   const struct nx__xsearch *xs,
                                   const struct nx__rank_opts *ro) noexcept
{
    *out = nullptr;
    *copies = nullptr;
    try {
        const size_t want = (size_t)xs->offset + xs->limit;
        struct nx__xsearch whole = *xs;
        whole.offset = 0;
        whole.limit = (unsigned int)std::min<size_t>(want + FETCH_MIN, 0xffffffffu);
        std::vector<group> groups;
        std::vector<member> all;
        std::unique_ptr<nx__xmset> m;
        for (;;) {
            struct nx__xmset *raw = nullptr;
            int rc = nx__rank_search(&raw, db, q, &whole, ro);
            if (rc < 0)
                return rc;
            m.reset(raw);
            groups = grouped(*m, all);
            if (groups.size() >= want || m->hits.size() < whole.limit ||
                whole.limit >= 0xffffffffu / FETCH_GROWTH)
                break;
            whole.limit *= FETCH_GROWTH;
        }
        std::unique_ptr<nx__copies> c(new nx__copies);
        m->hits.clear();
        for (size_t g = xs->offset; g < groups.size() && g < want; g++) {
            m->hits.emplace_back(groups[g].shown.docid, groups[g].shown.score);
            std::vector<std::string> ids;
            for (const member *copy : groups[g].copies)
                ids.push_back(copy->article);
            c->ids.push_back(std::move(ids));
        }
        m->first = xs->offset;
        *copies = c.release();
        *out = m.release();
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" void nx__collapse_free(struct nx__copies *c) noexcept
{
    delete c;
}

extern "C" size_t nx__collapse_count(const struct nx__copies *c, size_t hit) noexcept
{
    return c && hit < c->ids.size() ? c->ids[hit].size() : 0;
}

extern "C" const char *nx__collapse_id(const struct nx__copies *c, size_t hit, size_t i) noexcept
{
    return c && hit < c->ids.size() && i < c->ids[hit].size() ? c->ids[hit][i].c_str() : nullptr;
}
