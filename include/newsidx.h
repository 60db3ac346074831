/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * newsidx: full-text passage search for news archives, on Xapian.
 *
 * This header is the whole public API of libnewsidx. Conventions, once for every call:
 *  - Fallible calls return int: 0 (NX_OK) on success, a negative nx_code on error, a positive
 *    value for a normal special outcome (NX_DONE). On error the calling thread's last error
 *    (nx_error_last()) holds the code and a one-line message, every `*out` is NULL and objects
 *    passed in are unchanged.
 *  - What comes back through `**out` belongs to the caller and is released with that type's
 *    _free() or _close(); other memory handed over is released with nx_free(). Everything else
 *    returned is borrowed, valid until the event its comment names.
 *  - Threads: one thread at a time per nx_db and everything made from it (Xapian handles are not
 *    thread-safe); separate handles, even on the same index, may be used from separate threads.
 *    nx_error_last(), nx_strerror(), nx_version(), nx_free(), nx_utf8_decode() and
 *    nx_date_parse() may be called from any thread.
 *  - Text is UTF-8 in and out; byte offsets count bytes of that UTF-8.
 *  - Readers and writers: a reader sees the revision it opened (or last reopened) while a
 *    writer, in this process or another, commits. A writer's commits overwrite the blocks of
 *    older revisions, so a read of an old one can fail: Xapian says the revision was discarded,
 *    or the read meets a reused block and looks like damage ("EOF reading block", a passage
 *    record that does not decode). The library tells the two apart and never reports a healthy
 *    index as damaged because of a commit: after a failed read it reopens the index; if that
 *    found a newer revision (or Xapian said the revision was discarded), it runs the search
 *    again there and does again what failed (at least 20 times, and for up to 10 seconds after the
 *    first failure, so that a burst of load does not fail a read); only the same failure on an
 *    unchanged revision is reported (NX_ECORRUPT: damage). This holds for nx_search(),
 *    nx_results_next(), the counts and the facets (a search run again gives the page, counts
 *    and facets of the newer revision; hits already returned came from the older one, so a
 *    page may then repeat or miss a hit), for nx_db_get() and nx_db_stats() (an article or
 *    counts of the newer revision; an article not found is looked up again there too) and for
 *    nx_db_reopen(). NX_EMODIFIED reaches a caller only when a writer outran every retry.
 */
#ifndef NEWSIDX_H
#define NEWSIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsidx_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NX_API __attribute__((visibility("default")))
#define NX_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#define NX_API
#define NX_DEPRECATED(msg)
#endif

/* ---- Errors ---------------------------------------------------------------------------- */

typedef enum nx_code {
    NX_OK = 0,
    NX_DONE = 1,       /* iteration finished, not an error */
    NX_ERROR = -1,     /* unexpected failure; see nx_error_last() */
    NX_ENOMEM = -2,    /* out of memory */
    NX_EINVAL = -3,    /* invalid argument (NULL where not allowed, bad option, wrong mode) */
    NX_ENOTFOUND = -4, /* no such index, article, actor or topic */
    NX_ELOCKED = -5,   /* another writer holds the index */
    NX_ECORRUPT = -6,  /* the index is damaged or not a newsidx index */
    NX_EQUERY = -7,    /* query syntax error; the message names the position */
    NX_EIO = -8,       /* input/output error (disk full, unreadable file) */
    NX_EMODIFIED = -9, /* index changed under a reader: reopen and retry */
    NX_EINPUT = -10,   /* rejected input item (bad JSON, not UTF-8, binary) */
    NX_ELIMIT = -11,   /* a documented limit was exceeded */
    NX_ETIMEOUT = -12  /* waited as long as allowed (write lock, remote shard, a search's
                          nx_search_opts.time_limit) */
} nx_code;

typedef struct nx_error {
    int code;
    const char *message;
} nx_error;

/* The calling thread's last error: never NULL; valid until the thread's next nx_ call. */
NX_API const nx_error *nx_error_last(void);
/* Static English text for any code, known or not. */
NX_API const char *nx_strerror(int code);

/* ---- Versions and memory --------------------------------------------------------------- */

/* The library's run-time version, "major.minor.patch"; static storage. */
NX_API const char *nx_version(void);
/* Release memory the library handed over (strings, snippets, article copies). NULL is fine. */
NX_API void nx_free(void *p);

/* ---- Text ------------------------------------------------------------------------------ */

