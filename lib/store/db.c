/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "store/db.h"
#include "store/shard.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/schema.h"
#include "tag/lexsuggest.h"
#include "util/clock.h"
#include "util/error.h"

enum { DEFAULT_BATCH_ARTICLES = 2000, DEFAULT_BATCH_BYTES = 64 * 1024 * 1024 };

/* A network failure after opening: Xapian does not say which of a multi-database's parts
 * failed, so the message names the remote shards of the stub (with one, exactly that one). */
static void name_remotes(const nx_db *db, int rc)
{
    const char *msg = nx_error_last()->message;
    if (msg[0] == '\'' && strstr(msg, "': ")) /* the shim named the stub: this names it too */
        msg = strstr(msg, "': ") + 3;
    if (!db->remotes || (rc != NX_EIO && rc != NX_ETIMEOUT) || strncmp(msg, "Network", 7) != 0)
        return;
    char copy[400];
    snprintf(copy, sizeof copy, "%s", msg);
    if (strchr(db->remotes, ','))
        nx__error_set(rc, "one of the remote shards %s of '%s': %s", db->remotes, db->path, copy);
    else
        nx__error_set(rc, "shard %s of '%s': %s", db->remotes, db->path, copy);
}

int nx__db_fail(const nx_db *db, int rc)
{
    if (db && rc < 0)
        name_remotes(db, rc);
    return rc;
}

bool nx__db_writable(const nx_db *db)
{
    return (db->flags & NX_OPEN_WRITE) != 0;
}

