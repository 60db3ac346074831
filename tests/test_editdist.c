/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "text/editdist.h"

static size_t dist(const char *a, const char *b, size_t max)
{
    return nx__editdist_within(a, strlen(a), b, strlen(b), max);
}

static void edits_count_one_each(void **state)
{
    (void)state;
    assert_int_equal(dist("ceasefire", "ceasefire", 3), 0);
    assert_int_equal(dist("ceasfire", "ceasefire", 3), 1);   /* a letter left out */
    assert_int_equal(dist("ceasefirre", "ceasefire", 3), 1); /* one too many */
    assert_int_equal(dist("ceasefira", "ceasefire", 3), 1);  /* one wrong */
    assert_int_equal(dist("lavorv", "lavrov", 3), 1);        /* two neighbours swapped */
    assert_int_equal(dist("kitten", "sitting", 3), 3);
    assert_int_equal(dist("", "abc", 3), 3);
}

static void code_points_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(dist("лавров", "лавроб", 3), 1); /* two bytes each, one edit */
    assert_int_equal(dist("cavusoglu", "çavuşoğlu", 3), 3);
}

static void the_walk_stops_past_max(void **state)
{
    (void)state;
    assert_int_equal(dist("kitten", "sitting", 2), 3); /* max + 1 */
    assert_int_equal(dist("a", "abcdef", 2), 3);       /* the lengths alone say so */
    char longer[NX__EDITDIST_MAX_LEN + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(dist(longer, longer, 2), 3); /* too long to compare */
    assert_int_equal(dist("\xff", "a", 2), 3);    /* invalid UTF-8 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edits_count_one_each),
        cmocka_unit_test(code_points_not_bytes),
        cmocka_unit_test(the_walk_stops_past_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
