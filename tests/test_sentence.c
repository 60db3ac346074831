/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/sentence.h"

/* The sentences of `text`, each as "[...]", leading whitespace dropped. */
static const char *split(const char *text)
{
    static char out[4096];
    size_t len = strlen(text), o = 0, p = 0;
    out[0] = '\0';
    while (p < len) {
        size_t e = nx__sentence_next(text, len, p);
        assert_true(e > p && e <= len); /* progress, never past the end */
        while (p < e && strchr(" \t\r\n", text[p]))
            p++;
        int n = snprintf(out + o, sizeof(out) - o, "[%.*s]", (int)(e - p), text + p);
        assert_true(n > 0 && (size_t)n < sizeof(out) - o);
        o += (size_t)n;
        p = e;
    }
    return out;
}

static void terminators_end_sentences(void **state)
{
    (void)state;
    assert_string_equal(split("One. Two? Three! Four… Five?! Six... Seven"),
                        "[One.][Two?][Three!][Four…][Five?!][Six...][Seven]");
    assert_string_equal(split("We chose plan B... Then it failed."),
                        "[We chose plan B...][Then it failed.]");
}

static void closing_quotes_and_brackets_belong_to_the_sentence(void **state)
{
    (void)state;
    assert_string_equal(split("He said \"stop.\" Then (it ended.) «Да.» “Yes!” Done"),
                        "[He said \"stop.\"][Then (it ended.)][«Да.»][“Yes!”][Done]");
}

static void abbreviations_and_initials_do_not_end(void **state)
{
    (void)state;
    assert_string_equal(split("Mr. Smith, Mrs. Lee, Dr. Who and Prof. X met Gen. Y, Lt. Z and "
                              "Col. W on St. Mark's Day. Next"),
                        "[Mr. Smith, Mrs. Lee, Dr. Who and Prof. X met Gen. Y, Lt. Z and Col. W "
                        "on St. Mark's Day.][Next]");
    assert_string_equal(split("Vladimir V. Putin, the U.S. and U.K., the U.N. and E.U. Officials "
                              "met on Jan. 5 and Dec. 6. Next"),
                        "[Vladimir V. Putin, the U.S. and U.K., the U.N. and E.U. Officials met on "
                        "Jan. 5 and Dec. 6.][Next]");
    assert_string_equal(split("Hearing No. 5 started. He said No. Then left"),
                        "[Hearing No. 5 started.][He said No.][Then left]");
    assert_string_equal(split("В. В. Путин приехал. Он ушёл."), "[В. В. Путин приехал.][Он ушёл.]");
    assert_string_equal(split("Сообщил ТАСС. Он"), "[Сообщил ТАСС.][Он]"); /* not an initial */
    assert_string_equal(split("Found in 5G. Then"), "[Found in 5G.][Then]");
}

static void lower_case_abbreviations_end_only_before_capitals(void **state)
{
    (void)state;
    assert_string_equal(split("Fruit, e.g. apples, i.e. food, etc. and more. Bread etc. Next"),
                        "[Fruit, e.g. apples, i.e. food, etc. and more.][Bread etc.][Next]");
    assert_string_equal(split("Talks vs. Russia went on. Next"),
                        "[Talks vs. Russia went on.][Next]");
}

static void decimals_and_inner_dots_do_not_end(void **state)
{
    (void)state;
    assert_string_equal(split("It rose 3.5 percent to 1.200.000 at www.x.org today. Then"),
                        "[It rose 3.5 percent to 1.200.000 at www.x.org today.][Then]");
}

static void lower_case_continuation_does_not_end(void **state)
{
    (void)state;
    assert_string_equal(split("He paused... and went on. \"Why?\" she asked. Ну… и всё. Next"),
                        "[He paused... and went on.][\"Why?\" she asked.][Ну… и всё.][Next]");
    assert_string_equal(split("It ended… “and then” more. Next"),
                        "[It ended… “and then” more.][Next]");
}

static void blank_line_always_ends(void **state)
{
    (void)state;
    assert_string_equal(split("no period here\n\nnext part\r\n\r\nthird\n \t \nfourth\nstill"),
                        "[no period here][next part][third][fourth\nstill]");
    const char *t = "Mr.\n\nSmith";
    assert_int_equal(nx__sentence_next(t, strlen(t), 0), 3);
    const char *u = "title\n\n";
    assert_int_equal(nx__sentence_next(u, strlen(u), 0), 5);
}

static void offsets_at_edges(void **state)
{
    (void)state;
    const char *t = "One. Two";
    assert_int_equal(nx__sentence_next("", 0, 0), 0);
    assert_int_equal(nx__sentence_next(t, 8, 0), 4);
    assert_int_equal(nx__sentence_next(t, 8, 3), 4); /* from on the terminator */
    assert_int_equal(nx__sentence_next(t, 8, 4), 8);
    assert_int_equal(nx__sentence_next(t, 8, 8), 8);
    assert_int_equal(nx__sentence_next("   ", 3, 0), 3);
    /* invalid UTF-8 and NUL bytes are ordinary characters */
    assert_int_equal(nx__sentence_next("a\xff\xe2\x80. B\0c. D", 12, 0), 5);
    assert_int_equal(nx__sentence_next("a\xff\xe2\x80. B\0c. D", 12, 5), 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(terminators_end_sentences),
        cmocka_unit_test(closing_quotes_and_brackets_belong_to_the_sentence),
        cmocka_unit_test(abbreviations_and_initials_do_not_end),
        cmocka_unit_test(lower_case_abbreviations_end_only_before_capitals),
        cmocka_unit_test(decimals_and_inner_dots_do_not_end),
        cmocka_unit_test(lower_case_continuation_does_not_end),
        cmocka_unit_test(blank_line_always_ends),
        cmocka_unit_test(offsets_at_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
