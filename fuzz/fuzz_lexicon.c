/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The lexicon loader (lib/tag/lexicon.c, lexmatch.c): any bytes as a lexicon file; a lexicon that
 * loads must list consistently, survive its own text form and scan text without trouble. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "tag/lexicon.h"
#include "newsidx.h"
#include "text/tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct scan {
    const nx__lexicon *lx;
    size_t ntoks, hits;
};

static int on_hit(const nx__lexhit *hit, void *payload)
{
    struct scan *s = payload;
    FZ_CHECK(hit->kind == NX__LEX_ACTOR || hit->kind == NX__LEX_TOPIC);
    FZ_CHECK(hit->entry < nx__lexicon_count(s->lx, hit->kind));
    FZ_CHECK(hit->variant < nx__lexicon_variant_count(s->lx, hit->kind, hit->entry));
    FZ_CHECK(hit->ntok >= 1 && hit->first + hit->ntok <= s->ntoks);
    s->hits++;
    return 0;
}

static void check_listing(const nx__lexicon *lx)
{
    FZ_CHECK(nx__lexicon_id(lx) != NULL);
    for (int kind = NX__LEX_ACTOR; kind <= NX__LEX_TOPIC; kind++) {
        for (size_t i = 0; i < nx__lexicon_count(lx, kind); i++) {
            const char *key = nx__lexicon_key(lx, kind, i);
            FZ_CHECK(key != NULL && key[0] != '\0');
            FZ_CHECK(nx__lexicon_find(lx, kind, key, strlen(key)) >= 0);
            size_t nv = nx__lexicon_variant_count(lx, kind, i);
            FZ_CHECK(nv >= 1);
            for (size_t j = 0; j < nv; j++)
                FZ_CHECK(nx__lexicon_variant(lx, kind, i, j) != NULL);
        }
    }
}

/* The text form loads again into the same entries. */
static void check_round_trip(const nx__lexicon *lx)
{
    size_t len;
    const char *text = nx__lexicon_text(lx, &len);
    FZ_CHECK(text != NULL);
    nx__lexicon *again;
    FZ_CHECK(nx__lexicon_parse(&again, text, len, "again") == NX_OK);
    for (int kind = NX__LEX_ACTOR; kind <= NX__LEX_TOPIC; kind++) {
        FZ_CHECK(nx__lexicon_count(again, kind) == nx__lexicon_count(lx, kind));
        for (size_t i = 0; i < nx__lexicon_count(lx, kind); i++)
            FZ_CHECK(strcmp(nx__lexicon_key(again, kind, i), nx__lexicon_key(lx, kind, i)) == 0);
    }
    nx__lexicon_free(again);
}

/* Scan the input itself as text: it mentions its own variants. */
static void check_scan(const nx__lexicon *lx, const char *text, size_t size)
{
    nx__tokenizer *t;
    FZ_CHECK(nx__tokenizer_new(&t) == NX_OK);
    nx__toklist l;
    nx__tokenizer_list_init(&l);
    FZ_CHECK(nx__tokenizer_all(t, text, size, 0, &l) == NX_OK);
    struct scan s = {lx, l.n, 0};
    FZ_CHECK(nx__lexmatch_scan(lx, &l, on_hit, &s) == NX_OK);
    FZ_CHECK(s.hits <= l.n * 2);
    nx__tokenizer_list_release(&l);
    nx__tokenizer_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = size ? (const char *)data : "";
    nx__lexicon *lx = (nx__lexicon *)&lx; /* poisoned: must come back NULL on failure */
    int rc = nx__lexicon_parse(&lx, text, size, "fuzz.lex");
    if (rc < 0) {
        FZ_CHECK(lx == NULL);
        FZ_CHECK(rc == NX_EINPUT || rc == NX_ELIMIT || rc == NX_ENOMEM);
        FZ_CHECK(nx_error_last()->code == rc && nx_error_last()->message[0] != '\0');
        return 0;
    }
    check_listing(lx);
    check_round_trip(lx);
    check_scan(lx, text, size);
    nx__lexicon_free(lx);
    return 0;
}
