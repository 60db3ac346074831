/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QDATE_H
#define NX_QDATE_H

#include <stddef.h>

/*
 * The value of a query's "date:" field, q[start, end): DATE, DATE..DATE, DATE.. or ..DATE,
 * where DATE is YYYY-MM-DD, YYYY-MM or YYYY (widened to the whole month or year). Fills the
 * inclusive bounds lo and hi as "YYYY-MM-DD" ("" when open). NX_EQUERY with "at byte N:
 * expected ..." (N 1-based in q) for a malformed or impossible date or a range ending before
 * it starts.
 */
int nx__qdate_range(const char *q, size_t start, size_t end, char lo[11], char hi[11]);

#endif
