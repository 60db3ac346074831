/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics, compaction and the consistency check, through the public API. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsidx.h"

static int setup(void **state)
{
    nxt_env *f = nxt_env_new();
    f->db = nxt_open_writer(f->path, 10); /* many small commits leave room for compaction */
    char id[32], body[256];
    for (int i = 0; i < 60; i++) {
        snprintf(id, sizeof id, "m%d", i);
        snprintf(body, sizeof body,
                 "Report %d: grain ships left the port of Odesa under a corridor deal.\n\n"
                 "Insurers in London said premiums for the route fell by %d percent.",
                 i, i % 17);
        nx_article a = {id, "Grain", "2022-08-01", "Wire", NULL, body, 0};
        assert_int_equal(nx_db_put(NULL, NULL, f->db, &a), NX_OK);
    }
    assert_int_equal(nx_db_commit(f->db), NX_OK);
    *state = f;
    return 0;
}

static void stats_count_articles_and_passages(void **state)
{
    nxt_env *f = *state;
    nx_stats st;
    assert_int_equal(nx_db_stats(&st, f->db), NX_OK);
    assert_int_equal(st.articles, 60);
    assert_int_equal(st.passages, 120);
    assert_true(st.terms > 30);
    assert_true(st.index_bytes > 0);
    assert_true(st.avg_passage_len > 10);
    assert_string_equal(nx_db_path(f->db), f->path);
    assert_null(nx_db_path(NULL));
    assert_int_equal(nx_db_stats(NULL, f->db), NX_EINVAL);
    assert_int_equal(nx_error_last()->code, NX_EINVAL);
}

static void compaction_keeps_everything_and_shrinks(void **state)
{
    nxt_env *f = *state;
    nx_stats before, after;
    assert_int_equal(nx_db_stats(&before, f->db), NX_OK);
    assert_int_equal(nx_db_compact(f->db), NX_OK);
    assert_int_equal(nx_db_stats(&after, f->db), NX_OK);
    assert_int_equal(after.articles, 60);
    assert_int_equal(after.passages, 120);
    assert_true(after.index_bytes < before.index_bytes);
    assert_int_equal(nxt_count(f->db, "Odesa"), 60);
    nx_article *a;
    assert_int_equal(nx_db_get(&a, f->db, "m7"), NX_OK); /* stored text survives */
    assert_non_null(strstr(a->body, "Report 7:"));
    nx_free(a);
    /* still writable afterwards, and the write lock is held again */
    nx_article more = {"m100", NULL, NULL, NULL, NULL, "A later dispatch about Odesa.", 0};
    assert_int_equal(nx_db_put(NULL, NULL, f->db, &more), NX_OK);
    assert_int_equal(nx_db_commit(f->db), NX_OK);
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE;
    nx_db *again = NULL;
    assert_int_equal(nx_db_open(&again, f->path, &o), NX_ELOCKED);
    assert_int_equal(nx_db_begin(f->db), NX_OK);
    assert_int_equal(nx_db_compact(f->db), NX_EINVAL); /* not inside a batch */
    assert_int_equal(nx_db_cancel(f->db), NX_OK);
}

static void check_passes_a_good_index_and_fails_a_damaged_one(void **state)
{
    nxt_env *f = *state;
    assert_int_equal(nx_db_close(f->db), NX_OK);
    f->db = NULL;
    assert_int_equal(nx_db_check(f->path), NX_OK);
    char *table = nxt_path(f->path, "postlist.glass");
    size_t len;
    char *data = nxt_read(table, &len);
    assert_non_null(data);
    assert_true(len > 8192);
    nxt_write(table, data, len / 2); /* a table cut short, as by a full disk */
    free(data);
    free(table);
    assert_int_equal(nx_db_check(f->path), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, f->path));
    char *missing = nxt_path(f->dir, "nothing-here");
    assert_int_equal(nx_db_check(missing), NX_ENOTFOUND);
    free(missing);
    assert_int_equal(nx_db_check(NULL), NX_EINVAL);
}

static void ingest_can_compact_at_the_end(void **state)
{
    nxt_env *f = *state;
    char *in = nxt_path(f->dir, "feed.jsonl");
    nxt_write(in, "{\"id\": \"x1\", \"body\": \"Barges moved along the Danube at dawn.\"}\n",
              (size_t)-1);
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.flags = NX_INGEST_COMPACT;
    nx_ingest_stats st;
    const char *paths[] = {in};
    assert_int_equal(nx_db_ingest(&st, f->db, paths, 1, &io), NX_OK);
    assert_int_equal(st.articles_added, 1);
    assert_int_equal(nxt_count(f->db, "Danube"), 1);
    assert_int_equal(nxt_count(f->db, "Odesa"), 60);
    io.flags = 1u << 9;
    assert_int_equal(nx_db_ingest(&st, f->db, paths, 1, &io), NX_EINVAL);
    free(in);
}

static void lexicon_accessors(void **state)
{
    nxt_env *f = *state;
    size_t n = nx_db_lexicon_count(f->db, NX_LEX_TOPIC);
    bool nato = false;
    for (size_t i = 0; i < n; i++)
        nato |= strcmp(nx_db_lexicon_key(f->db, NX_LEX_TOPIC, i), "nato") == 0;
    assert_true(nato);
    assert_null(nx_db_lexicon_key(f->db, NX_LEX_TOPIC, n));
    assert_int_equal(nx_db_lexicon_count(NULL, NX_LEX_ACTOR), 0);
    assert_string_equal(nx_db_lexicon_resolve(f->db, NX_LEX_TOPIC, "Truce"), "ceasefire");
    assert_null(nx_db_lexicon_resolve(f->db, NX_LEX_TOPIC, NULL));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, nxt_env_teardown)
    const struct CMUnitTest tests[] = {
        T(stats_count_articles_and_passages),
        T(compaction_keeps_everything_and_shrinks),
        T(check_passes_a_good_index_and_fails_a_damaged_one),
        T(ingest_can_compact_at_the_end),
        T(lexicon_accessors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
