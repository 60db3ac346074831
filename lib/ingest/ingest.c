/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bulk ingest: files and folders in, articles out, with boilerplate found in a first pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/inputs.h"
#include "ingest/parallel.h"
#include "ingest/reader.h"
#include "ingest/recrawl.h"
#include "ingest/tape.h"
#include "ingest/writer.h"
#include "store/db.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/u64set.h"

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

static int run(struct ingest *in, const char *const *paths, size_t n_paths)
{
    nx_db *first = in->db->n_shards ? in->db->shards[0] : in->db;
    int rc = nx__inputs_collect(in, paths, n_paths);
    if (rc == NX_OK) /* what the first pass read, when it fits in one writer's batch budget */
        rc = nx__tape_new(&in->tape, first->batch_bytes);
    if (rc == NX_OK)
        rc = find_boilerplate(in, first);
    if (rc == NX_OK)
        rc = in->db->n_shards ? nx__parallel_ingest(in) : nx__writer_read(in);
    if (rc == NX_OK && !in->db->n_shards)
        rc = nx__writer_finish(in);
    return rc;
}

int nx_db_ingest(nx_ingest_stats *stats, nx_db *db, const char *const *paths, size_t n_paths,
                 const nx_ingest_opts *opts)
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
    st->index_bytes = nx__fsutil_dir_bytes(db->path);
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
