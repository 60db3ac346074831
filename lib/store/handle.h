/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_HANDLE_H
#define NX_HANDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsidx.h"
#include "store/xapian_shim.h"
#include "tag/lexicon.h"
#include "text/boiler.h"
#include "text/tokenizer.h"
#include "util/buf.h"

/* What an nx_db is, for the modules behind the public calls (put, ingest, search). */
struct nx_db {
    char *path;
    unsigned int flags; /* enum nx_open_flags */
    struct nx__xdb *x;
    nx__lexicon *lex;
    nx__tokenizer *tok;
    nx__toklist toks;       /* scratch: tokens of one passage */
    nx__toklist title_toks; /* scratch: tokens of one title */
    nx__buf term;           /* scratch: one prefixed term */
    nx__boiler *boiler;     /* known boilerplate paragraphs */
    bool boiler_dirty;      /* new boilerplate to store at the next commit */
    bool in_tx;             /* nx_db_begin() is open */
    bool xtx;               /* the writer's Xapian transaction is open */
    bool batch_lost;        /* a failed write dropped the batch: the next commit says so */
    size_t pending_articles, pending_bytes;
    size_t batch_articles, batch_bytes;
    size_t live_results;   /* nx_results not yet freed (must be 0 at close) */
    struct nx_db **shards; /* sharded writer: one writer per shard; x is a view of them all */
    size_t n_shards;       /* 0: not a sharded writer */
    bool stub;             /* opened through a stub file (sharded or not): x spans databases */
    char *remotes;         /* stub readers: the remote shards ("'HOST:PORT', ...") or NULL */
    nx_open_opts opened;   /* the options it was opened with (nx_db_reopen opens again) */
    char *lexicon_path;    /* opened.lexicon_path's copy */
};

#endif
