#ifndef NX_INGEST_H
#define NX_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsidx.h"
#include "reader.h"
#include "recrawl.h"
#include "u64set.h"

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
    char *spool;        /* standard input copied to a file, so that it can be read twice */
    bool skipped;
    size_t shard, n_shards; /* this writer puts only the articles of its shard */
    bool reports_input;     /* this writer counts and reports problems of the input itself */
};

/* Second pass, for one writer: index every file (articles of in->shard only), prune, commit,
 * and compact when asked. */
int nx__ingest_index(struct ingest *in);
/* The second pass of a sharded index: nx__ingest_index in one thread per shard, on the files
 * `in` collected; the shards' stats are added to in->st. */
int nx__shard_ingest(struct ingest *in);

#endif
