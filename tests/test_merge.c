/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Merging a sharded index into one (nx_db_merge, NX_INGEST_MERGE): the shards built in
 * parallel become one compacted, unsharded index with the same articles and answers. */
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "newsidx.h"

static const char *const jsonl =
    "{\"id\":\"a1\",\"title\":\"Talks\",\"body\":\"Lavrov met Kuleba in Antalya. "
    "They spoke of a ceasefire.\\n\\nNo agreement on a ceasefire was reached.\"}\n"
    "{\"id\":\"b22\",\"title\":\"Gas\",\"body\":\"Gas prices rose after the oil embargo.\"}\n"
    "{\"id\":\"c333\",\"title\":\"NATO\",\"body\":\"NATO ministers met in Brussels.\"}\n"
    "{\"id\":\"d4444\",\"title\":\"South\",\"body\":\"A ceasefire held in the south.\"}\n"
    "{\"id\":\"e5\",\"title\":\"Grain\",\"body\":\"Grain ships left Odesa under a truce.\"}\n"
    "{\"id\":\"f66\",\"title\":\"Call\",\"body\":\"Putin and Macron discussed a ceasefire "
    "by phone.\"}\n";
static const char *const ids[] = {"a1", "b22", "c333", "d4444", "e5", "f66"};
enum { N_IDS = sizeof ids / sizeof *ids };

/* Index the test input into `path` as `shards` shards, with ingest `flags`. */
static void build(const char *dir, const char *path, unsigned int shards, unsigned int flags)
{
    char *input = nxt_path(dir, "in.jsonl");
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs(jsonl, f);
    fclose(f);
    nx_db *w = nxt_open_sharded(path, shards);
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.flags = flags;
    nx_ingest_stats st;
    const char *paths[] = {input};
    assert_int_equal(nx_db_ingest(&st, w, paths, 1, &io), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    free(input);
}

/* One more article through writer `w`, which is then closed. */
static void put_one_more_and_close(nx_db *w)
{
    nx_article more = {"g777", "Later", "2022-04-01", "Wire", NULL, "A later ceasefire.", 0};
    assert_int_equal(nx_db_put(NULL, NULL, w, &more), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
}

static bool exists(const char *dir, const char *name)
{
    char *p = nxt_path(dir, name);
    struct stat st;
    bool yes = stat(p, &st) == 0;
    free(p);
    return yes;
}

/* "id score" of the top hits of `query`, in rank order. */
static void top(const char *path, const char *query, char *out, size_t cap)
{
    nx_db *db;
    assert_int_equal(nx_db_open(&db, path, NULL), NX_OK);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    nx_results *r;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    const nx_hit *h;
    size_t used = 0;
    out[0] = '\0';
    while (nx_results_next(&h, r) == NX_OK && used < cap - 64)
        used += (size_t)snprintf(out + used, cap - used, "%s %.9g %zu-%zu; ", h->article_id,
                                 h->score, h->start, h->end);
    nx_results_free(r);
    nx_db_free(db);
}

static nx_stats stats_of(const char *path)
{
    nx_db *db;
    nx_stats st;
    assert_int_equal(nx_db_open(&db, path, NULL), NX_OK);
    assert_int_equal(nx_db_stats(&st, db), NX_OK);
    nx_db_free(db);
    return st;
}

static void all_articles_are_there(const char *path)
{
    nx_db *db;
    assert_int_equal(nx_db_open(&db, path, NULL), NX_OK);
    for (size_t i = 0; i < N_IDS; i++) {
        nx_article *a = NULL;
        if (nx_db_get(&a, db, ids[i]) != NX_OK)
            fail_msg("%s: %s", ids[i], nx_error_last()->message);
        nx_free(a);
    }
    nx_db_free(db);
}

static void merged_shards_answer_like_the_shards(void **state)
{
    nxt_env *f = *state;
    char *sharded = nxt_path(f->dir, "sharded");
    build(f->dir, sharded, 2, 0);
    build(f->dir, f->path, 2, NX_INGEST_MERGE);
    assert_true(exists(sharded, "XAPIANDB"));
    assert_false(exists(f->path, "XAPIANDB")); /* one plain index, no stub, no shard folders */
    assert_false(exists(f->path, "shard-0"));
    assert_true(exists(f->path, "iamglass"));
    nx_stats a = stats_of(sharded), b = stats_of(f->path);
    assert_int_equal(a.articles, N_IDS);
    assert_int_equal(b.articles, a.articles);
    assert_int_equal(b.passages, a.passages);
    all_articles_are_there(f->path);
    const char *queries[] = {"ceasefire", "\"oil embargo\"", "actor:lavrov", "NATO Brussels"};
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        char x[2048], y[2048];
        top(sharded, queries[i], x, sizeof x);
        top(f->path, queries[i], y, sizeof y);
        assert_true(x[0] != '\0');
        assert_string_equal(y, x);
    }
    free(sharded);
}

static void the_handle_writes_on_to_the_merged_index(void **state)
{
    nxt_env *f = *state;
    build(f->dir, f->path, 2, 0);
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(nx_db_merge(w), NX_OK);
    put_one_more_and_close(w);
    assert_false(exists(f->path, "XAPIANDB"));
    assert_int_equal(stats_of(f->path).articles, N_IDS + 1);
    all_articles_are_there(f->path);
    /* Unsharded from now on: a later writer asking for shards is refused. */
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    o.shards = 2;
    nx_db *again = NULL;
    assert_int_equal(nx_db_open(&again, f->path, &o), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "unsharded"));
}

