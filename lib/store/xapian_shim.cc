/*
 * The C binding over libxapian (DESIGN decision 2): the only C++ translation unit. Every function
 * exported to C is noexcept with its whole body in a try block whose catch (...) hands the
 * exception in flight to xapian_fail(), the one place exceptions become nx_codes.
 */

extern "C" {
#include "query/bm25.h"
#include "util/buf.h" /* buf.h has no extern "C" guards of its own: give its functions C linkage */
}
#include "store/xapian_shim.h"

#include "util/error.h"
#include "newsidx.h"
#include "text/stopword.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

struct nx__xdb {
    Xapian::Database db;          /* what reads go through; for writers it shares wdb's state */
    Xapian::WritableDatabase wdb; /* empty for readers */
    std::string path;
    bool writable = false;
    bool in_tx = false;
};

struct nx__xdoc {
    Xapian::Document doc;
};

struct nx__xq {
    Xapian::Query q;
};

using facet_list = std::vector<std::pair<std::string, uint64_t>>;

using scored = std::pair<Xapian::docid, double>;

/* The Enquire stays alive for get_matching_terms(). */
struct nx__xmset {
    explicit nx__xmset(const Xapian::Database &d) : db(d), enq(d)
    {
    }
    Xapian::Database db;
    Xapian::Enquire enq;
    Xapian::MSet mset;        /* the match (with feedback: the plain query's pool) */
    std::vector<scored> hits; /* the page asked for, best first */
    size_t first = 0;         /* the page's offset into the ranking */
    size_t pooled = 0;        /* the ranking's first `pooled` were re-ranked by feedback */
    std::unordered_map<Xapian::docid, Xapian::docid>
        first_passage; /* pooled hit -> its article's */
    std::unordered_map<Xapian::docid, double>
        context;          /* pooled hit -> what article context added */
    Xapian::Document doc; /* of the hit last asked about */
    Xapian::docid doc_id = 0;
    const Xapian::Document &document(size_t i)
    {
        if (doc_id != hits[i].first) {
            doc = db.get_document(hits[i].first);
            doc_id = hits[i].first;
        }
        return doc;
    }
    facet_list facets[NX__XSEARCH_MAX_FACETS];
    size_t n_facets = 0;
    std::vector<std::string> feedback; /* the expansion terms that re-ranked the matches */
};

/* ---- errors ---- */

/* The system error behind a Xapian error ("No space left on device"), or "". Xapian formats
 * it lazily and may allocate: failing that only loses the detail. */
static const char *sys_error(const Xapian::Error &e) noexcept
{
    try {
        const char *s = e.get_error_string();
        return s ? s : "";
    } catch (...) {
        return "";
    }
}

/* "'path': Type: message (system error)": the index named when known, and for a failed write
 * the reason (a full disk, a read-only file system) that Xapian keeps apart from the message. */
static int xerr(int code, const Xapian::Error &e, const char *path) noexcept
{
    const char *sys = sys_error(e);
    return nx__error_set(code, "%s%s%s%s: %s%s%s%s", path ? "'" : "", path ? path : "",
                         path ? "': " : "", e.get_type(), e.get_msg().c_str(), *sys ? " (" : "",
                         sys, *sys ? ")" : "");
}

/* Files that a glass database, or its creation cut short, leaves in its directory: the lock,
 * the version file and its next version "v.tmp" (written before any table), the tables. */
static bool xapian_file(const char *name) noexcept
{
    size_t n = std::strlen(name);
    return std::strcmp(name, "flintlock") == 0 || std::strcmp(name, "iamglass") == 0 ||
           std::strcmp(name, "v.tmp") == 0 || (n > 6 && std::strcmp(name + n - 6, ".glass") == 0);
}

