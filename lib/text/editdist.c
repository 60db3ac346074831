/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/editdist.h"

#include <stdint.h>

#include "text/utf8.h"

/* The code points of s[0, len) into cp; their number, or SIZE_MAX if too many or invalid. */
static size_t decode(const char *s, size_t len, int32_t cp[NX__EDITDIST_MAX_LEN])
{
    size_t n = 0;
    for (size_t i = 0, step; i < len; i += step) {
        int32_t c = nx__utf8_decode((const unsigned char *)s + i, len - i, &step);
        if (c < 0 || n == NX__EDITDIST_MAX_LEN)
            return SIZE_MAX;
        cp[n++] = c;
    }
    return n;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t nx__editdist_within(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
    int32_t x[NX__EDITDIST_MAX_LEN], y[NX__EDITDIST_MAX_LEN];
    size_t n = decode(a, alen, x), m = decode(b, blen, y);
    if (n == SIZE_MAX || m == SIZE_MAX || (n > m ? n - m : m - n) > max)
        return max + 1;
    /* Three rows of the table, row i in rows[i % 3]: the swap looks two rows back. */
    size_t rows[3][NX__EDITDIST_MAX_LEN + 1];
    for (size_t j = 0; j <= m; j++)
        rows[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
        size_t best = cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = x[i - 1] != y[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > max) /* every later row is at least this far */
            return max + 1;
    }
    return rows[n % 3][m] > max ? max + 1 : rows[n % 3][m];
}
