/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "newsidx.h"

/* argv[0]: how a child process runs this program again (under valgrind, /proc/self/exe would
 * be valgrind itself). */
static const char *self_path;
#include "store/xapian_shim.h"

static nx_db *open_reader(const char *path)
{
    nx_db *db = NULL;
    int rc = nx_db_open(&db, path, NULL);
    if (rc != NX_OK)
        fail_msg("open reader: %s", nx_error_last()->message);
    return db;
}

static const nx_article kyiv = {
    "a1",
    "Talks near the border",
    "2022-03-01",
    "Wire",
    "https://example.org/a1",
    "Delegations from both countries met near the border on Monday to discuss a truce.\n\n"
    "They discussed humanitarian corridors for civilians leaving "
    "the besieged city of Mariupol, officials said.",
    0};

static uint64_t count_hits(nx_db *db, const char *query)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.flags = NX_SEARCH_EXACT;
    nx_results *r;
    if (nx_search(&r, db, &so) != NX_OK)
        fail_msg("search '%s': %s", query, nx_error_last()->message);
    uint64_t n = nxt_passages(r);
    nx_results_free(r);
    return n;
}

static void open_missing_path_read_only_is_enotfound(void **state)
{
    nxt_env *f = *state;
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ENOTFOUND);
    assert_null(db);
    assert_non_null(strstr(nx_error_last()->message, f->path));
}

static void open_regular_file_is_an_error_naming_it(void **state)
{
    nxt_env *f = *state;
    nxt_write(f->path, "just some text\n", (size_t)-1);
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_null(db);
    assert_non_null(strstr(nx_error_last()->message, f->path));
}

static void open_directory_of_garbage_is_ecorrupt(void **state)
{
    nxt_env *f = *state;
    mkdir(f->path, 0700);
    char *p = nxt_path(f->path, "postlist.glass");
    nxt_write(p, "garbage garbage garbage", (size_t)-1);
    free(p);
    p = nxt_path(f->path, "iamglass");
    nxt_write(p, "not really", (size_t)-1);
    free(p);
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_null(db);
    assert_non_null(strstr(nx_error_last()->message, f->path));
}

static void plain_xapian_database_is_not_a_newsidx_index(void **state)
{
    nxt_env *f = *state;
    struct nx__xdb *x;
    struct nx__xdoc *d;
    assert_int_equal(nx__xdb_open(&x, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    assert_int_equal(nx__xdoc_new(&d), NX_OK);
    assert_int_equal(nx__xdoc_posting(d, "word", 4, 1), NX_OK);
    assert_int_equal(nx__xdb_add(x, d, NULL), NX_OK);
    nx__xdoc_free(d);
    assert_int_equal(nx__xdb_close(x), NX_OK);
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "not a newsidx index"));
}

/* A new empty index whose stored format then says `format`. */
static void index_stamped(const char *path, const char *format)
{
    nx_db *db = nxt_open_writer(path, 0);
    assert_int_equal(nx_db_close(db), NX_OK);
    nxt_stamp_format(path, format);
}

static void index_from_a_future_format_is_refused(void **state)
{
    nxt_env *f = *state;
    nx_db *db;
    index_stamped(f->path, "99");
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "is an index of format 99, newer than"));
}

/* tests/data/format3-index (tests/data/README.md): a real index of format 3, two articles with
 * spelling variants each their own stem and U.S. as the letters u and s, written by the code of
 * d7368a8, which extended indexes of format 3 in that format. Copied, as a refused writer still
 * leaves Xapian's lock file. */
static void copy_format3_index(const char *to)
{
    static const char *const files[] = {"iamglass", "docdata.glass", "position.glass",
                                        "postlist.glass", "termlist.glass"};
    char *from = nxt_path(NX_SOURCE_DIR, "tests/data/format3-index");
    assert_int_equal(mkdir(to, 0700), 0);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *src = nxt_path(from, files[i]), *dst = nxt_path(to, files[i]);
        size_t len;
        char *data = nxt_read(src, &len);
        assert_non_null(data);
        nxt_write(dst, data, len);
        free(data);
        free(src);
        free(dst);
    }
    free(from);
}

