/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_DATE_H
#define NX_DATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Dates: the one parser and validator for every date the library reads (an article's date, a
 * query's date: field, nx_search_opts since/until, a date in an HTML page or a WARC header).
 * A date is YYYY, YYYY-MM or YYYY-MM-DD (year 0001-9999), a real day of the Gregorian calendar
 * (leap years counted), with nothing before or after it. As "YYYY-MM-DD" strings, days sort in
 * date order, which is how the index compares them.
 */

/* The parts of a date; month and day are 0 when not written (a month, a year). */
typedef struct nx__date {
    int year, month, day;
} nx__date;

enum nx__date_check {
    NX__DATE_OK = 0,
    NX__DATE_MALFORMED, /* not of the shape YYYY, YYYY-MM or YYYY-MM-DD */
    NX__DATE_NO_SUCH,   /* the shape is right but the year, month or day does not exist */
};

/* Parse s[0..len) into *out (zeroed unless NX__DATE_OK): enum nx__date_check. */
enum nx__date_check nx__date_parse(nx__date *out, const char *s, size_t len);

/*
 * The first (end false) or last (end true) day of the period d names, as "YYYY-MM-DD" into
 * out: 2022-03 is 2022-03-01 as a start and 2022-03-31 as an end, 2024 is 2024-01-01 or
 * 2024-12-31, a day is itself.
 */
void nx__date_bound(char out[11], const nx__date *d, bool end);

/*
 * Does s[0..len) start with a day followed by nothing or by a time: 'T', 't' or a space, then a
 * digit (RFC 3339 "2022-03-01T10:00:00Z", HTML's "2022-03-01 10:00")? Then its first 10 bytes
 * are the day; anything else after the day is not a timestamp.
 */
bool nx__date_stamp(const char *s, size_t len);

/* The day after d (a day: year, month and day set); 9999-12-31 stays itself. */
void nx__date_next(nx__date *d);

/*
 * The ISO 8601 week of the day d, as "YYYY-Www" into out: weeks run Monday to Sunday and
 * week 01 is the one with the year's first Thursday, so 2021-01-03 is in 2020-W53 and
 * 2024-12-30 in 2025-W01. As strings, weeks sort in date order.
 */
void nx__date_week(char out[9], const nx__date *d);

#endif
