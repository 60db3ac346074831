/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/date.h"

#include <string.h>

#include "newsidx.h"
#include "util/error.h"

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

enum nx__date_check nx__date_parse(nx__date *out, const char *s, size_t len)
{
    nx__date d = {0, 0, 0};
    *out = d;
    if (len != 4 && len != 7 && len != 10)
        return NX__DATE_MALFORMED;
    if (!digits(s, 4, &d.year))
        return NX__DATE_MALFORMED;
    if (len >= 7 && (s[4] != '-' || !digits(s + 5, 2, &d.month)))
        return NX__DATE_MALFORMED;
    if (len == 10 && (s[7] != '-' || !digits(s + 8, 2, &d.day)))
        return NX__DATE_MALFORMED;
    if (d.year < 1 || (len >= 7 && (d.month < 1 || d.month > 12)) ||
        (len == 10 && (d.day < 1 || d.day > days_in(d.year, d.month))))
        return NX__DATE_NO_SUCH;
    *out = d;
    return NX__DATE_OK;
}

void nx__date_bound(char out[11], const nx__date *d, bool end)
{
    int y = d->year, m = d->month ? d->month : end ? 12 : 1;
    int day = d->day ? d->day : end ? days_in(y, m) : 1;
    const int v[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10,
                     m / 10,   m % 10,       day / 10,    day % 10};
    static const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        out[at[i]] = (char)('0' + v[i]);
    out[4] = out[7] = '-';
    out[10] = '\0';
}

bool nx__date_stamp(const char *s, size_t len)
{
    nx__date d;
    if (len < 10 || nx__date_parse(&d, s, 10) != NX__DATE_OK)
        return false;
    if (len == 10)
        return true;
    return len > 11 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && s[11] >= '0' &&
           s[11] <= '9';
}

void nx__date_next(nx__date *d)
{
    if (d->day < days_in(d->year, d->month)) {
        d->day++;
    } else if (d->month < 12) {
        d->month++;
        d->day = 1;
    } else if (d->year < 9999) {
        d->year++;
        d->month = d->day = 1;
    }
}

/* Days from 1970-01-01 (negative before), for the proleptic Gregorian calendar. */
static long epoch_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

void nx__date_week(char out[9], const nx__date *d)
{
    long z = epoch_days(d->year, d->month, d->day);
    long iso_wday = ((z + 3) % 7 + 7) % 7 + 1; /* 1970-01-01 was a Thursday: 4 */
    long thursday = z - iso_wday + 4;          /* its week's Thursday names the week's year */
    int y = d->year;
    if (thursday < epoch_days(y, 1, 1))
        y--;
    else if (thursday >= epoch_days(y + 1, 1, 1))
        y++;
    int w = (int)((thursday - epoch_days(y, 1, 1)) / 7 + 1);
    const int v[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, w / 10, w % 10};
    static const int at[] = {0, 1, 2, 3, 6, 7};
    for (int i = 0; i < 6; i++)
        out[at[i]] = (char)('0' + v[i]);
    out[4] = '-';
    out[5] = 'W';
    out[8] = '\0';
}

int nx_date_parse(char day[11], const char *s, bool end)
{
    nx__date d;
    if (!day)
        return nx__error_set(NX_EINVAL, "no place for the day");
    day[0] = '\0';
    if (!s)
        return nx__error_set(NX_EINVAL, "no date");
    switch (nx__date_parse(&d, s, strlen(s))) {
    case NX__DATE_MALFORMED:
        return nx__error_set(NX_EINVAL, "'%.40s' is not a date like 2022, 2022-03 or 2022-03-01",
                             s);
    case NX__DATE_NO_SUCH:
        return nx__error_set(NX_EINVAL, "'%.40s' is not a date of the calendar", s);
    case NX__DATE_OK:
        break;
    }
    nx__date_bound(day, &d, end);
    return NX_OK;
}
