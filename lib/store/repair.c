/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nx_db_repair: an index rebuilt from the articles stored in it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "store/article.h"
#include "store/docbuild.h"
#include "store/isolate.h"
#include "store/schema.h"
#include "store/stub.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fsutil.h"

struct job {
    const char *path;         /* the damaged index */
    const char *view;         /* what is read of it: a folder of links to the tables needed */
    const char *tmp;          /* the new one, built beside it */
    const char *lexicon_path; /* NULL: the lexicon the damaged index recorded */
};

/* The metadata the new index starts from: the lexicon (unless a file is given) and the
 * boilerplate list, so that articles split into the same passages. What cannot be read is left
 * to the defaults (the built-in lexicon, no boilerplate). */
static int seed(struct nx__xdb *src, const struct job *job)
{
    static const char *const keys[] = {NX__META_LEXICON, NX__META_LEXICON_ID, NX__META_BOILERPLATE};
    struct nx__xdb *dst;
    int rc = nx__xdb_open(&dst, job->tmp, NX__XDB_WRITE | NX__XDB_CREATE);
    if (rc < 0)
        return rc;
    nx__buf v = NX__BUF_INIT;
    for (size_t i = job->lexicon_path ? 2 : 0; rc == NX_OK && i < sizeof keys / sizeof *keys; i++) {
        nx__buf_clear(&v);
        if (nx__xdb_get_metadata(src, keys[i], &v) == NX_OK && v.len)
            rc = nx__xdb_set_metadata(dst, keys[i], v.data, v.len);
    }
    nx__buf_release(&v);
    if (rc < 0) {
        nx__xdb_free(dst);
        return rc;
    }
    return nx__xdb_close(dst);
}

/* One document of the damaged index: the article it stores, if any, put into `db`. */
static int copy_document(struct nx__xdb *src, unsigned int id, nx__buf *data, nx_db *db,
                         nx_repair_stats *st)
{
    nx__buf_clear(data);
    nx__passrec pr;
    nx_article *a = NULL;
    int rc = nx__xdb_doc_data(src, id, data);
    if (rc == NX_ENOTFOUND) /* deleted */
        return NX_OK;
    if (rc < 0 || nx__docbuild_passrec_decode(&pr, data->data ? data->data : "", data->len) < 0 ||
        (pr.blob && nx__article_decode(&a, pr.blob, pr.blob_len) < 0)) {
        st->damaged++;
        return NX_OK;
    }
    if (!a) /* not an article's first passage: its passages are made again from the article */
        return NX_OK;
    size_t n = 0;
    rc = nx_db_put(NULL, &n, db, a);
    if (rc == NX_EINPUT || rc == NX_ELIMIT) /* stored once, refused now: it is left out */
        st->damaged++;
    else if (rc == NX_OK) {
        st->articles++;
        st->passages += n;
    }
    nx_free(a);
    return rc == NX_EINPUT || rc == NX_ELIMIT ? NX_OK : rc;
}

/* In the child: read every document of the damaged index, put its articles into the new one. */
static int rebuild(void *arg, void *out)
{
    const struct job *job = arg;
    nx_repair_stats *st = out;
    struct nx__xdb *src;
    int rc = nx__xdb_open(&src, job->view, NX__XDB_SALVAGE);
    if (rc < 0)
        return nx__error_set(NX_ECORRUPT,
                             "'%s': its stored articles cannot be read (%s): rebuild it from the "
                             "archive with newsidx-index --db NEW ARCHIVE",
                             job->path, nx_error_last()->message);
    struct nx__xstats xs;
    rc = nx__xdb_stats(src, &xs);
    if (rc == NX_OK)
        rc = seed(src, job);
    nx_db *db = NULL;
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    o.lexicon_path = job->lexicon_path;
    if (rc == NX_OK)
        rc = nx_db_open(&db, job->tmp, &o);
    nx__buf data = NX__BUF_INIT;
    for (unsigned int id = 1; rc == NX_OK && xs.doccount && id <= xs.lastdocid; id++)
        rc = copy_document(src, id, &data, db, st);
    nx__buf_release(&data);
    int rc2 = db ? nx_db_close(db) : NX_OK;
    nx__xdb_free(src);
    if (rc == NX_OK && rc2 == NX_OK && xs.doccount && st->articles == 0)
        rc = nx__error_set(NX_ECORRUPT,
                           "'%s': none of its %llu documents holds a stored article that reads "
                           "back whole: rebuild it from the archive with newsidx-index --db NEW "
                           "ARCHIVE",
                           job->path, (unsigned long long)xs.doccount);
    return rc < 0 ? rc : rc2;
}

