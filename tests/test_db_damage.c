/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Damaged and foreign indexes through the public API: readers (at open or at their first
 * search), writers and the checker all refuse them with the documented code and a message
 * naming the index, and nothing crashes. A write that fails loses its batch, never part of
 * it. (lib/store/db.c, lib/store/put.c and the shim's error mapping.) */
#include "testutil.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/xapian_shim.h"

enum { ARTICLES = 300 };

/* Put articles d<first> .. d<first+n-1>; stop at the first failure and return its code. */
static int put_articles(nx_db *w, int first, int n)
{
    char id[16], body[256];
    int rc = NX_OK;
    for (int i = first; rc == NX_OK && i < first + n; i++) {
        snprintf(id, sizeof id, "d%d", i);
        snprintf(body, sizeof body,
                 "Convoy %d crossed the bridge at dawn.\n\nThe ceasefire around sector %d held "
                 "while engineers %d repaired the rail line.",
                 i, i * 7, i * 13);
        nx_article a = {id, "Report", "2022-05-01", "Wire", NULL, body, 0};
        rc = nx_db_put(NULL, NULL, w, &a);
    }
    return rc;
}

/* An index of 300 articles, so that its tables span many blocks. */
static void make_index(const char *path)
{
    nx_db *w = nxt_open_writer(path, 0);
    assert_int_equal(put_articles(w, 0, ARTICLES), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
}

static void assert_message_names(const char *path)
{
    const char *msg = nx_error_last()->message;
    if (!strstr(msg, path))
        fail_msg("message does not name '%s': %s", path, msg);
}

/* A reader fails with `code` at open, or else at its first search (glass reads lazily). */
static void assert_reader_refused(const char *path, int code)
{
    nx_db *db = (nx_db *)&db;
    int rc = nx_db_open(&db, path, NULL);
    if (rc == NX_OK) {
        nx_search_opts so = NX_SEARCH_OPTS_INIT;
        so.query = "convoy OR ceasefire OR engineers";
        so.flags = NX_SEARCH_EXACT;
        nx_results *r = (nx_results *)&r;
        rc = nx_search(&r, db, &so);
        assert_null(r);
        nx_db_free(db);
    } else {
        assert_null(db);
    }
    assert_int_equal(rc, code);
    assert_message_names(path);
}

/* Put every article again (replacing reads each one's postings) and commit. */
static int rewrite_all(nx_db *w)
{
    nx_article a = {NULL, "Report", "2022-05-01", "Wire", NULL, "Rewritten.", 0};
    char id[16];
    int rc = NX_OK;
    for (int i = 0; rc == NX_OK && i < ARTICLES; i++) {
        snprintf(id, sizeof id, "d%d", i);
        a.id = id;
        rc = nx_db_put(NULL, NULL, w, &a);
    }
    return rc == NX_OK ? nx_db_commit(w) : rc;
}

/* A writer (even with NX_OPEN_CREATE) fails with `code` at open, or else when it writes. */
static void assert_writer_refused(const char *path, int code)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    nx_db *db = (nx_db *)&db;
    int rc = nx_db_open(&db, path, &o);
    if (rc == NX_OK) {
        rc = rewrite_all(db);
        nx_db_free(db);
    } else {
        assert_null(db);
    }
    assert_int_equal(rc, code);
    assert_message_names(path);
}

/* Readers, writers and the checker all say `code`, naming `path`. */
static void assert_refused(const char *path, int code)
{
    assert_reader_refused(path, code);
    assert_writer_refused(path, code);
    assert_int_equal(nx_db_check(path), code);
    assert_message_names(path);
}

static void rewrite_table(const char *dir, const char *name, bool random_bytes)
{
    char *table = nxt_path(dir, name);
    size_t len;
    char *data = nxt_read(table, &len);
    assert_non_null(data);
    assert_true(len > 16384);
    if (random_bytes) {
        srand(7);
        for (size_t i = 0; i < len; i++)
            data[i] = (char)(rand() & 0xff);
    }
    nxt_write(table, data, random_bytes ? len : len / 2);
    free(data);
    free(table);
}

static void truncated_postlist_is_ecorrupt_everywhere(void **state)
{
    nxt_env *f = *state;
    make_index(f->path);
    rewrite_table(f->path, "postlist.glass", false);
    assert_refused(f->path, NX_ECORRUPT);
}

static void postlist_of_random_bytes_is_ecorrupt_everywhere(void **state)
{
    nxt_env *f = *state;
    make_index(f->path);
    rewrite_table(f->path, "postlist.glass", true);
    assert_refused(f->path, NX_ECORRUPT);
}

static void regular_file_is_ecorrupt_everywhere(void **state)
{
    nxt_env *f = *state;
    nxt_write(f->path, "just some text\n", (size_t)-1);
    assert_refused(f->path, NX_ECORRUPT);
    char *text = nxt_read(f->path, NULL);
    assert_string_equal(text, "just some text\n"); /* left alone */
    free(text);
}

static void folder_of_other_files_is_ecorrupt_and_left_alone(void **state)
{
    nxt_env *f = *state;
    mkdir(f->path, 0700);
    char *readme = nxt_path(f->path, "notes.txt"), *version = nxt_path(f->path, "iamglass");
    nxt_write(readme, "my notes\n", (size_t)-1);
    assert_refused(f->path, NX_ECORRUPT);
    struct stat st;
    assert_int_not_equal(stat(version, &st), 0); /* no index was created among the notes */
    free(readme);
    free(version);
}

/* Creation cut short by a kill leaves only Xapian's own files: the next writer completes it. */
static void folder_left_by_a_cut_short_creation_is_reused(void **state)
{
    nxt_env *f = *state;
    mkdir(f->path, 0700);
    const char *names[] = {"flintlock", "v.tmp", "docdata.glass", "postlist.glass"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = nxt_path(f->path, names[i]);
        nxt_write(p, "", 0);
        free(p);
    }
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(
        nx_db_put(NULL, NULL, w, &(nx_article){"k1", NULL, NULL, NULL, NULL, "Body.", 0}), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    nx_db *r = NULL;
    assert_int_equal(nx_db_open(&r, f->path, NULL), NX_OK);
    nx_db_free(r);
}

/* An index missing its version file or a table is refused by writers, even those allowed to
 * create (glass would start an empty index there, and the next run would "complete" it), and
 * by readers; the message names what is missing. */
static void index_missing_a_file_is_refused_naming_it(void **state)
{
    nxt_env *f = *state;
    const char *names[] = {"iamglass", "postlist.glass", "termlist.glass", "docdata.glass",
                           "position.glass"};
    make_index(f->path);
    char *keep = nxt_path(f->dir, "whole.nx"), *cmd = malloc(2 * strlen(keep) + 64);
    sprintf(cmd, "cp -r '%s' '%s'", f->path, keep);
    assert_int_equal(system(cmd), 0);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        sprintf(cmd, "rm -rf '%s' && cp -r '%s' '%s'", f->path, keep, f->path);
        assert_int_equal(system(cmd), 0);
        char *file = nxt_path(f->path, names[i]);
        assert_int_equal(unlink(file), 0);
        assert_writer_refused(f->path, NX_ECORRUPT);
        if (!strstr(nx_error_last()->message, names[i]))
            fail_msg("writer: message does not name '%s': %s", names[i], nx_error_last()->message);
        assert_reader_refused(f->path, NX_ECORRUPT);
        assert_int_equal(nx_db_check(f->path), NX_ECORRUPT);
        if (!strstr(nx_error_last()->message, names[i]))
            fail_msg("check: message does not name '%s': %s", names[i], nx_error_last()->message);
        struct stat st;
        assert_int_not_equal(stat(file, &st), 0); /* nothing was created in its place */
        free(file);
    }
    sprintf(cmd, "rm -rf '%s'", keep);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(keep);
}

/* Add a passage whose data is passage 1's with byte `at` from its end flipped (a stored
 * article damaged where no reader of the first passage looks). */
static void add_damaged_copy_of_first_passage(const char *path, size_t at)
{
    struct nx__xdb *x;
    struct nx__xdoc *d;
    nx__buf data = NX__BUF_INIT;
    assert_int_equal(nx__xdb_open(&x, path, NX__XDB_WRITE), NX_OK);
    assert_int_equal(nx__xdb_doc_data(x, 1, &data), NX_OK);
    assert_true(data.len > at + 20);
    data.data[data.len - at] ^= 0x10;
    assert_int_equal(nx__xdoc_new(&d), NX_OK);
    assert_int_equal(nx__xdoc_posting(d, "Zconvoy", 7, 1), NX_OK);
    assert_int_equal(nx__xdoc_data(d, data.data, data.len), NX_OK);
    assert_int_equal(nx__xdb_add(x, d, NULL), NX_OK);
    nx__xdoc_free(d);
    assert_int_equal(nx__xdb_close(x), NX_OK);
    nx__buf_release(&data);
}

/* Xapian's check sees only its B-trees: a stored article whose bytes were changed passed it.
 * Our check inflates every article with its checksum. */
static void check_finds_a_damaged_stored_article(void **state)
{
    nxt_env *f = *state;
    make_index(f->path);
    assert_int_equal(nx_db_check(f->path), NX_OK);
    add_damaged_copy_of_first_passage(f->path, 8);
    assert_int_equal(nx_db_check(f->path), NX_ECORRUPT);
    assert_message_names(f->path);
    if (!strstr(nx_error_last()->message, "stored article of document 301 is damaged"))
        fail_msg("message: %s", nx_error_last()->message);
}

static uint64_t article_count(const char *path)
{
    nx_db *r = NULL;
    nx_stats st;
    assert_int_equal(nx_db_open(&r, path, NULL), NX_OK);
    assert_int_equal(nx_db_stats(&st, r), NX_OK);
    nx_db_free(r);
    return st.articles;
}

/* A repair rebuilds from the stored articles: a missing termlist and a damaged copy of a stored
 * article cost only that copy; the damaged index is kept, and never overwritten by another. */
static void repair_rebuilds_from_the_stored_articles(void **state)
{
    nxt_env *f = *state;
    nx_repair_stats st;
    assert_int_equal(nx_db_repair(NULL, f->path, NULL), NX_EINVAL);
    assert_int_equal(nx_db_repair(&st, NULL, NULL), NX_EINVAL);
    make_index(f->path);
    nx_db *r;
    nx_stats whole;
    assert_int_equal(nx_db_open(&r, f->path, NULL), NX_OK);
    assert_int_equal(nx_db_stats(&whole, r), NX_OK);
    nx_db_free(r);
    add_damaged_copy_of_first_passage(f->path, 8);
    char *termlist = nxt_path(f->path, "termlist.glass");
    char *kept = malloc(strlen(f->path) + 16);
    sprintf(kept, "%s.damaged", f->path);
    assert_int_equal(unlink(termlist), 0);
    assert_int_equal(nx_db_check(f->path), NX_ECORRUPT);

    assert_int_equal(nx_db_repair(&st, f->path, NULL), NX_OK);
    assert_int_equal(st.articles, ARTICLES);
    assert_int_equal(st.passages, whole.passages);
    assert_int_equal(st.damaged, 1);
    assert_int_equal(nx_db_check(f->path), NX_OK);
    assert_int_equal(article_count(f->path), ARTICLES);
    assert_int_equal(nx_db_check(kept), NX_ECORRUPT); /* the damaged one, kept as it was */

    assert_int_equal(unlink(termlist), 0); /* damaged again: the earlier .damaged is in the way */
    assert_int_equal(nx_db_repair(&st, f->path, NULL), NX_EINVAL);
    if (!strstr(nx_error_last()->message, "move it away first"))
        fail_msg("message: %s", nx_error_last()->message);
    assert_int_equal(st.articles, 0);
    struct stat sb;
    assert_int_not_equal(stat(termlist, &sb), 0); /* nothing changed */
    free(termlist);
    free(kept);
}

/* Kill the first child process of this one with SIGSEGV, as a damaged table makes Xapian's
 * checker crash (libxapian 1.4.22 reads out of bounds on some flipped bytes in termlist.glass;
 * which bytes depends on the build, so the crash is made here). */
static void *segv_first_child(void *arg)
{
    pid_t self = getpid();
    for (int round = 0; round < 20000 && !*(volatile int *)arg; round++) {
        DIR *proc = opendir("/proc");
        for (struct dirent *de; proc && (de = readdir(proc)) != NULL;) {
            char path[300], buf[512];
            snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
            FILE *f = de->d_name[0] >= '1' && de->d_name[0] <= '9' ? fopen(path, "r") : NULL;
            size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
            if (f)
                fclose(f);
            buf[n] = '\0';
            const char *close_paren = strrchr(buf, ')');
            int ppid = 0;
            if (close_paren && sscanf(close_paren, ") %*c %d", &ppid) == 1 && ppid == self) {
                kill((pid_t)atoi(de->d_name), SIGSEGV);
                closedir(proc);
                return NULL;
            }
        }
        if (proc)
            closedir(proc);
        nanosleep(&(struct timespec){0, 200000}, NULL);
    }
    return NULL;
}

/* The check runs in a child process: the child crashing is the index reported as damaged, not
 * the caller (newsidx-index --check) crashing with it. */
static void check_that_crashes_reports_damage(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(put_articles(w, 0, 3000), NX_OK); /* a check long enough to be caught */
    assert_int_equal(nx_db_close(w), NX_OK);
    int stop = 0;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, segv_first_child, &stop), 0);
    int rc = nx_db_check(f->path);
    stop = 1;
    pthread_join(t, NULL);
    assert_int_equal(rc, NX_ECORRUPT);
    assert_message_names(f->path);
    if (!strstr(nx_error_last()->message, "is damaged: checking it crashed (Segmentation fault)"))
        fail_msg("message: %s", nx_error_last()->message);
}

