/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: the writer thread, which owns the one writer handle, and its jobs. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve.h"

enum job_kind { JOB_POST, JOB_DELETE };

struct job {
    enum job_kind kind;
    const char *body; /* JOB_POST: JSON Lines */
    size_t len;
    const char *id; /* JOB_DELETE */
    struct nxs_reply *rp;
    bool done;
    struct job *next;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake, done; /* a job queued or stopping; a job done */
    struct job *head, *tail;
    bool stopping, running;
    pthread_t thread;
    const char *path; /* the index */
    char dir[64];     /* a private folder for POST bodies */
    nx_db *db;        /* opened at the first job, kept: it holds the write lock */
    int close_rc;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER,
       .wake = PTHREAD_COND_INITIALIZER,
       .done = PTHREAD_COND_INITIALIZER};

/* The writer handle, opened at the first job (and again after a failed open): false with the
 * error answered (409 while another writer holds the index). */
static bool writer(struct nxs_reply *rp)
{
    nx_open_opts oo = NX_OPEN_OPTS_INIT;

    if (w.db)
        return true;
    oo.flags = NX_OPEN_WRITE;
    int rc = nx_db_open(&w.db, w.path, &oo);
    if (rc < 0)
        nxs_reply_nx(rp, rc);
    return rc == NX_OK;
}

/* What one POST's lines did wrong, listed in its answer. */
struct diags {
    nxc_json *j;
    size_t n;
};

static void on_diag(const nx_diag *d, void *payload)
{
    struct diags *ds = payload;

    if (d->code == NX_OK || ds->n++ >= NXS_MAX_ERRORS)
        return;
    nxc_json_begin_object(ds->j);
    nxc_json_kv_uint(ds->j, "line", d->line);
    nxc_json_kv_string(ds->j, "code", nxs_code_name(d->code));
    nxc_json_kv_string(ds->j, "message", d->message);
    nxc_json_end_object(ds->j);
}

static bool write_file(const char *path, const char *body, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(body, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static void stats(nxc_json *j, const nx_ingest_stats *st, size_t n_errors)
{
    nxc_json_kv_uint(j, "added", st->articles_added);
    nxc_json_kv_uint(j, "replaced", st->articles_replaced);
    nxc_json_kv_uint(j, "unchanged", st->articles_unchanged);
    nxc_json_kv_uint(j, "skipped", st->articles_skipped);
    nxc_json_kv_uint(j, "passages", st->passages);
    nxc_json_kv_uint(j, "errors_total", n_errors);
}

/* The body through the indexer's own reader (a JSON Lines file), committed as one run. */
static void post(struct job *jb)
{
    char path[sizeof w.dir + 16];
    nx_ingest_stats st;
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    struct nxs_reply *rp = jb->rp;

    snprintf(path, sizeof path, "%s/body.jsonl", w.dir);
    if (!write_file(path, jb->body, jb->len)) {
        unlink(path);
        nxs_reply_error(rp, 500, "EIO", "cannot spool the body to '%s'", path);
        return;
    }
    if (!nxs_reply_begin(rp, 200))
        return;
    struct diags ds = {&rp->j, 0};
    const char *paths[] = {path};
    io.on_diag = on_diag;
    io.payload = &ds;
    nxc_json_begin_object(&rp->j);
    nxc_json_key(&rp->j, "errors");
    nxc_json_begin_array(&rp->j);
    int rc = nx_db_ingest(&st, w.db, paths, 1, &io);
    nxc_json_end_array(&rp->j);
    unlink(path);
    if (rc < 0 && rc != NX_EINPUT) {
        nxs_reply_nx(rp, rc);
        nx_db_free(w.db); /* the last commit is intact; open again at the next job */
        w.db = NULL;
        return;
    }
    stats(&rp->j, &st, ds.n);
    nxc_json_end_object(&rp->j);
}

static void delete (struct job *jb)
{
    int rc = nx_db_delete(w.db, jb->id);

    if (rc == NX_ENOTFOUND) {
        nxs_reply_error(jb->rp, 404, "ENOTFOUND", "article '%s' not found", jb->id);
        return;
    }
    if (rc == NX_OK)
        rc = nx_db_commit(w.db);
    if (rc < 0) {
        nxs_reply_nx(jb->rp, rc);
        return;
    }
    if (nxs_reply_begin(jb->rp, 200)) {
        nxc_json_begin_object(&jb->rp->j);
        nxc_json_kv_string(&jb->rp->j, "deleted", jb->id);
        nxc_json_end_object(&jb->rp->j);
    }
}

static void *run(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&w.lock);
    for (;;) {
        while (!w.head && !w.stopping)
            pthread_cond_wait(&w.wake, &w.lock);
        struct job *jb = w.head;
        if (!jb)
            break; /* stopping, and every job done */
        w.head = jb->next;
        if (!w.head)
            w.tail = NULL;
        pthread_mutex_unlock(&w.lock);
        if (writer(jb->rp)) {
            if (jb->kind == JOB_POST)
                post(jb);
            else
                delete (jb);
        }
        pthread_mutex_lock(&w.lock);
        jb->done = true;
        pthread_cond_broadcast(&w.done);
    }
    pthread_mutex_unlock(&w.lock);
    w.close_rc = nx_db_close(w.db); /* every job committed; this commits anything left */
    w.db = NULL;
    return NULL;
}

bool nxs_writer_start(const char *db_path)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(w.dir, sizeof w.dir, "%s/nxserve.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(w.dir))
        return false;
    w.path = db_path;
    if (pthread_create(&w.thread, NULL, run, NULL) != 0) {
        rmdir(w.dir);
        return false;
    }
    w.running = true;
    return true;
}

static void submit(struct job *jb)
{
    pthread_mutex_lock(&w.lock);
    if (w.stopping) {
        pthread_mutex_unlock(&w.lock);
        nxs_reply_error(jb->rp, 503, "EBUSY", "the server is stopping");
        return;
    }
    if (w.tail)
        w.tail->next = jb;
    else
        w.head = jb;
    w.tail = jb;
    pthread_cond_signal(&w.wake);
    while (!jb->done)
        pthread_cond_wait(&w.done, &w.lock);
    pthread_mutex_unlock(&w.lock);
}

void nxs_writer_post(struct nxs_reply *rp, const char *body, size_t len)
{
    struct job jb = {JOB_POST, body, len, NULL, rp, false, NULL};
    submit(&jb);
}

void nxs_writer_delete(struct nxs_reply *rp, const char *id)
{
    struct job jb = {JOB_DELETE, NULL, 0, id, rp, false, NULL};
    submit(&jb);
}

int nxs_writer_stop(void)
{
    if (!w.running)
        return NX_OK;
    pthread_mutex_lock(&w.lock);
    w.stopping = true;
    pthread_cond_signal(&w.wake);
    pthread_mutex_unlock(&w.lock);
    pthread_join(w.thread, NULL);
    rmdir(w.dir);
    w.running = false;
    return w.close_rc;
}
