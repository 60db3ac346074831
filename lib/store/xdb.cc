/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The binding's databases (DESIGN decision 2): opening (local, multi-database, remote parts),
 * commits and transactions, adding and deleting documents, reading terms, documents, metadata
 * and statistics, compaction and Xapian's consistency check. Every function exported to C is
 * noexcept with its whole body in a try block whose catch (...) hands the exception in flight
 * to nx__xfail().
 */

#include "store/xapian_shim.hh"

#include "util/error.h"

#include <cstdio>
#include <exception>
#include <memory>
#include <sstream>
#include <string>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_only(const nx__xdb *db) noexcept
{
    return nx__error_set(NX_EINVAL, "'%s' is open read-only", db->path.c_str());
}

/* Has the database at `path` its version file and the tables glass always creates? (The lazy
 * ones a newsidx index needs once it holds passages are for db.c to ask about: a Xapian
 * database in general may lack them.) A path that is not a folder (a stub file) is Xapian's. */
static int check_whole(const char *path)
{
    bool exists;
    return nx__xpath_is_dir(path, &exists) ? nx__xpath_check_whole(path, 0) : NX_OK;
}

/*
 * Room for a commit on a nearly full disk. libxapian 1.4.22 merges the batch's values into the
 * postlist table during the commit through a Glass::ValueUpdater whose destructor writes
 * blocks (glass_values.cc): a write failing there (ENOSPC) throws out of a destructor, which
 * is std::terminate, with no catch of ours in between (issue 25, defect 5: "terminate called
 * after throwing an instance of 'Xapian::DatabaseError'", exit 134). So before a commit the
 * postlist table gets room for what that merge can write, allocated past its end without
 * changing its size (FALLOC_FL_KEEP_SIZE): when the disk has no such room the commit is not
 * tried and the full disk is reported as any failed write (NX_EIO); after the commit the room
 * left over is given back. Copy-on-write gives each block the merge touches a new one, so
 * the room is generous: eight times the values' bytes and 64 blocks more.
 */
enum { RESERVE_FIXED = 64 * 8192, RESERVE_PER_VALUE_BYTE = 8 };

struct reserved {
    int fd = -1;
    off_t at = 0, len = 0;
};

static int reserve(nx__xdb *db, reserved *r) noexcept
{
    if (!db->changed)
        return NX_OK; /* a commit with nothing to write writes nothing: no room needed */
    const std::string table = db->path + "/postlist.glass";
    r->fd = ::open(table.c_str(), O_WRONLY | O_CLOEXEC);
    if (r->fd < 0)
        return NX_OK; /* a stub or a table not written yet: nothing to do */
    struct stat st;
    r->len = (off_t)(RESERVE_FIXED + RESERVE_PER_VALUE_BYTE * db->pending_values);
    r->at = fstat(r->fd, &st) == 0 ? st.st_size : 0;
    if (fallocate(r->fd, FALLOC_FL_KEEP_SIZE, r->at, r->len) == 0)
        return NX_OK;
    int e = errno;
    ::close(r->fd);
    r->fd = -1;
    if (e == ENOSPC || e == EDQUOT)
        return nx__error_set(NX_EIO,
                             "'%s': DatabaseError: no room for the commit (%s): nothing since the "
                             "last commit was written",
                             db->path.c_str(), std::strerror(e));
    return NX_OK; /* a file system without fallocate: commit without the room */
}

static void release(reserved *r) noexcept
{
    if (r->fd < 0)
        return;
    struct stat st;
    if (fstat(r->fd, &st) == 0 && st.st_size < r->at + r->len)
        (void)fallocate(r->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, st.st_size,
                        r->at + r->len - st.st_size);
    ::close(r->fd);
    r->fd = -1;
}

