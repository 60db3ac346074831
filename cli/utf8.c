#include "utf8.h"

size_t nxc_utf8_decode(const unsigned char *p, size_t len, uint32_t *cp)
{
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    unsigned char b = p[0];
    size_t n;
    uint32_t c;

    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xc2 && b <= 0xdf) {
        n = 2;
        c = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
        n = 3;
        c = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
        n = 4;
        c = b & 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}
