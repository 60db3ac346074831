/* SPDX-License-Identifier: GPL-2.0-or-later */
/* WARC archives (lib/ingest/warc.c, http.c, html.c under the reader): files starting "WARC/1.",
 * read to their end through every damaged record, with each article checked by fz_read_all. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 7 || memcmp(data, "WARC/1.", 7))
        return -1; /* not a web archive: the other targets' input */
    fz_read_all(data, size);
    return 0;
}