/* Before 1.0 there is one index format: an older one is refused, by readers and writers alike,
 * with what to do about it, and left as it is. */
static void index_of_format_3_is_refused_with_how_to_rebuild(void **state)
{
    nxt_env *f = *state;
    copy_format3_index(f->path);
    char want[1024];
    snprintf(want, sizeof want,
             "'%s' is an index of format 3; this newsidx reads format 6 only: rebuild it with "
             "newsidx-index --db NEW ARCHIVE",
             f->path);
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_null(db);
    assert_string_equal(nx_error_last()->message, want);
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, &o), NX_ECORRUPT);
    assert_null(db);
    assert_string_equal(nx_error_last()->message, want);
    assert_int_equal(nxt_stored_format(f->path), 3);
}

/* An empty index of an older format holds nothing to keep, but is refused all the same. */
static void empty_index_of_an_older_format_is_refused(void **state)
{
    nxt_env *f = *state;
    nx_db *db;
    index_stamped(f->path, "1");
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "is an index of format 1; this newsidx"));
    db = (nx_db *)&db;
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    assert_int_equal(nx_db_open(&db, f->path, &o), NX_ECORRUPT);
    assert_null(db);
    assert_int_equal(nxt_stored_format(f->path), 1);
}

static void index_with_a_format_record_of_no_number_is_refused(void **state)
{
    nxt_env *f = *state;
    nx_db *db;
    index_stamped(f->path, "4x");
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "records no index format newsidx knows"));
}

static void second_writer_gets_elocked(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0);
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *again = (nx_db *)&again;
    assert_int_equal(nx_db_open(&again, f->path, &o), NX_ELOCKED);
    assert_null(again);
    assert_non_null(strstr(nx_error_last()->message, "locked"));
    o.lock_timeout = 0.3; /* waits, then gives up */
    assert_int_equal(nx_db_open(&again, f->path, &o), NX_ELOCKED);
    nx_db *reader = open_reader(f->path); /* readers are never locked out */
    nx_db_free(reader);
    assert_int_equal(nx_db_close(w), NX_OK);
}

/* The lock holder is another process (a lock is per process): it says when it holds the lock
 * by creating a marker file, so the wait is tested however slowly it starts (the sanitizers). */
