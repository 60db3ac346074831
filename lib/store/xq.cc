/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The binding's queries: term leaves, operators, weight scaling, value ranges. */

#include "store/xapian_shim.hh"

#include "util/error.h"

#include <string>
#include <utility>
#include <vector>

static int new_query(struct nx__xq **out, Xapian::Query q)
{
    *out = new nx__xq{std::move(q)};
    return NX_OK;
}

extern "C" int nx__xq_term(struct nx__xq **out, const char *term, size_t len, unsigned int wqf,
                           uint32_t pos) noexcept
{
    *out = nullptr;
    try {
        if (wqf == 0)
            return nx__error_set(NX_EINVAL, "query term '%s' has wqf 0",
                                 nx__xstr(term, len).c_str());
        return new_query(out, Xapian::Query(nx__xstr(term, len), wqf, pos));
    } catch (...) {
        return nx__xfail();
    }
}

static Xapian::Query combine(Xapian::Query::op op, struct nx__xq *const *subs, size_t n,
                             unsigned int window)
{
    std::vector<Xapian::Query> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++)
        v.push_back(subs[i]->q);
    return Xapian::Query(op, v.begin(), v.end(), window);
}

/* AND_NOT, AND_MAYBE and FILTER act between the first subquery and all the others, which are
 * joined first: any of them excludes or boosts, all of them restrict. */
static Xapian::Query binary(int op, struct nx__xq *const *subs, size_t n)
{
    Xapian::Query::op xop = op == NX__XQ_AND_NOT     ? Xapian::Query::OP_AND_NOT
                            : op == NX__XQ_AND_MAYBE ? Xapian::Query::OP_AND_MAYBE
                                                     : Xapian::Query::OP_FILTER;
    if (n == 1)
        return subs[0]->q;
    Xapian::Query rest =
        n == 2 ? subs[1]->q
               : combine(op == NX__XQ_FILTER ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                         subs + 1, n - 1, 0);
    return Xapian::Query(xop, subs[0]->q, rest);
}

extern "C" int nx__xq_op(struct nx__xq **out, int op, struct nx__xq *const *subs, size_t n,
                         unsigned int param) noexcept
{
    *out = nullptr;
    try {
        if (op < 0 || op >= NX__XQ_MAX)
            return nx__error_set(NX_EINVAL, "unknown query operator %d", op);
        for (size_t i = 0; i < n; i++)
            if (!subs[i])
                return nx__error_set(NX_EINVAL, "subquery %zu is missing", i);
        if (n == 0)
            return new_query(out, Xapian::Query());
        switch (op) {
        case NX__XQ_AND:
            return new_query(out, combine(Xapian::Query::OP_AND, subs, n, 0));
        case NX__XQ_OR:
            return new_query(out, combine(Xapian::Query::OP_OR, subs, n, 0));
        case NX__XQ_PHRASE:
            return new_query(out, combine(Xapian::Query::OP_PHRASE, subs, n, param));
        case NX__XQ_NEAR:
            return new_query(out, combine(Xapian::Query::OP_NEAR, subs, n, param));
        case NX__XQ_SYNONYM:
            return new_query(out, combine(Xapian::Query::OP_SYNONYM, subs, n, 0));
        default:
            return new_query(out, binary(op, subs, n));
        }
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xq_scale(struct nx__xq **out, const struct nx__xq *q, double factor) noexcept
{
    *out = nullptr;
    try {
        return new_query(out, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xq_value_range(struct nx__xq **out, unsigned int slot, const char *lo,
                                  const char *hi) noexcept
{
    *out = nullptr;
    try {
        if (lo && hi)
            return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
        if (lo)
            return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
        if (hi)
            return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        return new_query(out, Xapian::Query::MatchAll);
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" int nx__xq_match_all(struct nx__xq **out) noexcept
{
    *out = nullptr;
    try {
        return new_query(out, Xapian::Query::MatchAll);
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" bool nx__xq_empty(const struct nx__xq *q) noexcept
{
    return q->q.empty();
}

extern "C" int nx__xq_describe(const struct nx__xq *q, nx__buf *out) noexcept
{
    try {
        return nx__xappend(out, q->q.get_description());
    } catch (...) {
        return nx__xfail();
    }
}

extern "C" void nx__xq_free(struct nx__xq *q) noexcept
{
    delete q;
}
