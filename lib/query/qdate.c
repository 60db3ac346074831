/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qdate.h"

#include <stdbool.h>
#include <string.h>

#include "util/date.h"
#include "util/error.h"
#include "newsidx.h"

/* One side of the range, q[a, b): its first (end false) or last (end true) day. */
static int bound(const char *q, size_t a, size_t b, bool end, char out[11])
{
    nx__date d;
    switch (nx__date_parse(&d, q + a, b - a)) {
    case NX__DATE_MALFORMED:
        return nx__error_set(NX_EQUERY, "at byte %zu: expected a date like 2022-03-01", a + 1);
    case NX__DATE_NO_SUCH:
        return nx__error_set(NX_EQUERY, "at byte %zu: expected a valid date, not '%.*s'", a + 1,
                             (int)(b - a), q + a);
    case NX__DATE_OK:
        break;
    }
    nx__date_bound(out, &d, end);
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
