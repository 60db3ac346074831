/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "store/xapian_shim.h"
#include "util/date.h"
#include "util/error.h"

static void label(char out[11], const nx__date *d, nx_facet period)
{
    if (period == NX_FACET_WEEK) {
        nx__date_week(out, d);
        return;
    }
    nx__date_bound(out, d, false);
    if (period == NX_FACET_MONTH)
        out[7] = '\0';
}

/* Add period `name` with count 0 unless it is the last one listed. */
static int add(nx__timeline *t, size_t *cap, const char *name)
{
    if (t->n > 0 && strcmp(t->names[t->n - 1], name) == 0)
        return NX_OK;
    if (t->n == *cap) {
        size_t want = *cap ? *cap * 2 : 64;
        char(*names)[11] = realloc(t->names, want * sizeof *names);
        if (names)
            t->names = names;
        uint64_t *counts = names ? realloc(t->counts, want * sizeof *counts) : NULL;
        if (!counts)
            return nx__error_set(NX_ENOMEM, "out of memory");
        t->counts = counts;
        *cap = want;
    }
    memcpy(t->names[t->n], name, strlen(name) + 1);
    t->counts[t->n++] = 0;
    return NX_OK;
}

static bool same_day(const nx__date *a, const nx__date *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day;
}

int nx__timeline_build(nx__timeline *out, const struct nx__xmset *m, size_t day_facet,
                       nx_facet period, bool fill)
{
    size_t cap = 0, n = nx__xmset_facet_count(m, day_facet);
    nx__date walk = {0, 0, 0};
    char name[11], last[11] = "";
    int rc = NX_OK;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n && rc == NX_OK; i++) {
        const char *day;
        uint64_t count;
        nx__date d;
        if (nx__xmset_facet(m, day_facet, i, &day, &count) < 0 ||
            nx__date_parse(&d, day, strlen(day)) != NX__DATE_OK || d.day == 0 ||
            strcmp(day, last) <= 0)
            continue; /* stored dates are days, listed in date order: nothing else counts */
        memcpy(last, day, sizeof last);
        /* The days between the last one counted and this one, as periods without a match. */
        while (fill && walk.year && rc == NX_OK && (nx__date_next(&walk), !same_day(&walk, &d))) {
            label(name, &walk, period);
            rc = add(out, &cap, name);
        }
        label(name, &d, period);
        if (rc == NX_OK)
            rc = add(out, &cap, name);
        if (rc == NX_OK)
            out->counts[out->n - 1] += count;
        walk = d;
    }
    if (rc < 0) {
        nx__timeline_release(out);
        return rc;
    }
    out->built = true;
    return NX_OK;
}

void nx__timeline_release(nx__timeline *t)
{
    free(t->names);
    free(t->counts);
    memset(t, 0, sizeof *t);
}