static void future_format_is_refused_by_readers_and_writers(void **state)
{
    nxt_env *f = *state;
    make_index(f->path);
    nxt_stamp_format(f->path, "99");
    assert_reader_refused(f->path, NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "is an index of format 99, newer than"));
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, f->path, &o), NX_ECORRUPT);
    assert_null(db);
    assert_message_names(f->path);
    /* Xapian's tables are sound, but this newsidx cannot check (or use) what they hold */
    assert_int_equal(nx_db_check(f->path), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "is an index of format 99, newer than"));
}

/* The largest table file of the index at `dir`: a file size limit at it fails every growth. */
static rlim_t largest_table(const char *dir)
{
    const char *tables[] = {"postlist.glass", "docdata.glass", "termlist.glass", "position.glass"};
    rlim_t most = 0;
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        char *p = nxt_path(dir, tables[i]);
        struct stat st;
        if (stat(p, &st) == 0 && (rlim_t)st.st_size > most)
            most = (rlim_t)st.st_size;
        free(p);
    }
    return most;
}

/*
 * A write that fails (a file size limit stands in for a full disk: EFBIG for ENOSPC) drops
 * the whole batch: readers keep the last commit, the next commit publishes nothing of the
 * batch and says so, and the writer goes on once there is room.
 */
static void failed_write_drops_the_batch_and_the_next_commit_says_so(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0); /* 2000 articles a batch: no commit below */
    assert_int_equal(put_articles(w, 0, 50), NX_OK);
    assert_int_equal(nx_db_commit(w), NX_OK);
    struct rlimit saved, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    lim = saved;
    lim.rlim_cur = largest_table(f->path);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = put_articles(w, 50, 1900); /* some 400 KiB of stored text alone */
    bool failed_in_put = rc != NX_OK;
    if (!failed_in_put)
        rc = nx_db_commit(w);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(rc, NX_EIO);
    assert_message_names(f->path);
    assert_non_null(strstr(nx_error_last()->message, "(File too large)"));
    if (failed_in_put) {
        assert_int_equal(nx_db_commit(w), NX_EIO);
        assert_non_null(strstr(nx_error_last()->message, "nothing since the last commit"));
    }
    assert_int_equal(nx_db_commit(w), NX_OK);
    assert_int_equal(article_count(f->path), 50); /* the last commit, nothing of the batch */
    assert_int_equal(nx_db_check(f->path), NX_OK);
    assert_int_equal(put_articles(w, 50, 10), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(article_count(f->path), 60);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, nxt_env_setup, nxt_env_teardown)
    const struct CMUnitTest tests[] = {
        T(truncated_postlist_is_ecorrupt_everywhere),
        T(postlist_of_random_bytes_is_ecorrupt_everywhere),
        T(regular_file_is_ecorrupt_everywhere),
        T(folder_of_other_files_is_ecorrupt_and_left_alone),
        T(folder_left_by_a_cut_short_creation_is_reused),
        T(index_missing_a_file_is_refused_naming_it),
        T(check_finds_a_damaged_stored_article),
        T(check_that_crashes_reports_damage),
        T(repair_rebuilds_from_the_stored_articles),
        T(future_format_is_refused_by_readers_and_writers),
        T(failed_write_drops_the_batch_and_the_next_commit_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