extern "C" int nx__xdb_open(struct nx__xdb **out, const char *path, unsigned int flags) noexcept
{
    *out = nullptr;
    try {
        if (flags & ~(unsigned int)(NX__XDB_WRITE | NX__XDB_CREATE | NX__XDB_SALVAGE) ||
            ((flags & NX__XDB_SALVAGE) && (flags & NX__XDB_WRITE)))
            return nx__error_set(NX_EINVAL, "'%s': unknown open flags 0x%x", path, flags);
        std::unique_ptr<nx__xdb> db(new nx__xdb);
        db->path = path;
        if ((flags & NX__XDB_CREATE) && nx__xpath_foreign_dir(path))
            return nx__error_set(
                NX_ECORRUPT, "'%s' holds other files and no index: not creating one there", path);
        bool fresh = nx__xpath_not_found_code(path) == NX_ENOTFOUND;
        if (flags & NX__XDB_CREATE)
            nx__xpath_clear_cut_short_creation(path);
        else if ((flags & NX__XDB_WRITE) && fresh)
            return nx__xpath_missing_index(path); /* before Xapian leaves its lock there */
        /* Creating happens only where nothing is: an index missing a file is refused, never
         * created over (glass would start an empty database beside the damaged tables). */
        bool check_first = (flags & NX__XDB_WRITE) && !fresh &&
                           !((flags & NX__XDB_CREATE) && nx__xpath_cut_short(path));
        int rc = check_first ? check_whole(path) : NX_OK;
        if (rc < 0)
            return rc;
        if (flags & NX__XDB_WRITE) {
            /* No DB_RETRY_LOCK: a held lock fails at once; waiting is the caller's policy. */
            int action = (flags & NX__XDB_CREATE) ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
            db->wdb = Xapian::WritableDatabase(path, action | Xapian::DB_BACKEND_GLASS);
            db->db = db->wdb;
            db->writable = true;
        } else {
            db->db = Xapian::Database(path);
            if (!(flags & NX__XDB_SALVAGE) && (rc = check_whole(path)) < 0)
                return rc;
        }
        *out = db.release();
        return NX_OK;
    } catch (...) {
        return nx__xfail(path);
    }
}

static Xapian::Database open_part(const struct nx__xpart *p, unsigned int timeout_ms)
{
    if (p->host)
        return Xapian::Remote::open(p->host, p->port, timeout_ms, timeout_ms);
    return Xapian::Database(p->path);
}

/* The error of part `p`, already set by nx__xfail(), with the part and its stub named. */
static int part_fail(int rc, const struct nx__xpart *p, const char *stub) noexcept
{
    char msg[400];
    std::snprintf(msg, sizeof msg, "%s", nx_error_last()->message);
    return nx__error_set(rc, "shard '%s' of '%s': %s", p->shown, stub, msg);
}

extern "C" int nx__xdb_open_parts(struct nx__xdb **out, const struct nx__xpart *parts, size_t n,
                                  unsigned int timeout_ms, const char *stub) noexcept
{
    *out = nullptr;
    const struct nx__xpart *at = nullptr;
    try {
        std::unique_ptr<nx__xdb> db(new nx__xdb);
        db->path = stub;
        for (size_t i = 0; i < n; i++) {
            at = &parts[i];
            db->db.add_database(open_part(at, timeout_ms));
        }
        *out = db.release();
        return NX_OK;
    } catch (...) {
        if (!at)
            return nx__xfail(stub);
        return part_fail(nx__xfail(at->host ? nullptr : at->path), at, stub);
    }
}

extern "C" int nx__xdb_combine(struct nx__xdb **out, struct nx__xdb *const *dbs, size_t n,
                               const char *path) noexcept
{
    *out = nullptr;
    try {
        std::unique_ptr<nx__xdb> db(new nx__xdb);
        db->path = path;
        for (size_t i = 0; i < n; i++)
            db->db.add_database(dbs[i]->db);
        *out = db.release();
        return NX_OK;
    } catch (...) {
        return nx__xfail(path);
    }
}

extern "C" void nx__xdb_free(struct nx__xdb *db) noexcept
{
    if (!db)
        return;
    try {
        if (db->writable) {
            /* Closing or destroying a writer commits, unless a transaction is open; cancelling
             * an unflushed one drops everything since the last commit. */
            if (!db->in_tx)
                db->wdb.begin_transaction(false);
            db->in_tx = false;
            db->wdb.cancel_transaction();
            db->wdb.close();
        }
    } catch (...) {
        /* The handle goes anyway, and free has no caller to tell. */
    }
    delete db;
}

/* An open transaction is committed too: close promises to keep every write made. */
extern "C" int nx__xdb_close(struct nx__xdb *db) noexcept
{
    int rc = NX_OK;
    if (!db)
        return NX_OK;
    try {
        if (db->writable) {
            reserved room;
            rc = reserve(db, &room);
            if (rc == NX_OK) {
                try {
                    if (db->in_tx) {
                        db->in_tx = false;
                        db->wdb.commit_transaction();
                    }
                    db->wdb.commit();
                    db->wdb.close();
                } catch (...) {
                    release(&room);
                    throw;
                }
                release(&room);
            }
        }
    } catch (...) {
        rc = nx__xfail(db->path.c_str());
    }
    nx__xdb_free(db);
    return rc;
}

