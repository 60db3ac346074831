/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_XAPIAN_SHIM_HH
#define NX_XAPIAN_SHIM_HH

/*
 * C++ only: what the files of the binding (store/x*.cc) and the ranking of the query layer
 * (query/rank.cc, DESIGN decision 2) share: the structs behind the opaque handles of
 * xapian_shim.h, the one exception mapper and a few small helpers. No C file includes this.
 */

extern "C" {
#include "util/buf.h" /* buf.h has no extern "C" guards of its own: give its functions C linkage */
}
#include "newsidx.h"
#include "store/xapian_shim.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

struct nx__xdb {
    Xapian::Database db;          /* what reads go through; for writers it shares wdb's state */
    Xapian::WritableDatabase wdb; /* empty for readers */
    std::string path;
    bool writable = false;
    bool in_tx = false;
    uint64_t generation = 0; /* reopens that found a newer revision (nx__xdb_generation) */
    uint64_t pending_values = 0; /* writers: bytes of values added since the last commit */
    bool changed = false;        /* writers: a write since the last commit */
};

struct nx__xdoc {
    Xapian::Document doc;
};

struct nx__xq {
    Xapian::Query q;
};

using facet_list = std::vector<std::pair<std::string, uint64_t>>;

using scored = std::pair<Xapian::docid, double>;

/* A match stopped at its deadline (nx__xsearch.deadline); nx__xfail() makes it NX_ETIMEOUT. */
struct nx__xtimeout {
};

/*
 * The result of one search (xmset.cc). The Enquire stays alive for get_matching_terms(). A
 * ranker in the query layer derives from it to re-order `hits` and keep what it computed; the
 * destructor is virtual so that nx__xmset_free() releases that too.
 */
struct nx__xmset {
    /* The Enquire set up as `opts` says (weighting, collapsing, sorting) for `q`. */
    nx__xmset(const Xapian::Database &d, const Xapian::Query &q, const struct nx__xsearch *opts);
    virtual ~nx__xmset() = default;
    /* Run the match for [first, first + count): mset, hits and facets (opts' check_at_least
     * and facet slots). Throws what Xapian throws, and nx__xtimeout past opts' deadline. */
    void match(unsigned int first, unsigned int count);
    /* Keep the page [offset, offset + limit) of the hits; `first` tells where it starts. */
    void page(size_t offset, size_t limit);
    /* The document of hits[i], kept for the next question about the same hit. */
    const Xapian::Document &document(size_t i);

    Xapian::Database db;
    Xapian::Enquire enq;
    struct nx__xsearch opts;  /* a copy: the caller's may go */
    Xapian::MSet mset;        /* the match (re-ranked: the pool it was taken from) */
    std::vector<scored> hits; /* the page asked for, best first */
    size_t first = 0;         /* the page's offset into the ranking */
    facet_list facets[NX__XSEARCH_MAX_FACETS];
    size_t n_facets = 0;

  private:
    Xapian::Document doc_; /* of the hit last asked about */
    Xapian::docid doc_id_ = 0;
};

/* Check what nx__xmset_search() checks of `opts` (the facets): NX_OK or NX_EINVAL. */
int nx__xmset_check(const struct nx__xsearch *opts) noexcept;

/*
 * The one place C++ exceptions become nx_codes (xfail.cc). Call only from inside a catch block.
 * `path` (may be NULL) is named in the message; `db_error` is the code for a plain
 * DatabaseError that carries a system error (a full disk, a failed read: NX_EIO); without one
 * Xapian found its tables other than they should be (a block past the end of a cut file):
 * NX_ECORRUPT. The checker passes NX_ECORRUPT for both.
 */
int nx__xfail(const char *path = nullptr, int db_error = NX_EIO) noexcept;

/* What lies at an index path (xpath.cc): the mapper and opening both ask. */
/* Is `path` a directory (*exists: is there anything at all)? */
bool nx__xpath_is_dir(const char *path, bool *exists) noexcept;
/* Xapian says "not found" both for a missing path and for a directory that holds no database:
 * NX_ECORRUPT for something present that is not an index, NX_ENOTFOUND for an empty directory
 * or nothing. */
int nx__xpath_not_found_code(const char *path) noexcept;
/* Set NX_ENOTFOUND for a missing path or an empty directory, in one wording whichever Xapian
 * call found it missing; returns the code. */
int nx__xpath_missing_index(const char *path) noexcept;
/* A directory holding files other than Xapian's and no index (a writer must not create one). */
bool nx__xpath_foreign_dir(const char *path);
/* Remove what an index creation cut short left behind (see xpath.cc). */
void nx__xpath_clear_cut_short_creation(const char *path);
/* Does the folder hold only what a cut-short creation leaves (no version file, empty tables)? */
bool nx__xpath_cut_short(const char *path);

/* ---- small helpers ---- */

inline std::string nx__xstr(const char *s, size_t len)
{
    return len ? std::string(s, len) : std::string();
}

inline int nx__xappend(nx__buf *out, const std::string &s) noexcept
{
    return s.empty() ? NX_OK : nx__buf_append(out, s.data(), s.size());
}

/* Feed terms to a C callback: a nonzero return stops; a negative one is also returned. */
inline int nx__xeach_term(Xapian::TermIterator it, const Xapian::TermIterator &end, nx__xterm_fn fn,
                          void *payload)
{
    for (; it != end; ++it) {
        const std::string term = *it;
        int rc = fn(term.c_str(), term.size(), payload);
        if (rc != 0)
            return rc < 0 ? rc : NX_OK;
    }
    return NX_OK;
}

#endif
