/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The C binding over Xapian: every catch path that a test can trigger (damaged, missing and
 * locked indexes, misuse) comes back as the documented code with a message, never a crash. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newsidx.h"
#include "store/xapian_shim.h"

struct fixture {
    char *dir;
    char *path; /* dir/db, not created by setup */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = nxt_tmpdir();
    f->path = nxt_path(f->dir, "db");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    nxt_rmtree(f->dir);
    free(f->path);
    free(f->dir);
    free(f);
    return 0;
}

/* Add documents first..first+n-1: words "w<k>" with positions, and the boolean term "Q<k>". */
static void add_docs(struct nx__xdb *w, unsigned int first, unsigned int n, unsigned int words)
{
    for (unsigned int k = first; k < first + n; k++) {
        struct nx__xdoc *doc = NULL;
        char t[32];
        assert_int_equal(nx__xdoc_new(&doc), NX_OK);
        for (unsigned int j = 0; j < words; j++) {
            int len = snprintf(t, sizeof t, "w%u", (k * 7 + j) % 500);
            assert_int_equal(nx__xdoc_posting(doc, t, (size_t)len, j + 1), NX_OK);
        }
        int len = snprintf(t, sizeof t, "Q%u", k);
        assert_int_equal(nx__xdoc_boolean(doc, t, (size_t)len), NX_OK);
        assert_int_equal(nx__xdb_add(w, doc, NULL), NX_OK);
        nx__xdoc_free(doc);
    }
}

/* A committed, closed index of `n` documents at `path`. */
static void make_index(const char *path, unsigned int n, unsigned int words)
{
    struct nx__xdb *w = NULL;
    assert_int_equal(nx__xdb_open(&w, path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    add_docs(w, 1, n, words);
    assert_int_equal(nx__xdb_close(w), NX_OK);
}

static void truncate_to_half(const char *dir, const char *name)
{
    char *file = nxt_path(dir, name);
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    assert_int_equal(truncate(file, st.st_size / 2), 0);
    free(file);
}

static bool message_has(const char *text)
{
    return strstr(nx_error_last()->message, text) != NULL;
}

/* The message of an open names the path first: "'PATH': Type: msg". */
static void assert_names_path(const char *path, const char *type)
{
    char want[4096];
    snprintf(want, sizeof want, "'%s': %s: ", path, type);
    assert_memory_equal(nx_error_last()->message, want, strlen(want));
}

/* The message is exactly "'path'" and `rest`. */
static void assert_message_is(const char *path, const char *rest)
{
    char want[4096];
    snprintf(want, sizeof want, "'%s'%s", path, rest);
    assert_string_equal(nx_error_last()->message, want);
}

/* ---- opening ---- */

static void missing_directory_is_enotfound(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = (struct nx__xdb *)&db; /* poisoned: must come back NULL */
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_READ), NX_ENOTFOUND);
    assert_null(db);
    assert_int_equal(nx_error_last()->code, NX_ENOTFOUND);
    assert_message_is(f->path, " does not exist");
}

static void empty_directory_is_enotfound(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = NULL;
    assert_int_equal(mkdir(f->path, 0700), 0);
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_READ), NX_ENOTFOUND);
    assert_null(db);
    assert_message_is(f->path, " holds no index");
    /* A writer that may not create says the same (Xapian words it differently there). */
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_WRITE), NX_ENOTFOUND);
    assert_message_is(f->path, " holds no index");
    assert_int_equal(rmdir(f->path), 0); /* still empty: no lock file was left behind */
}

static void directory_of_unrelated_files_is_ecorrupt(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = NULL;
    char *notes = nxt_path(f->dir, "notes.txt");
    nxt_write(notes, "shopping list\n", (size_t)-1);
    assert_int_equal(nx__xdb_open(&db, f->dir, NX__XDB_READ), NX_ECORRUPT);
    assert_null(db);
    assert_names_path(f->dir, "DatabaseNotFoundError");
    free(notes);
}