/* Does the directory `path` hold any entry (only_foreign: any that is not Xapian's)? */
static bool dir_holds(const char *path, bool only_foreign) noexcept
{
    DIR *dir = opendir(path);
    if (!dir)
        return false;
    bool found = false;
    for (struct dirent *de; !found && (de = readdir(dir)) != nullptr;)
        found = std::strcmp(de->d_name, ".") != 0 && std::strcmp(de->d_name, "..") != 0 &&
                !(only_foreign && xapian_file(de->d_name));
    closedir(dir);
    return found;
}

static bool exists_in(const std::string &dir, const char *name)
{
    struct stat st;
    return stat((dir + "/" + name).c_str(), &st) == 0;
}

/* Is the write lock of the index at `dir` free? Xapian locks "flintlock" with an fcntl lock
 * (open file description lock on Linux), which F_GETLK sees. */
static bool lock_free(const std::string &dir)
{
    int fd = open((dir + "/flintlock").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    struct flock fl;
    std::memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    bool free_now = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK;
    close(fd);
    return free_now;
}

/*
 * Glass creates its tables, the postlist last, and then renames its version file into place
 * as "iamglass". Killed in between, it leaves a postlist with no version file: Xapian then
 * takes the folder for a database and fails to open it, for ever. No revision was ever
 * committed there, so when no writer holds the lock (one that does is still creating it) the
 * postlist goes, and the next creation starts over.
 */
static void clear_cut_short_creation(const char *path)
{
    const std::string dir = path;
    if (exists_in(dir, "postlist.glass") && !exists_in(dir, "iamglass") && lock_free(dir))
        unlink((dir + "/postlist.glass").c_str());
}

static bool is_dir(const char *path, bool *exists) noexcept
{
    struct stat st;
    *exists = path && stat(path, &st) == 0;
    return *exists && S_ISDIR(st.st_mode);
}

/* Xapian says "not found" both for a missing path and for a directory that holds no database.
 * Something present that is not an index is reported as damaged; an empty directory as absent. */
static int not_found_code(const char *path) noexcept
{
    bool exists;
    if (!is_dir(path, &exists))
        return exists ? NX_ECORRUPT : NX_ENOTFOUND;
    return dir_holds(path, false) ? NX_ECORRUPT : NX_ENOTFOUND;
}

/* NX_ENOTFOUND for a missing path or an empty directory, in one wording whichever Xapian call
 * found it missing ("Couldn't stat", "No glass database found", ...). */
static int missing_index(const char *path) noexcept
{
    bool exists;
    is_dir(path, &exists);
    return nx__error_set(NX_ENOTFOUND, exists ? "'%s' holds no index" : "'%s' does not exist",
                         path);
}

/* A writer may create an index in a missing or empty directory, or one a creation cut short
 * left, but not among someone else's files (a home folder named by mistake). */
static bool foreign_dir(const char *path)
{
    bool exists;
    if (!is_dir(path, &exists))
        return false;
    return !exists_in(path, "iamglass") && dir_holds(path, true);
}

/*
 * Call only from inside a catch block. `path` (may be NULL) is named in the message;
 * `db_error` is the code for a plain DatabaseError that carries a system error (a full disk, a
 * failed read: NX_EIO); without one Xapian found its tables other than they should be (a
 * block past the end of a cut file): NX_ECORRUPT. The checker passes NX_ECORRUPT for both.
 */
static int xapian_fail(const char *path = nullptr, int db_error = NX_EIO) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xerr(NX_ELOCKED, e, path);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        int code = not_found_code(path);
        return code == NX_ENOTFOUND && path ? missing_index(path) : xerr(code, e, path);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xerr(NX_EMODIFIED, e, path);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xerr(NX_ECORRUPT, e, path);
    } catch (const Xapian::DatabaseVersionError &e) {
        return xerr(NX_ECORRUPT, e, path);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return xerr(NX_ECORRUPT, e, path);
    } catch (const Xapian::DocNotFoundError &e) {
        return xerr(NX_ENOTFOUND, e, path);
    } catch (const Xapian::QueryParserError &e) {
        return xerr(NX_EQUERY, e, path);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xerr(NX_EINVAL, e, path);
    } catch (const Xapian::NetworkTimeoutError &e) {
        return xerr(NX_ETIMEOUT, e, path);
    } catch (const Xapian::NetworkError &e) {
        return xerr(NX_EIO, e, path);
    } catch (const Xapian::DatabaseCreateError &e) {
        bool exists;
        return xerr(!is_dir(path, &exists) && exists ? NX_ECORRUPT : NX_EIO, e, path);
    } catch (const Xapian::DatabaseError &e) {
        return xerr(*sys_error(e) ? db_error : NX_ECORRUPT, e, path);
    } catch (const Xapian::Error &e) {
        return xerr(NX_ERROR, e, path);
    } catch (const std::bad_alloc &) {
        return nx__error_set(NX_ENOMEM, "out of memory");
    } catch (const std::exception &e) {
        return nx__error_set(NX_ERROR, "%s", e.what());
    } catch (...) {
        return nx__error_set(NX_ERROR, "unknown C++ exception");
    }
}

