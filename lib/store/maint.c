/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Index maintenance: statistics, compaction, consistency check. */
#define _GNU_SOURCE /* renameat2 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/article.h"
#include "store/db.h"
#include "store/docbuild.h"
#include "store/isolate.h"
#include "store/reread.h"
#include "store/schema.h"
#include "store/shard.h"
#include "store/stub.h"
#include "util/error.h"
#include "util/fsutil.h"

struct counter {
    uint64_t n;
};

static int count_term(const char *term, size_t len, void *payload)
{
    (void)term;
    (void)len;
    ((struct counter *)payload)->n++;
    return 0;
}

struct counts {
    struct nx__xstats xs;
    struct counter articles, terms;
};

static int count_all(void *arg, void *out)
{
    const nx_db *db = arg;
    struct counts *c = out;
    memset(c, 0, sizeof *c);
    int rc = nx__xdb_stats(db->x, &c->xs);
    if (rc == NX_OK)
        rc = nx__xdb_allterms(db->x, NX__P_ARTICLE, count_term, &c->articles);
    if (rc == NX_OK)
        rc = nx__xdb_allterms(db->x, "", count_term, &c->terms);
    return rc;
}

/* Counting walks every term of the postlist table, and libxapian 1.4.22 walks a damaged one
 * out of bounds (a segmentation fault under ASan where a release build read garbage): the walk
 * runs in a child process, as the check does (isolate.h), so damage is reported, not
 * suffered. Not for remote shards, whose connections a child must not use: their servers do
 * the reading. */
int nx_db_stats(nx_stats *st, const nx_db *db)
{
    if (!db || !st)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no index handle or stats"));
    struct counts c;
    int rc;
    for (nx__reread rr = NX__REREAD_INIT;;) {
        uint64_t gen = nx__xdb_generation(db->x);
        rc = db->remotes ? count_all((void *)db, &c)
                         : nx__isolate_run(count_all, (void *)db, &c, sizeof c, db->path,
                                           "counting its terms");
        if (rc >= 0 || !nx__reread_again(db, gen, rc, &rr))
            break;
    }
    if (rc < 0)
        return nx__db_fail(db, rc);
    memset(st, 0, sizeof *st);
    st->articles = c.articles.n;
    st->passages = c.xs.doccount;
    st->terms = c.terms.n;
    st->index_bytes = nx__fsutil_dir_bytes(db->path);
    st->avg_passage_len = c.xs.avlength;
    st->lexicon = nx__lexicon_id(db->lex);
    return NX_OK;
}

/* Put folder `tmp` in the place of folder `path`, `path`'s old content then at `tmp`: in one
 * step (renameat2 RENAME_EXCHANGE), so that a kill at any moment leaves an index at `path`;
 * where the file system cannot exchange, by two renames with `old` in between (a kill between
 * them leaves the index at `old`). */
static int swap_in(const char *path, const char *tmp, const char *old)
{
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
        return NX_OK; /* the old index is at `tmp` now, removed with it */
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return nx__error_set(NX_EIO, "'%s': cannot swap in the compacted index: %s", path,
                             strerror(errno));
    if (rename(path, old) != 0)
        return nx__error_set(NX_EIO, "'%s': cannot swap in the compacted index: %s", path,
                             strerror(errno));
    if (rename(tmp, path) != 0) {
        int e = errno;
        (void)rename(old, path); /* back where it was */
        return nx__error_set(NX_EIO, "'%s': cannot swap in the compacted index: %s", path,
                             strerror(e));
    }
    return NX_OK;
}

/* Compact the `n` databases of `src` (together) into a sibling folder of `path`, then put it
 * in the place of `path` (the old one removed). Nothing may hold `src` open. */
static int compact_swap(const char *path, const char *const *src, size_t n)
{
    size_t len = strlen(path) + 16;
    char *tmp = malloc(len), *old = malloc(len);
    int rc = tmp && old ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK) {
        snprintf(tmp, len, "%s.compact", path);
        snprintf(old, len, "%s.old", path);
        nx__fsutil_rmtree(tmp); /* what a run killed while compacting left */
        nx__fsutil_rmtree(old);
        rc = nx__xdb_compact_all(src, n, tmp);
    }
    if (rc == NX_OK)
        rc = swap_in(path, tmp, old);
    if (rc == NX_OK)
        nx__fsutil_rmtree(old);
    if (tmp)
        nx__fsutil_rmtree(tmp);
    free(tmp);
    free(old);
    return rc;
}

static int check_compactable(nx_db *db)
{
    if (!db || !nx__db_writable(db))
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "compacting needs a writable index"));
    if (db->in_tx)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "cannot compact inside a batch"));
    return NX_OK;
}

/* Compact into a sibling directory, then swap it in. The writer lets go of the index while
 * Xapian reads it, and takes the lock again afterwards. */
static int compact_one(nx_db *db)
{
    int rc = nx_db_commit(db);
    if (rc == NX_OK)
        rc = nx__xdb_cancel_tx(db->x);
    db->xtx = false;
    if (rc == NX_OK) {
        rc = nx__xdb_close(db->x); /* frees even when it fails */
        db->x = NULL;
    }
    const char *src = db->path;
    if (rc == NX_OK)
        rc = compact_swap(db->path, &src, 1);
    int rc2 = db->x ? NX_OK : nx__xdb_open(&db->x, db->path, NX__XDB_WRITE);
    if (rc2 == NX_OK)
        rc2 = nx__db_begin_tx(db);
    return rc < 0 ? rc : rc2;
}

