/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/lexicon.h"
#include "newsidx.h"
#include "tag/speaker.h"
#include "text/tokenizer.h"

struct fixture {
    nx__lexicon *lex;
    nx__tokenizer *tok;
    nx__toklist scratch;
    nx__turns turns;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(nx__lexicon_builtin(&f->lex), NX_OK);
    assert_int_equal(nx__tokenizer_new(&f->tok), NX_OK);
    nx__tokenizer_list_init(&f->scratch);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    nx__speaker_release(&f->turns);
    nx__tokenizer_list_release(&f->scratch);
    nx__tokenizer_free(f->tok);
    nx__lexicon_free(f->lex);
    free(f);
    return 0;
}

/* The key of the actor speaking at the first occurrence of `where` in `body`, or "-". */
static const char *speaker_at(struct fixture *f, const char *body, const char *where)
{
    assert_int_equal(nx__speaker_turns(f->lex, f->tok, &f->scratch, body, strlen(body), &f->turns),
                     NX_OK);
    const char *p = strstr(body, where);
    assert_non_null(p);
    long e = nx__speaker_at(&f->turns, (size_t)(p - body));
    return e < 0 ? "-" : nx__lexicon_key(f->lex, NX__LEX_ACTOR, (size_t)e);
}

static void kremlin_labels_start_turns(void **state)
{
    struct fixture *f = *state;
    const char *t = "The talks were held in the Kremlin.\n\n"
                    "President of Russia Vladimir Putin: Good afternoon. We discussed grain.\n\n"
                    "Our partners agreed on the main points. Question: What about the talks? "
                    "Vladimir Putin: They reached a dead end. Everything depends on Kiev. "
                    "Anna Popova: I agree with that.";
    assert_string_equal(speaker_at(f, t, "The talks were held"), "-");
    assert_string_equal(speaker_at(f, t, "Good afternoon"), "putin");
    assert_string_equal(speaker_at(f, t, "Our partners agreed"), "putin"); /* across paragraphs */
    assert_string_equal(speaker_at(f, t, "What about"), "-");              /* "Question" */
    assert_string_equal(speaker_at(f, t, "Everything depends"), "putin");
    assert_string_equal(speaker_at(f, t, "I agree"), "-"); /* not in the lexicon: no speaker */
    assert_int_equal(f->turns.n, 4);
    /* Who speaks in a span: the turn running at its start, then the labels inside. */
    long who[4];
    size_t a = (size_t)(strstr(t, "What about") - t), b = (size_t)(strstr(t, "Everything") - t);
    assert_int_equal(nx__speaker_in_span(&f->turns, a, b, who, 4), 1);
    assert_string_equal(nx__lexicon_key(f->lex, NX__LEX_ACTOR, (size_t)who[0]), "putin");
    assert_int_equal(nx__speaker_in_span(&f->turns, 0, a, who, 4), 1); /* his first turn */
    assert_int_equal(nx__speaker_in_span(&f->turns, 0, 10, who, 4), 0);
    assert_int_equal(nx__speaker_in_span(&f->turns, b, strlen(t), who, 4), 1); /* Popova unknown */
    size_t c = (size_t)(strstr(t, "Anna Popova") - t); /* a span starting with a label */
    assert_int_equal(nx__speaker_in_span(&f->turns, c, strlen(t), who, 4), 0);
}

static void white_house_and_bracketed_labels(void **state)
{
    struct fixture *f = *state;
    const char *t = "MS. JEAN-PIERRE: Good afternoon, everyone. PRESIDENT BIDEN: Thank you. "
                    "The price cap will hold. Q: And gas? "
                    "Federal Chancellor of the Federal Republic of Germany Olaf Scholz"
                    "(retranslated): We stand together.";
    assert_string_equal(speaker_at(f, t, "Good afternoon"), "-");
    assert_string_equal(speaker_at(f, t, "The price cap"), "biden");
    assert_string_equal(speaker_at(f, t, "And gas"), "-");
    assert_string_equal(speaker_at(f, t, "We stand"), "scholz"); /* a ten-word label, a note */
}

/* Colons inside sentences, after lower-case words, times and URLs are not labels; nor is a
 * lone label, which is a headline or a quotation rather than a turn. */
