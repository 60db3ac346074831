/* How passage words are laid out in the index (lib/schema.h): once, as stems with positions, in
 * a new index; an index of the older word-terms layout keeps answering phrases and keeps its
 * layout when articles are added to it. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
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
static const nx_article more_talks = {
    "t2",   "Second round", "2022-03-30",
    "Wire", NULL,           "The peace talks went on in Istanbul. Nobody left the table.",
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

/* An index written in the word-terms layout of formats 1 and 2 (unstemmed words with the
 * positions, stems without), made here by setting the writer's layout by hand. */
static void word_terms_index(const char *path)
{
    nx_db *w = nxt_open_writer(path, 0);
    w->word_terms = true;
    put(w, &talks);
    assert_int_equal(nx__xdb_set_metadata(w->x, NX__META_FORMAT, "2", 1), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(termfreq(path, "peace"), 1);
    assert_int_equal(termfreq(path, "Ttalks"), 1);
}

static void an_index_of_the_word_terms_layout_keeps_it(void **state)
{
    nxt_env *f = *state;
    word_terms_index(f->path);
    assert_int_equal(count(f->path, "\"peace talks\""), 1);
    assert_int_equal(count(f->path, "\"talks peace\""), 0);
    assert_int_equal(count(f->path, "peace NEAR/6 istanbul"), 1);
    assert_int_equal(count(f->path, "talk"), 1);
    /* A writer adding to it writes the same layout and leaves the format at 2; an article it
     * already holds is unchanged (its content hash names the format it was written in). */
    nx_db *w = nxt_open_writer(f->path, 0);
    put(w, &more_talks);
    nx_put_outcome outcome = (nx_put_outcome)-1;
    assert_int_equal(nx_db_put(&outcome, NULL, w, &talks), NX_OK);
    assert_int_equal(outcome, NX_PUT_UNCHANGED);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(termfreq(f->path, "peace"), 2);
    char *fmt = format_of(f->path);
    assert_string_equal(fmt, "2");
    free(fmt);
    assert_int_equal(count(f->path, "\"peace talks\""), 2);
    assert_int_equal(count(f->path, "peace NEAR/6 istanbul"), 2);
}

/* An empty index stamped with an old format has nothing to keep: the next writer uses stems. */
static void an_empty_old_index_gets_the_new_layout(void **state)
{
    nxt_env *f = *state;
    nx_db *w = nxt_open_writer(f->path, 0);
    assert_int_equal(nx__xdb_set_metadata(w->x, NX__META_FORMAT, "2", 1), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    w = nxt_open_writer(f->path, 0);
    put(w, &talks);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(termfreq(f->path, "peace"), 0);
    char *fmt = format_of(f->path);
    assert_int_equal(atoi(fmt), NX__FORMAT);
    free(fmt);
    assert_int_equal(count(f->path, "\"peace talks\""), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, nxt_env_setup, nxt_env_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(words_are_stems_with_positions_once),
        T(an_index_of_the_word_terms_layout_keeps_it),
        T(an_empty_old_index_gets_the_new_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
