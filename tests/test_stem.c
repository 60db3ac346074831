/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "newsidx.h"
#include "text/stem.h"

static int setup(void **state)
{
    nx__stem *st;
    assert_int_equal(nx__stem_new(&st), NX_OK);
    *state = st;
    return 0;
}

static int teardown(void **state)
{
    nx__stem_free(*state);
    return 0;
}

/* The stem of `word`, copied (the result is borrowed until the next call). */
static const char *stem(nx__stem *st, const char *word, bool cyrillic)
{
    static char out[256];
    const char *s = NULL;
    size_t n = 0;
    assert_int_equal(nx__stem_word(st, word, strlen(word), cyrillic, &s, &n), NX_OK);
    assert_int_equal(strlen(s), n); /* NUL-terminated at its length */
    assert_true(n < sizeof(out));
    memcpy(out, s, n + 1);
    return out;
}

static void english_merges_inflections(void **state)
{
    nx__stem *st = *state;
    assert_string_equal(stem(st, "negotiations", false), "negoti");
    assert_string_equal(stem(st, "negotiation", false), "negoti");
    assert_string_equal(stem(st, "pipelines", false), "pipelin");
    assert_string_equal(stem(st, "pipeline", false), "pipelin");
}

static void russian_for_cyrillic(void **state)
{
    nx__stem *st = *state;
    assert_string_equal(stem(st, "лавров", true), "лавр");
    assert_string_equal(stem(st, "переговоры", true), "переговор");
}

static void repeated_and_long_words_stem_the_same(void **state)
{
    nx__stem *st = *state;
    /* the second call of each is answered from the cache, the long ones never are */
    const char *words[] = {"sanctions", "internationalizations",
                           "counterrevolutionariesxxxxxxxxxxx", ""};
    const char *stems[] = {"sanction", "internation", "counterrevolutionariesxxxxxxxxxxx", ""};
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
            assert_string_equal(stem(st, words[i], false), stems[i]);
}

static void cache_never_mixes_up_words(void **state)
{
    nx__stem *st = *state;
    /* 10000 words of one length: many share a cache slot; Snowball leaves them unchanged */
    char w[8];
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 10000; i++) {
            snprintf(w, sizeof(w), "x%04d", i);
            assert_string_equal(stem(st, w, false), w);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(english_merges_inflections, setup, teardown),
        cmocka_unit_test_setup_teardown(russian_for_cyrillic, setup, teardown),
        cmocka_unit_test_setup_teardown(repeated_and_long_words_stem_the_same, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_never_mixes_up_words, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
