#include "stem.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "buf.h"
#include "error.h"
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

static size_t hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return (h ^ h >> 15) % CACHE_SLOTS;
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

int nx__stem_word(nx__stem *st, const char *s, size_t len, bool cyrillic, const char **stem,
                  size_t *stem_len)
{
    struct slot *slot = NULL;
    if (len > 0 && len <= CACHE_WORD) {
        slot = &st->cache[hash(s, len)];
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
