#ifndef NX_INGEST_H
#define NX_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsidx.h"
#include "ingest/reader.h"
#include "ingest/recrawl.h"
#include "ingest/tape.h"
#include "util/u64set.h"

/* One bulk ingest, shared by ingest.c (one writer) and ingest_shards.c (one per shard). */

struct file {
    char *path;   /* what is opened */
    char *shown;  /* what messages name */
    char *txt_id; /* id for a .txt article */
    uint64_t size;
};

struct ingest {
    nx_db *db;
    const nx_ingest_opts *o;
    nx_ingest_stats *st;
    nx_progress pr;
    uint64_t next_report;
    struct file *files; /* the inputs: shared, read-only, by the writers of a sharded index */
    size_t n, cap;
    nx__fieldmap map;
    nx__u64set seen;    /* hashes of the ids met in this run, for --prune */
    nx__u64set txt_ids; /* ids of the .txt files of this run: two files, one id is an error */
    nx__recrawl recrawl; /* which capture of a page in web archives is the newest (read-only
                          * in the second pass, shared by the writers of a sharded index) */
    uint64_t captures;   /* web archive records met so far in this pass */
    nx__tape *tape;     /* what the first pass read, for the second (tape.h) */
    char *spool;        /* standard input copied to a file, so that it can be read twice */
    bool skipped;
    /* Set for the reader of a sharded index: each article read (id set, derived if the input
     * had none) goes there instead of into in->db. Borrowed until it returns. */
    int (*hand)(void *payload, const struct file *f, const nx_article *a, unsigned long line);
    void *hand_payload;
};

/* Report a problem of the input (a diagnostic; the run ends with NX_EINPUT). */
void nx__ingest_diag(struct ingest *in, const char *path, unsigned long line, int code,
                     const char *msg);
/* Collect the files under `paths` into in->files (ingest_files.c); unreadable paths are
 * reported and skipped. */
int nx__ingest_collect(struct ingest *in, const char *const *paths, size_t n_paths);
/* Second pass: read every file, count and report its problems, and put each article into
 * in->db (or hand it over, see above). */
int nx__ingest_read(struct ingest *in);
/* Put one article read from `shown` at `line` into in->db, counting it in in->st and in->pr;
 * a rejected article is counted and reported. Negative only for a failure of the index. */
int nx__ingest_put(struct ingest *in, const char *shown, const nx_article *a, unsigned long line);
/* End of the second pass for one writer: prune, commit, and compact when asked. */
int nx__ingest_finish(struct ingest *in);
/* Compact or merge `db` as NX_INGEST_COMPACT / NX_INGEST_MERGE in `flags` ask. */
int nx__ingest_compact(nx_db *db, unsigned int flags);
/* The second pass of a sharded index: this thread reads and parses the input once and hands
 * each article to the writer thread of its shard; the shards' stats are added to in->st. */
int nx__shard_ingest(struct ingest *in);

#endif