static void what_is_not_a_label(void **state)
{
    struct fixture *f = *state;
    const char *prose = "As Vladimir Putin put it: the talks are over. Lavrov said: no. "
                        "At 10:30 the meeting began; see http://kremlin.ru/x. "
                        "There are three points: first, the grain.";
    assert_string_equal(speaker_at(f, prose, "the talks are over"), "-");
    assert_string_equal(speaker_at(f, prose, "no."), "-");
    assert_int_equal(f->turns.n, 0);
    const char *lone = "Zelenskiy: Russia wants to destroy Donbas\n\nThe shelling went on.";
    assert_string_equal(speaker_at(f, lone, "The shelling"), "-");
    assert_int_equal(f->turns.n, 0);
    const char *runaway = "Talks. One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve "
                          "Thirteen Fourteen Fifteen Sixteen Vladimir Putin: yes. Putin: no. "
                          "Question: Why?";
    assert_string_equal(speaker_at(f, runaway, "yes."), "-"); /* seventeen words: no label */
    assert_string_equal(speaker_at(f, runaway, "no."), "putin");
    /* An empty turn: the next label ends at the colon before it, never spans it. */
    const char *empty = "Question: Vladimir Putin: We agree. Question: And then?";
    assert_string_equal(speaker_at(f, empty, "We agree"), "putin");
    assert_int_equal(f->turns.n, 3);
    assert_true(f->turns.t[1].label == (size_t)(strstr(empty, "Vladimir") - empty));
}

/* Three articles: a transcript with Putin's turns (one passage of them never names him), a
 * report naming him, and an article with one "Putin:" headline, which is no transcript. */
static nxt_env *transcript_index(void)
{
    static const nx_article arts[] = {
        {"transcript", "News conference", "2022-04-12", "Kremlin", NULL,
         "President of Russia Vladimir Putin: Good afternoon, colleagues.\n\n"
         "Question: What about the talks in Istanbul?\n\n"
         "Vladimir Putin: We reached certain agreements on security guarantees in Istanbul, "
         "and then the other side walked away from them.\n\n"
         "We will continue the negotiating process on the grain corridor with our partners in "
         "Turkey and the United Nations.",
         0},
        {"named", "Report", "2022-04-12", "Wire", NULL,
         "Putin said the negotiating process on the grain corridor would continue with partners "
         "in Turkey and the United Nations.",
         0},
        {"lone", "Headline", "2022-04-13", "Wire", NULL,
         "Putin: talks at a dead end, the Kremlin says after a weekend of heavy shelling\n\n"
         "The negotiating process on the grain corridor stopped after the weekend, officials in "
         "Ankara told reporters.",
         0},
    };
    return nxt_index_of(arts, sizeof arts / sizeof *arts);
}

static bool speaks(const nx_hit *h, const char *actor)
{
    for (size_t i = 0; i < h->n_speakers; i++)
        if (strcmp(h->speakers[i], actor) == 0)
            return true;
    return false;
}

/* Whether the hit's passage holds `word`. */
static bool holds(const nx_hit *h, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = h->start; i + n <= h->passage_end; i++) /* the passage as indexed */
        if (memcmp(h->body + i, word, n) == 0)
            return true;
    return false;
}

/* Whether the hit's passage is tagged with `topic`. */
static bool tagged(const nx_hit *h, const char *topic)
{
    for (size_t i = 0; i < h->n_topics; i++)
        if (strcmp(h->topics[i], topic) == 0)
            return true;
    return false;
}

/* In an index: a transcript window that never names Putin is found by his actor and says he
 * is speaking; the passages of his turns that name him say so too; the report does not. */