const char *nx_db_path(const nx_db *db)
{
    return db ? db->path : NULL;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Open the Xapian database, waiting up to `timeout` seconds for another writer's lock. A stub
 * or a sharded index is opened by shard.c. */
static int open_xdb(nx_db *db, const nx_open_opts *o)
{
    bool done;
    int src = nx__shard_open(db, o, &done);
    db->stub = done;
    if (src < 0 || done)
        return src;
    double timeout = o->lock_timeout;
    unsigned int xf = NX__XDB_READ;
    if (db->flags & NX_OPEN_WRITE)
        xf = NX__XDB_WRITE | ((db->flags & NX_OPEN_CREATE) ? NX__XDB_CREATE : 0);
    double deadline = nx__clock_seconds() + (timeout > 0 ? timeout : 0);
    for (;;) {
        int rc = nx__xdb_open(&db->x, db->path, xf);
        if (rc != NX_ELOCKED)
            return rc;
        if (timeout <= 0 || nx__clock_seconds() >= deadline)
            return nx__error_set(NX_ELOCKED, "'%s' is locked by another writer", db->path);
        sleep_ms(100);
    }
}

static int meta_get(nx_db *db, const char *key, nx__buf *out)
{
    nx__buf_clear(out);
    return nx__xdb_get_metadata(db->x, key, out);
}

/* A format record that is a number, as every newsidx wrote it; else 0. */
static long format_number(const nx__buf *v)
{
    long n = 0;
    for (size_t i = 0; i < v->len && i < 9; i++) {
        if (v->data[i] < '0' || v->data[i] > '9')
            return 0;
        n = n * 10 + (v->data[i] - '0');
    }
    return v->len <= 9 ? n : 0;
}

/* Is this a newsidx index of our format? A fresh empty database is accepted, and *stamp tells a
 * writer to record the format. Before 1.0 there is one format (docs/architecture.md): an index
 * of another, older or newer, is refused with what to do about it. */
static int check_format(nx_db *db, bool *stamp)
{
    nx__buf v = NX__BUF_INIT;
    struct nx__xstats st;
    int rc = meta_get(db, NX__META_FORMAT, &v);
    if (rc == NX_OK)
        rc = nx__xdb_stats(db->x, &st);
    long format = format_number(&v);
    if (rc == NX_OK) {
        *stamp = v.len == 0;
        if (v.len == 0 && st.doccount > 0)
            rc = nx__error_set(NX_ECORRUPT, "'%s' is a Xapian database but not a newsidx index",
                               db->path);
        else if (v.len && format == 0)
            rc = nx__error_set(NX_ECORRUPT, "'%s' records no index format newsidx knows", db->path);
        else if (format > NX__FORMAT)
            rc = nx__error_set(NX_ECORRUPT,
                               "'%s' is an index of format %ld, newer than this newsidx reads "
                               "(format %d): use a newer newsidx, or rebuild it with "
                               "newsidx-index --db NEW ARCHIVE",
                               db->path, format, NX__FORMAT);
        else if (v.len && format != NX__FORMAT)
            rc = nx__error_set(NX_ECORRUPT,
                               "'%s' is an index of format %ld; this newsidx reads format %d "
                               "only: rebuild it with newsidx-index --db NEW ARCHIVE",
                               db->path, format, NX__FORMAT);
    }
    /* A lazily created table missing from an index that holds passages: glass reads it as
     * empty (phrases fail quietly) and a writer would go on adding to the damaged index. A
     * stub or sharded index has its shards checked as each is opened. */
    if (rc == NX_OK && !db->stub)
        rc = nx__xpath_check_whole(db->path, st.doccount);
    nx__buf_release(&v);
    return rc;
}

/* The lexicon (docs/lexicon.md). A writer naming a file: the built-in lexicon extended by it,
 * or with NX_OPEN_LEXICON_ONLY the file alone. Else the one stored in the index (a stored copy
 * of the built-in lexicon is the built-in one: same id, so nothing is re-indexed), or the
 * built-in one; a reader naming a file extends that one for its queries. */
static int load_lexicon(nx_db *db, const char *path, unsigned flags)
{
    bool writer = (db->flags & NX_OPEN_WRITE) != 0;
    if (path && writer && (flags & NX_OPEN_LEXICON_ONLY))
        return nx__lexicon_load(&db->lex, path);
    nx__buf text = NX__BUF_INIT, id = NX__BUF_INIT;
    int rc = path && writer ? NX_OK : meta_get(db, NX__META_LEXICON, &text);
    if (rc == NX_OK && !(path && writer))
        rc = meta_get(db, NX__META_LEXICON_ID, &id);
    if (rc == NX_OK)
        rc = nx__lexicon_builtin(&db->lex);
    if (rc == NX_OK && text.len && strcmp(id.data ? id.data : "", nx__lexicon_id(db->lex)) != 0) {
        nx__lexicon_free(db->lex);
        db->lex = NULL;
        rc = nx__lexicon_parse_ex(&db->lex, text.data, text.len, "stored lexicon",
                                  id.len ? id.data : NULL, true);
    }
    nx__buf_release(&text);
    nx__buf_release(&id);
    if (rc == NX_OK && path) {
        nx__lexicon *base = db->lex;
        rc = nx__lexicon_load_extend(&db->lex, base, path, writer);
        if (rc < 0)
            db->lex = base; /* freed with the handle */
        else
            nx__lexicon_free(base);
    }
    return rc;
}

/* Record the format and the lexicon, only when they change: an unchanged archive re-indexed
 * with the same lexicon must write nothing. */
static int stamp_writer(nx_db *db, bool stamp)
{
    char fmt[16];
    snprintf(fmt, sizeof fmt, "%d", NX__FORMAT);
    size_t len;
    const char *text = nx__lexicon_text(db->lex, &len);
    const char *id = nx__lexicon_id(db->lex);
    nx__buf old = NX__BUF_INIT;
    int rc = NX_OK;
    if (stamp)
        rc = nx__xdb_set_metadata(db->x, NX__META_FORMAT, fmt, strlen(fmt));
    if (rc == NX_OK)
        rc = meta_get(db, NX__META_LEXICON_ID, &old);
    if (rc == NX_OK && (old.len != strlen(id) || memcmp(old.data, id, old.len) != 0)) {
        rc = nx__xdb_set_metadata(db->x, NX__META_LEXICON, text, len);
        if (rc == NX_OK)
            rc = nx__xdb_set_metadata(db->x, NX__META_LEXICON_ID, id, strlen(id));
    }
    nx__buf_release(&old);
    return rc;
}

static int load_boilerplate(nx_db *db)
{
    nx__buf v = NX__BUF_INIT;
    int rc = nx__boiler_new(&db->boiler, 0);
    if (rc == NX_OK)
        rc = meta_get(db, NX__META_BOILERPLATE, &v);
    if (rc == NX_OK)
        rc = nx__boiler_load(db->boiler, v.data, v.len);
    nx__buf_release(&v);
    return rc;
}

static int check_opts(const nx_open_opts *o)
{
    if (o->version != 1 && o->version != NX_OPEN_OPTS_VERSION)
        return nx__error_set(NX_EINVAL, "unknown nx_open_opts version %u", o->version);
    if (o->flags & ~(unsigned)(NX_OPEN_WRITE | NX_OPEN_CREATE | NX_OPEN_LEXICON_ONLY))
        return nx__error_set(NX_EINVAL, "unknown open flags 0x%x", o->flags);
    if ((o->flags & NX_OPEN_LEXICON_ONLY) && (!(o->flags & NX_OPEN_WRITE) || !o->lexicon_path))
        return nx__error_set(NX_EINVAL,
                             "NX_OPEN_LEXICON_ONLY needs NX_OPEN_WRITE and a lexicon_path");
    if ((o->flags & NX_OPEN_CREATE) && !(o->flags & NX_OPEN_WRITE))
        return nx__error_set(NX_EINVAL, "NX_OPEN_CREATE needs NX_OPEN_WRITE");
    return NX_OK;
}

static int open_parts(nx_db *db, const nx_open_opts *o)
{
    bool stamp = false;
    int rc = open_xdb(db, o);
    if (rc == NX_OK)
        rc = check_format(db, &stamp);
    if (rc == NX_OK)
        rc = load_lexicon(db, o->lexicon_path, o->flags);
    if (rc == NX_OK)
        rc = nx__tokenizer_new(&db->tok);
    if (rc == NX_OK)
        rc = load_boilerplate(db);
    bool own_writer = (db->flags & NX_OPEN_WRITE) && !db->n_shards; /* else the shards write */
    if (rc == NX_OK && own_writer)
        rc = nx__db_begin_tx(db);
    if (rc == NX_OK && own_writer)
        rc = stamp_writer(db, stamp);
    return rc;
}

int nx_db_open(nx_db **out, const char *path, const nx_open_opts *opts)
{
    nx_open_opts full = NX_OPEN_OPTS_INIT;
    if (!out)
        return nx__error_set(NX_EINVAL, "no place for the index handle");
    *out = NULL;
    if (!path || !*path)
        return nx__error_set(NX_EINVAL, "no index path given");
    int rc = opts ? check_opts(opts) : NX_OK;
    if (rc < 0)
        return rc;
    /* A version 1 struct ends before `shards`: read only that much of it. */
    if (opts)
        memcpy(&full, opts, opts->version == 1 ? offsetof(nx_open_opts, shards) : sizeof full);
    full.version = NX_OPEN_OPTS_VERSION;
    const nx_open_opts *o = &full;
    nx_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    db->flags = o->flags;
    db->opened = *o;
    if (o->lexicon_path &&
        !(db->opened.lexicon_path = db->lexicon_path = strdup(o->lexicon_path))) {
        nx_db_free(db);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    db->batch_articles = o->batch_articles ? o->batch_articles : DEFAULT_BATCH_ARTICLES;
    db->batch_bytes = o->batch_bytes ? o->batch_bytes : DEFAULT_BATCH_BYTES;
    nx__tokenizer_list_init(&db->toks);
    nx__tokenizer_list_init(&db->title_toks);
    nx__buf_init(&db->term);
    rc = open_parts(db, o);
    if (rc < 0) {
        nx_db_free(db);
        return rc;
    }
    *out = db;
    return NX_OK;
}

void nx_db_free(nx_db *db)
{
    if (!db)
        return;
    assert(db->live_results == 0 && "nx_results_free() every result before closing its nx_db");
    nx__shard_free(db);
    if (db->x && db->xtx)
        nx__xdb_cancel_tx(db->x); /* drop uncommitted work; errors are moot here */
    nx__xdb_free(db->x);
    nx__lexicon_free(db->lex);
    nx__tokenizer_free(db->tok);
    nx__tokenizer_list_release(&db->toks);
    nx__tokenizer_list_release(&db->title_toks);
    nx__buf_release(&db->term);
    nx__boiler_free(db->boiler);
    free(db->remotes);
    free(db->lexicon_path);
    free(db->path);
    free(db);
}

int nx_db_close(nx_db *db)
{
    if (!db)
        return NX_OK;
    int rc = NX_OK;
    if (db->n_shards)
        rc = nx__db_fail(db, nx__shard_close(db));
    else if (nx__db_writable(db)) {
        rc = nx_db_commit(db);
        if (rc == NX_OK)
            rc = nx__xdb_cancel_tx(db->x); /* the empty transaction commit restarted */
        db->xtx = false;
        if (rc == NX_OK) {
            rc = nx__xdb_close(db->x);
            db->x = NULL;
        }
        rc = nx__db_fail(db, rc);
    }
    nx_db_free(db);
    return rc;
}

/* A reader whose reopen failed: open its path again, as it was opened, and take that handle's
 * place. The path may hold another layout than it did (a sharded index merged into one): the
 * old handle's files are gone. Its failure `rc` stands when that does not open either. */
static int open_again(nx_db *db, int rc)
{
    nx_db *fresh;
    if (nx__db_writable(db) || db->live_results > 0 || db->remotes)
        return rc; /* a remote shard's failure is its own: its timeout was waited out once */
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", nx_error_last()->message);
    if (nx_db_open(&fresh, db->path, &db->opened) < 0)
        return nx__error_set(rc, "%s", msg);
    nx_db old = *db;
    *db = *fresh;
    *fresh = old;
    nx_db_free(fresh); /* the old handle's parts */
    return NX_OK;
}

int nx_db_reopen(nx_db *db)
{
    if (!db)
        return nx__error_set(NX_EINVAL, "no index handle");
    int rc = nx__xdb_reopen(db->x);
    if (rc < 0)
        rc = open_again(db, rc);
    return nx__db_fail(db, rc);
}

int nx__db_flush_meta(nx_db *db)
{
    if (!db->boiler_dirty)
        return NX_OK;
    nx__buf v = NX__BUF_INIT;
    int rc = nx__boiler_save(db->boiler, &v);
    if (rc == NX_OK)
        rc = nx__xdb_set_metadata(db->x, NX__META_BOILERPLATE, v.data ? v.data : "", v.len);
    nx__buf_release(&v);
    if (rc == NX_OK)
        db->boiler_dirty = false;
    return rc;
}

static int writer_only(nx_db *db, const char *what)
{
    if (!db)
        return nx__error_set(NX_EINVAL, "no index handle");
    if (!nx__db_writable(db))
        return nx__db_fail(
            db, nx__error_set(NX_EINVAL, "'%s' is open read-only: cannot %s", db->path, what));
    return NX_OK;
}

/*
 * A writer always holds an open Xapian transaction, so that nothing reaches the disk before a
 * commit and nx_db_free() can drop uncommitted work (Xapian's destructor cancels an open
 * transaction, but commits plain pending changes). A user batch (nx_db_begin) is the same
 * transaction, only without auto-commits.
 */
int nx__db_begin_tx(nx_db *db)
{
    int rc = nx__xdb_begin(db->x);
    db->xtx = rc == NX_OK;
    return rc;
}

static int restart_tx(nx_db *db, int rc)
{
    db->xtx = false;
    int rc2 = nx__db_begin_tx(db);
    return rc < 0 ? rc : rc2;
}

int nx_db_begin(nx_db *db)
{
    int rc = writer_only(db, "begin a batch");
    if (rc < 0)
        return rc;
    if (db->in_tx)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "a batch is already open"));
    /* what auto-batching holds is not part of the caller's batch */
    rc = db->n_shards ? nx__shard_each(db, nx_db_begin) : nx_db_commit(db);
    if (rc == NX_OK)
        db->in_tx = true;
    return rc;
}

