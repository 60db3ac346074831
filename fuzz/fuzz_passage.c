/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The passage splitter (lib/text/passage.c, sentence.c): any bytes as an article body, checked
 * against the contract in passage.h. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "newsidx.h"
#include "text/passage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = size ? (const char *)data : "";
    nx__passage *ps;
    size_t n;
    FZ_CHECK(nx__passage_split(&ps, &n, s, size, NULL, NULL, NULL) == NX_OK);
    for (size_t i = 0; i < n; i++) {
        FZ_CHECK(ps[i].start < ps[i].end && ps[i].end <= size);
        FZ_CHECK(ps[i].end - ps[i].start <= NX__PASSAGE_MAX_BYTES);
        FZ_CHECK(!space(s[ps[i].start]) && !space(s[ps[i].end - 1]));
        FZ_CHECK(i == 0 || ps[i].start > ps[i - 1].end);
    }
    free(ps);
    return 0;
}
