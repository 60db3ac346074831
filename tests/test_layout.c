/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How passage words are laid out in the index (lib/store/schema.h): once, as stems with
 * positions. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "store/schema.h"
#include "store/xapian_shim.h"

static const nx_article talks = {
    "t1",
    "Talks resume",
    "2022-03-29",
    "Wire",
    NULL,
    "Peace talks resumed in Istanbul on Tuesday. Delegations spoke for hours.",
    0};

static uint64_t termfreq(const char *path, const char *term)
{
    struct nx__xdb *x;
    uint64_t n = 0;
    assert_int_equal(nx__xdb_open(&x, path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xdb_termfreq(x, term, strlen(term), &n), NX_OK);
    nx__xdb_free(x);
    return n;
}

static char *format_of(const char *path)
{
    struct nx__xdb *x;
    nx__buf v = NX__BUF_INIT;
    assert_int_equal(nx__xdb_open(&x, path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xdb_get_metadata(x, NX__META_FORMAT, &v), NX_OK);
    nx__xdb_free(x);
    char *s = strndup(v.data ? v.data : "", v.len);
    nx__buf_release(&v);
    return s;
}

static uint64_t count(const char *path, const char *query)
{
    nx_db *db;
    assert_int_equal(nx_db_open(&db, path, NULL), NX_OK);
    uint64_t n = nxt_count(db, query);
    nx_db_free(db);
    return n;
}

static void put(nx_db *w, const nx_article *a)
{
    if (nx_db_put(NULL, NULL, w, a) != NX_OK)
        fail_msg("put %s: %s", a->id, nx_error_last()->message);
}

static void words_are_stems_with_positions_once(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0);
    put(w, &talks);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(termfreq(f->path, "Zpeac"), 1);
    assert_int_equal(termfreq(f->path, "peace"), 0); /* no unstemmed copy */
    assert_int_equal(termfreq(f->path, "ZTtalk"), 1); /* the title's stems only */
    assert_int_equal(termfreq(f->path, "Ttalks"), 0);
    char *fmt = format_of(f->path);
    assert_int_equal(atoi(fmt), NX__FORMAT);
    free(fmt);
    /* Phrases and NEAR match stems in order. */
    assert_int_equal(count(f->path, "\"peace talks\""), 1);
    assert_int_equal(count(f->path, "\"peace talk\""), 1);
    assert_int_equal(count(f->path, "\"talks peace\""), 0);
    assert_int_equal(count(f->path, "\"peace resumed\""), 0);
    assert_int_equal(count(f->path, "peace NEAR/6 istanbul"), 1);
    assert_int_equal(count(f->path, "peace NEAR/8 delegations"), 0); /* another sentence */
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, nxt_env_setup, nxt_env_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(words_are_stems_with_positions_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
