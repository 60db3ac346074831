/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One writer thread commits batches while reader threads search; a second writer process is
 * locked out. Also run under ThreadSanitizer in CI (scripts/test-all.sh). */
#include "testutil.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "newsidx.h"
#include "store/put.h"

/* argv[0]: how a child process runs this program again (under valgrind, /proc/self/exe would
 * be valgrind itself). */
static const char *self_path;

enum { BATCHES = 8, PER_BATCH = 5, READERS = 3 };

struct shared {
    const char *path;
    volatile int done; /* written by the writer thread, read by readers (atomic access below) */
    int reader_errors;
    int half_batches;
    int saw_growth;
};

static void *writer(void *arg)
{
    struct shared *s = arg;
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *db;
    if (nx_db_open(&db, s->path, &o) != NX_OK)
        return (void *)1;
    char id[32], body[160];
    for (int b = 0; b < BATCHES; b++) {
        if (nx_db_begin(db) != NX_OK)
            return (void *)2;
        for (int i = 0; i < PER_BATCH; i++) {
            snprintf(id, sizeof id, "w%d-%d", b, i);
            snprintf(body, sizeof body,
                     "Dispatch %d.%d: the ceasefire talks continued in the capital.", b, i);
            nx_article a = {id, "Dispatch", "2022-03-01", "Wire", NULL, body, 0};
            if (nx_db_put(NULL, NULL, db, &a) != NX_OK)
                return (void *)3;
        }
        if (nx_db_commit(db) != NX_OK)
            return (void *)4;
        nxt_sleep_ms(20);
    }
    __atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
    return nx_db_close(db) == NX_OK ? NULL : (void *)5;
}

static void *reader(void *arg)
{
    struct shared *s = arg;
    nx_db *db;
    if (nx_db_open(&db, s->path, NULL) != NX_OK) {
        __atomic_add_fetch(&s->reader_errors, 1, __ATOMIC_RELAXED);
        return NULL;
    }
    uint64_t last = 0;
    for (;;) {
        int finished = __atomic_load_n(&s->done, __ATOMIC_ACQUIRE);
        nx_search_opts so = NX_SEARCH_OPTS_INIT;
        so.query = "ceasefire";
        so.flags = NX_SEARCH_EXACT;
        nx_results *r;
        int rc = nx_search(&r, db, &so);
        if (rc == NX_OK) {
            uint64_t n = 0;
            if (nx_results_articles(&n, r) != NX_OK)
                __atomic_add_fetch(&s->reader_errors, 1, __ATOMIC_RELAXED);
            const nx_hit *h;
            while (nx_results_next(&h, r) == NX_OK)
                ;
            nx_results_free(r);
            if (n % PER_BATCH)
                __atomic_add_fetch(&s->half_batches, 1, __ATOMIC_RELAXED);
            if (n > last)
                __atomic_store_n(&s->saw_growth, 1, __ATOMIC_RELAXED);
            last = n;
        } else {
            __atomic_add_fetch(&s->reader_errors, 1, __ATOMIC_RELAXED);
        }
        if (finished)
            break;
        if (nx_db_reopen(db) != NX_OK)
            __atomic_add_fetch(&s->reader_errors, 1, __ATOMIC_RELAXED);
    }
    if (nx_db_reopen(db) == NX_OK) { /* after the writer: everything is visible */
        nx_search_opts so = NX_SEARCH_OPTS_INIT;
        so.query = "ceasefire";
        so.flags = NX_SEARCH_EXACT;
        nx_results *r = NULL;
        uint64_t n = 0;
        if (nx_search(&r, db, &so) != NX_OK || nx_results_articles(&n, r) != NX_OK ||
            n != BATCHES * PER_BATCH)
            __atomic_add_fetch(&s->reader_errors, 1, __ATOMIC_RELAXED);
        nx_results_free(r);
    }
    nx_db_free(db);
    return NULL;
}

static void readers_never_see_half_a_batch(void **state)
{
    (void)state;
    char *dir = nxt_tmpdir(), *path = nxt_path(dir, "idx");
    nx_db *db = nxt_open_writer(path, 0);
    assert_int_equal(nx_db_close(db), NX_OK);
    struct shared s = {path, 0, 0, 0, 0};
    pthread_t w, r[READERS];
    for (int i = 0; i < READERS; i++)
        assert_int_equal(pthread_create(&r[i], NULL, reader, &s), 0);
    assert_int_equal(pthread_create(&w, NULL, writer, &s), 0);
    void *wres;
    assert_int_equal(pthread_join(w, &wres), 0);
    for (int i = 0; i < READERS; i++)
        assert_int_equal(pthread_join(r[i], NULL), 0);
    assert_null(wres);
    assert_int_equal(s.reader_errors, 0);
    assert_int_equal(s.half_batches, 0);
    assert_int_equal(s.saw_growth, 1);
    nxt_rmtree(dir);
    free(dir);
    free(path);
}

