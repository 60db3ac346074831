/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One writer's part of a bulk ingest: read every input file, put its articles into the index,
 * report what is skipped; then prune, commit and compact. */
#include "ingest/writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/inputs.h"
#include "ingest/reader.h"
#include "ingest/recrawl.h"
#include "ingest/tape.h"
#include "store/db.h"
#include "store/put.h"
#include "util/date.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/u64set.h"

static void progress(struct ingest *in, uint64_t done_in_file, bool force)
{
    uint64_t at = in->pr.bytes_done + done_in_file;
    if (!in->o->on_progress || (!force && at < in->next_report))
        return;
    in->next_report = at + 65536;
    nx_progress p = in->pr;
    p.bytes_done = at;
    in->o->on_progress(&p, in->o->payload);
}

static void count_skip(nx_ingest_stats *st, int code)
{
    if (code == NX_ELIMIT)
        st->skipped_too_large++;
    else if (code == NX_EINPUT && strstr(nx_error_last()->message, "UTF-8"))
        st->skipped_encoding++;
    else
        st->skipped_json++;
}

int nx__writer_put(struct ingest *in, const char *shown, const nx_article *a, unsigned long line)
{
    nx_put_outcome outcome;
    size_t np;
    int rc = nx_db_put(&outcome, &np, in->db, a);
    if (rc == NX_EINPUT || rc == NX_ELIMIT) {
        count_skip(in->st, rc);
        nx__inputs_diag(in, shown, line, rc, nx_error_last()->message);
        return NX_OK;
    }
    if (rc < 0)
        return rc;
    rc = nx__u64set_add(&in->seen, nx__hash_fnv1a(NX__FNV_INIT, a->id, strlen(a->id)));
    in->st->articles_added += outcome == NX_PUT_ADDED;
    in->st->articles_replaced += outcome == NX_PUT_REPLACED;
    in->st->articles_unchanged += outcome == NX_PUT_UNCHANGED;
    in->pr.articles++;
    if (outcome != NX_PUT_UNCHANGED) { /* passages written */
        in->st->passages += np;
        in->pr.passages += np;
    }
    return rc;
}

static int put_record(struct ingest *in, const struct file *f, const nx__rec *rec,
                      unsigned long line)
{
    nx_article a = {rec->id,  rec->title, rec->date,    rec->source,
                    rec->url, rec->body,  rec->body_len};
    char derived[18], day[11];
    if (a.date && strlen(a.date) > 10 && nx__date_stamp(a.date, strlen(a.date))) {
        memcpy(day, a.date, 10); /* a timestamp: nx_db_put takes its day */
        day[10] = '\0';
        a.date = day;
    }
    if (!a.id || !*a.id) { /* derive it here too: --prune and sharding must know it */
        nx__put_derive_id(&a, derived);
        a.id = derived;
    }
    if (in->hand) /* the reader of a sharded index: a shard's writer puts it */
        return in->hand(in->hand_payload, f, &a, line);
    return nx__writer_put(in, f->shown, &a, line);
}

/* A bad line or an unreadable rest of a file. */
static void input_problem(struct ingest *in, const struct file *f, unsigned long line, int rc)
{
    if (rc == NX_EIO || rc == NX_ECORRUPT)
        in->st->skipped_unreadable++;
    else
        count_skip(in->st, rc);
    nx__inputs_diag(in, f->shown, line, rc, nx_error_last()->message);
}

static int index_file(struct ingest *in, const struct file *f)
{
    nx__source src;
    int rc = nx__tape_source_open(&src, in->tape, f->path, f->txt_id, &in->map);
    if (rc < 0) {
        if (rc == NX_EINPUT)
            in->st->skipped_encoding++;
        else
            in->st->skipped_unreadable++;
        nx__inputs_diag(in, f->shown, 0, rc, nx_error_last()->message);
        return rc == NX_ENOMEM ? rc : NX_OK;
    }
    const nx__rec *rec;
    while ((rc = nx__tape_source_next(&src, &rec)) != NX_DONE) {
        unsigned long line = nx__tape_source_line(&src);
        /* An older capture of a page the archive holds again is not an article of the run. */
        bool old = rc == NX_OK && rec->captured &&
                   nx__recrawl_superseded(&in->recrawl, rec->id, in->captures++);
        if (rc == NX_OK && !old)
            rc = put_record(in, f, rec, line);
        else if (rc == NX_EINPUT || rc == NX_ELIMIT) {
            input_problem(in, f, line, rc);
            rc = NX_OK;
        } else if (rc == NX_EIO || rc == NX_ECORRUPT) {
            input_problem(in, f, line, rc);
            rc = NX_OK;
            break;
        }
        if (rc < 0)
            break;
        progress(in, nx__tape_source_offset(&src), false);
    }
    in->st->input_bytes += nx__tape_source_bytes(&src);
    in->st->records_ignored += nx__tape_source_ignored(&src);
    nx__tape_source_close(&src);
    return rc < 0 ? rc : NX_OK;
}

struct prune {
    struct ingest *in;
    char **ids;
    size_t n, cap;
    int rc;
};

static int note_stale(const char *term, size_t len, void *payload)
{
    struct prune *p = payload;
    const char *id = term + strlen(NX__P_ARTICLE);
    size_t idlen = len - strlen(NX__P_ARTICLE);
    if (nx__u64set_has(&p->in->seen, nx__hash_fnv1a(NX__FNV_INIT, id, idlen)))
        return 0;
    char **ids = nx__buf_grow(p->ids, p->n, &p->cap, sizeof *ids, 64);
    if (!ids) {
        p->rc = NX_ENOMEM;
        return 1;
    }
    p->ids = ids;
    if (!(p->ids[p->n] = strndup(id, idlen))) {
        p->rc = nx__error_set(NX_ENOMEM, "out of memory");
        return 1;
    }
    p->n++;
    return 0;
}

/* Remove every indexed article this run did not see. Listed first, deleted after: the term
 * list must not change under its iterator. */
static int prune(struct ingest *in)
{
    struct prune p = {in, NULL, 0, 0, NX_OK};
    int rc = nx__xdb_allterms(in->db->x, NX__P_ARTICLE, note_stale, &p);
    if (rc == NX_OK)
        rc = p.rc;
    for (size_t i = 0; i < p.n; i++) {
        if (rc == NX_OK)
            rc = nx_db_delete(in->db, p.ids[i]);
        if (rc == NX_OK)
            in->st->articles_removed++;
        free(p.ids[i]);
    }
    free(p.ids);
    return rc;
}

int nx__writer_compact(nx_db *db, unsigned int flags)
{
    if (flags & NX_INGEST_MERGE)
        return nx_db_merge(db);
    return (flags & NX_INGEST_COMPACT) ? nx_db_compact(db) : NX_OK;
}

int nx__writer_read(struct ingest *in)
{
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < in->n; i++) {
        rc = index_file(in, &in->files[i]);
        in->pr.files_done++;
        in->pr.bytes_done += in->files[i].size;
        in->st->files++;
        progress(in, 0, true);
    }
    return rc;
}

int nx__writer_finish(struct ingest *in)
{
    int rc = NX_OK;
    if (in->o->flags & NX_INGEST_PRUNE)
        rc = prune(in);
    if (rc == NX_OK)
        rc = nx_db_commit(in->db);
    return rc == NX_OK ? nx__writer_compact(in->db, in->o->flags) : rc;
}
