/* The passage splitter (lib/text/passage.c, sentence.c): any bytes as an article body, checked
 * against the contract in passage.h, and the continuation of every short passage. */
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

static size_t words(const char *s, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t i = start; i < end; i++)
        n += !space(s[i]) && (i == start || space(s[i - 1]));
    return n;
}

/* What nx__passage_continue returns for passage p followed by q. */
static void check_continue(const char *s, const nx__passage *p, const nx__passage *q)
{
    size_t end = nx__passage_continue(s, p->start, p->end, q->start, q->end);
    size_t w = words(s, p->start, p->end);
    FZ_CHECK(nx__passage_short(s, p->start, p->end) == (w > 0 && w < NX__PASSAGE_SHORT_WORDS));
    if (end == p->end)
        return;
    FZ_CHECK(nx__passage_short(s, p->start, p->end));
    FZ_CHECK(end > q->start && end <= q->end);
    FZ_CHECK(end - p->start <= NX__PASSAGE_MAX_BYTES);
    FZ_CHECK(words(s, p->start, end) <= NX__PASSAGE_MAX_WORDS);
    FZ_CHECK(!space(s[end - 1]));
    for (size_t i = p->end; i < q->start; i++)
        FZ_CHECK(space(s[i]));
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
        if (i > 0)
            check_continue(s, &ps[i - 1], &ps[i]);
    }
    free(ps);
    return 0;
}