/*
 * Decode the UTF-8 character at s[0..len): its length in bytes (1 to 4) with *out (may be
 * NULL) set to its code point, or 0 with *out = 0 when the bytes there are not valid UTF-8 (a
 * stray continuation byte, a sequence cut short by len, an overlong form, a surrogate, a value
 * above U+10FFFF) or len is 0. The same check the library applies to all text it accepts
 * (nx_db_put, the readers): what it calls invalid, this does. Sets no error; any thread.
 */
NX_API size_t nx_utf8_decode(uint32_t *out, const char *s, size_t len);

/*
 * Check a date the way the library reads every date (nx_search_opts since/until, a query's
 * date: field): YYYY, YYYY-MM or YYYY-MM-DD, a day that exists (leap years counted, so
 * 2024-02-29 is one and 2022-02-31 is not), nothing before or after it. Writes the first day
 * of the period it names (end false: 2022-03 is 2022-03-01) or its last (end true: 2022-03 is
 * 2022-03-31) to day as "YYYY-MM-DD". NX_EINVAL, with day "" and a message naming the
 * problem, when s is not such a date.
 */
NX_API int nx_date_parse(char day[11], const char *s, bool end);

/* ---- Opening an index ------------------------------------------------------------------ */

typedef struct nx_db nx_db;

enum nx_open_flags {
    NX_OPEN_READ = 0,               /* read-only; several readers and one writer may coexist */
    NX_OPEN_WRITE = 1u << 0,        /* writable; only one writer per index at a time */
    NX_OPEN_CREATE = 1u << 1,       /* with NX_OPEN_WRITE: create the index if missing */
    NX_OPEN_LEXICON_ONLY = 1u << 2, /* with NX_OPEN_WRITE and lexicon_path: the file replaces
                                       the built-in lexicon instead of extending it */
};

typedef struct nx_open_opts {
    unsigned int version;     /* NX_OPEN_OPTS_VERSION */
    unsigned int flags;       /* enum nx_open_flags */
    double lock_timeout;      /* writer: seconds to wait for the lock; 0 fails at once */
    const char *lexicon_path; /* actor/topic lexicon file (docs/lexicon.md); NULL: none. A
                                 writer tags with the built-in lexicon extended by it (or it
                                 alone: NX_OPEN_LEXICON_ONLY); a reader's queries use the
                                 index's lexicon extended by it, searching the spellings it
                                 adds by their words (no re-index) */
    size_t batch_articles;    /* writer: commit after this many articles; 0: 2000 */
    size_t batch_bytes;       /* writer: ... or this many bytes of text; 0: 64 MiB */
    /* Version 2 (a version 1 caller's struct ends above; these then take their defaults): */
    unsigned int shards; /* writer: split a new index into this many shards, built in parallel
                            (0 or 1: one unsharded index); an existing index keeps its number:
                            0 or that number is accepted, another one is NX_EINVAL */
    double timeout;      /* reader: seconds a remote shard may take to connect and to answer
                            each request before NX_ETIMEOUT; 0: 10 seconds */
} nx_open_opts;
#define NX_OPEN_OPTS_VERSION 2
#define NX_OPEN_OPTS_INIT                                                                          \
    {                                                                                              \
        NX_OPEN_OPTS_VERSION, NX_OPEN_READ, 0.0, NULL, 0, 0, 0, 0.0                                \
    }

/*
 * Open the index at `path`: an index directory, a sharded index (a directory holding shard-0 ..
 * shard-N-1 and a Xapian stub file XAPIANDB listing them), or for readers any Xapian stub file
 * listing local paths ("auto PATH") and remote xapian-tcpsrv servers ("remote HOST:PORT"),
 * searched as one index. A sharded index routes each article to shard FNV-1a-64(id) mod N;
 * its writer locks every shard (in order) for the whole session, and a batch (nx_db_begin)
 * is atomic per shard. NULL opts: read-only with defaults. Codes: NX_ENOTFOUND (no index there,
 * read-only), NX_ELOCKED (another writer; after lock_timeout), NX_ECORRUPT (not a newsidx
 * index: a regular file, a folder of other files, where a writer never creates one; written by
 * a newer newsidx; or damaged), NX_EINVAL (bad opts, a shard count the index does not have, a
 * writer on a stub that is not a sharded index), NX_ETIMEOUT / NX_EIO (a remote shard did not
 * answer in time / could not be reached: the message names it as in the stub), NX_EIO (a
 * system error, named in the message). Damage a reader or writer does not read at open shows
 * later as NX_ECORRUPT from the call that meets it. Messages name `path`. *out is freed with
 * nx_db_close() or nx_db_free().
 */
