/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_XAPIAN_SHIM_H
#define NX_XAPIAN_SHIM_H

/*
 * The C binding over libxapian: the only door to Xapian. Plain C; every handle is opaque and
 * every function returns an nx_code (0 ok, negative error with nx_error_last() set; no C++
 * exception ever crosses this boundary). Strings handed in are copied; strings handed out are
 * appended to a caller's nx__buf or borrowed from the handle named in the comment.
 *
 * The binding is split by concept into xdb.cc (databases), xdoc.cc (documents), xq.cc
 * (queries) and xmset.cc (matching), with xfail.cc (exceptions to codes) and xpath.cc (what
 * lies at an index path); they share xapian_shim.hh (C++ only). It holds no ranking policy:
 * re-ranking the matches is query/rank.cc's.
 *
 * Error mapping (see nx__xfail() in xfail.cc): DatabaseLockError -> NX_ELOCKED,
 * DatabaseNotFoundError -> NX_ENOTFOUND (NX_ECORRUPT when the path exists and is a file or a
 * non-empty directory: something that is not an index), DocNotFoundError -> NX_ENOTFOUND,
 * DatabaseModifiedError -> NX_EMODIFIED, DatabaseCorruptError / DatabaseVersionError /
 * DatabaseOpeningError -> NX_ECORRUPT, QueryParserError -> NX_EQUERY, InvalidArgumentError ->
 * NX_EINVAL, NetworkTimeoutError -> NX_ETIMEOUT, other DatabaseError / NetworkError -> NX_EIO
 * (NX_ECORRUPT in check), bad_alloc -> NX_ENOMEM, anything else NX_ERROR. Messages for
 * open/compact/check name the path: "'PATH': Type: msg".
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The definitions are noexcept (STYLE section 4); in C++ the declarations must say so too. */
#ifdef __cplusplus
#define NX__NOEXCEPT noexcept
#else
#define NX__NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct nx__xdb;   /* a Xapian::Database or WritableDatabase */
struct nx__xdoc;  /* a Xapian::Document being built */
struct nx__xq;    /* a Xapian::Query (immutable once made) */
struct nx__xmset; /* the result of one search: Xapian::MSet plus facet counts */

/* Called for each term of a listing; return nonzero to stop early. */
typedef int (*nx__xterm_fn)(const char *term, size_t len, void *payload);

/* ---- databases ---- */

enum nx__xdb_flags {
    NX__XDB_READ = 0,
    NX__XDB_WRITE = 1u << 0,   /* glass WritableDatabase */
    NX__XDB_CREATE = 1u << 1,  /* with WRITE: create if missing (DB_CREATE_OR_OPEN) */
    NX__XDB_SALVAGE = 1u << 2, /* a reader of what is left: a missing lazy table (termlist,
                                * position) is not refused, so that documents can be read */
};

/* Open `path` (for readers: a directory or a stub file). Never blocks on the write lock. */
int nx__xdb_open(struct nx__xdb **out, const char *path, unsigned int flags) NX__NOEXCEPT;
/* One database of a multi-database: a local path, or (host set) a remote xapian-tcpsrv. */
struct nx__xpart {
    const char *path;  /* local */
    const char *host;  /* remote, or NULL */
    unsigned int port; /* remote */
    const char *shown; /* what a message names */
};
/* Open the parts read-only as one database (Xapian's multi-database: term statistics are
 * combined, so scores equal those of one index holding everything). Remote parts wait at most
 * timeout_ms for each operation and for connecting; a timeout is NX_ETIMEOUT, another network
 * failure NX_EIO, and the message names the failing part: "shard 'HOST:PORT' of 'STUB': ...". */
int nx__xdb_open_parts(struct nx__xdb **out, const struct nx__xpart *parts, size_t n,
                       unsigned int timeout_ms, const char *stub) NX__NOEXCEPT;
/* A read-only view of several open databases as one (writers' uncommitted changes included). */
int nx__xdb_combine(struct nx__xdb **out, struct nx__xdb *const *dbs, size_t n,
                    const char *path) NX__NOEXCEPT;
/* Release without committing (a writer's uncommitted changes are discarded). NULL is fine. */
void nx__xdb_free(struct nx__xdb *db) NX__NOEXCEPT;
/* Writers: commit (an open transaction too), close, and free; always frees. Readers: free. */
int nx__xdb_close(struct nx__xdb *db) NX__NOEXCEPT;
bool nx__xdb_writable(const struct nx__xdb *db) NX__NOEXCEPT;

/* Move a reader to the latest revision (Database::reopen()). */
int nx__xdb_reopen(struct nx__xdb *db) NX__NOEXCEPT;
/* How many reopens found a newer revision: a search made at one generation and failing at the
 * same one after a reopen failed on an unchanged index (damage, not a writer's commit). */