/* In a child process: a merge that cannot write its tables (a file size limit under one block)
 * fails with NX_EIO saying so, and the same handle writes on to the shards. The exit status says
 * which step failed (0: all as expected). A child, because libxapian 1.4.22 leaks the tables of
 * a compaction that throws: the child ends with _exit, before any leak check (its verdict comes
 * through a pipe: under valgrind the exit status is valgrind's). */
static int merge_under_a_size_limit(const char *path)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *w;
    if (nx_db_open(&w, path, &o) != NX_OK)
        return 1;
    struct rlimit saved, lim;
    if (getrlimit(RLIMIT_FSIZE, &saved) != 0)
        return 2;
    lim = saved;
    lim.rlim_cur = 4096; /* less than one block of a table */
    signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
        return 3;
    int rc = nx_db_merge(w);
    if (setrlimit(RLIMIT_FSIZE, &saved) != 0)
        return 4;
    if (rc != NX_EIO || !strstr(nx_error_last()->message, "File too large"))
        return 5;
    nx_article more = {"g777", "Later", "2022-04-01", "Wire", NULL, "A later ceasefire.", 0};
    if (nx_db_put(NULL, NULL, w, &more) != NX_OK || nx_db_close(w) != NX_OK)
        return 6;
    return 0;
}

/* The merged index cannot be written: the error says so, nothing is swapped, and the handle
 * writes on to the shards, which are all still there. */
static void a_failed_merge_keeps_the_shards(void **state)
{
    nxt_env *f = *state;
    build(f->dir, f->path, 2, 0);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        unsigned char verdict = (unsigned char)merge_under_a_size_limit(f->path);
        _exit(write(fds[1], &verdict, 1) == 1 ? 0 : 1);
    }
    close(fds[1]);
    unsigned char verdict = 255;
    assert_int_equal(read(fds[0], &verdict, 1), 1);
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(verdict, 0);
    assert_true(exists(f->path, "XAPIANDB"));
    assert_false(exists(f->dir, "idx.compact"));
    assert_int_equal(stats_of(f->path).articles, N_IDS + 1);
    all_articles_are_there(f->path);
}

static void merge_needs_a_writer_outside_a_batch(void **state)
{
    nxt_env *f = *state;
    build(f->dir, f->path, 2, 0);
    nx_db *r;
    assert_int_equal(nx_db_open(&r, f->path, NULL), NX_OK);
    assert_int_equal(nx_db_merge(r), NX_EINVAL);
    nx_db_free(r);
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(nx_db_begin(w), NX_OK);
    assert_int_equal(nx_db_merge(w), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "batch"));
    assert_int_equal(nx_db_cancel(w), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_true(exists(f->path, "XAPIANDB"));
}

/* An unsharded index has nothing to merge: it is compacted. */
static void merging_an_unsharded_index_compacts_it(void **state)
{
    nxt_env *f = *state;
    build(f->dir, f->path, 0, NX_INGEST_MERGE);
    assert_int_equal(stats_of(f->path).articles, N_IDS);
    all_articles_are_there(f->path);
}

/* A reader of the shards meets the merged index at its next reopen, once its results are
 * freed; until then the reopen fails and the reader still answers from what it holds. */
static void a_reader_reopens_onto_the_merged_index(void **state)
{
    nxt_env *f = *state;
    build(f->dir, f->path, 2, 0);
    nx_db *r;
    assert_int_equal(nx_db_open(&r, f->path, NULL), NX_OK);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "ceasefire";
    nx_results *live;
    assert_int_equal(nx_search(&live, r, &so), NX_OK);

    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(nx_db_merge(w), NX_OK);
    put_one_more_and_close(w);
    assert_false(exists(f->path, "shard-0"));

    assert_int_not_equal(nx_db_reopen(r), NX_OK); /* its results hold the shards */
    nx_results_free(live);
    assert_int_equal(nx_db_reopen(r), NX_OK);
    nx_stats st;
    assert_int_equal(nx_db_stats(&st, r), NX_OK);
    assert_int_equal(st.articles, N_IDS + 1);
    nx_article *a = NULL;
    assert_int_equal(nx_db_get(&a, r, "g777"), NX_OK);
    nx_free(a);
    assert_int_equal(nx_search(&live, r, &so), NX_OK);
    uint64_t n;
    assert_int_equal(nx_results_articles(&n, live), NX_OK);
    assert_int_equal(n, 4); /* a1, d4444, f66 and the merged-in g777 */
    nx_results_free(live);
    assert_int_equal(nx_db_reopen(r), NX_OK); /* and on as usual */
    nx_db_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, nxt_env_setup, nxt_env_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(merged_shards_answer_like_the_shards),   T(the_handle_writes_on_to_the_merged_index),
        T(a_failed_merge_keeps_the_shards),        T(merge_needs_a_writer_outside_a_batch),
        T(merging_an_unsharded_index_compacts_it), T(a_reader_reopens_onto_the_merged_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
