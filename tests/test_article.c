#include "testutil.h"

#include <string.h>

#include "article.h"
#include "newsidx.h"

static void article_round_trips_with_absent_fields(void **state)
{
    (void)state;
    nx_article a = {"kyiv-1", "Talks resume", NULL, "Wire", "", "Body text, «quoted» — Київ.", 0};
    a.body_len = strlen(a.body);
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    nx_article *b = (nx_article *)&b;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_OK);
    assert_string_equal(b->id, "kyiv-1");
    assert_string_equal(b->title, "Talks resume");
    assert_null(b->date);
    assert_string_equal(b->source, "Wire");
    assert_string_equal(b->url, "");
    assert_int_equal(b->body_len, a.body_len);
    assert_memory_equal(b->body, a.body, a.body_len);
    nx_free(b);
    nx__buf_release(&blob);
}

static void damaged_blob_is_ecorrupt(void **state)
{
    (void)state;
    nx_article a = {"x", NULL, NULL, NULL, NULL, "some body text to compress", 26};
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    nx_article *b = (nx_article *)&b;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len / 2), NX_ECORRUPT);
    assert_null(b);
    blob.data[0] = 9; /* unknown version */
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "damaged"));
    nx__buf_release(&blob);
}

static void hash_changes_with_any_field_and_salt(void **state)
{
    (void)state;
    nx_article a = {"x", "t", "2022-01-01", "s", "u", "body", 4};
    uint64_t h = nx__article_hash(&a, "lex1");
    assert_true(h == nx__article_hash(&a, "lex1"));
    assert_true(h != nx__article_hash(&a, "lex2"));
    nx_article b = a;
    b.title = NULL; /* absent differs from any value */
    assert_true(h != nx__article_hash(&b, "lex1"));
    b = a;
    b.body_len = 3;
    assert_true(h != nx__article_hash(&b, "lex1"));
    b = a;
    b.url = "v";
    assert_true(h != nx__article_hash(&b, "lex1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(article_round_trips_with_absent_fields),
        cmocka_unit_test(damaged_blob_is_ecorrupt),
        cmocka_unit_test(hash_changes_with_any_field_and_salt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