static void writer_waiting_for_lock_proceeds_when_released(void **state)
{
    nxt_env *f = *state;
    nx_db_close(nxt_open_writer(f->path, 0));
    char *held = nxt_path(f->dir, "held");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* a fresh process that holds the lock for a moment */
        execl(self_path, "test_db", "--hold-lock", f->path, held, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    for (int waited = 0; access(held, F_OK) != 0; waited += 10) {
        if (waitpid(pid, &status, WNOHANG) == pid || waited > 120000)
            fail_msg("the lock holder never held the lock (status %d)", status);
        nxt_sleep_ms(10);
    }
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    o.lock_timeout = 60;
    nx_db *db = NULL;
    assert_int_equal(nx_db_open(&db, f->path, &o), NX_OK); /* after the holder let go */
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(nx_db_close(db), NX_OK);
    free(held);
}

static void put_get_replace_delete(void **state)
{
    nxt_env *f = *state;
    nx_db *db = nxt_open_writer(f->path, 0);
    nx_put_outcome outcome = (nx_put_outcome)-1;
    size_t np = 0;
    assert_int_equal(nx_db_put(&outcome, &np, db, &kyiv), NX_OK);
    assert_int_equal(outcome, NX_PUT_ADDED);
    assert_int_equal(np, 2);
    assert_int_equal(nx_db_put(&outcome, &np, db, &kyiv), NX_OK);
    assert_int_equal(outcome, NX_PUT_UNCHANGED);
    nx_article *got;
    assert_int_equal(nx_db_get(&got, db, "a1"), NX_OK);
    assert_string_equal(got->title, kyiv.title);
    assert_string_equal(got->body, kyiv.body);
    assert_int_equal(got->body_len, strlen(kyiv.body));
    assert_string_equal(got->url, kyiv.url);
    nx_free(got);
    assert_int_equal(count_hits(db, "Mariupol"), 1);

    nx_article changed = kyiv;
    changed.body = "The talks moved to Istanbul without any agreement.";
    assert_int_equal(nx_db_put(&outcome, &np, db, &changed), NX_OK);
    assert_int_equal(outcome, NX_PUT_REPLACED);
    assert_int_equal(np, 1);
    assert_int_equal(count_hits(db, "Mariupol"), 0); /* every old passage went */
    assert_int_equal(count_hits(db, "Istanbul"), 1);

    assert_int_equal(nx_db_delete(db, "a1"), NX_OK);
    assert_int_equal(count_hits(db, "Istanbul"), 0);
    assert_int_equal(nx_db_delete(db, "a1"), NX_ENOTFOUND);
    nx_article *none = (nx_article *)&none;
    assert_int_equal(nx_db_get(&none, db, "a1"), NX_ENOTFOUND);
    assert_null(none);
    assert_int_equal(nx_db_close(db), NX_OK);
}

static void article_without_id_gets_a_stable_derived_one(void **state)
{
    nxt_env *f = *state;
    nx_db *db = nxt_open_writer(f->path, 0);
    nx_article a = kyiv;
    a.id = NULL;
    nx_put_outcome outcome;
    assert_int_equal(nx_db_put(&outcome, NULL, db, &a), NX_OK);
    assert_int_equal(outcome, NX_PUT_ADDED);
    assert_int_equal(nx_db_put(&outcome, NULL, db, &a), NX_OK);
    assert_int_equal(outcome, NX_PUT_UNCHANGED);
    nx_stats st;
    assert_int_equal(nx_db_stats(&st, db), NX_OK);
    assert_int_equal(st.articles, 1);
    assert_int_equal(st.passages, 2);
    assert_int_equal(nx_db_close(db), NX_OK);
}

static void bad_articles_are_rejected_with_codes(void **state)
{
    nxt_env *f = *state;
    nx_db *db = nxt_open_writer(f->path, 0);
    nx_article a = kyiv;
    a.body = "caf\xc3 broken";
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_EINPUT);
    assert_non_null(strstr(nx_error_last()->message, "UTF-8"));
    a = kyiv;
    a.date = "March 1st";
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_EINPUT);
    assert_non_null(strstr(nx_error_last()->message, "March 1st"));
    a.date = "2022-02-30";
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_EINPUT);
    a = kyiv;
    a.body = "";
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_EINPUT);
    a = kyiv;
    char id[300];
    memset(id, 'x', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    a.id = id;
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_ELIMIT);
    assert_int_equal(nx_db_put(NULL, NULL, db, NULL), NX_EINVAL);
    assert_int_equal(nx_error_last()->code, NX_EINVAL);
    assert_int_equal(nx_db_close(db), NX_OK);
}

/* An article's date is exactly one day of the calendar (include/newsidx.h), nothing after it. */
static void dates_must_be_exactly_a_day(void **state)
{
    nxt_env *f = *state;
    nx_db *db = nxt_open_writer(f->path, 0);
    static const char *const bad[] = {
        "2022-03-01 junk",      /* something after the day */
        "2022-03-01T10:15:00Z", /* a time: the caller gives the day */
        "2022-02-31",           /* no such day */
        "2022-02-29",           /* not a leap year */
        "2100-02-29",           /* not a leap year either: a century */
        "2022-13-01",           /* no such month */
        "2022-03",              /* a month, not a day */
        "2022",                 /* a year */
        " 2022-03-01",          /* something before it */
        "",
    };
    nx_article a = kyiv;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        a.date = bad[i];
        assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_EINPUT);
        assert_int_equal(nx_error_last()->code, NX_EINPUT);
        assert_non_null(strstr(nx_error_last()->message, "date"));
    }
    a.date = "2024-02-29";
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_OK);
    a.id = "kyiv-2000";
    a.date = "2000-02-29";
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_OK);
    assert_int_equal(nx_db_close(db), NX_OK);
}

