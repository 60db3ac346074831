/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The .txt article reader (lib/ingest/reader.c, lines.c): text that is neither gzip nor JSON
 * (first non-blank byte other than '{'), including invalid UTF-8, CR LF and NUL bytes. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t i = 0;
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        return -1; /* gzip: the gzip target's input */
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i < size && data[i] == '{')
        return -1; /* JSON Lines: the jsonl target's input */
    fz_read_all(data, size);
    return 0;
}