/* Cancel the Xapian transaction and open the next. If cancelling fails, the batch is gone all
 * the same; if beginning fails, xtx stays false and the next write fails too. */
static void drop_pending(nx_db *db)
{
    if (db->xtx)
        nx__xdb_cancel_tx(db->x);
    db->xtx = false;
    db->pending_articles = db->pending_bytes = 0;
    nx__db_begin_tx(db);
}

int nx__db_drop_batch(nx_db *db, int rc)
{
    char msg[512]; /* drop_pending() may set the last error */
    snprintf(msg, sizeof msg, "%s", nx_error_last()->message);
    drop_pending(db);
    db->batch_lost = true;
    return nx__error_set(rc, "%s", msg);
}

/* After a failed write, commit publishes nothing since the last commit and says so, once. */
static int report_lost_batch(nx_db *db)
{
    drop_pending(db);
    db->batch_lost = false;
    db->in_tx = false;
    return nx__error_set(NX_EIO,
                         "'%s': an earlier write failed, so nothing since the last commit was "
                         "committed: put those articles again",
                         db->path);
}

int nx_db_commit(nx_db *db)
{
    int rc = writer_only(db, "commit");
    if (rc < 0)
        return rc;
    if (db->batch_lost)
        return nx__db_fail(db, report_lost_batch(db));
    if (db->n_shards) {
        db->in_tx = false;
        return nx__db_fail(db, nx__shard_each(db, nx_db_commit));
    }
    rc = nx__db_flush_meta(db);
    if (rc == NX_OK)
        rc = nx__xdb_commit_tx(db->x);
    db->in_tx = false;
    if (rc == NX_OK)
        db->pending_articles = db->pending_bytes = 0;
    return nx__db_fail(db, restart_tx(db, rc));
}