static void second_writer_process_is_locked_out(void **state)
{
    (void)state;
    char *dir = nxt_tmpdir(), *path = nxt_path(dir, "idx");
    nx_db *db = nxt_open_writer(path, 0);
    /* The second writer is a fresh process (exec, not just fork): nothing of this one's
     * memory or Xapian handles goes with it. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl(self_path, "test_concurrency", "--try-writer", path, (char *)NULL);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(nx_db_close(db), NX_OK);
    nxt_rmtree(dir);
    free(dir);
    free(path);
}

enum { OVERWRITE_ARTICLES = 2000, OVERWRITE_ROUNDS = 4 };

/* Round `round` of articles o0..o1999, each mentioning "roundN" so that rounds differ. */
static void put_round(nx_db *w, int round)
{
    char id[32], body[200];
    for (int i = 0; i < OVERWRITE_ARTICLES; i++) {
        snprintf(id, sizeof id, "o%d", i);
        snprintf(body, sizeof body,
                 "Convoy %d reached the port in round%d after the ceasefire held overnight.", i,
                 round);
        nx_article a = {id, "Convoy", "2022-04-01", "Wire", NULL, body, 0};
        assert_int_equal(nx_db_put(NULL, NULL, w, &a), NX_OK);
    }
    assert_int_equal(nx_db_commit(w), NX_OK);
}

/*
 * Glass reuses the blocks of revisions no writer needs, so a reader left on an old revision
 * while a writer replaces everything several times finds its snapshot overwritten (Xapian's
 * DatabaseModifiedError). nx_search, nx_db_get and nx_db_stats reopen and read again by
 * themselves; the read under nx_db_get, which does not, shows that the snapshot was gone.
 */
static void search_on_an_overwritten_snapshot_reopens_and_succeeds(void **state)
{
    (void)state;
    char *dir = nxt_tmpdir(), *path = nxt_path(dir, "idx");
    nx_db *w = nxt_open_writer(path, 0), *r, *probe;
    put_round(w, 0);
    assert_int_equal(nx_db_open(&r, path, NULL), NX_OK);
    assert_int_equal(nx_db_open(&probe, path, NULL), NX_OK);
    for (int round = 1; round <= OVERWRITE_ROUNDS; round++)
        put_round(w, round);
    nx_article *got = (nx_article *)&got;
    nx_stats st;
    assert_int_equal(nx__put_article_load(probe, "o1500", SIZE_MAX, &got), NX_EMODIFIED);
    assert_null(got);
    assert_int_equal(nx_db_get(&got, probe, "o1500"), NX_OK); /* read again, on the latest */
    assert_non_null(strstr(got->body, "round4"));
    nx_free(got);
    nx_db_free(probe);
    assert_int_equal(nx_db_open(&probe, path, NULL), NX_OK);
    for (int round = 5; round <= 4 + OVERWRITE_ROUNDS; round++)
        put_round(w, round);
    assert_int_equal(nx_db_stats(&st, probe), NX_OK);
    assert_int_equal(st.articles, OVERWRITE_ARTICLES);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "round8 convoy";
    so.flags = NX_SEARCH_EXACT;
    nx_results *res = NULL;
    assert_int_equal(nx_search(&res, r, &so), NX_OK);
    assert_int_equal(nxt_articles(res), OVERWRITE_ARTICLES); /* the latest revision */
    const nx_hit *hit;
    assert_int_equal(nx_results_next(&hit, res), NX_OK);
    assert_non_null(strstr(hit->body, "round8"));
    nx_results_free(res);
    nx_db_free(probe);
    nx_db_free(r);
    assert_int_equal(nx_db_close(w), NX_OK);
    nxt_rmtree(dir);
    free(dir);
    free(path);
}

/*
 * The counts are made on first use, by a match of their own on the snapshot the search ran on:
 * when writers overwrite that snapshot in between, the search runs again on the latest
 * revision, and the counts and the page are that revision's.
 */
static void counting_on_an_overwritten_snapshot_searches_again(void **state)
{
    (void)state;
    char *dir = nxt_tmpdir(), *path = nxt_path(dir, "idx");
    nx_db *w = nxt_open_writer(path, 0), *r;
    put_round(w, 0);
    assert_int_equal(nx_db_open(&r, path, NULL), NX_OK);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "round0 convoy";
    so.flags = NX_SEARCH_EXACT;
    nx_results *res = NULL;
    assert_int_equal(nx_search(&res, r, &so), NX_OK);
    for (int round = 1; round <= OVERWRITE_ROUNDS; round++)
        put_round(w, round);
    uint64_t n = 0;
    assert_int_equal(nx_results_passages(&n, res), NX_OK);
    assert_int_equal(n, OVERWRITE_ARTICLES);
    n = 0;
    assert_int_equal(nx_results_articles(&n, res), NX_OK);
    assert_int_equal(n, OVERWRITE_ARTICLES);
    const nx_hit *hit;
    assert_int_equal(nx_results_next(&hit, res), NX_OK);
    assert_non_null(strstr(hit->body, "round4")); /* the page of the latest revision */
    nx_results_free(res);
    nx_db_free(r);
    assert_int_equal(nx_db_close(w), NX_OK);
    nxt_rmtree(dir);
    free(dir);
    free(path);
}

/*
 * Facet names are borrowed until nx_results_free(), also when a writer's commits make the
 * search run again on a newer revision (the match they came from is kept until then: under
 * ASan a use after free otherwise).
 */
static void facet_names_outlive_a_search_run_again(void **state)
{
    (void)state;
    char *dir = nxt_tmpdir(), *path = nxt_path(dir, "idx");
    nx_db *w = nxt_open_writer(path, 0), *r;
    put_round(w, 0);
    assert_int_equal(nx_db_open(&r, path, NULL), NX_OK);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "convoy";
    so.flags = NX_SEARCH_FACETS;
    nx_results *res = NULL;
    assert_int_equal(nx_search(&res, r, &so), NX_OK);
    const char *name = NULL;
    uint64_t count = 0;
    assert_int_equal(nx_results_facet(&name, &count, res, NX_FACET_SOURCE, 0), NX_OK);
    assert_string_equal(name, "Wire");
    assert_int_equal(count, OVERWRITE_ARTICLES);
    for (int round = 1; round <= OVERWRITE_ROUNDS; round++)
        put_round(w, round);
    const nx_hit *hit;
    assert_int_equal(nx_results_next(&hit, res), NX_OK); /* searched again */
    assert_non_null(strstr(hit->body, "round4"));
    assert_string_equal(name, "Wire");
    nx_results_free(res);
    nx_db_free(r);
    assert_int_equal(nx_db_close(w), NX_OK);
    nxt_rmtree(dir);
    free(dir);
    free(path);
}

/*
 * Readers under a writer in another process (issue 25, defect 7): reader threads of this
 * process and a searcher process search, page through the hits and count, while a writer
 * process replaces articles and commits every few, so that glass reuses the blocks of the
 * snapshots the readers are on. No search, hit or count may fail: a snapshot a writer
 * overwrote is reopened and searched again by the library. NX_STRESS_SEARCHES sets the
 * total searches (by hand: 100000); ctest runs 10000. A search outrun by two commits is tried
 * again at least 20 times and for 10 s (store/reread.h): under the sanitizers a search is ten
 * times slower than a commit of 3 articles, so there the writer pauses after each commit
 * (NX_STRESS_WRITER_PAUSE_MS).
 */
enum { STRESS_ARTICLES = 300, STRESS_PER_COMMIT = 3, STRESS_THREADS = 3 };

static void stress_article(nx_article *a, char *id, size_t idlen, char *body, size_t bodylen,
                           int i, int round)
{
    snprintf(id, idlen, "s%d", i);
    snprintf(body, bodylen,
             "Convoy %d of round %d reached the port after the ceasefire talks held overnight.\n\n"
             "Officials said the humanitarian corridor %d would stay open for grain and fuel "
             "shipments in round%d, and the port authority counted %d trucks.\n\n"
             "Ceasefire monitors reported shelling near the corridor late on day %d.",
             i, round, i % 17, round, i * 3 + round, round % 31);
    nx_article t = {id, "Convoy", "2022-04-01", round % 2 ? "Wire" : "Agency", NULL, body, 0};
    *a = t;
}

/* Child mode: replace articles round after round, committing every STRESS_PER_COMMIT, until
 * the file `stop` exists. Exit 0 when every write succeeded. */
static int stress_writer(const char *path, const char *stop)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *w;
    if (nx_db_open(&w, path, &o) != NX_OK)
        return 1;
    char id[32], body[600];
    const char *pause = getenv("NX_STRESS_WRITER_PAUSE_MS");
    long pause_ms = pause ? atol(pause) : 0;
    unsigned long commits = 0;
    for (int round = 1; access(stop, F_OK) != 0; round++) {
        for (int i = 0; i < STRESS_ARTICLES; i++) {
            nx_article a;
            stress_article(&a, id, sizeof id, body, sizeof body, i, round);
            if (nx_db_put(NULL, NULL, w, &a) != NX_OK)
                return 2;
            if (i % STRESS_PER_COMMIT == STRESS_PER_COMMIT - 1) {
                if (nx_db_commit(w) != NX_OK)
                    return 3;
                commits++;
                if (pause_ms > 0)
                    nxt_sleep_ms(pause_ms);
            }
            if (i % 30 == 0 && access(stop, F_OK) == 0)
                break;
        }
    }
    if (nx_db_close(w) != NX_OK)
        return 4;
    /* How many commits the readers met: the test fails if the writer did not really write. */
    char *done = malloc(strlen(stop) + 9);
    if (!done)
        return 5;
    sprintf(done, "%s.commits", stop);
    FILE *fp = fopen(done, "w");
    free(done);
    if (!fp || fprintf(fp, "%lu\n", commits) < 0 || fclose(fp) != 0)
        return 5;
    return 0;
}

