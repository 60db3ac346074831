/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXT_GZIP_H
#define NXT_GZIP_H

/* Test helper: gzip members built from nx__compress_deflate, so that tests never include zlib. */

#include <stdint.h>

#include "util/buf.h"
#include "util/compress.h"
#include "newsidx.h"
#include "testutil.h"

/* Append one gzip member holding data[0..len) to out. */
static inline void nxt_gzip(nx__buf *out, const char *data, size_t len)
{
    static const unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    nx__buf z = NX__BUF_INIT;
    assert_int_equal(nx__compress_deflate(data, len, &z), NX_OK);
    assert_true(z.len >= 6);
    uint32_t crc = nx__compress_crc32(0, data, len), size = (uint32_t)len;
    unsigned char trailer[8];
    for (int i = 0; i < 4; i++) {
        trailer[i] = (unsigned char)(crc >> (8 * i));
        trailer[4 + i] = (unsigned char)(size >> (8 * i));
    }
    /* A zlib stream is a 2-byte header, raw deflate data and a 4-byte Adler-32. */
    assert_int_equal(nx__buf_append(out, header, sizeof header), NX_OK);
    assert_int_equal(nx__buf_append(out, z.data + 2, z.len - 6), NX_OK);
    assert_int_equal(nx__buf_append(out, trailer, sizeof trailer), NX_OK);
    nx__buf_release(&z);
}

#endif