/* The documented limits, exactly: an id of 200 bytes and a body of 16 MiB are the most. */
static void ids_and_bodies_over_their_limits_are_elimit(void **state)
{
    nxt_env *f = *state;
    nx_db *db = nxt_open_writer(f->path, 0);
    char id[202];
    memset(id, 'i', 201);
    id[201] = '\0';
    nx_article a = kyiv;
    a.id = id;
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_ELIMIT);
    assert_string_equal(nx_error_last()->message, "article id longer than 200 bytes");
    id[200] = '\0';
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_OK);
    size_t big = (size_t)16 * 1024 * 1024 + 1;
    char *body = malloc(big);
    assert_non_null(body);
    memset(body, 'a', big);
    a = kyiv;
    a.body = body;
    a.body_len = big;
    assert_int_equal(nx_db_put(NULL, NULL, db, &a), NX_ELIMIT);
    assert_string_equal(nx_error_last()->message,
                        "article body of 16777217 bytes is over the 16777216-byte limit");
    free(body);
    assert_int_equal(nx_db_close(db), NX_OK);
}

static void read_only_handle_refuses_writes(void **state)
{
    nxt_env *f = *state;
    nx_db_close(nxt_open_writer(f->path, 0));
    nx_db *db = open_reader(f->path);
    assert_int_equal(nx_db_put(NULL, NULL, db, &kyiv), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "read-only"));
    assert_int_equal(nx_db_delete(db, "a1"), NX_EINVAL);
    assert_int_equal(nx_db_begin(db), NX_EINVAL);
    assert_int_equal(nx_db_commit(db), NX_EINVAL);
    assert_int_equal(nx_db_compact(db), NX_EINVAL);
    assert_int_equal(nx_db_ingest(NULL, db, NULL, 0, NULL), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "read-only"));
    nx_db_free(db);
}

static void batch_cancel_drops_and_commit_publishes(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(nx_db_commit(w), NX_OK);
    nx_db *r = open_reader(f->path);
    assert_int_equal(nx_db_begin(w), NX_OK);
    assert_int_equal(nx_db_begin(w), NX_EINVAL);
    assert_int_equal(nx_db_put(NULL, NULL, w, &kyiv), NX_OK);
    assert_int_equal(nx_db_cancel(w), NX_OK);
    assert_int_equal(nx_db_cancel(w), NX_EINVAL);
    assert_int_equal(nx_db_commit(w), NX_OK);
    assert_int_equal(nx_db_reopen(r), NX_OK);
    assert_int_equal(count_hits(r, "Mariupol"), 0);

    assert_int_equal(nx_db_begin(w), NX_OK);
    assert_int_equal(nx_db_put(NULL, NULL, w, &kyiv), NX_OK);
    assert_int_equal(count_hits(r, "Mariupol"), 0); /* not before the commit */
    assert_int_equal(nx_db_commit(w), NX_OK);
    assert_int_equal(count_hits(r, "Mariupol"), 0); /* not before the reader reopens */
    assert_int_equal(nx_db_reopen(r), NX_OK);
    assert_int_equal(count_hits(r, "Mariupol"), 1);
    nx_db_free(r);
    assert_int_equal(nx_db_close(w), NX_OK);
}

static void free_without_commit_loses_uncommitted_work(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(nx_db_commit(w), NX_OK);
    assert_int_equal(nx_db_put(NULL, NULL, w, &kyiv), NX_OK);
    nx_db_free(w);
    nx_db *r = open_reader(f->path);
    assert_int_equal(count_hits(r, "Mariupol"), 0);
    nx_db_free(r);
}