NX_API int nx_db_open(nx_db **out, const char *path, const nx_open_opts *opts);
/*
 * Commit pending writes (writers) and release `db`, which is freed even when the commit fails.
 * Returns the commit's code. NULL is NX_OK.
 */
NX_API int nx_db_close(nx_db *db);
/* Release `db` without committing: uncommitted writes since the last commit are lost. NULL is
 * fine. */
NX_API void nx_db_free(nx_db *db);
/*
 * Readers: move to the latest committed state, so that new commits become visible (a commit
 * made while reopening is read again, up to 50 times). When the index was laid out anew since
 * it was opened (a sharded index merged into one: newsidx-index --merge), the reader opens it
 * again from its path with the options it was opened with, provided no nx_results of it is
 * alive. Codes: NX_EINVAL (NULL db), else the failure's code (NX_ECORRUPT, NX_EIO,
 * NX_ETIMEOUT for a remote shard).
 */
NX_API int nx_db_reopen(nx_db *db);
/* The path `db` was opened with (NULL for a NULL db); borrowed until nx_db_close/free. */
NX_API const char *nx_db_path(const nx_db *db);

/* ---- Writing articles ------------------------------------------------------------------ */

/* An article as the caller gives it. Only id (or body, to derive one) and body are required. */
typedef struct nx_article {
    const char *id;     /* stable id; NULL or "": derived from the content */
    const char *title;  /* may be NULL */
    const char *date;   /* a day "YYYY-MM-DD" (see nx_db_put) or NULL */
    const char *source; /* publisher; may be NULL */
    const char *url;    /* may be NULL */
    const char *body;   /* UTF-8 text; paragraphs separated by blank lines */
    size_t body_len;    /* bytes of body; 0 means strlen(body) */
} nx_article;

typedef enum nx_put_outcome {
    NX_PUT_ADDED = 0,
    NX_PUT_REPLACED = 1,
    NX_PUT_UNCHANGED = 2
} nx_put_outcome;

/*
 * Add `a`, replace the article with its id (all old passages go), or leave it when its content
 * is unchanged. *outcome (may be NULL) says which; *passages (may be NULL) how many passages it
 * has now. Writers only (NX_EINVAL otherwise); NX_EINPUT for invalid UTF-8, an empty body or a
 * bad date; NX_ELIMIT for an article over 16 MiB; NX_EIO when writing fails (a full disk: the
 * whole uncommitted batch is then dropped, and the next nx_db_commit returns NX_EIO once,
 * committing nothing of it). Outside a batch, work is committed every batch_articles /
 * batch_bytes; nothing is visible to readers before a commit.
 * A date must be exactly a day of the calendar, "YYYY-MM-DD": not "2022-02-31", not a month
 * "2022-03" (a stored date is one day: searches compare days), nothing after the day, not even
 * a time ("2022-03-01T10:00:00Z": give its day, as newsidx-index's readers do).
 */
NX_API int nx_db_put(nx_put_outcome *outcome, size_t *passages, nx_db *db, const nx_article *a);
/*
 * Remove an article and all its passages. NX_ENOTFOUND if no such id; writers only (NX_EINVAL
 * otherwise, or for a NULL argument); NX_EIO when writing fails, as for nx_db_put.
 */
NX_API int nx_db_delete(nx_db *db, const char *id);
/*
 * A copy of the stored article `id`, fields as given to nx_db_put (derived id filled in).
 * *out is one allocation released with nx_free(). NX_ENOTFOUND if absent, NX_EINVAL for a NULL
 * argument, NX_ECORRUPT if its stored text is damaged. `db` is not const: the lookup uses its
 * scratch space.
 */
NX_API int nx_db_get(nx_article **out, nx_db *db, const char *id);

/*
 * Batches: between begin and commit, writes are one atomic unit (Xapian transaction); cancel
 * drops them. Commit without begin commits what auto-batching has pending. Writers only;
 * NX_EINVAL for a nested begin or a commit/cancel with no batch open (cancel only).
 */
/* Open a batch. NX_EINVAL on a reader or when a batch is already open. */
NX_API int nx_db_begin(nx_db *db);
/* Commit the batch, or what is pending outside one, and make it visible to readers. NX_EINVAL
 * on a reader; NX_EIO when writing fails, or once after a failed write dropped the batch. */
NX_API int nx_db_commit(nx_db *db);
/* Drop the open batch. NX_EINVAL on a reader or when no batch is open. */
NX_API int nx_db_cancel(nx_db *db);

/* ---- Bulk ingest from files ------------------------------------------------------------ */

