/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sharded indexes and stub files: opening, routing, and the writer calls done on every shard. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/shard.h"
#include "store/stub.h"
#include "util/error.h"
#include "util/hash.h"

enum { DEFAULT_TIMEOUT_MS = 10000 };

size_t nx__shard_of(const char *id, size_t n)
{
    return n > 1 ? (size_t)(nx__hash_fnv1a(NX__FNV_INIT, id, strlen(id)) % n) : 0;
}

/* "'HOST:PORT', ..." of the stub's remote lines, for messages; NULL if there are none. */
static int list_remotes(nx_db *db, const nx__stub *s)
{
    nx__buf b = NX__BUF_INIT;
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < s->n; i++)
        if (s->e[i].remote)
            rc = nx__buf_printf(&b, "%s'%s'", b.len ? ", " : "", s->e[i].shown);
    if (rc == NX_OK && b.len && !(db->remotes = strndup(b.data, b.len)))
        rc = nx__error_set(NX_ENOMEM, "out of memory");
    nx__buf_release(&b);
    return rc;
}

static int open_reader(nx_db *db, const nx_open_opts *o, const char *file)
{
    nx__stub s;
    int rc = nx__stub_check_nesting(file);
    if (rc == NX_OK)
        rc = nx__stub_parse(&s, file);
    if (rc < 0)
        return rc;
    struct nx__xpart *parts = calloc(s.n, sizeof *parts);
    if (!parts) {
        nx__stub_release(&s);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < s.n; i++)
        parts[i] = (struct nx__xpart){s.e[i].path, s.e[i].host, s.e[i].port, s.e[i].shown};
    double t = o->timeout > 0 ? o->timeout * 1000.0 : DEFAULT_TIMEOUT_MS;
    unsigned int ms = t < 1 ? 1 : t > 3.6e6 ? 3600000u : (unsigned int)t;
    rc = nx__xdb_open_parts(&db->x, parts, s.n, ms, db->path);
    if (rc == NX_OK)
        rc = list_remotes(db, &s);
    free(parts);
    nx__stub_release(&s);
    return rc;
}

/* Is `path` a folder that holds something (an unsharded index, or anything else)? */
static bool dir_in_use(const char *path)
{
    DIR *dir = opendir(path);
    bool used = false;
    if (!dir)
        return false;
    for (struct dirent *de; !used && (de = readdir(dir)) != NULL;)
        used = strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(dir);
    return used;
}

static int refuse_count(const char *path, size_t have, unsigned int want)
{
    if (have == 1)
        return nx__error_set(NX_EINVAL,
                             "'%s' is an unsharded index: to shard it, build a new index with "
                             "%u shards and swap it in",
                             path, want);
    return nx__error_set(NX_EINVAL,
                         "'%s' has %zu shards, not %u: to reshard, build a new index with %u "
                         "shards and swap it in",
                         path, have, want, want);
}

/* How many shards the writer's index has, creating the layout for a new sharded index. */
static int writer_layout(const nx_db *db, const nx_open_opts *o, const char *file, size_t *n,
                         bool *created)
{
    *n = 0;
    *created = false;
    if (file) {
        nx__stub s;
        int rc = nx__stub_parse(&s, file);
        if (rc < 0)
            return rc;
        *n = nx__stub_shards(&s, db->path);
        nx__stub_release(&s);
        if (*n == 0)
            return nx__error_set(NX_EINVAL,
                                 "'%s' is a stub listing other databases, not a sharded index: "
                                 "write to each of them instead",
                                 db->path);
        return o->shards && o->shards != *n ? refuse_count(db->path, *n, o->shards) : NX_OK;
    }
    if (dir_in_use(db->path))
        return refuse_count(db->path, 1, o->shards);
    if (!(o->flags & NX_OPEN_CREATE))
        return nx__error_set(NX_ENOTFOUND, "'%s' does not exist", db->path);
    if (mkdir(db->path, 0777) != 0 && errno != EEXIST)
        return nx__error_set(NX_EIO, "'%s': cannot create the folder", db->path);
    *n = o->shards;
    *created = true;
    return nx__stub_write_shards(db->path, *n);
}