uint64_t nx__xdb_generation(const struct nx__xdb *db) NX__NOEXCEPT;
int nx__xdb_commit(struct nx__xdb *db) NX__NOEXCEPT;
int nx__xdb_begin(struct nx__xdb *db) NX__NOEXCEPT;     /* begin_transaction(flushed = true) */
int nx__xdb_commit_tx(struct nx__xdb *db) NX__NOEXCEPT; /* commit_transaction() */
int nx__xdb_cancel_tx(struct nx__xdb *db) NX__NOEXCEPT; /* cancel_transaction() */

/* Writers: add a document; *docid (may be NULL) gets its id. */
int nx__xdb_add(struct nx__xdb *db, const struct nx__xdoc *doc, unsigned int *docid) NX__NOEXCEPT;
/* Writers: delete every document indexed by `term` (delete_document(term)). */
int nx__xdb_delete_term(struct nx__xdb *db, const char *term, size_t len) NX__NOEXCEPT;

/* Number of documents indexed by `term` (0 if none). */
int nx__xdb_termfreq(struct nx__xdb *db, const char *term, size_t len, uint64_t *out) NX__NOEXCEPT;
/* Up to `max` docids indexed by `term`, ascending; *n tells how many were stored. */
int nx__xdb_postings(struct nx__xdb *db, const char *term, size_t len, unsigned int *docids,
                     size_t max, size_t *n) NX__NOEXCEPT;
/* Append a document's data / value `slot` to `out` (nothing appended if empty).
 * NX_ENOTFOUND for a docid not in the index. */
int nx__xdb_doc_data(struct nx__xdb *db, unsigned int docid, nx__buf *out) NX__NOEXCEPT;
int nx__xdb_doc_value(struct nx__xdb *db, unsigned int docid, unsigned int slot,
                      nx__buf *out) NX__NOEXCEPT;
/* Within-document frequency of `term` in `docid` (0 if absent) and the document's length. */
int nx__xdb_doc_wdf(struct nx__xdb *db, unsigned int docid, const char *term, size_t len,
                    uint64_t *wdf, uint64_t *doclen) NX__NOEXCEPT;

/* User metadata: get appends the value (nothing if unset); set with len 0 removes. */
int nx__xdb_get_metadata(struct nx__xdb *db, const char *key, nx__buf *out) NX__NOEXCEPT;
int nx__xdb_set_metadata(struct nx__xdb *db, const char *key, const char *value,
                         size_t len) NX__NOEXCEPT;

/* Every term starting with `prefix`, in byte order. */
int nx__xdb_allterms(struct nx__xdb *db, const char *prefix, nx__xterm_fn fn,
                     void *payload) NX__NOEXCEPT;

struct nx__xstats {
    uint64_t doccount;
    uint64_t lastdocid;
    double avlength;
    uint64_t total_length;
};
int nx__xdb_stats(struct nx__xdb *db, struct nx__xstats *st) NX__NOEXCEPT;

/* Compact the database at `src` into a new directory `dst` (must not exist). */
int nx__xdb_compact(const char *src, const char *dst) NX__NOEXCEPT;
/* The same for the `n` databases of `src` merged into one, their documents in that order. */
int nx__xdb_compact_all(const char *const *src, size_t n, const char *dst) NX__NOEXCEPT;
/* Xapian's consistency check of `path`; its report is appended to `report`. NX_ECORRUPT when
 * the check finds errors, with the first line of the report in the message. */
int nx__xdb_check(const char *path, nx__buf *report) NX__NOEXCEPT;
/* NX_OK if the glass database in folder `path` has its version file and every table it needs
 * holding `doccount` documents (docdata and position, which glass creates lazily, as soon as
 * there is one: every newsidx passage has data and positions); else NX_ECORRUPT naming what is
 * missing. Xapian opens a database without a lazy table as if it were empty. (xpath.cc) */
int nx__xpath_check_whole(const char *path, uint64_t doccount) NX__NOEXCEPT;

/* ---- documents ---- */

int nx__xdoc_new(struct nx__xdoc **out) NX__NOEXCEPT;
void nx__xdoc_free(struct nx__xdoc *doc) NX__NOEXCEPT;
/* add_posting(term, pos, 1) */
int nx__xdoc_posting(struct nx__xdoc *doc, const char *term, size_t len, uint32_t pos) NX__NOEXCEPT;
/* add_term(term, wdf): no position */
int nx__xdoc_term(struct nx__xdoc *doc, const char *term, size_t len,
                  unsigned int wdf) NX__NOEXCEPT;
/* add_boolean_term(term): wdf 0, does not change the document length */
int nx__xdoc_boolean(struct nx__xdoc *doc, const char *term, size_t len) NX__NOEXCEPT;
int nx__xdoc_value(struct nx__xdoc *doc, unsigned int slot, const char *value,
                   size_t len) NX__NOEXCEPT;
int nx__xdoc_data(struct nx__xdoc *doc, const char *data, size_t len) NX__NOEXCEPT;

/* ---- queries ---- */