static void auto_batches_commit_every_n_articles(void **state)
{
    nxt_env *f = *state;
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    o.batch_articles = 3;
    nx_db *w;
    assert_int_equal(nx_db_open(&w, f->path, &o), NX_OK);
    char id[16];
    for (int i = 0; i < 7; i++) {
        nx_article a = kyiv;
        snprintf(id, sizeof id, "b%d", i);
        a.id = id;
        assert_int_equal(nx_db_put(NULL, NULL, w, &a), NX_OK);
    }
    nx_db *r = open_reader(f->path);
    nx_stats st;
    assert_int_equal(nx_db_stats(&st, r), NX_OK);
    assert_int_equal(st.articles, 6); /* two full batches committed, one article pending */
    nx_db_free(r);
    nx_db_free(w);
}

static void versions_and_errors_are_described(void **state)
{
    (void)state;
    assert_string_equal(nx_version(), NX_VERSION_STRING);
    assert_string_equal(nx_strerror(NX_ELOCKED), "index is locked by another writer");
    assert_string_equal(nx_strerror(12345), "unknown error code");
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, NULL, NULL), NX_EINVAL);
    assert_int_equal(nx_db_open(NULL, "x", NULL), NX_EINVAL);
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.version = 77;
    assert_int_equal(nx_db_open(&db, "x", &o), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "version"));
    assert_int_equal(nx_db_close(NULL), NX_OK);
    nx_db_free(NULL);
    nx_free(NULL);
}

static void null_handles_and_arguments_are_einval(void **state)
{
    (void)state;
    nx_article *a = (nx_article *)&a;
    nx_stats st;
    nx_results *r = (nx_results *)&r;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "x";
    const char *name;
    uint64_t n;
    assert_int_equal(nx_db_reopen(NULL), NX_EINVAL);
    assert_int_equal(nx_db_put(NULL, NULL, NULL, &kyiv), NX_EINVAL);
    assert_int_equal(nx_db_delete(NULL, "a1"), NX_EINVAL);
    assert_int_equal(nx_db_get(&a, NULL, "a1"), NX_EINVAL);
    assert_null(a);
    assert_int_equal(nx_db_get(NULL, NULL, "a1"), NX_EINVAL);
    assert_int_equal(nx_db_begin(NULL), NX_EINVAL);
    assert_int_equal(nx_db_commit(NULL), NX_EINVAL);
    assert_int_equal(nx_db_cancel(NULL), NX_EINVAL);
    assert_int_equal(nx_db_stats(&st, NULL), NX_EINVAL);
    assert_int_equal(nx_db_compact(NULL), NX_EINVAL);
    assert_int_equal(nx_db_ingest(NULL, NULL, NULL, 0, NULL), NX_EINVAL);
    assert_int_equal(nx_search(&r, NULL, &so), NX_EINVAL);
    assert_null(r);
    assert_int_equal(nx_results_facet(&name, &n, NULL, NX_FACET_ACTOR, 0), NX_EINVAL);
    assert_int_equal(nx_results_facet_count(NULL, NX_FACET_ACTOR), 0);
    n = 1;
    assert_int_equal(nx_results_passages(&n, NULL), NX_EINVAL);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(nx_results_articles(&n, NULL), NX_EINVAL);
    assert_int_equal(n, 0);
    assert_int_equal(nx_results_passages(NULL, NULL), NX_EINVAL);
    assert_int_equal(nx_results_articles(NULL, NULL), NX_EINVAL);
    assert_null(nx_db_lexicon_resolve(NULL, NX_LEX_ACTOR, "lavrov"));
    nx_results_free(NULL);
}