static int read_only(const nx__xdb *db) noexcept
{
    return nx__error_set(NX_EINVAL, "'%s' is open read-only", db->path.c_str());
}

/* ---- small helpers ---- */

static std::string str(const char *s, size_t len)
{
    return len ? std::string(s, len) : std::string();
}

static int append(nx__buf *out, const std::string &s) noexcept
{
    return s.empty() ? NX_OK : nx__buf_append(out, s.data(), s.size());
}

/* Feed terms to a C callback: a nonzero return stops; a negative one is also returned. */
static int each_term(Xapian::TermIterator it, const Xapian::TermIterator &end, nx__xterm_fn fn,
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

/* ---- databases ---- */

extern "C" int nx__xdb_open(struct nx__xdb **out, const char *path, unsigned int flags) noexcept
{
    *out = nullptr;
    try {
        if (flags & ~(unsigned int)(NX__XDB_WRITE | NX__XDB_CREATE))
            return nx__error_set(NX_EINVAL, "'%s': unknown open flags 0x%x", path, flags);
        std::unique_ptr<nx__xdb> db(new nx__xdb);
        db->path = path;
        if ((flags & NX__XDB_CREATE) && foreign_dir(path))
            return nx__error_set(
                NX_ECORRUPT, "'%s' holds other files and no index: not creating one there", path);
        if (flags & NX__XDB_CREATE)
            clear_cut_short_creation(path);
        else if ((flags & NX__XDB_WRITE) && not_found_code(path) == NX_ENOTFOUND)
            return missing_index(path); /* before Xapian would leave its lock file there */
        if (flags & NX__XDB_WRITE) {
            /* No DB_RETRY_LOCK: a held lock fails at once; waiting is the caller's policy. */
            int action = (flags & NX__XDB_CREATE) ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
            db->wdb = Xapian::WritableDatabase(path, action | Xapian::DB_BACKEND_GLASS);
            db->db = db->wdb;
            db->writable = true;
        } else {
            db->db = Xapian::Database(path);
        }
        *out = db.release();
        return NX_OK;
    } catch (...) {
        return xapian_fail(path);
    }
}

static Xapian::Database open_part(const struct nx__xpart *p, unsigned int timeout_ms)
{
    if (p->host)
        return Xapian::Remote::open(p->host, p->port, timeout_ms, timeout_ms);
    return Xapian::Database(p->path);
}

/* The error of part `p`, already set by xapian_fail(), with the part and its stub named. */
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
            return xapian_fail(stub);
        return part_fail(xapian_fail(at->host ? nullptr : at->path), at, stub);
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
        return xapian_fail(path);
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
            if (db->in_tx) {
                db->in_tx = false;
                db->wdb.commit_transaction();
            }
            db->wdb.commit();
            db->wdb.close();
        }
    } catch (...) {
        rc = xapian_fail(db->path.c_str());
    }
    nx__xdb_free(db);
    return rc;
}