extern "C" bool nx__xdb_writable(const struct nx__xdb *db) noexcept
{
    return db->writable;
}

enum { REOPEN_TRIES = 50 };

extern "C" int nx__xdb_reopen(struct nx__xdb *db) noexcept
{
    try {
        /* Reopening reads the latest revision's roots, which a writer's next commits may
         * overwrite while they are read: Xapian then says the revision was discarded, or finds
         * a reused block where a root was ("Expected block 19 to be level 1, not 0"). Reading
         * the version file again finds the newer revision (a reopen must not fail because a
         * writer is busy); a damaged index fails every time and is reported after the last. */
        for (int tries = 0;; tries++) {
            try {
                if (db->db.reopen()) /* false: still the latest revision */
                    db->generation++;
                return NX_OK;
            } catch (const Xapian::DatabaseError &) {
                db->generation++;
                if (tries == REOPEN_TRIES)
                    throw;
            }
        }
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" uint64_t nx__xdb_generation(const struct nx__xdb *db) noexcept
{
    return db->generation;
}

extern "C" int nx__xdb_commit(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.commit();
        db->changed = false;
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_begin(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.begin_transaction(true);
        db->in_tx = true;
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

/* Whether it succeeds or throws, commit_transaction() and cancel_transaction() end the
 * transaction, so in_tx is cleared before the call. */
extern "C" int nx__xdb_commit_tx(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        reserved room;
        int rc = reserve(db, &room);
        if (rc < 0) { /* ended unwritten, as a failed commit_transaction() ends it */
            db->in_tx = false;
            db->pending_values = 0;
            try {
                db->wdb.cancel_transaction();
            } catch (...) {
                /* the failure to report is the full disk */
            }
            return rc;
        }
        try {
            db->in_tx = false;
            db->wdb.commit_transaction();
            db->pending_values = 0;
            db->changed = false;
        } catch (...) {
            release(&room);
            throw;
        }
        release(&room);
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_cancel_tx(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->in_tx = false;
        db->pending_values = 0;
        db->wdb.cancel_transaction();
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_add(struct nx__xdb *db, const struct nx__xdoc *doc,
                           unsigned int *docid) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        Xapian::docid id = db->wdb.add_document(doc->doc);
        db->changed = true;
        for (Xapian::ValueIterator v = doc->doc.values_begin(); v != doc->doc.values_end(); ++v)
            db->pending_values += (*v).size() + 8; /* + the docid and length in a chunk */
        if (docid)
            *docid = id;
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_delete_term(struct nx__xdb *db, const char *term, size_t len) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.delete_document(nx__xstr(term, len));
        db->changed = true;
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_termfreq(struct nx__xdb *db, const char *term, size_t len,
                                uint64_t *out) noexcept
{
    *out = 0;
    try {
        *out = db->db.get_termfreq(nx__xstr(term, len));
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_postings(struct nx__xdb *db, const char *term, size_t len,
                                unsigned int *docids, size_t max, size_t *n) noexcept
{
    *n = 0;
    try {
        const std::string t = nx__xstr(term, len);
        Xapian::PostingIterator end = db->db.postlist_end(t);
        for (Xapian::PostingIterator it = db->db.postlist_begin(t); it != end && *n < max; ++it)
            docids[(*n)++] = *it;
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_doc_data(struct nx__xdb *db, unsigned int docid, nx__buf *out) noexcept
{
    try {
        return nx__xappend(out, db->db.get_document(docid).get_data());
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_doc_value(struct nx__xdb *db, unsigned int docid, unsigned int slot,
                                 nx__buf *out) noexcept
{
    try {
        return nx__xappend(out, db->db.get_document(docid).get_value(slot));
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_doc_wdf(struct nx__xdb *db, unsigned int docid, const char *term, size_t len,
                               uint64_t *wdf, uint64_t *doclen) noexcept
{
    try {
        const Xapian::Document doc = db->db.get_document(docid);
        const std::string t = nx__xstr(term, len);
        Xapian::TermIterator it = doc.termlist_begin();
        it.skip_to(t);
        if (wdf)
            *wdf = (it != doc.termlist_end() && *it == t) ? it.get_wdf() : 0;
        if (doclen)
            *doclen = db->db.get_doclength(docid);
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_get_metadata(struct nx__xdb *db, const char *key, nx__buf *out) noexcept
{
    try {
        return nx__xappend(out, db->db.get_metadata(key));
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_set_metadata(struct nx__xdb *db, const char *key, const char *value,
                                    size_t len) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.set_metadata(key, nx__xstr(value, len));
        db->changed = true;
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_allterms(struct nx__xdb *db, const char *prefix, nx__xterm_fn fn,
                                void *payload) noexcept
{
    try {
        const std::string p = prefix ? prefix : "";
        return nx__xeach_term(db->db.allterms_begin(p), db->db.allterms_end(p), fn, payload);
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

extern "C" int nx__xdb_stats(struct nx__xdb *db, struct nx__xstats *st) noexcept
{
    try {
        st->doccount = db->db.get_doccount();
        st->lastdocid = db->db.get_lastdocid();
        st->avlength = db->db.get_avlength();
        st->total_length = db->db.get_total_length();
        return NX_OK;
    } catch (...) {
        return nx__xfail(db->path.c_str());
    }
}

/* Document ids are renumbered to close the gaps left by deletions (Xapian's default); the
 * databases of `src` follow each other in that order, each one's documents keeping theirs. */
extern "C" int nx__xdb_compact_all(const char *const *src, size_t n, const char *dst) noexcept
{
    const char *at = n ? src[0] : dst; /* the path the messages name: an input, the output */
    try {
        struct stat st;
        if (stat(dst, &st) == 0)
            return nx__error_set(NX_EINVAL, "'%s' already exists", dst);
        Xapian::Database db;
        for (size_t i = 0; i < n; i++) {
            at = src[i];
            db.add_database(Xapian::Database(src[i]));
        }
        at = dst;
        db.compact(dst);
        return NX_OK;
    } catch (...) {
        return nx__xfail(at);
    }
}

extern "C" int nx__xdb_compact(const char *src, const char *dst) noexcept
{
    return nx__xdb_compact_all(&src, 1, dst);
}

/* The first line of a check report that states a problem, with the table it is under:
 * headers ("postlist:"), "... checked OK" and "Lazily created..." lines are not problems. */
static int first_problem(const char *path, const std::string &report, size_t errors)
{
    std::istringstream in(report);
    std::string line, table = "database";
    while (std::getline(in, line)) {
        if (line.empty() || line.find("checked OK") != std::string::npos ||
            line.compare(0, 14, "Lazily created") == 0)
            continue;
        if (line.back() == ':' && line.find(' ') == std::string::npos) {
            table = line.substr(0, line.size() - 1);
            continue;
        }
        return nx__error_set(NX_ECORRUPT, "'%s': %s: %s", path, table.c_str(), line.c_str());
    }
    return nx__error_set(NX_ECORRUPT, "'%s': %zu errors found", path, errors);
}

/* Xapian's checker throws at the first unreadable block; the report so far is kept either way
 * and a plain DatabaseError then means damage (NX_ECORRUPT), not an I/O failure. */
extern "C" int nx__xdb_check(const char *path, nx__buf *report) noexcept
{
    try {
        struct stat st;
        if (stat(path, &st) != 0) /* Xapian calls a missing path an opening error */
            return nx__error_set(NX_ENOTFOUND, "'%s' does not exist", path);
        /* Xapian's check takes a missing table for a lazy one not created yet: name it. */
        if (S_ISDIR(st.st_mode) && nx__xpath_not_found_code(path) != NX_ENOTFOUND) {
            int rc = nx__xpath_check_whole(path, 0);
            if (rc < 0)
                return rc;
        }
        std::ostringstream log;
        std::exception_ptr failure;
        size_t errors = 0;
        try {
            errors = Xapian::Database::check(path, 0, &log);
        } catch (...) {
            failure = std::current_exception();
        }
        const std::string text = log.str();
        int rc = nx__xappend(report, text);
        if (rc < 0)
            return rc;
        if (failure)
            std::rethrow_exception(failure);
        return errors > 0 ? first_problem(path, text, errors) : NX_OK;
    } catch (...) {
        return nx__xfail(path, NX_ECORRUPT);
    }
}