int nx_db_cancel(nx_db *db)
{
    int rc = writer_only(db, "cancel a batch");
    if (rc < 0)
        return rc;
    if (!db->in_tx)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no batch is open"));
    db->in_tx = false;
    db->batch_lost = false;
    db->pending_articles = db->pending_bytes = 0;
    if (db->n_shards)
        return nx__db_fail(db, nx__shard_each(db, nx_db_cancel));
    return nx__db_fail(db, restart_tx(db, nx__xdb_cancel_tx(db->x)));
}

int nx__db_maybe_commit(nx_db *db)
{
    if (db->in_tx)
        return NX_OK;
    if (db->pending_articles < db->batch_articles && db->pending_bytes < db->batch_bytes)
        return NX_OK;
    return nx_db_commit(db);
}

size_t nx_db_lexicon_count(const nx_db *db, nx_lex_kind kind)
{
    return db ? nx__lexicon_count(db->lex, kind) : 0;
}

const char *nx_db_lexicon_key(const nx_db *db, nx_lex_kind kind, size_t i)
{
    if (!db || i >= nx__lexicon_count(db->lex, kind))
        return NULL;
    return nx__lexicon_key(db->lex, kind, i);
}

size_t nx_db_lexicon_variant_count(const nx_db *db, nx_lex_kind kind, size_t i)
{
    if (!db || i >= nx__lexicon_count(db->lex, kind))
        return 0;
    return nx__lexicon_variant_count(db->lex, kind, i);
}

const char *nx_db_lexicon_variant(const nx_db *db, nx_lex_kind kind, size_t i, size_t j)
{
    if (j >= nx_db_lexicon_variant_count(db, kind, i))
        return NULL;
    return nx__lexicon_variant(db->lex, kind, i, j);
}

size_t nx_db_lexicon_suggest(const char **keys, size_t max, const nx_db *db, nx_lex_kind kind,
                             const char *name)
{
    size_t near[NX__LEXSUGGEST_MAX];
    if (!keys || !db || !name)
        return 0;
    size_t n = nx__lexsuggest_find(near, db->lex, kind, name, strlen(name));
    n = n < max ? n : max;
    for (size_t i = 0; i < n; i++)
        keys[i] = nx__lexicon_key(db->lex, kind, near[i]);
    return n;
}

const char *nx_db_lexicon_resolve(const nx_db *db, nx_lex_kind kind, const char *name)
{
    if (!db || !name)
        return NULL;
    long i = nx__lexicon_find(db->lex, kind, name, strlen(name));
    return i < 0 ? NULL : nx__lexicon_key(db->lex, kind, (size_t)i);
}
