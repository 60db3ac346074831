/* Speaker labels (lib/speaker.c): any bytes as an article body, with a small lexicon of two
 * actors. Turns start in order inside the body, each right after a ':' that follows its label,
 * name a known actor or none; nx__speaker_at agrees with a linear search and nx__speakers_in
 * gives distinct known actors. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "lexicon.h"
#include "newsidx.h"
#include "speaker.h"
#include "tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char lexicon[] = "actor putin: Putin | Vladimir Putin | Путин\n"
                              "actor biden: Biden | President Biden\n"
                              "topic nato: NATO\n";

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
    nx__toklist_init(&scratch);
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
        size_t n = nx__speakers_in(&turns, at, size, who, 3);
        FZ_CHECK(n <= 3);
        for (size_t i = 0; i < n; i++) {
            FZ_CHECK(who[i] >= 0 && who[i] < (long)nx__lexicon_count(lex, NX__LEX_ACTOR));
            for (size_t k = 0; k < i; k++)
                FZ_CHECK(who[k] != who[i]);
        }
    }
    nx__turns_release(&turns);
    nx__toklist_release(&scratch);
    nx__tokenizer_free(tok);
    nx__lexicon_free(lex);
    return 0;
}
