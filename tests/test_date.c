/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "newsidx.h"
#include "util/date.h"

static enum nx__date_check parse(const char *s, nx__date *d)
{
    return nx__date_parse(d, s, strlen(s));
}

/* The bound of `s` as a start (end false) or an end (end true); "" if it is not a date. */
static const char *bound(const char *s, bool end)
{
    static char out[2][11];
    nx__date d;
    if (parse(s, &d) != NX__DATE_OK)
        return "";
    nx__date_bound(out[end], &d, end);
    return out[end];
}

static void three_shapes_parse_into_their_parts(void **state)
{
    (void)state;
    nx__date d;
    assert_int_equal(parse("2022-03-01", &d), NX__DATE_OK);
    assert_int_equal(d.year, 2022);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 1);
    assert_int_equal(parse("2022-03", &d), NX__DATE_OK);
    assert_int_equal(d.year, 2022);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 0);
    assert_int_equal(parse("1999", &d), NX__DATE_OK);
    assert_int_equal(d.year, 1999);
    assert_int_equal(d.month, 0);
    assert_int_equal(d.day, 0);
    assert_int_equal(parse("0001-01-01", &d), NX__DATE_OK);
    assert_int_equal(parse("9999-12-31", &d), NX__DATE_OK);
    /* Only the len bytes given count: a date inside a longer query. */
    assert_int_equal(nx__date_parse(&d, "2022-03-01..2022-04", 7), NX__DATE_OK);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 0);
}

static void other_shapes_and_trailing_text_are_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "22",
        "202",
        "20221",
        "2022-3",
        "2022-3-1",
        "2022-03-1",
        "2022/03/01",
        "2022-03-01 ",
        "2022-03-01 junk",
        " 2022-03-01",
        "2022-03-01T10:00:00Z",
        "2022-03-",
        "2022--03",
        "+022-03-01",
        "2022-0a-01",
        "２０２２",
        "2022-03-01x",
        "-2022",
        "2022-03-011",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        nx__date d = {7, 7, 7};
        assert_int_equal(parse(bad[i], &d), NX__DATE_MALFORMED);
        assert_int_equal(d.year + d.month + d.day, 0);
    }
}

static void days_are_checked_against_the_calendar(void **state)
{
    (void)state;
    nx__date d;
    static const char *const no_such[] = {
        "0000",       "0000-01-01", "2022-00",    "2022-13",    "2022-00-10",
        "2022-01-00", "2022-01-32", "2022-02-29", "2022-02-31", "2022-04-31",
        "2022-06-31", "2022-09-31", "2022-11-31", "1900-02-29", "2100-02-29",
    };
    for (size_t i = 0; i < sizeof no_such / sizeof *no_such; i++)
        assert_int_equal(parse(no_such[i], &d), NX__DATE_NO_SUCH);
    static const char *const real[] = {
        "2024-02-29", "2000-02-29", "1996-02-29", "2022-02-28",
        "2022-01-31", "2022-03-31", "2022-04-30", "2022-12-31",
    };
    for (size_t i = 0; i < sizeof real / sizeof *real; i++)
        assert_int_equal(parse(real[i], &d), NX__DATE_OK);
}

static void bounds_are_the_first_and_last_day_of_the_period(void **state)
{
    (void)state;
    assert_string_equal(bound("2022-03", false), "2022-03-01");
    assert_string_equal(bound("2022-03", true), "2022-03-31");
    assert_string_equal(bound("2022-04", true), "2022-04-30");
    assert_string_equal(bound("2022-02", true), "2022-02-28");
    assert_string_equal(bound("2024-02", true), "2024-02-29");
    assert_string_equal(bound("1900-02", true), "1900-02-28");
    assert_string_equal(bound("2000-02", true), "2000-02-29");
    assert_string_equal(bound("2022", false), "2022-01-01");
    assert_string_equal(bound("2022", true), "2022-12-31");
    assert_string_equal(bound("0999", false), "0999-01-01");
    assert_string_equal(bound("2022-03-15", false), "2022-03-15");
    assert_string_equal(bound("2022-03-15", true), "2022-03-15");
}

