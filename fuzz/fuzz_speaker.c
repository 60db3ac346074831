/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Speaker labels (lib/tag/speaker.c): any bytes as an article body, with a small lexicon of two
 * actors. Turns start in order inside the body, each right after a ':' that follows its label,
 * name a known actor or none; nx__speaker_at agrees with a linear search and nx__speaker_in_span
 * gives distinct known actors. Reported speech (lib/tag/remarks.c) on each actor mention of the
 * body: found only with a reporting verb within the window. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "tag/lexicon.h"
#include "newsidx.h"
#include "tag/remarks.h"
#include "tag/speaker.h"
#include "text/tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char lexicon[] = "actor putin: Putin | Vladimir Putin | Путин\n"
                              "actor biden: Biden | President Biden\n"
                              "topic nato: NATO\n";

/* A mention said to be reported has a reporting verb near it ("according" is one before). */
static void check_remarks(const nx__toklist *l, const nx__lexhit *ms, size_t n, size_t k)
{
    const nx__lexhit *m = &ms[k];
    if (!nx__remarks_at(l, ms, n, k))
        return;
    int64_t from = l->toks[m->first].pos, to = l->toks[m->first + m->ntok - 1].pos;
    bool verb = false;
    for (size_t i = 0; i < l->n && !verb; i++) {
        const nx__token *t = &l->toks[i];
        bool near = (int64_t)t->pos >= from - NX__REMARKS_BEFORE &&
                    (int64_t)t->pos <= to + NX__REMARKS_WINDOW;
        bool outside = i < m->first || i >= m->first + m->ntok;
        verb = near && outside &&
               (nx__remarks_verb(t->term, t->term_len) ||
                (t->term_len == 9 && memcmp(t->term, "according", 9) == 0));
    }
    FZ_CHECK(verb);
}

static long linear_speaker(const nx__turns *t, size_t at)
{
    long actor = -1;
    for (size_t i = 0; i < t->n && t->t[i].label <= at; i++)
        actor = t->t[i].actor;
    return actor;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = size ? (const char *)data : "";
    nx__lexicon *lex;
    nx__tokenizer *tok;
    FZ_CHECK(nx__lexicon_parse(&lex, lexicon, strlen(lexicon), "fuzz") == NX_OK);
    FZ_CHECK(nx__tokenizer_new(&tok) == NX_OK);
    nx__toklist scratch;
    nx__tokenizer_list_init(&scratch);
    nx__turns turns = {0};
    FZ_CHECK(nx__speaker_turns(lex, tok, &scratch, body, size, &turns) == NX_OK);
    FZ_CHECK(turns.n == 0 || turns.n >= 2);
    for (size_t i = 0; i < turns.n; i++) {
        FZ_CHECK(turns.t[i].from >= 2 && turns.t[i].from <= size);
        FZ_CHECK(turns.t[i].label < turns.t[i].from - 1); /* a label, then its ':' */
        FZ_CHECK(body[turns.t[i].from - 1] == ':');
        FZ_CHECK(i == 0 || turns.t[i - 1].from < turns.t[i].from);
        FZ_CHECK(i == 0 || turns.t[i - 1].from <= turns.t[i].label); /* turns do not overlap */
        FZ_CHECK(turns.t[i].actor >= -1 &&
                 turns.t[i].actor < (long)nx__lexicon_count(lex, NX__LEX_ACTOR));
    }
    for (size_t at = 0; at <= size; at += 1 + size / 64) {
        FZ_CHECK(nx__speaker_at(&turns, at) == linear_speaker(&turns, at));
        long who[3];
        size_t n = nx__speaker_in_span(&turns, at, size, who, 3);
        FZ_CHECK(n <= 3);
        for (size_t i = 0; i < n; i++) {
            FZ_CHECK(who[i] >= 0 && who[i] < (long)nx__lexicon_count(lex, NX__LEX_ACTOR));
            for (size_t k = 0; k < i; k++)
                FZ_CHECK(who[k] != who[i]);
        }
    }
    nx__toklist mentions;
    nx__tokenizer_list_init(&mentions);
    FZ_CHECK(nx__tokenizer_all(tok, body, size, 1, &mentions) == NX_OK);
    nx__lexhit *ms;
    size_t n;
    FZ_CHECK(nx__lexmatch_actors(lex, &mentions, &ms, &n) == NX_OK);
    for (size_t k = 0; k < n; k++) {
        FZ_CHECK(ms[k].kind == NX__LEX_ACTOR);
        FZ_CHECK(k == 0 || ms[k - 1].first + ms[k - 1].ntok <= ms[k].first);
        check_remarks(&mentions, ms, n, k);
    }
    free(ms);
    nx__tokenizer_list_release(&mentions);
    nx__speaker_release(&turns);
    nx__tokenizer_list_release(&scratch);
    nx__tokenizer_free(tok);
    nx__lexicon_free(lex);
    return 0;
}