static int open_writer(nx_db *db, const nx_open_opts *o, const char *file)
{
    size_t n;
    bool created;
    int rc = writer_layout(db, o, file, &n, &created);
    if (rc < 0)
        return rc;
    db->shards = calloc(n, sizeof *db->shards);
    if (!db->shards)
        return nx__error_set(NX_ENOMEM, "out of memory");
    nx_open_opts so = *o;
    so.shards = 0;
    struct nx__xdb **xs = calloc(n, sizeof *xs);
    rc = xs ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
    /* In shard order, so that two writers never hold a lock each that the other waits for. */
    for (size_t k = 0; rc == NX_OK && k < n; k++) {
        char *path = nx__stub_shard_path(db->path, k);
        rc = path ? nx_db_open(&db->shards[k], path, &so)
                  : nx__error_set(NX_ENOMEM, "out of memory");
        if (rc == NX_OK) {
            db->n_shards = k + 1;
            xs[k] = db->shards[k]->x;
        }
        free(path);
    }
    /* Readers take the format and lexicon from shard 0 alone (Xapian's multi-database reads
     * metadata from its first database): a new index commits them in every shard before any
     * shard commits articles. */
    if (rc == NX_OK && created)
        rc = nx__shard_each(db, nx_db_commit);
    if (rc == NX_OK)
        rc = nx__xdb_combine(&db->x, xs, n, db->path);
    free(xs);
    return rc;
}

int nx__shard_open(nx_db *db, const nx_open_opts *o, bool *done)
{
    char *file;
    int rc = nx__stub_locate(&file, db->path);
    bool writer = (o->flags & NX_OPEN_WRITE) != 0;
    *done = file || (writer && o->shards > 1);
    if (rc == NX_OK && *done)
        rc = writer ? open_writer(db, o, file) : open_reader(db, o, file);
    free(file);
    return rc;
}

/* The first failure of a loop over the shards; the others are dropped. */
struct first_error {
    int rc;
    char msg[512];
};

static void keep(struct first_error *f, int rc)
{
    if (rc < 0 && f->rc == NX_OK) {
        f->rc = rc;
        snprintf(f->msg, sizeof f->msg, "%s", nx_error_last()->message);
    }
}

static int first(const struct first_error *f)
{
    return f->rc < 0 ? nx__error_set(f->rc, "%s", f->msg) : NX_OK;
}

int nx__shard_each(nx_db *db, int (*fn)(nx_db *))
{
    struct first_error f = {NX_OK, ""};
    for (size_t k = 0; k < db->n_shards; k++)
        keep(&f, fn(db->shards[k]));
    return first(&f);
}

/* The view goes before the writers it looks into. */
static void drop_view(nx_db *db)
{
    nx__xdb_free(db->x);
    db->x = NULL;
}

int nx__shard_close(nx_db *db)
{
    struct first_error f = {NX_OK, ""};
    drop_view(db);
    for (size_t k = 0; k < db->n_shards; k++) {
        keep(&f, nx_db_close(db->shards[k]));
        db->shards[k] = NULL;
    }
    db->n_shards = 0;
    return first(&f);
}

void nx__shard_free(nx_db *db)
{
    if (!db->shards)
        return;
    drop_view(db);
    for (size_t k = 0; k < db->n_shards; k++)
        nx_db_free(db->shards[k]);
    free(db->shards);
    db->shards = NULL;
    db->n_shards = 0;
}

void nx__shard_drop_view(nx_db *db)
{
    drop_view(db);
}

int nx__shard_reopen(nx_db *db)
{
    char *file = NULL;
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    int rc = nx__stub_locate(&file, db->path);
    if (rc == NX_OK)
        rc = file ? open_writer(db, &o, file)
                  : nx__error_set(NX_ECORRUPT, "'%s': the shards are gone", db->path);
    free(file);
    return rc;
}
