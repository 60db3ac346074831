/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The gzip input path (lib/util/compress.c under the reader). Two kinds of input:
 *  - starting with the gzip magic 1f 8b: the file as is (damaged headers, members, trailers);
 *  - anything else: byte 0 is a control byte and the rest is content, which the target wraps
 *    in gzip itself (through nx__compress_deflate, as tests/nxt_gzip.h does) so that the
 *    fuzzer reaches the reader behind valid gzip. Control bits: 0x01 split into two members,
 *    0x02 append a stray byte after the last member, high nibble: drop that many bytes from
 *    the end.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/compress.h"
#include "fuzz_util.h"
#include "newsidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void member(nx__buf *out, const uint8_t *data, size_t len)
{
    static const unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    nx__buf z = NX__BUF_INIT;
    FZ_CHECK(nx__compress_deflate(data, len, &z) == NX_OK);
    FZ_CHECK(z.len >= 6);
    uint32_t crc = nx__compress_crc32(0, data, len), isize = (uint32_t)len;
    unsigned char trailer[8];
    for (int i = 0; i < 4; i++) {
        trailer[i] = (unsigned char)(crc >> (8 * i));
        trailer[4 + i] = (unsigned char)(isize >> (8 * i));
    }
    /* A zlib stream is a 2-byte header, raw deflate data and a 4-byte Adler-32. */
    FZ_CHECK(nx__buf_append(out, header, sizeof header) == NX_OK);
    FZ_CHECK(nx__buf_append(out, z.data + 2, z.len - 6) == NX_OK);
    FZ_CHECK(nx__buf_append(out, trailer, sizeof trailer) == NX_OK);
    nx__buf_release(&z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        fz_read_all(data, size);
        return 0;
    }
    if (size == 0)
        return -1;
    unsigned int ctl = data[0];
    const uint8_t *text = data + 1;
    size_t len = size - 1, half = (ctl & 1) ? len / 2 : len;
    nx__buf gz = NX__BUF_INIT;
    member(&gz, text, half);
    if (half < len)
        member(&gz, text + half, len - half);
    if (ctl & 2)
        FZ_CHECK(nx__buf_putc(&gz, (char)ctl) == NX_OK);
    size_t cut = ctl >> 4;
    fz_read_all((const uint8_t *)gz.data, gz.len > cut ? gz.len - cut : 0);
    nx__buf_release(&gz);
    return 0;
}