static const char *const stress_queries[] = {
    "ceasefire", "\"humanitarian corridor\"", "convoy NEAR/5 port", "grain OR fuel",
    "round", "shelling corridor", "trucks -grain",
};

static int stress_reported; /* failures printed (the first 5 are) */

/* One search as a program does it: run, count, page through every hit and its snippet, read
 * the facets. Returns the number of failed calls (the first message goes to stderr). */
static int stress_search(nx_db *db, unsigned int n)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = stress_queries[n % (sizeof stress_queries / sizeof *stress_queries)];
    so.limit = 20;
    so.flags = (n % 3 == 0 ? NX_SEARCH_EXACT : 0) | (n % 4 == 0 ? NX_SEARCH_FACETS : 0);
    nx_results *r = NULL;
    const char *call = "nx_search";
    int rc = nx_search(&r, db, &so), failed = 0;
    uint64_t count = 0;
    if (rc == NX_OK && (call = "nx_results_articles"))
        rc = nx_results_articles(&count, r);
    const nx_hit *h;
    while (rc == NX_OK && (call = "nx_results_next") && (rc = nx_results_next(&h, r)) == NX_OK) {
        char *snip = NULL;
        call = "nx_snippet";
        rc = nx_snippet(&snip, h, NULL);
        nx_free(snip);
    }
    if (rc == NX_DONE && (so.flags & NX_SEARCH_FACETS) &&
        nx_results_facet_count(r, NX_FACET_SOURCE) > 0) {
        const char *name;
        uint64_t c;
        call = "nx_results_facet";
        rc = nx_results_facet(&name, &c, r, NX_FACET_SOURCE, 0);
    }
    if (rc >= 0 && n % 5 == 0) { /* an article and the counts, as a page of results shows */
        char id[32];
        snprintf(id, sizeof id, "s%u", n % STRESS_ARTICLES);
        nx_article *a = NULL;
        call = "nx_db_get";
        rc = nx_db_get(&a, db, id);
        nx_free(a);
        nx_stats st;
        if (rc == NX_OK && (call = "nx_db_stats"))
            rc = nx_db_stats(&st, db);
    }
    if (rc < 0) {
        failed = 1;
        if (__atomic_add_fetch(&stress_reported, 1, __ATOMIC_RELAXED) <= 5)
            fprintf(stderr, "search '%s': %s failed: %s: %s\n", so.query, call, nx_strerror(rc),
                nx_error_last()->message);
    }
    nx_results_free(r);
    return failed;
}

