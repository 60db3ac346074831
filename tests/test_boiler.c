/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "text/boiler.h"
#include "newsidx.h"
#include "text/passage.h"

static const char signup[] = "Sign up to First Edition, our free daily newsletter";

static void body(char *out, size_t size, int i)
{
    snprintf(out, size, "Report number %d from the front line, with its own words.\n\n%s", i,
             signup);
}

static void paragraph_in_threshold_distinct_bodies_is_boilerplate(void **state)
{
    (void)state;
    nx__boiler *b;
    char text[256];
    assert_int_equal(nx__boiler_new(&b, 3), NX_OK);
    uint64_t h = nx__passage_para_hash(signup, strlen(signup));
    for (int i = 0; i < 2; i++) {
        body(text, sizeof text, i);
        assert_int_equal(nx__boiler_observe(b, text, strlen(text)), NX_OK);
    }
    assert_false(nx__boiler_is(b, h));
    body(text, sizeof text, 2);
    assert_int_equal(nx__boiler_observe(b, text, strlen(text)), NX_OK);
    assert_true(nx__boiler_is(b, h));
    const char *first = "Report number 2 from the front line, with its own words.";
    assert_false(nx__boiler_is(b, nx__passage_para_hash(first, strlen(first))));
    assert_int_equal(nx__boiler_known(b), 1);
    nx__boiler_free(b);
}

static void identical_bodies_count_once(void **state)
{
    (void)state;
    nx__boiler *b;
    char text[256];
    assert_int_equal(nx__boiler_new(&b, 3), NX_OK);
    body(text, sizeof text, 7);
    for (int i = 0; i < 10; i++) /* the same article sent ten times */
        assert_int_equal(nx__boiler_observe(b, text, strlen(text)), NX_OK);
    assert_false(nx__boiler_is(b, nx__passage_para_hash(signup, strlen(signup))));
    assert_int_equal(nx__boiler_known(b), 0);
    nx__boiler_free(b);
}

static void repeats_inside_one_body_count_once(void **state)
{
    (void)state;
    nx__boiler *b;
    assert_int_equal(nx__boiler_new(&b, 2), NX_OK);
    const char *text = "###\n\nFirst part of the story.\n\n###\n\nSecond part.\n\n###";
    assert_int_equal(nx__boiler_observe(b, text, strlen(text)), NX_OK);
    assert_false(nx__boiler_is(b, nx__passage_para_hash("###", 3)));
    const char *other = "###\n\nAnother story.";
    assert_int_equal(nx__boiler_observe(b, other, strlen(other)), NX_OK);
    assert_true(nx__boiler_is(b, nx__passage_para_hash("###", 3)));
    nx__boiler_free(b);
}

static void known_hashes_survive_save_and_load(void **state)
{
    (void)state;
    nx__boiler *b, *c;
    char text[256];
    assert_int_equal(nx__boiler_new(&b, 2), NX_OK);
    for (int i = 0; i < 2; i++) {
        body(text, sizeof text, i);
        assert_int_equal(nx__boiler_observe(b, text, strlen(text)), NX_OK);
    }
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__boiler_save(b, &blob), NX_OK);
    assert_int_equal(blob.len, 8);
    assert_int_equal(nx__boiler_new(&c, 0), NX_OK);
    assert_int_equal(nx__boiler_load(c, blob.data, blob.len), NX_OK);
    assert_true(nx__boiler_is(c, nx__passage_para_hash(signup, strlen(signup))));
    assert_int_equal(nx__boiler_load(c, blob.data, 5), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "bad length"));
    nx__buf_release(&blob);
    nx__boiler_free(b);
    nx__boiler_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraph_in_threshold_distinct_bodies_is_boilerplate),
        cmocka_unit_test(identical_bodies_count_once),
        cmocka_unit_test(repeats_inside_one_body_count_once),
        cmocka_unit_test(known_hashes_survive_save_and_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
