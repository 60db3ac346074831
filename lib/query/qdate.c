#include "query/qdate.h"

#include <stdbool.h>
#include <string.h>

#include "util/error.h"
#include "newsidx.h"

typedef struct day {
    int y, m, d; /* m or d is 0 when not given */
} day;

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

/* 1: a well-formed DATE, 0: not one; *valid says whether the day exists. */
static bool parse_day(const char *s, size_t n, day *out, bool *valid)
{
    out->m = out->d = 0;
    if (n != 4 && n != 7 && n != 10)
        return false;
    if (!digits(s, 4, &out->y))
        return false;
    if (n >= 7 && (s[4] != '-' || !digits(s + 5, 2, &out->m)))
        return false;
    if (n == 10 && (s[7] != '-' || !digits(s + 8, 2, &out->d)))
        return false;
    *valid = out->y >= 1 && (n < 7 || (out->m >= 1 && out->m <= 12)) &&
             (n < 10 || (out->d >= 1 && out->d <= days_in(out->y, out->m)));
    return true;
}

static void format_day(char out[11], int y, int m, int d)
{
    const int v[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
    static const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        out[at[i]] = (char)('0' + v[i]);
    out[4] = out[7] = '-';
    out[10] = '\0';
}

/* One side of the range, q[a, b): its first (high false) or last (high true) day. */
static int bound(const char *q, size_t a, size_t b, bool high, char out[11])
{
    day t;
    bool valid = false;
    if (!parse_day(q + a, b - a, &t, &valid))
        return nx__error_set(NX_EQUERY, "at byte %zu: expected a date like 2022-03-01", a + 1);
    if (!valid)
        return nx__error_set(NX_EQUERY, "at byte %zu: expected a valid date, not '%.*s'", a + 1,
                             (int)(b - a), q + a);
    int m = t.m ? t.m : high ? 12 : 1;
    int d = t.d ? t.d : high ? days_in(t.y, m) : 1;
    format_day(out, t.y, m, d);
    return NX_OK;
}

int nx__qdate_range(const char *q, size_t start, size_t end, char lo[11], char hi[11])
{
    size_t dots = end;
    int rc;
    lo[0] = hi[0] = '\0';
    for (size_t i = start; i + 1 < end; i++)
        if (q[i] == '.' && q[i + 1] == '.') {
            dots = i;
            break;
        }
    if (dots == end) { /* a single DATE covers its whole day, month or year */
        rc = bound(q, start, end, false, lo);
        return rc < 0 ? rc : bound(q, start, end, true, hi);
    }
    if (dots == start && dots + 2 == end)
        return nx__error_set(NX_EQUERY, "at byte %zu: expected a date like 2022-03-01", start + 1);
    if (dots > start && (rc = bound(q, start, dots, false, lo)) < 0)
        return rc;
    if (dots + 2 < end && (rc = bound(q, dots + 2, end, true, hi)) < 0)
        return rc;
    if (lo[0] && hi[0] && strcmp(lo, hi) > 0)
        return nx__error_set(NX_EQUERY, "at byte %zu: expected an end date not before %s", dots + 3,
                             lo);
    return NX_OK;
}