static void garbage_glass_files_are_ecorrupt(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = NULL;
    assert_int_equal(mkdir(f->path, 0700), 0);
    char *version = nxt_path(f->path, "iamglass"), *table = nxt_path(f->path, "postlist.glass");
    nxt_write(version, "not a version file", (size_t)-1);
    nxt_write(table, "not a table either", (size_t)-1);
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_READ), NX_ECORRUPT);
    assert_null(db);
    assert_names_path(f->path, "DatabaseCorruptError");
    free(version);
    free(table);
}

static void regular_file_that_is_no_stub_is_ecorrupt(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = NULL;
    nxt_write(f->path, "these are not the shards you are looking for\n", (size_t)-1);
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_READ), NX_ECORRUPT);
    assert_null(db);
    assert_names_path(f->path, "DatabaseOpeningError");
}

static void unknown_format_version_is_ecorrupt(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = NULL;
    make_index(f->path, 3, 4);
    char *version = nxt_path(f->path, "iamglass");
    size_t len = 0;
    char *bytes = nxt_read(version, &len);
    assert_non_null(bytes);
    assert_true(len > 16);
    bytes[14] = bytes[15] = 0; /* the format version follows the 14-byte magic */
    nxt_write(version, bytes, len);
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_READ), NX_ECORRUPT);
    assert_null(db);
    assert_names_path(f->path, "DatabaseVersionError");
    free(bytes);
    free(version);
}

static void unreachable_remote_shard_is_eio(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *db = NULL;
    nxt_write(f->path, "remote 127.0.0.1:1\n", (size_t)-1); /* nothing listens on port 1 */
    assert_int_equal(nx__xdb_open(&db, f->path, NX__XDB_READ), NX_EIO);
    assert_null(db);
    assert_names_path(f->path, "NetworkError");
}