/* One problem with one input item: reported, skipped, and the work goes on. */
typedef struct nx_diag {
    const char *path;    /* the file ("-" for standard input) */
    unsigned long line;  /* 1-based line, 0 when not about a line */
    int code;            /* nx_code: NX_EINPUT, NX_EIO, NX_ELIMIT ...; NX_OK for a notice, not a
                          * problem: a file in a folder passed over ("skipped: empty file") */
    const char *message; /* one line, lower-case start */
} nx_diag;
typedef void (*nx_diag_fn)(const nx_diag *diag, void *payload);

typedef struct nx_progress {
    uint64_t files_done, files_total;
    uint64_t articles, passages;
    uint64_t bytes_done, bytes_total; /* bytes of input files (compressed size for .gz) */
} nx_progress;
typedef void (*nx_progress_fn)(const nx_progress *progress, void *payload);

enum nx_ingest_flags {
    NX_INGEST_PRUNE = 1u << 0,   /* remove indexed articles not seen in this run's input */
    NX_INGEST_COMPACT = 1u << 1, /* compact the index at the end (Xapian compact) */
    NX_INGEST_MERGE = 1u << 2,   /* merge a sharded index into one at the end (nx_db_merge) */
};

typedef struct nx_ingest_opts {
    unsigned int version;       /* NX_INGEST_OPTS_VERSION */
    unsigned int flags;         /* enum nx_ingest_flags */
    const char *field_map;      /* JSON field names, "id=uid,body=text"; NULL: the defaults */
    nx_diag_fn on_diag;         /* may be NULL: problems are only counted */
    nx_progress_fn on_progress; /* may be NULL; called about every 64 KiB of input */
    void *payload;              /* passed to both callbacks */
} nx_ingest_opts;
#define NX_INGEST_OPTS_VERSION 1
#define NX_INGEST_OPTS_INIT                                                                        \
    {                                                                                              \
        NX_INGEST_OPTS_VERSION, 0, NULL, NULL, NULL, NULL                                          \
    }

typedef struct nx_ingest_stats {
    uint64_t files;
    uint64_t articles_added, articles_replaced, articles_unchanged, articles_removed;
    uint64_t articles_skipped;       /* json + encoding + too_large + duplicate */
    uint64_t skipped_json;           /* malformed JSON line, missing body, damaged WARC record */
    uint64_t skipped_encoding;       /* not UTF-8, or binary */
    uint64_t skipped_too_large;      /* over the article or line limit */
    uint64_t skipped_unreadable;     /* files that could not be read, truncated .gz */
    uint64_t skipped_duplicate;      /* .txt files whose name (the id) another file has */
    uint64_t passages;               /* passages of the articles added or replaced */
    uint64_t boilerplate_paragraphs; /* paragraphs left out as archive boilerplate */
    uint64_t input_bytes;            /* article text read (uncompressed) */
    uint64_t index_bytes;            /* size of the index on disk after the run */
    uint64_t records_ignored; /* web archive records that hold no article (request, metadata,
                               * warcinfo, responses not HTML or not 200): not skipped input */
    uint64_t files_skipped; /* files in folders passed over: empty, a dangling symbolic link, a
                             * FIFO or other special file (a notice each): not skipped input */
} nx_ingest_stats;

/*
 * Index files: each path is a .txt/.json/.jsonl file (gzip detected by content), a folder
 * (walked recursively), or "-" for JSON Lines on standard input. A first pass finds paragraphs
 * that repeat across the archive (boilerplate); a second indexes. Problems with single files,
 * lines or articles go to opts->on_diag and are skipped. Returns NX_OK when everything was
 * indexed, NX_EINPUT when some input was skipped (*out tells what), or a negative code for a
 * failure of the index itself (then the last commit is intact). *out (may be NULL) is the run's
 * statistics, set on every return.
 * On a sharded index, each shard is indexed by its own thread and writer (every one reads all
 * the input; problems with it are reported once); the callbacks are then called from those
 * threads, one call at a time, and the stats are the shards' sums.
 */
NX_API int nx_db_ingest(nx_ingest_stats *out, nx_db *db, const char *const *paths, size_t n_paths,
                        const nx_ingest_opts *opts);

/* Compact the index in place (Xapian compact, then swap); a sharded index shard by shard.
 * Writers only, outside a batch (NX_EINVAL otherwise); NX_EIO when writing or swapping fails. */
NX_API int nx_db_compact(nx_db *db);
/* Merge a sharded index into one compacted, unsharded index in its place (the shards built in
 * parallel, then searched as one index); the handle goes on as that index's writer. On an
 * unsharded index the same as nx_db_compact. Writers only, outside a batch (NX_EINVAL
 * otherwise); NX_EIO when writing fails. If merging fails the shards are kept and opened
 * again. */