/* Reading documents needs the version file, the postlist table (metadata, document counts) and
 * the docdata table; Xapian opens the termlist and position tables too, and a damaged one
 * (cut short, a bad root block) fails the open. The view links only what is needed. */
static int make_view(const char *view, const char *path)
{
    static const char *const tables[] = {"iamglass", "postlist.glass", "docdata.glass"};
    char *real = realpath(path, NULL);
    nx__fsutil_rmtree(view);
    int rc = real && mkdir(view, 0700) == 0
                 ? NX_OK
                 : nx__error_set(NX_EIO, "'%s': cannot make '%s': %s", path, view, strerror(errno));
    for (size_t i = 0; rc == NX_OK && i < sizeof tables / sizeof *tables; i++) {
        char *from = nx__fsutil_path_join(real, tables[i]);
        char *to = nx__fsutil_path_join(view, tables[i]);
        if (!from || !to)
            rc = nx__error_set(NX_ENOMEM, "out of memory");
        else if (access(from, F_OK) == 0 && symlink(from, to) != 0)
            rc = nx__error_set(NX_EIO, "'%s': cannot link '%s': %s", path, to, strerror(errno));
        free(from);
        free(to);
    }
    free(real);
    return rc;
}

static char *sibling(const char *path, const char *suffix)
{
    size_t len = strlen(path) + strlen(suffix) + 1;
    char *s = malloc(len);
    if (s)
        snprintf(s, len, "%s%s", path, suffix);
    return s;
}

/* Rebuild one database beside itself, check the new one, swap it in, keep the old one. */
static int repair_one(nx_repair_stats *st, const char *path, const char *lexicon_path)
{
    char *tmp = sibling(path, ".repair"), *kept = sibling(path, ".damaged");
    char *view = sibling(path, ".salvage");
    struct stat sb;
    int rc = tmp && kept && view ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK && stat(path, &sb) != 0)
        rc = nx__error_set(NX_ENOTFOUND, "'%s': no index there", path);
    if (rc == NX_OK && lstat(kept, &sb) == 0)
        rc = nx__error_set(NX_EINVAL,
                           "'%s' exists (from an earlier repair?): move it away first; "
                           "nothing was changed",
                           kept);
    struct job job = {path, view, tmp, lexicon_path};
    nx_repair_stats one = {0};
    if (rc == NX_OK) {
        nx__fsutil_rmtree(tmp); /* what an interrupted repair left */
        rc = make_view(view, path);
    }
    if (rc == NX_OK)
        rc = nx__isolate_run(rebuild, &job, &one, sizeof one, path, "reading it to repair");
    if (view)
        nx__fsutil_rmtree(view);
    if (rc == NX_OK && (rc = nx_db_check(tmp)) < 0)
        rc = nx__error_set(rc,
                           "'%s': the rebuilt index failed its check (%s); nothing was "
                           "changed",
                           path, nx_error_last()->message);
    if (rc == NX_OK && rename(path, kept) != 0)
        rc = nx__error_set(NX_EIO, "'%s': cannot keep it as '%s': %s", path, kept, strerror(errno));
    else if (rc == NX_OK && rename(tmp, path) != 0) {
        rc = nx__error_set(NX_EIO, "'%s': cannot put the rebuilt index in its place: %s", path,
                           strerror(errno));
        (void)rename(kept, path); /* back where it was */
    }
    if (rc < 0 && tmp)
        nx__fsutil_rmtree(tmp);
    if (rc == NX_OK) {
        st->articles += one.articles;
        st->passages += one.passages;
        st->damaged += one.damaged;
    }
    free(tmp);
    free(kept);
    free(view);
    return rc;
}

struct repair_all {
    nx_repair_stats *st;
    const char *lexicon_path;
};

static int repair_db(const char *db, void *arg)
{
    struct repair_all *r = arg;
    return repair_one(r->st, db, r->lexicon_path);
}

int nx_db_repair(nx_repair_stats *out, const char *path, const char *lexicon_path)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!path || !out)
        return nx__error_set(NX_EINVAL, "no index path or no place for the repair's figures");
    struct repair_all r = {out, lexicon_path};
    return nx__stub_each_local(path, "repair", repair_db, &r);
}