extern "C" bool nx__xdb_writable(const struct nx__xdb *db) noexcept
{
    return db->writable;
}

extern "C" int nx__xdb_reopen(struct nx__xdb *db) noexcept
{
    try {
        db->db.reopen();
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_commit(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.commit();
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
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
        return xapian_fail(db->path.c_str());
    }
}

/* Whether it succeeds or throws, commit_transaction() and cancel_transaction() end the
 * transaction, so in_tx is cleared before the call. */
extern "C" int nx__xdb_commit_tx(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->in_tx = false;
        db->wdb.commit_transaction();
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_cancel_tx(struct nx__xdb *db) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->in_tx = false;
        db->wdb.cancel_transaction();
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_add(struct nx__xdb *db, const struct nx__xdoc *doc,
                           unsigned int *docid) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        Xapian::docid id = db->wdb.add_document(doc->doc);
        if (docid)
            *docid = id;
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_delete_term(struct nx__xdb *db, const char *term, size_t len) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.delete_document(str(term, len));
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_termfreq(struct nx__xdb *db, const char *term, size_t len,
                                uint64_t *out) noexcept
{
    *out = 0;
    try {
        *out = db->db.get_termfreq(str(term, len));
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_postings(struct nx__xdb *db, const char *term, size_t len,
                                unsigned int *docids, size_t max, size_t *n) noexcept
{
    *n = 0;
    try {
        const std::string t = str(term, len);
        Xapian::PostingIterator end = db->db.postlist_end(t);
        for (Xapian::PostingIterator it = db->db.postlist_begin(t); it != end && *n < max; ++it)
            docids[(*n)++] = *it;
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_doc_data(struct nx__xdb *db, unsigned int docid, nx__buf *out) noexcept
{
    try {
        return append(out, db->db.get_document(docid).get_data());
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_doc_value(struct nx__xdb *db, unsigned int docid, unsigned int slot,
                                 nx__buf *out) noexcept
{
    try {
        return append(out, db->db.get_document(docid).get_value(slot));
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_doc_wdf(struct nx__xdb *db, unsigned int docid, const char *term, size_t len,
                               uint64_t *wdf, uint64_t *doclen) noexcept
{
    try {
        const Xapian::Document doc = db->db.get_document(docid);
        const std::string t = str(term, len);
        Xapian::TermIterator it = doc.termlist_begin();
        it.skip_to(t);
        if (wdf)
            *wdf = (it != doc.termlist_end() && *it == t) ? it.get_wdf() : 0;
        if (doclen)
            *doclen = db->db.get_doclength(docid);
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_get_metadata(struct nx__xdb *db, const char *key, nx__buf *out) noexcept
{
    try {
        return append(out, db->db.get_metadata(key));
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_set_metadata(struct nx__xdb *db, const char *key, const char *value,
                                    size_t len) noexcept
{
    try {
        if (!db->writable)
            return read_only(db);
        db->wdb.set_metadata(key, str(value, len));
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
    }
}

extern "C" int nx__xdb_allterms(struct nx__xdb *db, const char *prefix, nx__xterm_fn fn,
                                void *payload) noexcept
{
    try {
        const std::string p = prefix ? prefix : "";
        return each_term(db->db.allterms_begin(p), db->db.allterms_end(p), fn, payload);
    } catch (...) {
        return xapian_fail(db->path.c_str());
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
        return xapian_fail(db->path.c_str());
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
        return xapian_fail(at);
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
        std::ostringstream log;
        std::exception_ptr failure;
        size_t errors = 0;
        try {
            errors = Xapian::Database::check(path, 0, &log);
        } catch (...) {
            failure = std::current_exception();
        }
        const std::string text = log.str();
        int rc = append(report, text);
        if (rc < 0)
            return rc;
        if (failure)
            std::rethrow_exception(failure);
        return errors > 0 ? first_problem(path, text, errors) : NX_OK;
    } catch (...) {
        return xapian_fail(path, NX_ECORRUPT);
    }
}

/* ---- documents ---- */

extern "C" int nx__xdoc_new(struct nx__xdoc **out) noexcept
{
    *out = nullptr;
    try {
        *out = new nx__xdoc;
        return NX_OK;
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" void nx__xdoc_free(struct nx__xdoc *doc) noexcept
{
    delete doc;
}

extern "C" int nx__xdoc_posting(struct nx__xdoc *doc, const char *term, size_t len,
                                uint32_t pos) noexcept
{
    try {
        doc->doc.add_posting(str(term, len), pos, 1);
        return NX_OK;
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" int nx__xdoc_term(struct nx__xdoc *doc, const char *term, size_t len,
                             unsigned int wdf) noexcept
{
    try {
        doc->doc.add_term(str(term, len), wdf);
        return NX_OK;
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" int nx__xdoc_boolean(struct nx__xdoc *doc, const char *term, size_t len) noexcept
{
    try {
        doc->doc.add_boolean_term(str(term, len));
        return NX_OK;
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" int nx__xdoc_value(struct nx__xdoc *doc, unsigned int slot, const char *value,
                              size_t len) noexcept
{
    try {
        doc->doc.add_value(slot, str(value, len));
        return NX_OK;
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" int nx__xdoc_data(struct nx__xdoc *doc, const char *data, size_t len) noexcept
{
    try {
        doc->doc.set_data(str(data, len));
        return NX_OK;
    } catch (...) {
        return xapian_fail();
    }
}

/* ---- queries ---- */

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
            return nx__error_set(NX_EINVAL, "query term '%s' has wqf 0", str(term, len).c_str());
        return new_query(out, Xapian::Query(str(term, len), wqf, pos));
    } catch (...) {
        return xapian_fail();
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
        return xapian_fail();
    }
}

extern "C" int nx__xq_scale(struct nx__xq **out, const struct nx__xq *q, double factor) noexcept
{
    *out = nullptr;
    try {
        return new_query(out, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
    } catch (...) {
        return xapian_fail();
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
        return xapian_fail();
    }
}

extern "C" int nx__xq_match_all(struct nx__xq **out) noexcept
{
    *out = nullptr;
    try {
        return new_query(out, Xapian::Query::MatchAll);
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" bool nx__xq_empty(const struct nx__xq *q) noexcept
{
    return q->q.empty();
}

extern "C" int nx__xq_describe(const struct nx__xq *q, nx__buf *out) noexcept
{
    try {
        return append(out, q->q.get_description());
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" void nx__xq_free(struct nx__xq *q) noexcept
{
    delete q;
}

/* ---- searching ---- */

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

static int check_search(const struct nx__xsearch *opts) noexcept
{
    if (opts->n_facets > NX__XSEARCH_MAX_FACETS)
        return nx__error_set(NX_EINVAL, "%zu facets asked for, at most %d", opts->n_facets,
                             (int)NX__XSEARCH_MAX_FACETS);
    for (size_t i = 0; i < opts->n_facets; i++)
        if (opts->facet_slots[i] < 0)
            return nx__error_set(NX_EINVAL, "facet %zu has no value slot", i);
    return NX_OK;
}

static void configure(Xapian::Enquire &enq, const struct nx__xsearch *opts)
{
    enq.set_weighting_scheme(
        Xapian::BM25Weight(opts->k1, opts->k2, opts->k3, opts->b, opts->min_normlen));
    if (opts->collapse_slot >= 0)
        enq.set_collapse_key((Xapian::valueno)opts->collapse_slot, opts->collapse_max);
    if (opts->sort_slot >= 0)
        enq.set_sort_by_value_then_relevance((Xapian::valueno)opts->sort_slot,
                                             opts->sort_descending);
}

/* The expansion terms of pseudo-relevance feedback (see struct nx__xsearch): the stems that
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
                                          const Xapian::MSet &top, const struct nx__xsearch *opts)
{
    struct seen {
        unsigned int r = 0;    /* feedback articles with the term */
        double multiplier = 0; /* the summed wdf share of its passages, k = 1 */
        unsigned int last = 0; /* 1 + the last feedback article that had it */
    };
    std::unordered_map<std::string, unsigned int> article_no; /* collapse key -> 0, 1, ... */
    const bool by_article = opts->collapse_slot >= 0;
    std::unordered_map<std::string, seen> terms;
    terms.reserve(1024);
    const std::string prefix = opts->fb_prefix ? opts->fb_prefix : "";
    const double avlen = db.get_avlength(), n_docs = (double)db.get_doccount();
    unsigned int rsize = 0;
    for (Xapian::MSetIterator i = top.begin(); i != top.end() && rsize < opts->fb_docs; ++i) {
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
    size_t n = std::min<size_t>(opts->fb_terms, ranked.size());
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
                   const std::vector<std::string> &terms, const struct nx__xsearch *opts)
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
                    opts->fb_weight *
                    nx__bm25(opts, n_docs, tf, (double)p.get_wdf(), len[i], avlen);
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

/* Article context (see struct nx__xsearch): each of the first `n` hits, whose articles are
 * named by `keys`, gains ctx_weight times the mean BM25 weight of the query's terms in the
 * other passages of its article. A passage that answers in a few words inside an article
 * about the question ranks above the same words in an article about something else. */
static void article_context(nx__xmset &m, const std::vector<std::string> &keys,
                            const Xapian::Query &q, const struct nx__xsearch *opts)
{
    std::vector<scored> &hits = m.hits;
    const Xapian::Database &db = m.db;
    const size_t n = m.pooled;
    std::vector<std::string> terms = context_terms(q, opts->ctx_prefixes);
    if (terms.empty())
        return;
    std::unordered_map<std::string, size_t> article;        /* key -> index */
    std::vector<std::pair<Xapian::docid, size_t>> passages; /* all of those articles' passages */
    std::vector<size_t> count;
    for (size_t k = 0; k < n; k++) {
        if (!article.emplace(keys[k], count.size()).second)
            continue;
        const std::string key = opts->ctx_key_prefix + keys[k];
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
        double w = nx__bm25(opts, n_docs, f.tf, f.wdf, len[slot[f.passage]], avlen);
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
            double w = opts->ctx_weight * (sum[a] - mine) / (double)(count[a] - 1);
            hits[k].second += w;
            m.context[hits[k].first] = w;
        }
    }
}

static std::vector<scored> hits_of(const Xapian::MSet &mset)
{
    std::vector<scored> out;
    out.reserve(mset.size());
    for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
        out.emplace_back(*i, i.get_weight());
    return out;
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
 * cut does not change the ranking. */
enum { POOL_TIES = 5 };

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

/* Keeps the page [offset, offset + limit) of the hits. */
static void page(nx__xmset &m, size_t offset, size_t limit)
{
    m.first = std::min(offset, m.hits.size());
    m.hits.erase(m.hits.begin(), m.hits.begin() + (long)m.first);
    if (m.hits.size() > limit)
        m.hits.resize(limit);
}

class Matcher
{
  public:
    Matcher(nx__xmset &m, const struct nx__xsearch *opts) : m_(m), opts_(opts)
    {
    }
    Xapian::MSet run(unsigned int first, unsigned int count, bool spy)
    {
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        for (size_t i = 0; spy && i < opts_->n_facets; i++) {
            spies.emplace_back(
                new Xapian::ValueCountMatchSpy((Xapian::valueno)opts_->facet_slots[i]));
            m_.enq.add_matchspy(spies.back().get());
        }
        Xapian::MSet mset = m_.enq.get_mset(first, count, spy ? opts_->check_at_least : 0);
        m_.enq.clear_matchspies();
        for (size_t i = 0; i < spies.size(); i++)
            split_counts(*spies[i], opts_->facet_cut[i], m_.facets[i]);
        m_.n_facets = spies.size();
        return mset;
    }

  private:
    nx__xmset &m_;
    const struct nx__xsearch *opts_;
};

extern "C" int nx__xdb_search(struct nx__xmset **out, struct nx__xdb *db, const struct nx__xq *q,
                              const struct nx__xsearch *opts) noexcept
{
    *out = nullptr;
    try {
        int rc = check_search(opts);
        if (rc < 0)
            return rc;
        std::unique_ptr<nx__xmset> m(new nx__xmset(db->db));
        Matcher match(*m, opts);
        configure(m->enq, opts);
        m->enq.set_query(q->q);
        if (opts->fb_pool == 0) {
            m->mset = match.run(opts->offset, opts->limit, true);
            m->hits = hits_of(m->mset);
        } else {
            unsigned int pool = std::max(opts->fb_docs, opts->fb_pool);
            unsigned int end = opts->offset + opts->limit;
            m->mset = match.run(0, std::max(pool + 1, end), true);
            if (tied_at(m->mset, pool) && end < pool + POOL_TIES) /* rare: fetch the ties */
                m->mset = match.run(0, pool + POOL_TIES, true);
            m->hits = hits_of(m->mset);
            m->pooled = pool_size(m->hits, pool);
            if (opts->ctx_weight > 0 && opts->collapse_slot >= 0)
                article_context(*m, collapse_keys(m->mset, m->pooled), q->q, opts);
            if (opts->fb_docs && opts->fb_terms)
                m->feedback = expansion(m->db, q->q, m->mset, opts);
            rerank(m->hits, m->pooled, m->db, m->feedback, opts);
            page(*m, opts->offset, opts->limit);
            if (!m->feedback.empty()) { /* get_matching_terms() names them as well */
                Xapian::Query more(Xapian::Query::OP_OR, m->feedback.begin(), m->feedback.end());
                m->enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, more));
            }
        }
        *out = m.release();
        return NX_OK;
    } catch (...) {
        return xapian_fail(db->path.c_str());
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
        return append(out, m->document(i).get_data());
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" int nx__xmset_value(struct nx__xmset *m, size_t i, unsigned int slot,
                               nx__buf *out) noexcept
{
    try {
        if (i >= m->hits.size())
            return no_hit(m, i);
        return append(out, m->document(i).get_value(slot));
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" int nx__xmset_matching_terms(struct nx__xmset *m, size_t i, nx__xterm_fn fn,
                                        void *payload) noexcept
{
    try {
        if (i >= m->hits.size())
            return no_hit(m, i);
        Xapian::docid d = m->hits[i].first;
        return each_term(m->enq.get_matching_terms_begin(d), m->enq.get_matching_terms_end(d), fn,
                         payload);
    } catch (...) {
        return xapian_fail();
    }
}

extern "C" unsigned int nx__xmset_article_doc(const struct nx__xmset *m, size_t i) noexcept
{
    if (i >= m->hits.size())
        return 0;
    auto it = m->first_passage.find(m->hits[i].first);
    return it == m->first_passage.end() ? 0 : it->second;
}

extern "C" double nx__xmset_context(const struct nx__xmset *m, size_t i) noexcept
{
    if (i >= m->hits.size())
        return 0;
    auto it = m->context.find(m->hits[i].first);
    return it == m->context.end() ? 0 : it->second;
}

extern "C" size_t nx__xmset_feedback_count(const struct nx__xmset *m, size_t hit) noexcept
{
    return m->first + hit < m->pooled ? m->feedback.size() : 0;
}

extern "C" const char *nx__xmset_feedback(const struct nx__xmset *m, size_t i, size_t *len) noexcept
{
    *len = m->feedback[i].size();
    return m->feedback[i].data();
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
        return xapian_fail();
    }
}
