/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The JSON Lines reader (lib/ingest/reader.c, lines.c, json.c): inputs whose first non-blank
 * byte is '{', as the reader sees them. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t i = 0;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == size || data[i] != '{')
        return -1; /* the .txt target's input: keep it out of this corpus */
    fz_read_all(data, size);
    return 0;
}