static const char *week(const char *s)
{
    static char out[9];
    nx__date d;
    if (parse(s, &d) != NX__DATE_OK)
        return "";
    nx__date_week(out, &d);
    return out;
}

static void weeks_are_iso_8601(void **state)
{
    (void)state;
    assert_string_equal(week("2022-03-01"), "2022-W09");
    assert_string_equal(week("2022-01-01"), "2021-W52"); /* a Saturday: the last week of 2021 */
    assert_string_equal(week("2022-01-03"), "2022-W01");
    assert_string_equal(week("2021-01-03"), "2020-W53");
    assert_string_equal(week("2020-12-31"), "2020-W53");
    assert_string_equal(week("2010-01-03"), "2009-W53");
    assert_string_equal(week("2008-12-29"), "2009-W01");
    assert_string_equal(week("2024-12-30"), "2025-W01");
    assert_string_equal(week("0001-01-01"), "0001-W01");
}

static void next_day_crosses_months_and_years(void **state)
{
    (void)state;
    const char *cases[][2] = {{"2022-03-01", "2022-03-02"}, {"2022-02-28", "2022-03-01"},
                              {"2024-02-28", "2024-02-29"}, {"2024-02-29", "2024-03-01"},
                              {"2022-12-31", "2023-01-01"}, {"9999-12-31", "9999-12-31"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        nx__date d;
        char out[11];
        assert_int_equal(parse(cases[i][0], &d), NX__DATE_OK);
        nx__date_next(&d);
        nx__date_bound(out, &d, false);
        assert_string_equal(out, cases[i][1]);
    }
}

static void stamps_are_a_day_then_nothing_or_a_time(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "2022-03-01",       "2022-03-01T10:00:00Z",      "2022-03-01t10:00",
        "2022-03-01 10:00", "2024-02-29T00:00:00+02:00",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(nx__date_stamp(yes[i], strlen(yes[i])));
    static const char *const no[] = {
        "2022-03-01 junk",  "2022-03-01T", "2022-03-01 ", "2022-03-01x10",
        "2022-02-31T10:00", "2022-03",     "2022-3-1T10", "",
        " 2022-03-01",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(nx__date_stamp(no[i], strlen(no[i])));
}

/* The public form, as the programs check --since and --until. */
static void public_parse_gives_bounds_or_einval(void **state)
{
    (void)state;
    char day[11] = "poisoned!";
    assert_int_equal(nx_date_parse(day, "2022-03", false), NX_OK);
    assert_string_equal(day, "2022-03-01");
    assert_int_equal(nx_date_parse(day, "2022-03", true), NX_OK);
    assert_string_equal(day, "2022-03-31");
    assert_int_equal(nx_date_parse(day, "2024", true), NX_OK);
    assert_string_equal(day, "2024-12-31");
    assert_int_equal(nx_date_parse(day, "2022-03-01 junk", false), NX_EINVAL);
    assert_string_equal(day, "");
    assert_int_equal(nx_error_last()->code, NX_EINVAL);
    assert_string_equal(nx_error_last()->message,
                        "'2022-03-01 junk' is not a date like 2022, 2022-03 or 2022-03-01");
    assert_int_equal(nx_date_parse(day, "2022-02-31", true), NX_EINVAL);
    assert_string_equal(nx_error_last()->message, "'2022-02-31' is not a date of the calendar");
    assert_int_equal(nx_date_parse(day, NULL, true), NX_EINVAL);
    assert_int_equal(nx_date_parse(NULL, "2022", true), NX_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_shapes_parse_into_their_parts),
        cmocka_unit_test(other_shapes_and_trailing_text_are_malformed),
        cmocka_unit_test(days_are_checked_against_the_calendar),
        cmocka_unit_test(bounds_are_the_first_and_last_day_of_the_period),
        cmocka_unit_test(weeks_are_iso_8601),
        cmocka_unit_test(next_day_crosses_months_and_years),
        cmocka_unit_test(stamps_are_a_day_then_nothing_or_a_time),
        cmocka_unit_test(public_parse_gives_bounds_or_einval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
