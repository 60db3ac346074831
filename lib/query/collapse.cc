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
    std::string article, date, story, text;
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

/* The ranked hits of `m` collapsed (collapse.h): first each story keeps the hits of its
 * earliest article, at the best rank any of its articles had; then the passages with the same
 * text are one group, shown from its earliest article. `all` keeps what the groups point to. */
std::vector<group> grouped(nx__xmset &m, std::vector<member> &all)
{
    all.clear();
    for (size_t i = 0; i < m.hits.size(); i++) {
        Xapian::Document doc = m.db.get_document(m.hits[i].first);
        all.push_back(member{m.hits[i].first, m.hits[i].second, i, doc.get_value(NX__SLOT_ARTICLE),
                             doc.get_value(NX__SLOT_DATE), doc.get_value(NX__SLOT_STORY),
                             doc.get_value(NX__SLOT_TEXT)});
    }
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

/* Enough of the ranking for a page: what it asks for twice over and 10 more, read four times
 * as deep while copies leave the page short. */
enum { FETCH_MIN = 10, FETCH_GROWTH = 4 };

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
        whole.limit = (unsigned int)std::min<size_t>(2 * want + FETCH_MIN, 0xffffffffu);
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