static void unnamed_turns_are_found_by_their_speaker(void **state)
{
    (void)state;
    nxt_env *g = transcript_index();
    const char *actors[] = {"Путин"};
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "negotiating process grain corridor";
    so.actors = actors;
    so.n_actors = 1;
    so.per_article = 5;
    nx_results *r;
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    const nx_hit *h;
    bool window = false, lone = false, headline = false;
    while (nx_results_next(&h, r) == NX_OK) {
        const char *p = h->body + h->start;
        if (strcmp(h->article_id, "transcript") == 0 && strncmp(p, "We will continue", 16) == 0) {
            window = true;
            assert_int_equal(h->n_speakers, 1);
            assert_string_equal(h->speakers[0], "putin");
            assert_int_equal(h->n_said, 1); /* his turn is his words */
            assert_string_equal(h->said[0], "putin");
            assert_int_equal(h->n_actors, 1);
            assert_string_equal(h->actors[0], "putin");
            assert_string_equal(h->actor_spellings[0], "putin"); /* no spelling: not named */
        } else if (strcmp(h->article_id, "named") == 0) {
            assert_int_equal(h->n_speakers, 0); /* a mention, not a turn */
        }
        if (strcmp(h->article_id, "lone") == 0) {
            /* One label is no transcript: its headline names him (--actor requires him, the
             * words only rank) but is no turn, and the paragraph after it is not his. */
            assert_int_equal(h->n_speakers, 0);
            headline = headline || strncmp(p, "Putin: talks", 12) == 0;
            lone = lone || strncmp(p, "The negotiating process", 23) == 0;
        }
    }
    nx_results_free(r);
    assert_true(window);
    assert_true(headline);
    assert_false(lone);
    /* actor:putin: the transcript's three passages (two name him, one is his unnamed turn), the
     * report, and the headline paragraph of "lone" that names him. */
    nx_search_opts all = NX_SEARCH_OPTS_INIT;
    all.query = "actor:putin";
    all.flags = NX_SEARCH_EXACT;
    assert_int_equal(nx_search(&r, g->db, &all), NX_OK);
    assert_int_equal(nxt_passages(r), 5);
    nx_results_free(r);
    /* Named in the text, the actor finds his turns too, which --explain shows as his speaker
     * term where the passage does not name him (where it does, the name is what weighs) and as
     * his remarks term; the words alone (no actor) do not weigh them. */
    so.actors = NULL;
    so.n_actors = 0;
    so.flags = NX_SEARCH_EXPLAIN;
    const char *queries[] = {"Putin negotiating process grain corridor", "negotiating process"};
    for (int q = 0; q < 2; q++) {
        so.query = queries[q];
        assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
        bool turn = false, topic_only = false;
        while (nx_results_next(&h, r) == NX_OK) {
            if (!speaks(h, "putin"))
                continue;
            assert_string_equal(h->article_id, "transcript");
            bool named = strcmp(h->actor_spellings[0], "putin") != 0;
            turn |= !named;
            assert_true((strstr(h->explain, "\nXSputin: weight ") != NULL) == (q == 0 && !named));
            /* His turn is his words (remarks.h), named or not: they weigh where the passage
             * holds words of the query too (not where it is only tagged with a topic of them:
             * "negotiating" names the ceasefire topic, which is no word of the query). */
            bool about = holds(h, "negotiating") || holds(h, "grain");
            topic_only |= tagged(h, "ceasefire") && !about;
            assert_true((strstr(h->explain, "\nXRputin: weight ") != NULL) == (q == 0 && about));
        }
        assert_true(turn);
        assert_true(topic_only || q == 1); /* q 1 finds only passages holding its words */
        nx_results_free(r);
    }
    nxt_env_free(g);
}

/* speaker:putin finds the passages of his turns only (the label inside a passage counts), not
 * those that only name him; it cannot stand in NEAR, and an unknown name is an error. */
static void speaker_field_finds_his_turns_only(void **state)
{
    (void)state;
    nxt_env *g = transcript_index();
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "speaker:\"Vladimir Putin\"";
    so.flags = NX_SEARCH_EXACT;
    so.per_article = 5;
    nx_results *r;
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    assert_int_equal(nxt_passages(r), 3);
    const nx_hit *h;
    while (nx_results_next(&h, r) == NX_OK) {
        assert_string_equal(h->article_id, "transcript");
        assert_true(speaks(h, "putin"));
    }
    nx_results_free(r);
    so.query = "+speaker:putin grain corridor"; /* required, as any field */
    so.flags = 0;
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    assert_int_equal(nx_results_next(&h, r), NX_OK);
    assert_string_equal(h->article_id, "transcript");
    assert_string_equal(h->body + h->start + 8, "continue the negotiating process on the grain "
                                                "corridor with our partners in Turkey and the "
                                                "United Nations.");
    nx_results_free(r);
    /* --explain shows the speaker term at its full weight, named or not: no weight is left
     * over for "query structure". */
    so.query = "speaker:putin";
    so.flags = NX_SEARCH_EXPLAIN;
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    int hits = 0;
    while (nx_results_next(&h, r) == NX_OK) {
        assert_non_null(strstr(h->explain, "\nXSputin: weight "));
        assert_null(strstr(h->explain, "query structure"));
        hits++;
    }
    assert_int_equal(hits, 3); /* his three turns, two of which name him */
    nx_results_free(r);
    so.flags = 0;
    so.query = "speaker:putin NEAR/3 grain";
    assert_int_equal(nx_search(&r, g->db, &so), NX_EQUERY);
    assert_non_null(strstr(nx_error_last()->message, "speaker: cannot be part of NEAR"));
    so.query = "speaker:nobody";
    assert_int_equal(nx_search(&r, g->db, &so), NX_ENOTFOUND);
    nxt_env_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(kremlin_labels_start_turns, setup, teardown),
        cmocka_unit_test_setup_teardown(white_house_and_bracketed_labels, setup, teardown),
        cmocka_unit_test_setup_teardown(what_is_not_a_label, setup, teardown),
        cmocka_unit_test(unnamed_turns_are_found_by_their_speaker),
        cmocka_unit_test(speaker_field_finds_his_turns_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
