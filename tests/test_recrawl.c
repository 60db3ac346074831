/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include "newsidx.h"
#include "ingest/recrawl.h"

static void newest_capture_wins_whatever_the_order(void **state)
{
    (void)state;
    nx__recrawl c;
    nx__recrawl_init(&c);
    /* place: the capture's ordinal in the run */
    assert_int_equal(nx__recrawl_note(&c, "url-a", "2031-06-05T08:00:00Z", 0), NX_OK);
    assert_int_equal(nx__recrawl_note(&c, "url-b", "2031-06-01T00:00:00Z", 1), NX_OK);
    assert_int_equal(nx__recrawl_note(&c, "url-a", "2031-06-04T08:00:00Z", 2), NX_OK);
    assert_int_equal(nx__recrawl_note(&c, "url-a", "2031-06-04T23:59:59.5Z", 3), NX_OK);
    assert_int_equal(nx__recrawl_settle(&c), NX_OK);
    assert_false(nx__recrawl_superseded(&c, "url-a", 0));
    assert_true(nx__recrawl_superseded(&c, "url-a", 2));
    assert_true(nx__recrawl_superseded(&c, "url-a", 3));
    assert_false(nx__recrawl_superseded(&c, "url-b", 1));
    /* A place is only superseded for its own id. */
    assert_false(nx__recrawl_superseded(&c, "url-b", 2));
    nx__recrawl_release(&c);
}

static void equal_times_keep_the_last_read_and_no_time_is_oldest(void **state)
{
    (void)state;
    nx__recrawl c;
    nx__recrawl_init(&c);
    assert_int_equal(nx__recrawl_note(&c, "url-a", "2031-06-05T08:00:00Z", 0), NX_OK);
    assert_int_equal(nx__recrawl_note(&c, "url-a", "2031-06-05T08:00:00Z", 1), NX_OK);
    assert_int_equal(nx__recrawl_note(&c, "url-c", "", 2), NX_OK);
    assert_int_equal(nx__recrawl_note(&c, "url-c", "2020-01-01T00:00:00Z", 3), NX_OK);
    assert_int_equal(nx__recrawl_settle(&c), NX_OK);
    assert_true(nx__recrawl_superseded(&c, "url-a", 0));
    assert_false(nx__recrawl_superseded(&c, "url-a", 1));
    assert_true(nx__recrawl_superseded(&c, "url-c", 2));
    assert_false(nx__recrawl_superseded(&c, "url-c", 3));
    nx__recrawl_release(&c);
}

static void nothing_noted_supersedes_nothing(void **state)
{
    (void)state;
    nx__recrawl c;
    nx__recrawl_init(&c);
    assert_int_equal(nx__recrawl_settle(&c), NX_OK);
    assert_false(nx__recrawl_superseded(&c, "url-a", 0));
    nx__recrawl_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(newest_capture_wins_whatever_the_order),
        cmocka_unit_test(equal_times_keep_the_last_read_and_no_time_is_oldest),
        cmocka_unit_test(nothing_noted_supersedes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
