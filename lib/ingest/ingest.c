/* Bulk ingest: files and folders in, articles out, with boilerplate found in a first pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/ingest.h"

#include "util/buf.h"
#include "store/db.h"
#include "util/date.h"
#include "util/error.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "ingest/reader.h"
#include "ingest/recrawl.h"
#include "store/schema.h"
#include "ingest/tape.h"
#include "util/u64set.h"

/* The diagnostic names the file already: drop a leading "'path': " from the message. */
static const char *without_path(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (msg[0] == '\'' && strncmp(msg + 1, path, n) == 0 && strncmp(msg + 1 + n, "': ", 3) == 0)
        return msg + n + 4;
    return msg;
}

void nx__ingest_diag(struct ingest *in, const char *path, unsigned long line, int code,
                     const char *msg)
{
    in->skipped = true;
    msg = without_path(msg, path);
    if (in->o->on_diag) {
        nx_diag d = {path, line, code, msg};
        in->o->on_diag(&d, in->o->payload);
    }
}

/* First pass: count paragraphs across the archive to find boilerplate, and keep what was read
 * on in->tape when it fits. Problems are reported by the second pass, not twice. */
static int find_boilerplate(struct ingest *in, nx_db *db)
{
    size_t known = nx__boiler_known(db->boiler);
    for (size_t i = 0; i < in->n; i++) {
        nx__reader *r;
        int rc = nx__reader_open(&r, in->files[i].path, in->files[i].txt_id, &in->map);
        nx__tape_file(in->tape, rc);
        if (rc < 0)
            continue;
        const nx__rec *rec;
        while ((rc = nx__reader_next(r, &rec)) != NX_DONE) {
            nx__tape_next(in->tape, rc, rec, nx__reader_line(r), nx__reader_offset(r));
            if (rc == NX_OK && rec->captured)
                rc = nx__recrawl_note(&in->recrawl, rec->id, rec->captured, in->captures++);
            if (rc == NX_OK)
                rc = nx__boiler_observe(db->boiler, rec->body, rec->body_len);
            if (rc == NX_ENOMEM) {
                nx__reader_free(r);
                return rc;
            }
            if (rc == NX_EIO || rc == NX_ECORRUPT)
                break;
        }
        nx__tape_end(in->tape, nx__reader_bytes(r), nx__reader_ignored(r));
        nx__reader_free(r);
    }
    if (nx__boiler_known(db->boiler) != known)
        db->boiler_dirty = true;
    in->captures = 0; /* the second pass counts again, in the same order */
    return nx__recrawl_settle(&in->recrawl);
}

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

int nx__ingest_put(struct ingest *in, const char *shown, const nx_article *a, unsigned long line)
{
    int outcome;
    size_t np;
    int rc = nx_db_put(in->db, a, &outcome, &np);
    if (rc == NX_EINPUT || rc == NX_ELIMIT) {
        count_skip(in->st, rc);
        nx__ingest_diag(in, shown, line, rc, nx_error_last()->message);
        return NX_OK;
    }
    if (rc < 0)
        return rc;
    rc = nx__u64set_add(&in->seen, nx__fnv1a(NX__FNV_INIT, a->id, strlen(a->id)));
    in->st->articles_added += outcome == NX_PUT_ADDED;
    in->st->articles_replaced += outcome == NX_PUT_REPLACED;
    in->st->articles_unchanged += outcome == NX_PUT_UNCHANGED;
    if (outcome != NX_PUT_UNCHANGED)
        in->st->passages += np;
    in->pr.articles++;
    in->pr.passages += np;
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
        nx__derive_id(&a, derived);
        a.id = derived;
    }
    if (in->hand) /* the reader of a sharded index: a shard's writer puts it */
        return in->hand(in->hand_payload, f, &a, line);
    return nx__ingest_put(in, f->shown, &a, line);
}

/* A bad line or an unreadable rest of a file. */
static void input_problem(struct ingest *in, const struct file *f, unsigned long line, int rc)
{
    if (rc == NX_EIO || rc == NX_ECORRUPT)
        in->st->skipped_unreadable++;
    else
        count_skip(in->st, rc);
    nx__ingest_diag(in, f->shown, line, rc, nx_error_last()->message);
}