NX_API int nx_db_merge(nx_db *db);
/* Check an index: Xapian's consistency check, then what Xapian does not check (every table
 * there, the format and lexicon readable, each passage record decodes, each stored article
 * decodes with its checksum). Runs in a child process (fork), so that damage that makes the
 * reads crash is reported, not suffered. NX_OK, or NX_ECORRUPT with the first problem in the
 * message; NX_ENOTFOUND for nothing there; NX_EINVAL for a NULL path or a stub that is not a
 * sharded index. */
NX_API int nx_db_check(const char *path);

typedef struct nx_repair_stats {
    uint64_t articles; /* stored articles rebuilt into the new index */
    uint64_t passages; /* their passages */
    uint64_t damaged;  /* documents whose passage record or stored article was damaged: left
                        * out (an article whose first passage was among them is lost from the
                        * index and must be indexed again from the archive) */
} nx_repair_stats;
/*
 * Rebuild the index at `path` from the articles stored in it: every stored article that reads
 * back whole (its checksum verified) is indexed again into a new index beside it
 * ("PATH.repair"), with the lexicon and boilerplate list the old one recorded (or, when
 * `lexicon_path` is not NULL, the built-in lexicon extended by that file, as a writer's); the new
 * index must pass nx_db_check; then the old one is renamed "PATH.damaged" (kept, never deleted) and
 * the new one takes its place. The reading runs in a child process, as nx_db_check does, so damage
 * that makes reads crash is reported. A sharded index has each shard rebuilt. No writer may use the
 * index meanwhile. NX_OK (*out says what was rebuilt and what was left out); NX_ECORRUPT when the
 * stored articles cannot be read at all (the tables Xapian needs to open the index are missing or
 * damaged: rebuild from the archive); NX_EINVAL for a NULL argument or when "PATH.damaged" exists
 * (move it away first); NX_EIO when writing the new index or renaming fails. On any error `path` is
 * left as it was. *out (may be NULL) is set on every return.
 */
NX_API int nx_db_repair(nx_repair_stats *out, const char *path, const char *lexicon_path);

/* ---- Statistics ------------------------------------------------------------------------ */

typedef struct nx_stats {
    uint64_t articles;
    uint64_t passages;
    uint64_t terms;         /* distinct terms */
    uint64_t index_bytes;   /* on disk */
    double avg_passage_len; /* in tokens */
    const char *lexicon;    /* id of the lexicon that built the index; borrowed from db */
} nx_stats;
/*
 * What the index holds, counted now: *out is filled on success. Codes: NX_EINVAL (NULL
 * argument), else the failure reading the index (NX_ECORRUPT, NX_EIO, NX_EMODIFIED).
 * out->lexicon is borrowed from `db` until nx_db_close/free.
 */
NX_API int nx_db_stats(nx_stats *out, const nx_db *db);

/* ---- Lexicon: actors and topics -------------------------------------------------------- */

typedef enum nx_lex_kind { NX_LEX_ACTOR = 0, NX_LEX_TOPIC = 1 } nx_lex_kind;
/* How many actors or topics the index's lexicon has; 0 for a NULL db or an unknown kind. */
NX_API size_t nx_db_lexicon_count(const nx_db *db, nx_lex_kind kind);
/* The key of the i-th actor or topic ("lavrov"), borrowed from `db` until nx_db_close/free;
 * NULL when i is out of range. */
NX_API const char *nx_db_lexicon_key(const nx_db *db, nx_lex_kind kind, size_t i);
/* Resolve any spelling ("Лавров", "Sergey Lavrov") to its key, borrowed from `db` until
 * nx_db_close/free; NULL if unknown (or for a NULL argument). */
NX_API const char *nx_db_lexicon_resolve(const nx_db *db, nx_lex_kind kind, const char *name);
/* The spellings of the i-th actor or topic as the lexicon writes them ("Lavrov", "Sergei
 * Lavrov", "Лавров"): their number (0 when i is out of range), and the j-th, borrowed from `db`
 * until nx_db_close/free (NULL when out of range). */
NX_API size_t nx_db_lexicon_variant_count(const nx_db *db, nx_lex_kind kind, size_t i);
NX_API const char *nx_db_lexicon_variant(const nx_db *db, nx_lex_kind kind, size_t i, size_t j);
/* For a name the lexicon does not know: the keys of up to `max` (at most 3) nearest actors or
 * topics, best first, into keys[] (borrowed from `db` until nx_db_close/free); their number, 0
 * when none is near. Near is a few edits ("lavorv": lavrov) of a spelling or one of its words,
 * case and accents folded. nx_search's NX_ENOTFOUND message for an unknown actor or topic names
 * the same keys ("unknown actor 'lavorv'; did you mean: lavrov?"). */
