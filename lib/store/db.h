#ifndef NX_DB_H
#define NX_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/boiler.h"
#include "util/buf.h"
#include "util/compress.h"
#include "tag/lexicon.h"
#include "newsidx.h"
#include "text/tokenizer.h"
#include "store/xapian_shim.h"

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
    nx__deflater *deflater; /* writers: stored articles' compressor, made on first use */
    nx__boiler *boiler;     /* known boilerplate paragraphs */
    bool boiler_dirty;      /* new boilerplate to store at the next commit */
    bool in_tx;             /* nx_db_begin() is open */
    bool xtx;               /* the writer's Xapian transaction is open */
    bool batch_lost;        /* a failed write dropped the batch: the next commit says so */
    size_t pending_articles, pending_bytes;
    size_t batch_articles, batch_bytes;
    size_t live_results; /* nx_results not yet freed (must be 0 at close) */
    struct nx_db **shards; /* sharded writer: one writer per shard; x is a view of them all */
    size_t n_shards;       /* 0: not a sharded writer */
    char *remotes;         /* stub readers: the remote shards ("'HOST:PORT', ...") or NULL */
};

/* For every public entry point's error return: name a stub reader's remote shards in the
 * thread's last error when rc is a network failure, and return rc. */
int nx__db_fail(const nx_db *db, int rc);
bool nx__db_writable(const nx_db *db);
/* Open the writer's Xapian transaction (after open, commit, cancel, compaction). */
int nx__db_begin_tx(nx_db *db);
/* A write inside the batch failed with `rc`: drop the whole batch, since Xapian does not undo
 * a failed flush of its buffered postings, so that no later commit can publish part of it.
 * Returns rc with its message. */
int nx__db_drop_batch(nx_db *db, int rc);
/* Commit if the auto-batch is full (outside nx_db_begin). */
int nx__db_maybe_commit(nx_db *db);
/* Store what must go with the next commit (boilerplate table). */
int nx__db_flush_meta(nx_db *db);

/*
 * Index one validated article (id set, body_len filled) as passage documents; the first passage
 * carries the stored article and `hash`. *npassages and *dropped (boilerplate paragraphs) are
 * set. Does not delete an older version: the caller does.
 */
int nx__doc_index_article(nx_db *db, const nx_article *a, uint64_t hash, size_t *npassages,
                          size_t *dropped);

/* The id nx_db_put gives an article that has none: "h" + 16 hex digits of a hash of title and
 * body, so the same text always gets the same id. */
void nx__derive_id(const nx_article *a, char out[18]);

/* ---- sharded indexes (shard.c) ---- */

/* The shard of article `id` among n: FNV-1a 64 of the id's bytes, mod n. Stable: it changes
 * only with n. */
size_t nx__shard_of(const char *id, size_t n);
/* Open db->x for `db` (path, flags set) when it is a stub or a sharded index, or when a new
 * sharded index is asked for; *done tells whether it was one of those (else open it plainly). */
int nx__shard_open(nx_db *db, const nx_open_opts *o, bool *done);
/* Sharded writers: what the public calls do on every shard. */
int nx__shard_each(nx_db *db, int (*fn)(nx_db *));
int nx__shard_close(nx_db *db);
void nx__shard_free(nx_db *db);
int nx__shard_compact(nx_db *db);
/* Merge the shards into one unsharded, compacted index at db->path; the handle goes on as its
 * writer (nx_db_merge). */
int nx__shard_merge(nx_db *db);
/* Compact the `n` databases of `src` (together) into a sibling folder of `path`, then put it
 * in the place of `path` (renamed away, then removed). Nothing may hold `src` open. */
int nx__compact_swap(const char *path, const char *const *src, size_t n);

/* The first docid of article `id` (its first passage), or 0 if absent. */
int nx__db_article_docid(nx_db *db, const char *id, unsigned int *docid);
/* Fetch and decode the stored article `id`, its body cut to its first body_max bytes (SIZE_MAX:
 * all of it): NX_ENOTFOUND if absent. nx_free() it. */
int nx__db_article_load(nx_db *db, const char *id, size_t body_max, nx_article **out);
/* The same, when its first passage `docid` is known (`id` names it in messages). */
int nx__db_article_load_at(nx_db *db, const char *id, unsigned int docid, size_t body_max,
                           nx_article **out);

/* The passage record at the start of a document's data. */
typedef struct nx__passrec {
    uint64_t index, start, end;
    const char *blob; /* the stored article (first passage only), else NULL */
    size_t blob_len;
} nx__passrec;
int nx__passrec_encode(nx__buf *out, uint64_t index, uint64_t start, uint64_t end);
int nx__passrec_decode(nx__passrec *r, const char *data, size_t len);

#endif
