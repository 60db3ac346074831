/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bulk ingest into a sharded index: this thread reads and parses the input once and hands
 * each article to the writer thread of the shard that owns it, through one bounded queue per
 * shard, so each shard gets its articles in input order and memory does not grow with the
 * archive. The boilerplate model comes from one first pass over all the input, so every shard
 * leaves out the same paragraphs and stores the same metadata.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/parallel.h"
#include "ingest/writer.h"
#include "store/db.h"
#include "store/shard.h"
#include "util/error.h"

/* What may wait for one shard's writer: a few hundred articles, next to the 64 MiB a writer
 * batches by default (one article larger than this still goes, alone). */
enum { QUEUE_ARTICLES = 256, QUEUE_BYTES = 4 * 1024 * 1024 };

/* One article on its way to a writer; its strings are copied right after the struct. */
struct item {
    struct item *next;
    const struct file *f;
    unsigned long line;
    size_t size;
    nx_article a;
};

struct queue {
    struct item *head, *tail;
    size_t n, bytes;
    pthread_cond_t ready; /* an item came, or the end */
};

struct shared {
    pthread_mutex_t mu;  /* the queues and the flags below */
    pthread_cond_t room; /* the reader waits for room in a queue */
    struct queue *q;
    size_t n;
    bool done;          /* the reader handed over everything */
    bool failed;        /* a thread failed: stop, commit nothing */
    pthread_mutex_t cb; /* the caller's callbacks are called one at a time */
    const nx_ingest_opts *user;
    nx_ingest_opts reader_o;
    atomic_uint_least64_t articles, passages; /* put by all writers so far */
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

static void call_diag(struct shared *sh, const nx_diag *d)
{
    pthread_mutex_lock(&sh->cb);
    sh->user->on_diag(d, sh->user->payload);
    pthread_mutex_unlock(&sh->cb);
}

static void worker_diag(const nx_diag *d, void *payload)
{
    call_diag(((struct worker *)payload)->sh, d);
}

static void reader_diag(const nx_diag *d, void *payload)
{
    call_diag(payload, d);
}

/* Files and bytes are the reader's; articles and passages what the writers put so far. */
static void reader_progress(const nx_progress *p, void *payload)
{
    struct shared *sh = payload;
    nx_progress all = *p;
    all.articles = atomic_load_explicit(&sh->articles, memory_order_relaxed);
    all.passages = atomic_load_explicit(&sh->passages, memory_order_relaxed);
    pthread_mutex_lock(&sh->cb);
    sh->user->on_progress(&all, sh->user->payload);
    pthread_mutex_unlock(&sh->cb);
}

static struct item *item_new(const struct file *f, const nx_article *a, unsigned long line)
{
    const char *from[5] = {a->id, a->title, a->date, a->source, a->url};
    size_t len[5], size = sizeof(struct item) + a->body_len + 1;
    for (int i = 0; i < 5; i++)
        size += len[i] = from[i] ? strlen(from[i]) + 1 : 0;
    struct item *it = malloc(size);
    if (!it)
        return NULL;
    *it = (struct item){.f = f, .line = line, .size = size};
    const char **to[5] = {&it->a.id, &it->a.title, &it->a.date, &it->a.source, &it->a.url};
    char *p = (char *)(it + 1);
    for (int i = 0; i < 5; i++) {
        *to[i] = from[i] ? memcpy(p, from[i], len[i]) : NULL;
        p += len[i];
    }
    memcpy(p, a->body, a->body_len);
    p[a->body_len] = '\0';
    it->a.body = p;
    it->a.body_len = a->body_len;
    return it;
}

/* The reader's in->hand: queue the article for its shard, waiting while that queue is full. */
static int hand(void *payload, const struct file *f, const nx_article *a, unsigned long line)
{
    struct shared *sh = payload;
    struct queue *q = &sh->q[nx__shard_of(a->id, sh->n)];
    struct item *it = item_new(f, a, line);
    if (!it)
        return nx__error_set(NX_ENOMEM, "out of memory");
    pthread_mutex_lock(&sh->mu);
    while (!sh->failed && q->n && (q->n >= QUEUE_ARTICLES || q->bytes + it->size > QUEUE_BYTES))
        pthread_cond_wait(&sh->room, &sh->mu);
    bool failed = sh->failed;
    if (!failed) {
        *(q->tail ? &q->tail->next : &q->head) = it;
        q->tail = it;
        q->n++;
        q->bytes += it->size;
        pthread_cond_signal(&q->ready);
    }
    pthread_mutex_unlock(&sh->mu);
    if (failed) {
        free(it);
        return nx__error_set(NX_ERROR, "a shard's writer failed");
    }
    return NX_OK;
}

/* The next article for shard k, or NULL at the end of the input or after a failure. */
static struct item *take(struct shared *sh, size_t k)
{
    struct queue *q = &sh->q[k];
    pthread_mutex_lock(&sh->mu);
    while (!q->head && !sh->done && !sh->failed)
        pthread_cond_wait(&q->ready, &sh->mu);
    struct item *it = sh->failed ? NULL : q->head;
    if (it) {
        q->head = it->next;
        if (!q->head)
            q->tail = NULL;
        q->n--;
        q->bytes -= it->size;
        pthread_cond_signal(&sh->room);
    }
    pthread_mutex_unlock(&sh->mu);
    return it;
}

/* End the hand-over: normally (done) or because a thread failed; wakes everyone. */
static void stop(struct shared *sh, bool failed)
{
    pthread_mutex_lock(&sh->mu);
    sh->done = true;
    sh->failed |= failed;
    pthread_cond_broadcast(&sh->room);
    for (size_t k = 0; k < sh->n; k++)
        pthread_cond_broadcast(&sh->q[k].ready);
    pthread_mutex_unlock(&sh->mu);
}

static bool has_failed(struct shared *sh)
{
    pthread_mutex_lock(&sh->mu);
    bool failed = sh->failed;
    pthread_mutex_unlock(&sh->mu);
    return failed;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct item *it;
    int rc = NX_OK;
    while (rc == NX_OK && (it = take(w->sh, w->k))) {
        nx_progress before = w->in.pr;
        rc = nx__writer_put(&w->in, it->f->shown, &it->a, it->line);
        free(it);
        atomic_fetch_add_explicit(&w->sh->articles, w->in.pr.articles - before.articles,
                                  memory_order_relaxed);
        atomic_fetch_add_explicit(&w->sh->passages, w->in.pr.passages - before.passages,
                                  memory_order_relaxed);
    }
    /* After another thread's failure the input is not all there: no prune, no commit. */
    if (rc == NX_OK && !has_failed(w->sh))
        rc = nx__writer_finish(&w->in);
    if (rc < 0) {
        snprintf(w->msg, sizeof w->msg, "%s", nx_error_last()->message);
        stop(w->sh, true);
    }
    w->rc = rc;
    return NULL;
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

static void worker_init(struct worker *w, const struct ingest *in, struct shared *sh, size_t k)
{
    w->sh = sh;
    w->k = k;
    w->o = *in->o;
    w->o.flags &= ~(unsigned)(NX_INGEST_COMPACT | NX_INGEST_MERGE); /* when all are done */
    w->o.on_diag = in->o->on_diag ? worker_diag : NULL;
    w->o.on_progress = NULL; /* the reader reports progress */
    w->o.payload = w;
    w->in = *in; /* the files are shared, read-only */
    w->in.db = in->db->shards[k];
    w->in.o = &w->o;
    w->in.st = &w->st;
    w->in.skipped = false;
    w->in.hand = NULL;
    w->in.tape = NULL; /* the reader's */
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

/* This thread reads while the writers put; a writer's error comes first, then the reader's. */
static int run_workers(struct ingest *in, struct worker *w, struct shared *sh)
{
    int rc = NX_OK;
    size_t n = sh->n;
    for (size_t k = 0; k < n && rc == NX_OK; k++) {
        w[k].started = pthread_create(&w[k].thread, NULL, work, &w[k]) == 0;
        if (!w[k].started)
            rc = nx__error_set(NX_ERROR, "cannot start a thread for shard %zu", k);
    }
    if (rc == NX_OK)
        rc = nx__writer_read(in);
    stop(sh, rc < 0);
    char msg[512];
    snprintf(msg, sizeof msg, "%s", nx_error_last()->message);
    int reader_rc = rc;
    rc = NX_OK;
    for (size_t k = 0; k < n; k++) {
        if (w[k].started)
            pthread_join(w[k].thread, NULL);
        add_stats(in->st, &w[k].st);
        in->skipped |= w[k].in.skipped;
        if (w[k].rc < 0 && rc == NX_OK)
            rc = nx__error_set(w[k].rc, "%s", w[k].msg);
        nx__u64set_release(&w[k].in.seen);
    }
    if (rc == NX_OK && reader_rc < 0)
        rc = nx__error_set(reader_rc, "%s", msg);
    return rc;
}

static void free_queues(struct shared *sh)
{
    for (size_t k = 0; k < sh->n; k++) {
        for (struct item *it = sh->q[k].head, *next; it; it = next) {
            next = it->next;
            free(it);
        }
        pthread_cond_destroy(&sh->q[k].ready);
    }
    free(sh->q);
}

/* The queues, their locks, and the reader's options (its callbacks go through the locks). */
static int shared_init(struct shared *sh, struct ingest *in)
{
    sh->n = in->db->n_shards;
    sh->user = in->o;
    sh->reader_o = *in->o;
    sh->reader_o.on_diag = in->o->on_diag ? reader_diag : NULL;
    sh->reader_o.on_progress = in->o->on_progress ? reader_progress : NULL;
    sh->reader_o.payload = sh;
    atomic_init(&sh->articles, 0);
    atomic_init(&sh->passages, 0);
    if (!(sh->q = calloc(sh->n, sizeof *sh->q)))
        return nx__error_set(NX_ENOMEM, "out of memory");
    bool ok = pthread_mutex_init(&sh->mu, NULL) == 0;
    ok = pthread_mutex_init(&sh->cb, NULL) == 0 && ok;
    ok = pthread_cond_init(&sh->room, NULL) == 0 && ok;
    for (size_t k = 0; k < sh->n; k++)
        ok = pthread_cond_init(&sh->q[k].ready, NULL) == 0 && ok;
    return ok ? NX_OK : nx__error_set(NX_ERROR, "cannot make a mutex");
}

static void shared_release(struct shared *sh)
{
    free_queues(sh);
    pthread_mutex_destroy(&sh->mu);
    pthread_mutex_destroy(&sh->cb);
    pthread_cond_destroy(&sh->room);
}

/* The last word on progress, once every writer is done: the complete counts. */
static void final_progress(struct ingest *in, struct shared *sh)
{
    if (!in->o->on_progress)
        return;
    nx_progress p = in->pr;
    p.articles = atomic_load(&sh->articles);
    p.passages = atomic_load(&sh->passages);
    in->o->on_progress(&p, in->o->payload);
}

int nx__parallel_ingest(struct ingest *in)
{
    struct shared sh = {0};
    struct worker *w = calloc(in->db->n_shards, sizeof *w);
    int rc = w ? shared_init(&sh, in) : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK)
        rc = share_boilerplate(in->db);
    if (rc == NX_OK) {
        const nx_ingest_opts *user = in->o;
        for (size_t k = 0; k < sh.n; k++)
            worker_init(&w[k], in, &sh, k);
        in->o = &sh.reader_o;
        in->hand = hand;
        in->hand_payload = &sh;
        rc = run_workers(in, w, &sh);
        in->o = user;
        in->hand = NULL;
        if (rc == NX_OK)
            final_progress(in, &sh);
    }
    /* Compacting swaps each shard's files (the sharded handle redoes its view afterwards);
     * merging swaps in one index for them all. */
    if (rc == NX_OK)
        rc = nx__writer_compact(in->db, in->o->flags);
    if (sh.q)
        shared_release(&sh);
    free(w);
    return rc;
}