NX_API size_t nx_db_lexicon_suggest(const char **keys, size_t max, const nx_db *db,
                                    nx_lex_kind kind, const char *name);

/* ---- Searching ------------------------------------------------------------------------- */

enum nx_sort { NX_SORT_RELEVANCE = 0, NX_SORT_DATE = 1 /* newest first */ };
enum nx_search_flags {
    /* Count the matching articles by actor, topic, source, month and said: an article counts
     * once for each name any of its matching passages has. Over remote shards (xapian-tcpsrv)
     * only passages can be counted: NX_EINVAL without NX_SEARCH_FACET_PASSAGES. */
    NX_SEARCH_FACETS = 1u << 0,
    NX_SEARCH_EXPLAIN = 1u << 1,     /* fill nx_hit.explain */
    NX_SEARCH_EXACT = 1u << 2,       /* exact match counts instead of estimates */
    NX_SEARCH_NO_FEEDBACK = 1u << 3, /* rank by the query alone: no pseudo-relevance feedback */
    /* Hits carry the article body only up to the end of their passage (body_len == end): all
     * the passage, its matches and nx_snippet() need, without copying the rest of a long
     * article. */
    NX_SEARCH_BODY_TO_PASSAGE = 1u << 4,
    /* No effect: every hit is its indexed passage exactly (a short one used to be shown with the
     * sentences after it; docs/ranking.md). Accepted so that callers setting it still work. */
    NX_SEARCH_PASSAGE_ONLY = 1u << 5,
    /* With NX_SEARCH_FACETS: count matching passages, not articles. */
    NX_SEARCH_FACET_PASSAGES = 1u << 6,
    /* Look for typos: a query word that the index holds in almost no passage, near a word it
     * holds in many, gives nx_results_suggestion() (docs/query.md, "Typos"). */
    NX_SEARCH_TYPOS = 1u << 7,
    /* Search the query with those words corrected (implies NX_SEARCH_TYPOS). */
    NX_SEARCH_FIX_TYPOS = 1u << 8,
    /* A timeline (implies NX_SEARCH_FACETS): the NX_FACET_DAY, NX_FACET_WEEK and
     * NX_FACET_MONTH facets list every period from the first to the last one with a match, 0
     * for the periods between without one, so that a chart shows the gaps. */
    NX_SEARCH_TIMELINE = 1u << 9,
    /* Show copies as hits of their own (docs/duplicates.md). Without it, the matching passages
     * of one story (articles whose bodies are the same text or near copies: one cluster) and
     * passages with the same text (a paragraph repeated in another article) are one hit, shown
     * from the earliest article (by date, then id) with the others in nx_hit.also_in, and
     * counts and facets count a story once: nx_results_articles() counts stories. */
    NX_SEARCH_DUPLICATES = 1u << 10,
};

typedef struct nx_search_opts {
    unsigned int version;      /* NX_SEARCH_OPTS_VERSION */
    const char *query;         /* query language (see docs/query.md); NULL or "": none */
    const char *const *actors; /* actor keys or spellings, all required */
    size_t n_actors;
    const char *const *topics; /* topic keys, all required */
    size_t n_topics;
    const char *since, *until; /* inclusive bounds as nx_date_parse reads them: since 2022-03
                                  is from 2022-03-01, until 2022-03 up to 2022-03-31; NULL: open */
    const char *source;        /* words that must occur in the source name; NULL: any */
    int sort;                  /* enum nx_sort */
    size_t offset;             /* results to skip (paging) */
    size_t limit;              /* results to return; 0: 10 */
    size_t per_article;        /* passages per article; 0: 1 */
    unsigned int flags;        /* enum nx_search_flags */
    /* Seconds the search may take, counted from the nx_search() call, for it and for every
     * later call on its results (hits, counts): past it they fail with NX_ETIMEOUT, and no
     * Xapian match runs much beyond it (it stops early and the search fails). 0: no limit.
     * Since version 2; a version 1 caller's struct ends before it and has no limit. */
    double time_limit;
} nx_search_opts;
#define NX_SEARCH_OPTS_VERSION 2
#define NX_SEARCH_OPTS_INIT                                                                        \
    {                                                                                              \
        NX_SEARCH_OPTS_VERSION, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NX_SORT_RELEVANCE, 0, 0, \
            0, 0, 0.0                                                                              \
    }

