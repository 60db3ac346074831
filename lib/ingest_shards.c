/*
 * Bulk ingest into a sharded index: one thread and one Xapian writer per shard, all reading
 * the same input files (reading and parsing is cheap next to indexing) and each putting only
 * the articles its shard owns. The boilerplate model comes from one first pass over all the
 * input, so every shard leaves out the same paragraphs and stores the same metadata.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "ingest.h"

/* The caller's callbacks, called from the shards' threads one at a time. */
struct shared {
    pthread_mutex_t mu;
    const nx_ingest_opts *user;
    nx_progress *last; /* each shard's latest progress */
    size_t n;
};

struct worker {
    struct ingest in;
    nx_ingest_stats st;
    nx_ingest_opts o;
    struct shared *sh;
    size_t k;
    pthread_t thread;
    bool started;
    int rc;
    char msg[512];
};

static void on_diag(const nx_diag *d, void *payload)
{
    struct worker *w = payload;
    pthread_mutex_lock(&w->sh->mu);
    w->sh->user->on_diag(d, w->sh->user->payload);
    pthread_mutex_unlock(&w->sh->mu);
}

/* Articles and passages add up over the shards; files and bytes are where the slowest is. */
static void on_progress(const nx_progress *p, void *payload)
{
    struct worker *w = payload;
    struct shared *sh = w->sh;
    pthread_mutex_lock(&sh->mu);
    sh->last[w->k] = *p;
    nx_progress all = *p;
    all.articles = all.passages = 0;
    for (size_t i = 0; i < sh->n; i++) {
        all.articles += sh->last[i].articles;
        all.passages += sh->last[i].passages;
        if (sh->last[i].bytes_done < all.bytes_done)
            all.bytes_done = sh->last[i].bytes_done;
        if (sh->last[i].files_done < all.files_done)
            all.files_done = sh->last[i].files_done;
    }
    sh->user->on_progress(&all, sh->user->payload);
    pthread_mutex_unlock(&sh->mu);
}

/* Shard 0 holds the boilerplate the first pass found; every shard gets the same. */
static int share_boilerplate(nx_db *db)
{
    nx__buf v = NX__BUF_INIT;
    int rc = nx__boiler_save(db->shards[0]->boiler, &v);
    for (size_t k = 1; rc == NX_OK && k < db->n_shards; k++) {
        nx_db *s = db->shards[k];
        size_t before = nx__boiler_known(s->boiler);
        rc = nx__boiler_load(s->boiler, v.data ? v.data : "", v.len);
        s->boiler_dirty |= nx__boiler_known(s->boiler) != before;
    }
    nx__buf_release(&v);
    return rc;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    w->rc = nx__ingest_index(&w->in);
    if (w->rc < 0)
        snprintf(w->msg, sizeof w->msg, "%s", nx_error_last()->message);
    return NULL;
}

static void worker_init(struct worker *w, const struct ingest *in, struct shared *sh, size_t k)
{
    w->sh = sh;
    w->k = k;
    w->o = *in->o;
    w->o.flags &= ~(unsigned)NX_INGEST_COMPACT; /* after all shards are done, see below */
    w->o.on_diag = in->o->on_diag ? on_diag : NULL;
    w->o.on_progress = in->o->on_progress ? on_progress : NULL;
    w->o.payload = w;
    w->in = *in; /* the files, field map and spool are shared, read-only */
    w->in.db = in->db->shards[k];
    w->in.o = &w->o;
    w->in.st = &w->st;
    w->in.skipped = false;
    w->in.shard = k;
    w->in.n_shards = sh->n;
    w->in.reports_input = k == 0;
    nx__u64set_init(&w->in.seen);
}

static void add_stats(nx_ingest_stats *to, const nx_ingest_stats *s)
{
    to->files += s->files;
    to->articles_added += s->articles_added;
    to->articles_replaced += s->articles_replaced;
    to->articles_unchanged += s->articles_unchanged;
    to->articles_removed += s->articles_removed;
    to->skipped_json += s->skipped_json;
    to->skipped_encoding += s->skipped_encoding;
    to->skipped_too_large += s->skipped_too_large;
    to->skipped_unreadable += s->skipped_unreadable;
    to->skipped_duplicate += s->skipped_duplicate;
    to->passages += s->passages;
    to->input_bytes += s->input_bytes;
    to->records_ignored += s->records_ignored;
}

static int run_workers(struct ingest *in, struct worker *w, size_t n)
{
    int rc = NX_OK;
    for (size_t k = 0; k < n; k++) {
        w[k].started = pthread_create(&w[k].thread, NULL, work, &w[k]) == 0;
        if (!w[k].started)
            w[k].rc = nx__error_set(NX_ERROR, "cannot start a thread for shard %zu", k);
    }
    for (size_t k = 0; k < n; k++) {
        if (w[k].started)
            pthread_join(w[k].thread, NULL);
        add_stats(in->st, &w[k].st);
        in->skipped |= w[k].in.skipped;
        if (w[k].rc < 0 && rc == NX_OK)
            rc = nx__error_set(w[k].rc, "%s", w[k].msg);
        nx__u64set_release(&w[k].in.seen);
    }
    return rc;
}

int nx__shard_ingest(struct ingest *in)
{
    size_t n = in->db->n_shards;
    struct shared sh = {.user = in->o, .n = n};
    struct worker *w = calloc(n, sizeof *w);
    sh.last = calloc(n, sizeof *sh.last);
    int rc = w && sh.last ? share_boilerplate(in->db) : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK && pthread_mutex_init(&sh.mu, NULL) != 0)
        rc = nx__error_set(NX_ERROR, "cannot make a mutex");
    if (rc == NX_OK) {
        for (size_t k = 0; k < n; k++)
            worker_init(&w[k], in, &sh, k);
        rc = run_workers(in, w, n);
        pthread_mutex_destroy(&sh.mu);
    }
    /* Compacting swaps each shard's files: the sharded handle redoes its view afterwards. */
    if (rc == NX_OK && (in->o->flags & NX_INGEST_COMPACT))
        rc = nx_db_compact(in->db);
    free(w);
    free(sh.last);
    return rc;
}
