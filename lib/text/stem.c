/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/stem.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"
#include "newsidx.h"

/* News text repeats its words: a direct-mapped cache of recent short words saves most calls
 * to Snowball, which otherwise takes half of the tokenizer's time. Both languages share it: a
 * term's script, hence its stemmer, follows from its bytes. */
enum { CACHE_SLOTS = 2048, CACHE_WORD = 30 };

struct slot {
    unsigned char term_len, stem_len; /* term_len 0: empty slot */
    char term[CACHE_WORD];
    char stem[CACHE_WORD + 1];
};

struct nx__stem {
    struct sb_stemmer *english;
    struct sb_stemmer *russian;
    nx__buf out; /* libstemmer does not promise a NUL-terminated result: copy it here */
    struct slot cache[CACHE_SLOTS];
};

static size_t slot_of(const char *s, size_t len)
{
    return (size_t)(nx__hash_mix64(nx__hash_fnv1a(NX__FNV_INIT, s, len)) % CACHE_SLOTS);
}

int nx__stem_new(nx__stem **out)
{
    *out = NULL;
    nx__stem *st = calloc(1, sizeof(*st));
    if (!st)
        return nx__error_set(NX_ENOMEM, "out of memory");
    /* sb_stemmer_new fails only for an unknown language or out of memory; both are built in. */
    nx__buf_init(&st->out);
    st->english = sb_stemmer_new("english", "UTF_8");
    st->russian = sb_stemmer_new("russian", "UTF_8");
    if (!st->english || !st->russian) {
        nx__stem_free(st);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    *out = st;
    return NX_OK;
}

void nx__stem_free(nx__stem *st)
{
    if (!st)
        return;
    if (st->english)
        sb_stemmer_delete(st->english);
    if (st->russian)
        sb_stemmer_delete(st->russian);
    nx__buf_release(&st->out);
    free(st);
}

/* English stems of one word spelled two ways, sorted by the first: the variant's stem, then the
 * stem it is indexed under. Only whole stems are replaced, never a prefix (centre -> center,
 * but not central). Not listed: pairs whose spellings mean different things to some readers
 * (Labour, the British party, is not labor). Changing this list changes the index format
 * (schema.h). */
static const char *const variants[][2] = {
    {"armour", "armor"},      {"behaviour", "behavior"},
    {"centr", "center"},      {"chernigov", "chernihiv"},
    {"defens", "defenc"},     {"donbass", "donba"},
    {"favour", "favor"},      {"honour", "honor"},
    {"kharkov", "kharkiv"},   {"kiev", "kyiv"},
    {"licenc", "licens"},     {"lisichansk", "lysychansk"},
    {"lugansk", "luhansk"},   {"neighbour", "neighbor"},
    {"nikolaev", "mykolaiv"}, {"odessa", "odesa"},
    {"offenc", "offens"},     {"programm", "program"},
    {"rubl", "roubl"},        {"sievierodonetsk", "severodonetsk"},
    {"theatr", "theater"},
};

/* The stem `s` is indexed under: itself, or its spelling variant's. */
static const char *variant_of(const char *s, size_t n, size_t *out_len)
{
    size_t lo = 0, hi = sizeof variants / sizeof *variants;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *v = variants[mid][0];
        size_t vn = strlen(v);
        int c = memcmp(v, s, vn < n ? vn : n);
        if (c == 0 && vn == n) {
            *out_len = strlen(variants[mid][1]);
            return variants[mid][1];
        }
        if (c < 0 || (c == 0 && vn < n))
            lo = mid + 1;
        else
            hi = mid;
    }
    *out_len = n;
    return s;
}

int nx__stem_word(nx__stem *st, const char *s, size_t len, bool cyrillic, const char **stem,
                  size_t *stem_len)
{
    struct slot *slot = NULL;
    if (len > 0 && len <= CACHE_WORD) {
        slot = &st->cache[slot_of(s, len)];
        if (slot->term_len == len && memcmp(slot->term, s, len) == 0) {
            *stem = slot->stem;
            *stem_len = slot->stem_len;
            return NX_OK;
        }
    }
    struct sb_stemmer *sb = cyrillic ? st->russian : st->english;
    if (len > INT_MAX) {
        *stem = s;
        *stem_len = len;
        return NX_OK;
    }
    const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)s, (int)len);
    if (!r)
        return nx__error_set(NX_ENOMEM, "out of memory");
    size_t n = (size_t)sb_stemmer_length(sb);
    if (!cyrillic)
        r = (const sb_symbol *)variant_of((const char *)r, n, &n);
    if (slot && n <= CACHE_WORD) {
        memcpy(slot->term, s, len);
        slot->term_len = (unsigned char)len;
        memcpy(slot->stem, r, n);
        slot->stem[n] = '\0';
        slot->stem_len = (unsigned char)n;
        *stem = slot->stem;
        *stem_len = n;
        return NX_OK;
    }
    nx__buf_clear(&st->out);
    int rc = nx__buf_append(&st->out, r, n);
    if (rc < 0)
        return rc;
    *stem = st->out.data;
    *stem_len = st->out.len;
    return NX_OK;
}