enum nx_match_kind { NX_MATCH_WORD = 0, NX_MATCH_ACTOR = 1, NX_MATCH_TOPIC = 2 };

/* One highlighted match: body[start:end] is the matched text. */
typedef struct nx_match {
    size_t start, end; /* byte offsets in the article body */
    int kind;          /* enum nx_match_kind */
    const char *key;   /* actor or topic key, or the query term that matched */
} nx_match;

/* An article whose passage is a copy of a hit's (docs/duplicates.md); NULL when absent. */
typedef struct nx_copy {
    const char *article_id, *title, *date, *source, *url;
} nx_copy;

/* One result: a passage and its article. Grows only at its end. */
typedef struct nx_hit {
    size_t rank; /* 0-based, counting from offset */
    double score;
    const char *article_id, *title, *date, *source, *url; /* NULL when absent */
    const char *body; /* the article body exactly as it was read (NX_SEARCH_BODY_TO_PASSAGE: up
                       * to the end of the passage) */
    size_t body_len;
    size_t start, end;       /* the passage: body[start:end] */
    const nx_match *matches; /* inside the passage, in order */
    size_t n_matches;
    const char *const *actors; /* actor keys tagged on the passage */
    size_t n_actors;
    const char *const *actor_spellings; /* for each actor, the spelling found in the passage */
    const char *const *topics;          /* topic keys tagged on the passage */
    size_t n_topics;
    const char *explain; /* NX_SEARCH_EXPLAIN: one line per term; else NULL */
    const char *const *speakers; /* actors (keys, also in actors) speaking in the passage: a
                                  * transcript turn runs through it (docs/query.md) */
    size_t n_speakers;
    /* Where the indexed passage ends: always `end` now that no passage is shown with the
     * sentences after it; kept so that the struct only grows at its end. */
    size_t passage_end;
    /* Actors (keys, also in actors) whose own words the passage holds: reported ("Lavrov said",
     * "according to Kuleba") or a transcript turn of theirs (docs/query.md, "Reported words").
     * Empty in an index tagged before 2026-12-06 (its next indexing run re-tags it). */
    const char *const *said;
    size_t n_said;
    /* The other articles that hold the hit's passage (docs/duplicates.md), earliest first (by
     * date, then id); none with NX_SEARCH_DUPLICATES. */
    const nx_copy *also_in;
    size_t n_also_in;
    /* The story key of the hit's article, 16 hex digits: articles whose bodies are the same
     * text share it, whether or not they are hits. */
    const char *story;
    /* The cluster of the hit's article, 16 hex digits: articles that are copies or near copies
     * of each other (docs/duplicates.md) share it, whether or not they are hits. Hits are
     * collapsed and counts count once by cluster. */
    const char *cluster;
} nx_hit;

typedef struct nx_results nx_results;

/*
 * Run a search. Codes: NX_EQUERY (syntax error; message names the position and what was
 * expected), NX_ENOTFOUND (unknown actor or topic), NX_EINVAL (bad dates or options),
 * NX_ECORRUPT (a damaged index, named in the message), NX_EMODIFIED only when a writer's
 * commits outran every retry ("Readers and writers" above), NX_ETIMEOUT (the search took
 * longer than opts->time_limit; retries under a writer stop there too). *out lives until
 * nx_results_free(), which must come before nx_db_close() of `db`.
 */
NX_API int nx_search(nx_results **out, nx_db *db, const nx_search_opts *opts);
/* Advance: NX_OK with *out set, NX_DONE at the end, or a negative code: NX_EINVAL (NULL
 * argument), NX_ECORRUPT (this hit's stored article or passage record is damaged: stored text
 * is verified on every read, so damaged text is never returned; the hit is skipped and the
 * next call goes on with the next one), NX_EMODIFIED (a writer outran every retry), NX_EIO /
 * NX_ETIMEOUT (a remote shard, or the search's time_limit has passed). A snapshot a writer
 * overwrote is searched again on the newer revision, from the same rank on ("Readers and writers"
 * above). *out is borrowed from `r` until the next call on `r`. */
NX_API int nx_results_next(const nx_hit **out, nx_results *r);
/*
 * The number of matching passages, or of articles, in *out: exact with NX_SEARCH_EXACT, else
 * exact up to 1000 and Xapian's estimate beyond. Counted on the first call of either (a search
 * that never asks pays nothing). When a writer overwrote the search's snapshot, the search
 * runs again and the counts are the newer revision's. Codes: NX_EINVAL (NULL argument),
 * NX_EMODIFIED (a writer outran every retry), NX_ECORRUPT, NX_EIO / NX_ETIMEOUT (a remote
 * shard, or the search's time_limit has passed); *out is then 0.
 */