/* `n` searches on one handle, reopening it (to see the writer's commits) every 7th. */
static int stress_reader(const char *path, unsigned int n)
{
    nx_db *db;
    if (nx_db_open(&db, path, NULL) != NX_OK)
        return (int)n;
    int failed = 0;
    for (unsigned int i = 0; i < n; i++) {
        failed += stress_search(db, i);
        if (i % 7 == 6 && nx_db_reopen(db) != NX_OK)
            failed++;
    }
    nx_db_free(db);
    return failed;
}

struct stress_thread {
    const char *path;
    unsigned int searches;
    int failed;
};

static void *stress_thread_main(void *arg)
{
    struct stress_thread *t = arg;
    t->failed = stress_reader(t->path, t->searches);
    return NULL;
}

static pid_t spawn(const char *mode, const char *a1, const char *a2)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl(self_path, "test_concurrency", mode, a1, a2, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static int exit_code(pid_t pid)
{
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void readers_never_fail_while_a_writer_process_commits(void **state)
{
    (void)state;
    const char *env = getenv("NX_STRESS_SEARCHES");
    unsigned int total = env && atoi(env) > 0 ? (unsigned int)atoi(env) : 10000;
    char *dir = nxt_tmpdir(), *path = nxt_path(dir, "idx"), *stop = nxt_path(dir, "stop");
    nx_db *w = nxt_open_writer(path, 0);
    char id[32], body[600], count[32];
    for (int i = 0; i < STRESS_ARTICLES; i++) {
        nx_article a;
        stress_article(&a, id, sizeof id, body, sizeof body, i, 0);
        assert_int_equal(nx_db_put(NULL, NULL, w, &a), NX_OK);
    }
    assert_int_equal(nx_db_close(w), NX_OK);

    pid_t writer_pid = spawn("--stress-writer", path, stop);
    unsigned int per = total / (STRESS_THREADS + 1);
    snprintf(count, sizeof count, "%u", per);
    pid_t searcher_pid = spawn("--stress-reader", path, count);
    struct stress_thread t[STRESS_THREADS];
    pthread_t tid[STRESS_THREADS];
    for (int i = 0; i < STRESS_THREADS; i++) {
        t[i] = (struct stress_thread){path, per, 0};
        assert_int_equal(pthread_create(&tid[i], NULL, stress_thread_main, &t[i]), 0);
    }
    int failed = 0;
    for (int i = 0; i < STRESS_THREADS; i++) {
        assert_int_equal(pthread_join(tid[i], NULL), 0);
        failed += t[i].failed;
    }
    int searcher = exit_code(searcher_pid);
    nxt_write(stop, "", 0);
    int writer_rc = exit_code(writer_pid);
    char *done = nxt_path(dir, "stop.commits");
    unsigned long commits = 0;
    FILE *fp = fopen(done, "r");
    if (!fp || fscanf(fp, "%lu", &commits) != 1)
        commits = 0;
    if (fp)
        fclose(fp);
    free(done);
    fprintf(stderr,
            "%u searches on %d threads and a process while the writer committed %lu times: "
            "%d failed in threads, searcher process exit %d\n",
            per * (STRESS_THREADS + 1), STRESS_THREADS, commits, failed, searcher);
    assert_int_equal(writer_rc, 0);
    assert_true(commits >= 3); /* the readers did meet commits */
    assert_int_equal(failed, 0);
    assert_int_equal(searcher, 0);
    nxt_rmtree(dir);
    free(stop);
    free(dir);
    free(path);
}

/* Child mode: open `path` for writing and exit 0 if that fails with NX_ELOCKED. */
static int try_writer(const char *path)
{
    nx_open_opts c = NX_OPEN_OPTS_INIT;
    c.flags = NX_OPEN_WRITE;
    nx_db *other = NULL;
    int rc = nx_db_open(&other, path, &c);
    int ok = rc == NX_ELOCKED && strstr(nx_error_last()->message, "locked") != NULL;
    nx_db_free(other);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    if (argc == 3 && strcmp(argv[1], "--try-writer") == 0)
        return try_writer(argv[2]);
    if (argc == 4 && strcmp(argv[1], "--stress-writer") == 0)
        return stress_writer(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "--stress-reader") == 0) /* exit: failures, at most 100 */
        return stress_reader(argv[2], (unsigned int)atoi(argv[3])) > 0 ? 1 : 0;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(readers_never_see_half_a_batch),
        cmocka_unit_test(second_writer_process_is_locked_out),
        cmocka_unit_test(search_on_an_overwritten_snapshot_reopens_and_succeeds),
        cmocka_unit_test(counting_on_an_overwritten_snapshot_searches_again),
        cmocka_unit_test(facet_names_outlive_a_search_run_again),
        cmocka_unit_test(readers_never_fail_while_a_writer_process_commits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
