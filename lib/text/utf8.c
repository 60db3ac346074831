/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/utf8.h"

#include <string.h>

#include "newsidx.h"

size_t nx__utf8_check(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            /* Mostly ASCII: eight bytes at a time. */
            uint64_t w;
            while (i + 8 <= len && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080ull)))
                i += 8;
            while (i < len && p[i] < 0x80)
                i++;
            continue;
        }
        size_t n;
        if (nx__utf8_decode(p + i, len - i, &n) < 0)
            return i;
        i += n;
    }
    return len;
}

size_t nx_utf8_decode(uint32_t *out, const char *s, size_t len)
{
    size_t n = 0;
    int32_t cp = -1;
    if (s && len > 0)
        cp = nx__utf8_decode((const unsigned char *)s, len, &n);
    if (out)
        *out = cp < 0 ? 0 : (uint32_t)cp;
    return cp < 0 ? 0 : n;
}