static void lexicon_is_recorded_and_resolves_spellings(void **state)
{
    nxt_env *f = *state;
    nx_db *db = nxt_open_writer(f->path, 0);
    assert_true(nx_db_lexicon_count(db, NX_LEX_ACTOR) >= 12);
    assert_true(nx_db_lexicon_count(db, NX_LEX_TOPIC) >= 3);
    assert_string_equal(nx_db_lexicon_resolve(db, NX_LEX_ACTOR, "Сергей Лавров"), "lavrov");
    assert_string_equal(nx_db_lexicon_resolve(db, NX_LEX_ACTOR, "Çavuşoğlu"), "cavusoglu");
    assert_null(nx_db_lexicon_resolve(db, NX_LEX_ACTOR, "nobody at all"));
    nx_stats st;
    assert_int_equal(nx_db_stats(&st, db), NX_OK);
    assert_non_null(strstr(st.lexicon, "builtin"));
    assert_int_equal(nx_db_close(db), NX_OK);
}

/* Child mode: hold the write lock of `path` for 400 ms. */
static int hold_lock(const char *path, const char *held)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *db;
    if (nx_db_open(&db, path, &o) != NX_OK)
        return 3;
    FILE *fp = fopen(held, "w");
    if (!fp || fclose(fp) != 0)
        return 5;
    nxt_sleep_ms(400);
    return nx_db_close(db) == NX_OK ? 0 : 4;
}

/* A caller built against version 1 of nx_open_opts passes a struct that ends before `shards`:
 * only that much may be read (ASan would see an over-read of the exact-size allocation). */
static void version_1_open_opts_are_read_up_to_their_end(void **state)
{
    nxt_env *f = *state;
    size_t v1 = offsetof(nx_open_opts, shards);
    nx_open_opts full = NX_OPEN_OPTS_INIT;
    full.version = 1;
    full.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    unsigned char *o = malloc(v1);
    assert_non_null(o);
    memcpy(o, &full, v1);
    assert_int_equal(nx_db_open(&f->db, f->path, (const nx_open_opts *)(void *)o), NX_OK);
    assert_int_equal(nx_db_close(f->db), NX_OK);
    f->db = NULL;
    char *stub = nxt_path(f->path, "XAPIANDB");
    assert_null(nxt_read(stub, NULL)); /* an unsharded index */
    full.version = 3;
    memcpy(o, &full, v1);
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, (const nx_open_opts *)(void *)o), NX_EINVAL);
    assert_null(db);
    free(stub);
    free(o);
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    if (argc == 4 && strcmp(argv[1], "--hold-lock") == 0)
        return hold_lock(argv[2], argv[3]);
#define T(name) cmocka_unit_test_setup_teardown(name, nxt_env_setup, nxt_env_teardown)
    const struct CMUnitTest tests[] = {
        T(open_missing_path_read_only_is_enotfound),
        T(open_regular_file_is_an_error_naming_it),
        T(open_directory_of_garbage_is_ecorrupt),
        T(plain_xapian_database_is_not_a_newsidx_index),
        T(index_from_a_future_format_is_refused),
        T(index_of_format_3_is_refused_with_how_to_rebuild),
        T(empty_index_of_an_older_format_is_refused),
        T(index_with_a_format_record_of_no_number_is_refused),
        T(second_writer_gets_elocked),
        T(writer_waiting_for_lock_proceeds_when_released),
        T(put_get_replace_delete),
        T(article_without_id_gets_a_stable_derived_one),
        T(bad_articles_are_rejected_with_codes),
        T(dates_must_be_exactly_a_day),
        T(ids_and_bodies_over_their_limits_are_elimit),
        T(read_only_handle_refuses_writes),
        T(batch_cancel_drops_and_commit_publishes),
        T(free_without_commit_loses_uncommitted_work),
        T(auto_batches_commit_every_n_articles),
        T(versions_and_errors_are_described),
        T(null_handles_and_arguments_are_einval),
        T(lexicon_is_recorded_and_resolves_spellings),
        T(version_1_open_opts_are_read_up_to_their_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