static void second_writer_gets_elocked(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL, *again = (struct nx__xdb *)&again;
    assert_int_equal(nx__xdb_open(&w, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    assert_int_equal(nx__xdb_open(&again, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_ELOCKED);
    assert_null(again);
    assert_true(message_has("DatabaseLockError"));
    assert_names_path(f->path, "DatabaseLockError");
    nx__xdb_free(w);
    assert_int_equal(nx__xdb_open(&again, f->path, NX__XDB_WRITE), NX_OK); /* lock released */
    nx__xdb_free(again);
}

static void reader_opens_an_index_never_committed(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL, *r = NULL;
    struct nx__xstats st = {9, 9, 9, 9};
    assert_int_equal(nx__xdb_open(&w, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    add_docs(w, 1, 2, 3);
    assert_int_equal(nx__xdb_open(&r, f->path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xdb_stats(r, &st), NX_OK);
    assert_int_equal(st.doccount, 0);
    nx__xdb_free(r);
    nx__xdb_free(w);
}

static void writer_without_create_on_missing_path_is_enotfound(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL;
    assert_int_equal(nx__xdb_open(&w, f->path, NX__XDB_WRITE), NX_ENOTFOUND);
    assert_null(w);
}

static void writer_under_a_missing_parent_is_eio(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL;
    char *deep = nxt_path(f->path, "no/such/db");
    assert_int_equal(nx__xdb_open(&w, deep, NX__XDB_WRITE | NX__XDB_CREATE), NX_EIO);
    assert_null(w);
    assert_names_path(deep, "DatabaseCreateError");
    free(deep);
}

static void unknown_open_flags_are_einval(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL;
    assert_int_equal(nx__xdb_open(&w, f->path, 1u << 7), NX_EINVAL);
    assert_null(w);
}

/* Ten hits by BM25 with Xapian's defaults, no collapsing or sorting. */
static struct nx__xsearch search_opts(unsigned int check_at_least)
{
    struct nx__xsearch s = {.limit = 10, .collapse_slot = -1, .collapse_max = 1, .sort_slot = -1,
                            .k1 = 1.2, .k3 = 1, .b = 0.75, .min_normlen = 0.5,
                            .check_at_least = check_at_least};
    return s;
}

/* ---- damage found later ---- */

static void truncated_table_fails_search_without_crashing(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *r = NULL;
    struct nx__xq *q = NULL;
    struct nx__xmset *m = (struct nx__xmset *)&m;
    struct nx__xsearch s = search_opts(3000);
    make_index(f->path, 2000, 20);
    truncate_to_half(f->path, "postlist.glass");
    /* the root blocks still read; the first leaf past the cut does not. A DatabaseError with
     * no system error behind it is damage, not I/O. */
    assert_int_equal(nx__xdb_open(&r, f->path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xq_term(&q, "w5", 2, 1, 0), NX_OK);
    assert_int_equal(nx__xmset_search(&m, r, q, &s), NX_ECORRUPT);
    assert_null(m);
    assert_true(message_has("DatabaseError: "));
    assert_names_path(f->path, "DatabaseError");
    nx__xq_free(q);
    nx__xdb_free(r);
}

/* Glass reuses the blocks of revisions no writer needs; a reader still on one finds out when
 * it next reads a block that has been overwritten (three commits later, in 1.4.22). */
static void reader_left_behind_by_commits_gets_emodified(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL, *r = NULL;
    uint64_t tf = 99;
    assert_int_equal(nx__xdb_open(&w, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    add_docs(w, 1, 3000, 2);
    assert_int_equal(nx__xdb_commit(w), NX_OK);
    assert_int_equal(nx__xdb_open(&r, f->path, NX__XDB_READ), NX_OK);
    for (unsigned int round = 1; round <= 3; round++) { /* replace every document */
        for (unsigned int k = 1; k <= 3000; k++) {
            char t[32];
            int len = snprintf(t, sizeof t, "Q%u", k + (round - 1) * 3000);
            assert_int_equal(nx__xdb_delete_term(w, t, (size_t)len), NX_OK);
        }
        add_docs(w, 1 + round * 3000, 3000, 3);
        assert_int_equal(nx__xdb_commit(w), NX_OK);
    }
    assert_int_equal(nx__xdb_termfreq(r, "Q1500", 5, &tf), NX_EMODIFIED);
    assert_int_equal(tf, 0);
    assert_true(message_has("DatabaseModifiedError: "));
    assert_int_equal(nx__xdb_reopen(r), NX_OK);
    assert_int_equal(nx__xdb_termfreq(r, "Q1500", 5, &tf), NX_OK);
    assert_int_equal(tf, 0);
    nx__xdb_free(r);
    nx__xdb_free(w);
}

/* ---- check and compact ---- */

static void check_passes_a_good_index(void **state)
{
    struct fixture *f = *state;
    nx__buf report = NX__BUF_INIT;
    make_index(f->path, 20, 5);
    assert_int_equal(nx__xdb_check(f->path, &report), NX_OK);
    assert_non_null(strstr(report.data, "postlist table structure checked OK"));
    nx__buf_release(&report);
}

static void check_of_a_truncated_table_is_ecorrupt(void **state)
{
    struct fixture *f = *state;
    nx__buf report = NX__BUF_INIT;
    make_index(f->path, 2000, 20);
    truncate_to_half(f->path, "postlist.glass");
    assert_int_equal(nx__xdb_check(f->path, &report), NX_ECORRUPT);
    assert_names_path(f->path, "DatabaseError");
    assert_non_null(strstr(report.data, "termlist table structure checked OK"));
    nx__buf_release(&report);
}

/* Two indexes alike but for one document length: swapping a table makes them disagree, which
 * the checker counts as errors instead of throwing. */
static void check_names_the_first_problem_in_the_report(void **state)
{
    struct fixture *f = *state;
    char *other = nxt_path(f->dir, "other");
    struct nx__xdb *w = NULL;
    struct nx__xdoc *doc = NULL;
    const char *paths[2] = {f->path, other};
    for (unsigned int i = 0; i < 2; i++) {
        assert_int_equal(nx__xdb_open(&w, paths[i], NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
        assert_int_equal(nx__xdoc_new(&doc), NX_OK);
        assert_int_equal(nx__xdoc_term(doc, "truce", 5, i + 1), NX_OK);
        assert_int_equal(nx__xdb_add(w, doc, NULL), NX_OK);
        nx__xdoc_free(doc);
        assert_int_equal(nx__xdb_close(w), NX_OK);
    }
    char *from = nxt_path(other, "termlist.glass"), *to = nxt_path(f->path, "termlist.glass");
    size_t len = 0;
    char *bytes = nxt_read(from, &len);
    assert_non_null(bytes);
    nxt_write(to, bytes, len);
    nx__buf report = NX__BUF_INIT;
    char want[4096];
    snprintf(want, sizeof want, "'%s': termlist: doclen 2 > upper bound 1", f->path);
    assert_int_equal(nx__xdb_check(f->path, &report), NX_ECORRUPT);
    assert_string_equal(nx_error_last()->message, want);
    assert_non_null(strstr(report.data, "postlist table errors found: 1"));
    nx__buf_release(&report);
    free(bytes);
    free(from);
    free(to);
    free(other);
}

static void check_of_a_missing_index_is_enotfound(void **state)
{
    struct fixture *f = *state;
    nx__buf report = NX__BUF_INIT;
    assert_int_equal(nx__xdb_check(f->path, &report), NX_ENOTFOUND);
    assert_true(message_has(f->path));
    nx__buf_release(&report);
}

static void compact_of_a_missing_index_names_it(void **state)
{
    struct fixture *f = *state;
    char *dst = nxt_path(f->dir, "out");
    assert_int_equal(nx__xdb_compact(f->path, dst), NX_ENOTFOUND);
    assert_message_is(f->path, " does not exist");
    free(dst);
}

static void compact_into_a_missing_parent_names_the_output(void **state)
{
    struct fixture *f = *state;
    char *dst = nxt_path(f->dir, "no/such/out");
    make_index(f->path, 3, 3);
    assert_int_equal(nx__xdb_compact(f->path, dst), NX_EIO);
    assert_names_path(dst, "DatabaseError");
    free(dst);
}

/* ---- misuse ---- */

static void writes_through_a_reader_are_einval(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *r = NULL;
    struct nx__xdoc *doc = NULL;
    unsigned int id = 77;
    make_index(f->path, 3, 3);
    assert_int_equal(nx__xdb_open(&r, f->path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xdoc_new(&doc), NX_OK);
    assert_int_equal(nx__xdb_add(r, doc, &id), NX_EINVAL);
    assert_int_equal(id, 77);
    assert_true(message_has("is open read-only"));
    assert_int_equal(nx__xdb_delete_term(r, "Q1", 2), NX_EINVAL);
    assert_int_equal(nx__xdb_commit(r), NX_EINVAL);
    assert_int_equal(nx__xdb_begin(r), NX_EINVAL);
    assert_int_equal(nx__xdb_commit_tx(r), NX_EINVAL);
    assert_int_equal(nx__xdb_cancel_tx(r), NX_EINVAL);
    assert_int_equal(nx__xdb_set_metadata(r, "k", "v", 1), NX_EINVAL);
    assert_int_equal(nx__xdb_close(r), NX_OK);
    nx__xdoc_free(doc);
}

static void transaction_misuse_is_nx_error(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL;
    assert_int_equal(nx__xdb_open(&w, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    assert_int_equal(nx__xdb_cancel_tx(w), NX_ERROR);
    assert_true(message_has("InvalidOperationError: "));
    assert_int_equal(nx__xdb_commit_tx(w), NX_ERROR);
    assert_int_equal(nx__xdb_begin(w), NX_OK);
    assert_int_equal(nx__xdb_begin(w), NX_ERROR);
    assert_int_equal(nx__xdb_commit(w), NX_ERROR);
    assert_int_equal(nx__xdb_cancel_tx(w), NX_OK);
    nx__xdb_free(w);
}

static void missing_document_is_enotfound_and_docid_0_einval(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *r = NULL;
    nx__buf b = NX__BUF_INIT;
    uint64_t wdf = 9, len = 9;
    make_index(f->path, 3, 3);
    assert_int_equal(nx__xdb_open(&r, f->path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xdb_doc_data(r, 99, &b), NX_ENOTFOUND);
    assert_true(message_has("DocNotFoundError: "));
    assert_int_equal(nx__xdb_doc_value(r, 99, 0, &b), NX_ENOTFOUND);
    assert_int_equal(nx__xdb_doc_wdf(r, 99, "w1", 2, &wdf, &len), NX_ENOTFOUND);
    assert_int_equal(nx__xdb_doc_data(r, 0, &b), NX_EINVAL);
    assert_true(message_has("InvalidArgumentError: "));
    assert_int_equal(b.len, 0);
    nx__buf_release(&b);
    nx__xdb_free(r);
}

static void empty_terms_and_keys_are_einval(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *w = NULL;
    struct nx__xdoc *doc = NULL;
    assert_int_equal(nx__xdoc_new(&doc), NX_OK);
    assert_int_equal(nx__xdoc_posting(doc, "", 0, 1), NX_EINVAL);
    assert_true(message_has("InvalidArgumentError: "));
    assert_int_equal(nx__xdoc_term(doc, "", 0, 1), NX_EINVAL);
    assert_int_equal(nx__xdoc_boolean(doc, "", 0), NX_EINVAL);
    nx__xdoc_free(doc);
    assert_int_equal(nx__xdb_open(&w, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    assert_int_equal(nx__xdb_set_metadata(w, "", "v", 1), NX_EINVAL);
    assert_int_equal(nx__xdb_delete_term(w, "", 0), NX_EINVAL);
    nx__xdb_free(w);
}

static void bad_queries_are_einval(void **state)
{
    (void)state;
    struct nx__xq *t = NULL, *q = (struct nx__xq *)&q, *subs[2] = {NULL, NULL};
    assert_int_equal(nx__xq_term(&q, "w1", 2, 0, 0), NX_EINVAL);
    assert_null(q);
    assert_int_equal(nx__xq_term(&t, "w1", 2, 1, 0), NX_OK);
    assert_int_equal(nx__xq_scale(&q, t, -1.0), NX_EINVAL);
    assert_true(message_has("InvalidArgumentError: "));
    assert_null(q);
    subs[0] = t;
    assert_int_equal(nx__xq_op(&q, NX__XQ_MAX, subs, 1, 0), NX_EINVAL);
    assert_int_equal(nx__xq_op(&q, -1, subs, 1, 0), NX_EINVAL);
    assert_int_equal(nx__xq_op(&q, NX__XQ_OR, subs, 2, 0), NX_EINVAL);
    assert_null(q);
    nx__xq_free(t);
}

static void bad_search_options_are_einval(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *r = NULL;
    struct nx__xq *q = NULL;
    struct nx__xmset *m = (struct nx__xmset *)&m;
    struct nx__xsearch s = search_opts(10);
    make_index(f->path, 3, 3);
    assert_int_equal(nx__xdb_open(&r, f->path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    s.n_facets = NX__XSEARCH_MAX_FACETS + 1;
    assert_int_equal(nx__xmset_search(&m, r, q, &s), NX_EINVAL);
    assert_null(m);
    s.n_facets = 1;
    s.facet_slots[0] = -2;
    assert_int_equal(nx__xmset_search(&m, r, q, &s), NX_EINVAL);
    nx__xq_free(q);
    nx__xdb_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(missing_directory_is_enotfound),
        T(empty_directory_is_enotfound),
        T(directory_of_unrelated_files_is_ecorrupt),
        T(garbage_glass_files_are_ecorrupt),
        T(regular_file_that_is_no_stub_is_ecorrupt),
        T(unknown_format_version_is_ecorrupt),
        T(unreachable_remote_shard_is_eio),
        T(second_writer_gets_elocked),
        T(reader_opens_an_index_never_committed),
        T(writer_without_create_on_missing_path_is_enotfound),
        T(writer_under_a_missing_parent_is_eio),
        T(unknown_open_flags_are_einval),
        T(truncated_table_fails_search_without_crashing),
        T(reader_left_behind_by_commits_gets_emodified),
        T(check_passes_a_good_index),
        T(check_of_a_truncated_table_is_ecorrupt),
        T(check_names_the_first_problem_in_the_report),
        T(check_of_a_missing_index_is_enotfound),
        T(compact_of_a_missing_index_names_it),
        T(compact_into_a_missing_parent_names_the_output),
        T(writes_through_a_reader_are_einval),
        T(transaction_misuse_is_nx_error),
        T(missing_document_is_enotfound_and_docid_0_einval),
        T(empty_terms_and_keys_are_einval),
        T(bad_queries_are_einval),
        T(bad_search_options_are_einval),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