static int index_file(struct ingest *in, const struct file *f)
{
    nx__source src;
    int rc = nx__source_open(&src, in->tape, f->path, f->txt_id, &in->map);
    if (rc < 0) {
        if (rc == NX_EINPUT)
            in->st->skipped_encoding++;
        else
            in->st->skipped_unreadable++;
        nx__ingest_diag(in, f->shown, 0, rc, nx_error_last()->message);
        return rc == NX_ENOMEM ? rc : NX_OK;
    }
    const nx__rec *rec;
    while ((rc = nx__source_next(&src, &rec)) != NX_DONE) {
        unsigned long line = nx__source_line(&src);
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
        progress(in, nx__source_offset(&src), false);
    }
    in->st->input_bytes += nx__source_bytes(&src);
    in->st->records_ignored += nx__source_ignored(&src);
    nx__source_close(&src);
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
    if (nx__u64set_has(&p->in->seen, nx__fnv1a(NX__FNV_INIT, id, idlen)))
        return 0;
    char **ids = nx__grow(p->ids, p->n, &p->cap, sizeof *ids, 64);
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

static int check_ingest_args(nx_db *db, const char *const *paths, size_t n_paths,
                             const nx_ingest_opts *o)
{
    if (!db)
        return nx__error_set(NX_EINVAL, "no index handle");
    if (!nx__db_writable(db))
        return nx__error_set(NX_EINVAL, "'%s' is open read-only: cannot index", db->path);
    if (db->in_tx)
        return nx__error_set(NX_EINVAL, "cannot ingest inside a batch");
    if (n_paths && !paths)
        return nx__error_set(NX_EINVAL, "no paths given");
    if (o->version != NX_INGEST_OPTS_VERSION)
        return nx__error_set(NX_EINVAL, "unknown nx_ingest_opts version %u", o->version);
    if (o->flags & ~(unsigned)(NX_INGEST_PRUNE | NX_INGEST_COMPACT | NX_INGEST_MERGE))
        return nx__error_set(NX_EINVAL, "unknown ingest flags 0x%x", o->flags);
    return NX_OK;
}

int nx__ingest_compact(nx_db *db, unsigned int flags)
{
    if (flags & NX_INGEST_MERGE)
        return nx_db_merge(db);
    return (flags & NX_INGEST_COMPACT) ? nx_db_compact(db) : NX_OK;
}

int nx__ingest_read(struct ingest *in)
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

int nx__ingest_finish(struct ingest *in)
{
    int rc = NX_OK;
    if (in->o->flags & NX_INGEST_PRUNE)
        rc = prune(in);
    if (rc == NX_OK)
        rc = nx_db_commit(in->db);
    return rc == NX_OK ? nx__ingest_compact(in->db, in->o->flags) : rc;
}

static int run(struct ingest *in, const char *const *paths, size_t n_paths)
{
    nx_db *first = in->db->n_shards ? in->db->shards[0] : in->db;
    int rc = nx__ingest_collect(in, paths, n_paths);
    if (rc == NX_OK) /* what the first pass read, when it fits in one writer's batch budget */
        rc = nx__tape_new(&in->tape, first->batch_bytes);
    if (rc == NX_OK)
        rc = find_boilerplate(in, first);
    if (rc == NX_OK)
        rc = in->db->n_shards ? nx__shard_ingest(in) : nx__ingest_read(in);
    if (rc == NX_OK && !in->db->n_shards)
        rc = nx__ingest_finish(in);
    return rc;
}

int nx_db_ingest(nx_db *db, const char *const *paths, size_t n_paths, const nx_ingest_opts *opts,
                 nx_ingest_stats *stats)
{
    static const nx_ingest_opts defaults = NX_INGEST_OPTS_INIT;
    nx_ingest_stats local;
    const nx_ingest_opts *o = opts ? opts : &defaults;
    nx_ingest_stats *st = stats ? stats : &local;
    memset(st, 0, sizeof *st);
    int rc = check_ingest_args(db, paths, n_paths, o);
    if (rc < 0)
        return nx__db_fail(db, rc);
    struct ingest in = {.db = db, .o = o, .st = st};
    nx__u64set_init(&in.seen);
    nx__u64set_init(&in.txt_ids);
    nx__recrawl_init(&in.recrawl);
    rc = nx__fieldmap_parse(&in.map, o->field_map);
    if (rc == NX_OK)
        rc = run(&in, paths, n_paths);
    st->articles_skipped =
        st->skipped_json + st->skipped_encoding + st->skipped_too_large + st->skipped_duplicate;
    st->boilerplate_paragraphs =
        nx__boiler_known(db->n_shards ? db->shards[0]->boiler : db->boiler);
    st->index_bytes = nx__dir_bytes(db->path);
    for (size_t i = 0; i < in.n; i++) {
        free(in.files[i].path);
        free(in.files[i].shown);
        free(in.files[i].txt_id);
    }
    free(in.files);
    if (in.spool) {
        unlink(in.spool);
        free(in.spool);
    }
    nx__fieldmap_release(&in.map);
    nx__u64set_release(&in.seen);
    nx__u64set_release(&in.txt_ids);
    nx__recrawl_release(&in.recrawl);
    nx__tape_free(in.tape);
    if (rc < 0)
        return nx__db_fail(db, rc);
    return in.skipped ? NX_EINPUT : NX_OK;
}
