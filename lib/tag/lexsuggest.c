/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tag/lexsuggest.h"

#include <string.h>

#include "tag/lexicon.h"
#include "text/editdist.h"
#include "text/tokenizer.h"
#include "util/buf.h"

/* How near `s` (folded) is to the folded name: edits * 2, plus 1 for a word of a spelling, or
 * SIZE_MAX when farther than `max` edits. */
static size_t score(const nx__buf *name, const char *s, nx__buf *folded, size_t max)
{
    nx__buf_clear(folded);
    if (nx__tokenizer_fold(s, strlen(s), folded) != 0)
        return SIZE_MAX;
    size_t d = nx__editdist_within(name->data, name->len, folded->data, folded->len, max);
    size_t best = d <= max ? 2 * d : SIZE_MAX;
    for (size_t i = 0; i < folded->len && best > 0;) { /* each word of a longer spelling */
        size_t w = i;
        while (w < folded->len && folded->data[w] != ' ')
            w++;
        if (w - i < folded->len) {
            d = nx__editdist_within(name->data, name->len, folded->data + i, w - i, max);
            if (d <= max && 2 * d + 1 < best)
                best = 2 * d + 1;
        }
        i = w + 1;
    }
    return best;
}

size_t nx__lexsuggest_find(size_t out[NX__LEXSUGGEST_MAX], const nx__lexicon *lx, int kind,
                           const char *name, size_t len)
{
    nx__buf want = NX__BUF_INIT, folded = NX__BUF_INIT;
    size_t scores[NX__LEXSUGGEST_MAX], n = 0;
    if (!lx || !name || nx__tokenizer_fold(name, len, &want) != 0 || want.len == 0) {
        nx__buf_release(&want);
        return 0;
    }
    size_t letters = 0; /* code points: bytes that do not continue one */
    for (size_t i = 0; i < want.len; i++)
        letters += ((unsigned char)want.data[i] & 0xC0) != 0x80;
    size_t max = letters / 4 < 1 ? 1 : letters / 4 > 3 ? 3 : letters / 4;
    for (size_t e = 0; e < nx__lexicon_count(lx, kind); e++) {
        size_t best = score(&want, nx__lexicon_key(lx, kind, e), &folded, max);
        for (size_t v = 0; v < nx__lexicon_variant_count(lx, kind, e); v++) {
            size_t s = score(&want, nx__lexicon_variant(lx, kind, e, v), &folded, max);
            best = s < best ? s : best;
        }
        if (best == SIZE_MAX)
            continue;
        size_t at = n < NX__LEXSUGGEST_MAX ? n++ : NX__LEXSUGGEST_MAX;
        while (at > 0 && scores[at - 1] > best) { /* insertion: ties keep the lexicon's order */
            if (at < NX__LEXSUGGEST_MAX)
                scores[at] = scores[at - 1], out[at] = out[at - 1];
            at--;
        }
        if (at < NX__LEXSUGGEST_MAX)
            scores[at] = best, out[at] = e;
    }
    nx__buf_release(&want);
    nx__buf_release(&folded);
    return n;
}
