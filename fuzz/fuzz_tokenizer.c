/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tokenizer (lib/text/tokenizer.c, tokscan.c, fold.c, stem.c, sentence.c): any bytes, checked
 * against the contract in tokenizer.h. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "fuzz_util.h"
#include "newsidx.h"
#include "text/tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_token(const nx__token *tok, size_t size)
{
    FZ_CHECK(tok->start < tok->end && tok->end <= size);
    FZ_CHECK(tok->term_len > 0 && strlen(tok->term) == tok->term_len);
    FZ_CHECK(fz_utf8_ok(tok->term, tok->term_len));
    FZ_CHECK(tok->stem_len > 0 && strlen(tok->stem) == tok->stem_len);
    FZ_CHECK(fz_utf8_ok(tok->stem, tok->stem_len));
}

/* The streaming interface gives what nx__tokenizer_all gave. */
static void compare_stream(nx__tokenizer *t, const char *text, size_t size, const nx__toklist *l)
{
    nx__tokenizer_reset(t, text, size, 7);
    const nx__token *tok;
    size_t i = 0;
    int rc;
    while ((rc = nx__tokenizer_next(t, &tok)) == NX_OK) {
        FZ_CHECK(i < l->n);
        FZ_CHECK(tok->start == l->toks[i].start && tok->end == l->toks[i].end);
        FZ_CHECK(tok->pos == l->toks[i].pos && tok->flags == l->toks[i].flags);
        FZ_CHECK(strcmp(tok->term, l->toks[i].term) == 0);
        FZ_CHECK(strcmp(tok->stem, l->toks[i].stem) == 0);
        i++;
    }
    FZ_CHECK(rc == NX_DONE && i == l->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = size ? (const char *)data : "";
    nx__tokenizer *t;
    FZ_CHECK(nx__tokenizer_new(&t) == NX_OK);
    nx__toklist l;
    nx__tokenizer_list_init(&l);
    FZ_CHECK(nx__tokenizer_all(t, text, size, 7, &l) == NX_OK);
    for (size_t i = 0; i < l.n; i++)
        check_token(&l.toks[i], size);
    compare_stream(t, text, size, &l);
    nx__tokenizer_list_release(&l);
    nx__tokenizer_free(t);

    nx__buf folded = NX__BUF_INIT;
    FZ_CHECK(nx__tokenizer_fold(text, size, &folded) == NX_OK);
    nx__buf_release(&folded);
    return 0;
}
