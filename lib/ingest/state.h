/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_STATE_H
#define NX_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/reader.h"
#include "ingest/recrawl.h"
#include "ingest/tape.h"
#include "newsidx.h"
#include "util/u64set.h"

/* The state of one bulk ingest (ingest.c): its inputs (inputs.c), read and put into the index
 * by one writer (writer.c) or by one per shard (parallel.c). */

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
    nx__u64set seen;     /* hashes of the ids met in this run, for --prune */
    nx__u64set txt_ids;  /* ids of the .txt files of this run: two files, one id is an error */
    nx__recrawl recrawl; /* which capture of a page in web archives is the newest (read-only
                          * in the second pass, shared by the writers of a sharded index) */
    uint64_t captures;   /* web archive records met so far in this pass */
    nx__tape *tape;      /* what the first pass read, for the second (tape.h) */
    char *spool;         /* standard input copied to a file, so that it can be read twice */
    bool skipped;
    /* Set for the reader of a sharded index: each article read (id set, derived if the input
     * had none) goes there instead of into in->db. Borrowed until it returns. */
    int (*hand)(void *payload, const struct file *f, const nx_article *a, unsigned long line);
    void *hand_payload;
};

#endif