static int compact_shards(nx_db *db)
{
    nx__shard_drop_view(db);
    int rc = nx__shard_each(db, nx_db_compact);
    struct nx__xdb **xs = calloc(db->n_shards, sizeof *xs);
    if (!xs)
        return nx__error_set(NX_ENOMEM, "out of memory");
    for (size_t k = 0; k < db->n_shards; k++)
        xs[k] = db->shards[k]->x;
    int rc2 = nx__xdb_combine(&db->x, xs, db->n_shards, db->path);
    free(xs);
    return rc < 0 ? rc : rc2;
}

/* The shard writers commit and close, letting go of their locks while Xapian reads the shards;
 * the merged index takes the folder's place and this handle becomes its writer. If merging
 * fails, the sharded index is opened again as it was. */
static int merge_shards(nx_db *db)
{
    size_t n = db->n_shards;
    char **paths = calloc(n, sizeof *paths);
    int rc = paths ? nx_db_commit(db) : nx__error_set(NX_ENOMEM, "out of memory");
    for (size_t k = 0; rc == NX_OK && k < n; k++)
        if (!(paths[k] = nx__stub_shard_path(db->path, k)))
            rc = nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK) {
        rc = nx__shard_close(db); /* closes every shard, also when one fails */
        free(db->shards);
        db->shards = NULL;
    }
    if (rc == NX_OK)
        rc = compact_swap(db->path, (const char *const *)paths, n);
    for (size_t k = 0; paths && k < n; k++)
        free(paths[k]);
    free(paths);
    if (db->n_shards) /* failed before the shards were closed: nothing changed */
        return rc;
    int rc2;
    if (rc == NX_OK) {
        rc2 = nx__xdb_open(&db->x, db->path, NX__XDB_WRITE);
        if (rc2 == NX_OK)
            rc2 = nx__db_begin_tx(db);
    } else {
        rc2 = nx__shard_reopen(db);
    }
    return rc < 0 ? rc : rc2;
}

int nx_db_compact(nx_db *db)
{
    int rc = check_compactable(db);
    if (rc < 0)
        return rc;
    return nx__db_fail(db, db->n_shards ? compact_shards(db) : compact_one(db));
}

int nx_db_merge(nx_db *db)
{
    int rc = check_compactable(db);
    if (rc < 0)
        return rc;
    return nx__db_fail(db, db->n_shards ? merge_shards(db) : compact_one(db));
}

/* Every passage record decodes and every stored article decodes whole, its checksum
 * verified; a passage lies inside its article. One document at a time: memory stays bounded
 * by the largest article. */
static int check_documents(nx_db *db)
{
    struct nx__xstats xs;
    nx__buf data = NX__BUF_INIT;
    int rc = nx__xdb_stats(db->x, &xs);
    uint64_t body_len = 0, last_index = UINT64_MAX;
    for (unsigned int id = 1; rc == NX_OK && xs.doccount && id <= xs.lastdocid; id++) {
        nx__buf_clear(&data);
        nx__passrec pr;
        rc = nx__xdb_doc_data(db->x, id, &data);
        if (rc == NX_ENOTFOUND) { /* deleted: its id is never used again */
            rc = NX_OK;
            last_index = UINT64_MAX;
            continue;
        }
        if (rc == NX_OK &&
            nx__docbuild_passrec_decode(&pr, data.data ? data.data : "", data.len) < 0)
            rc = nx__error_set(NX_ECORRUPT, "'%s': the passage record of document %u is damaged",
                               db->path, id);
        nx_article *a = NULL;
        if (rc == NX_OK && pr.blob && nx__article_decode(&a, pr.blob, pr.blob_len) < 0)
            rc = nx__error_set(NX_ECORRUPT,
                               "'%s': the stored article of document %u is damaged (%s)", db->path,
                               id, nx_error_last()->message);
        if (rc == NX_OK && pr.blob)
            body_len = a->body_len;
        nx_free(a);
        /* An article's passages are added one after another, the first holding the article. */
        bool known =
            rc == NX_OK && (pr.blob || (last_index != UINT64_MAX && pr.index == last_index + 1));
        if (rc == NX_OK && known && (pr.start > pr.end || pr.end > body_len))
            rc = nx__error_set(NX_ECORRUPT, "'%s': passage %u lies outside its article", db->path,
                               id);
        last_index = rc == NX_OK && known ? pr.index : UINT64_MAX;
    }
    nx__buf_release(&data);
    return rc;
}

/* What Xapian does not check: opening as newsidx does (every table there, the format and the
 * lexicon readable, the boilerplate list), then each document. */
static int check_newsidx(const char *path)
{
    nx_db *db;
    int rc = nx_db_open(&db, path, NULL);
    if (rc == NX_OK)
        rc = check_documents(db);
    nx_db_free(db);
    return rc;
}

static int check_here(const char *path)
{
    nx__buf report = NX__BUF_INIT;
    int rc = nx__xdb_check(path, &report);
    nx__buf_release(&report);
    return rc == NX_OK ? check_newsidx(path) : rc;
}

static int check_child(void *arg, void *out)
{
    (void)out;
    return check_here(arg);
}

/* Xapian's checker reads damaged tables without bounds in places (libxapian 1.4.22: a flipped
 * byte in termlist.glass makes Database::check read freed or unmapped memory), and so may the
 * reads of our own check: both run in a child process. */
static int check_one(const char *path)
{
    return nx__isolate_run(check_child, (void *)path, NULL, 0, path, "checking it");
}

static int check_db(const char *db, void *arg)
{
    (void)arg;
    return check_one(db);
}

/* A sharded index is checked shard by shard; the first damaged one is named. Other stubs list
 * databases that may be remote: each is checked where it lives. */
int nx_db_check(const char *path)
{
    if (!path)
        return nx__error_set(NX_EINVAL, "no index path given");
    return nx__stub_each_local(path, "check", check_db, NULL);
}