enum nx__xq_op {
    NX__XQ_AND,
    NX__XQ_OR,
    NX__XQ_AND_NOT,   /* first minus the rest */
    NX__XQ_AND_MAYBE, /* first, weighted up by the rest */
    NX__XQ_FILTER,    /* first, restricted by the rest (which add no weight) */
    NX__XQ_PHRASE,    /* param: window (0: number of subqueries) */
    NX__XQ_NEAR,      /* param: window */
    NX__XQ_SYNONYM,   /* scored as one term */
    NX__XQ_MAX,
};

/* A term leaf; wqf >= 1; pos is its position in the query (for phrase order, else 0). */
int nx__xq_term(struct nx__xq **out, const char *term, size_t len, unsigned int wqf,
                uint32_t pos) NX__NOEXCEPT;
/* Combine `n` subqueries (which are copied, not consumed). n == 0 gives the empty query. */
int nx__xq_op(struct nx__xq **out, int op, struct nx__xq *const *subs, size_t n,
              unsigned int param) NX__NOEXCEPT;
/* OP_SCALE_WEIGHT */
int nx__xq_scale(struct nx__xq **out, const struct nx__xq *q, double factor) NX__NOEXCEPT;
/* Documents whose value in `slot` is within [lo, hi] (string order); NULL: open end. */
int nx__xq_value_range(struct nx__xq **out, unsigned int slot, const char *lo,
                       const char *hi) NX__NOEXCEPT;
/* Query::MatchAll */
int nx__xq_match_all(struct nx__xq **out) NX__NOEXCEPT;
bool nx__xq_empty(const struct nx__xq *q) NX__NOEXCEPT;
/* Query::get_description(), for tests and debugging. */
int nx__xq_describe(const struct nx__xq *q, nx__buf *out) NX__NOEXCEPT;
void nx__xq_free(struct nx__xq *q) NX__NOEXCEPT;

/* ---- searching ---- */

enum { NX__XSEARCH_MAX_FACETS = 6 };

struct nx__xsearch {
    unsigned int offset, limit;
    int collapse_slot;         /* -1: no collapsing */
    unsigned int collapse_max; /* documents kept per collapse key */
    int sort_slot;             /* -1: by relevance; else by this value, then relevance */
    bool sort_descending;
    double k1, k2, k3, b, min_normlen; /* BM25Weight parameters */
    unsigned int check_at_least;       /* Enquire::get_mset's checkatleast */
    /* Count every matching document's value in these slots; a value may hold several names
     * separated by '\n', each counted. */
    int facet_slots[NX__XSEARCH_MAX_FACETS];
    unsigned int facet_cut[NX__XSEARCH_MAX_FACETS]; /* >0: count names cut to this many bytes */
    /* With facet_per_key: count each key under its first name (byte order) only, not under
     * each of its names: a story dated on two days counts on the first. */
    bool facet_first[NX__XSEARCH_MAX_FACETS];
    size_t n_facets;
    /* Count each name once per distinct value of collapse_slot (an article), not once per
     * document. Local databases only: xapian-tcpsrv knows no such match spy. */
    bool facet_per_key;
    /* With facet_per_key: the slot whose distinct values count once; 0 (the date slot, never a
     * key): collapse_slot. */
    int facet_key_slot;
    /* When the match must end, in util/clock.h's seconds: past it the match stops and fails
     * with NX_ETIMEOUT (xmset.cc); 0: no limit. */
    double deadline;
};

int nx__xmset_search(struct nx__xmset **out, struct nx__xdb *db, const struct nx__xq *q,
                     const struct nx__xsearch *opts) NX__NOEXCEPT;
void nx__xmset_free(struct nx__xmset *m) NX__NOEXCEPT;
size_t nx__xmset_size(const struct nx__xmset *m) NX__NOEXCEPT;
/* get_matches_estimated(); exact when check_at_least covered every match. */
uint64_t nx__xmset_estimated(const struct nx__xmset *m) NX__NOEXCEPT;
/* get_matches_lower_bound() and get_matches_upper_bound(): equal when the count is exact. */
void nx__xmset_bounds(const struct nx__xmset *m, uint64_t *lo, uint64_t *hi) NX__NOEXCEPT;
int nx__xmset_hit(const struct nx__xmset *m, size_t i, unsigned int *docid,
                  double *weight) NX__NOEXCEPT;
int nx__xmset_data(struct nx__xmset *m, size_t i, nx__buf *out) NX__NOEXCEPT;
int nx__xmset_value(struct nx__xmset *m, size_t i, unsigned int slot, nx__buf *out) NX__NOEXCEPT;
/* The query terms that index hit i (Enquire::get_matching_terms). */
int nx__xmset_matching_terms(struct nx__xmset *m, size_t i, nx__xterm_fn fn,
                             void *payload) NX__NOEXCEPT;
/* Facet `which` (index into opts->facet_slots): number of names, and the i-th in byte order of
 * the name; *name is borrowed from `m` and NUL-terminated. */
size_t nx__xmset_facet_count(const struct nx__xmset *m, size_t which) NX__NOEXCEPT;
int nx__xmset_facet(const struct nx__xmset *m, size_t which, size_t i, const char **name,
                    uint64_t *count) NX__NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