NX_API int nx_results_passages(uint64_t *out, const nx_results *r);
NX_API int nx_results_articles(uint64_t *out, const nx_results *r);
/* The bounds of nx_results_articles()'s count, *lo <= count <= *hi: equal when it is exact.
 * Counted and failing as nx_results_articles() (*lo and *hi 0 on error). */
NX_API int nx_results_articles_bounds(uint64_t *lo, uint64_t *hi, const nx_results *r);

/* NX_FACET_SAID counts by the actors whose own words a matching passage holds (nx_hit.said).
 * The periods, in date order: NX_FACET_MONTH "2022-03", NX_FACET_WEEK the ISO 8601 week
 * "2022-W09" (Monday to Sunday; week 01 has the year's first Thursday, so 2022-01-01 is in
 * 2021-W52), NX_FACET_DAY "2022-03-01". An article has one date, so per article each of them
 * adds up to the matching articles that have a date. */
typedef enum nx_facet {
    NX_FACET_ACTOR = 0,
    NX_FACET_TOPIC = 1,
    NX_FACET_SOURCE = 2,
    NX_FACET_MONTH = 3,
    NX_FACET_SAID = 4,
    NX_FACET_DAY = 5,
    NX_FACET_WEEK = 6
} nx_facet;
/* With NX_SEARCH_FACETS: the number of values of a facet; 0 without the flag, for a NULL `r`
 * or an unknown facet. */
NX_API size_t nx_results_facet_count(const nx_results *r, nx_facet facet);
/* With NX_SEARCH_FACETS: the i-th value of a facet (most frequent first; periods in date order)
 * in *name, and in *count the number of matching articles that have it in a matching passage
 * (with NX_SEARCH_FACET_PASSAGES: of matching passages). The months (days, weeks) of the
 * articles add up to the exact nx_results_articles() count less the articles without a date;
 * with NX_SEARCH_TIMELINE the periods without a match between the first and the last are
 * listed too, with *count 0. NX_EINVAL for a NULL
 * argument, a facet not counted or i out of range. *name is borrowed from `r` until
 * nx_results_free(). */
NX_API int nx_results_facet(const char **name, uint64_t *count, const nx_results *r, nx_facet facet,
                            size_t i);
/* With NX_SEARCH_TYPOS or NX_SEARCH_FIX_TYPOS: the query with its typos corrected ("ceasfire
 * talks" -> "ceasefire talks"), borrowed from `r` until nx_results_free(); NULL when no word
 * needed a correction (or for a NULL `r`). With NX_SEARCH_FIX_TYPOS it is what was searched. */
NX_API const char *nx_results_suggestion(const nx_results *r);
/* The actor names of the search (nx_search_opts.actors, actor: in the query) that the lexicon
 * does not know and that were searched as people (docs/query.md, "Any person"): their number,
 * and the i-th as given, borrowed from `r` until nx_results_free() (NULL when out of range). */
NX_API size_t nx_results_person_count(const nx_results *r);
NX_API const char *nx_results_person(const nx_results *r, size_t i);
/* Release `r` (NULL is fine); its hits and facet names go with it. Call it before nx_db_close()
 * or nx_db_free() of the index `r` came from. */
NX_API void nx_results_free(nx_results *r);

typedef struct nx_snippet_opts {
    unsigned int version; /* NX_SNIPPET_OPTS_VERSION */
    const char *open;     /* put before each match; NULL: "[" */
    const char *close;    /* put after each match; NULL: "]" */
    size_t max_bytes;     /* trim around the matches to about this length; 0: whole passage */
    const char *ellipsis; /* marks trimmed text; NULL: "..." */
} nx_snippet_opts;
#define NX_SNIPPET_OPTS_VERSION 1
#define NX_SNIPPET_OPTS_INIT                                                                       \
    {                                                                                              \
        NX_SNIPPET_OPTS_VERSION, NULL, NULL, 0, NULL                                               \
    }

/* The hit's passage with matches marked, trimmed around them if longer than max_bytes.
 * Control characters become spaces. *out is released with nx_free(). Codes: NX_EINVAL (NULL
 * argument, a hit without a passage, unknown opts version), NX_ENOMEM. */
NX_API int nx_snippet(char **out, const nx_hit *hit, const nx_snippet_opts *opts);

#ifdef __cplusplus
}
#endif

#endif
