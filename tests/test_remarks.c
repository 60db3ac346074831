/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag/lexicon.h"
#include "newsidx.h"
#include "tag/remarks.h"
#include "text/tokenizer.h"

/* Whether the first mention of the actor `key` (NULL: of any actor) in `text` has their words
 * reported there; -1 if none. */
static int remarks_of(const char *text, const char *key)
{
    nx__lexicon *lex;
    nx__tokenizer *tok;
    nx__toklist toks;
    assert_int_equal(nx__lexicon_builtin(&lex), NX_OK);
    assert_int_equal(nx__tokenizer_new(&tok), NX_OK);
    nx__tokenizer_list_init(&toks);
    assert_int_equal(nx__tokenizer_all(tok, text, strlen(text), 1, &toks), NX_OK);
    nx__lexhit *m;
    size_t n;
    assert_int_equal(nx__lexmatch_actors(lex, &toks, &m, &n), NX_OK);
    int remarks = -1;
    for (size_t k = 0; k < n && remarks < 0; k++)
        if (!key || strcmp(key, nx__lexicon_key(lex, NX__LEX_ACTOR, m[k].entry)) == 0)
            remarks = nx__remarks_at(&toks, m, n, k);
    free(m);
    nx__tokenizer_list_release(&toks);
    nx__tokenizer_free(tok);
    nx__lexicon_free(lex);
    return remarks;
}

static int remarks(const char *text)
{
    return remarks_of(text, NULL);
}

/* Texts with one actor, and whether their words are reported there. */
struct remarks_case {
    const char *text;
    int remarks;
};

static void check_cases(const struct remarks_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(remarks(c[i].text), c[i].remarks);
}

static void reporting_verbs_are_verb_forms(void **state)
{
    (void)state;
    const char *yes[] = {"said", "says", "told", "stressed", "warned", "tweeted", "wrote"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(nx__remarks_verb(yes[i], strlen(yes[i])));
    /* Nouns of the same stems, and words that are no reporting verb. */
    const char *no[] = {"states",
                        "statement",
                        "warning",
                        "claims",
                        "notes",
                        "met",
                        "sai",
                        "",
                        "saidx",
                        "according",
                        "a-very-long-word-indeed"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(nx__remarks_verb(no[i], strlen(no[i])));
    assert_true(nx__remarks_verb("said Lavrov", 4)); /* the length, not the NUL, ends it */
}

static void a_speaker_next_to_a_reporting_verb(void **state)
{
    (void)state;
    assert_int_equal(remarks("Lavrov said the talks would resume."), 1);
    assert_int_equal(remarks("\"The talks will resume,\" said Sergei Lavrov."), 1);
    assert_int_equal(remarks("According to Kuleba, the talks will resume."), 1);
    assert_int_equal(remarks("Jens Stoltenberg, the head of NATO, warned of a long war."), 1);
    assert_int_equal(remarks("Putin also stressed that the corridor must stay open."), 1);
    /* Named, but somebody else speaks, or the verb is too far or in another sentence. */
    assert_int_equal(remarks("Truss called Kuleba on Friday."), 0);
    assert_int_equal(remarks("Truss said she had called the minister, Dmytro Kuleba."), 0);
    assert_int_equal(remarks("Lavrov arrived in Ankara. He said little."), 0);
    assert_int_equal(remarks("Lavrov, who landed in Ankara after a long flight from Moscow "
                             "on Tuesday, said nothing."),
                     0);
    assert_int_equal(remarks("A statement by Lavrov was read out."), 0);
    assert_int_equal(remarks("The talks resumed."), -1);
}

/* A name that is the object of a preposition ("a call with Erdoğan and welcomed") or a
 * possessive ("Putin's spokesman said") is not the speaker of the verb after it. */
static void an_object_or_owner_is_not_the_speaker(void **state)
{
    (void)state;
    const char *peskov = "Putin's spokesman, Dmitry Peskov, said the talks had stalled.";
    assert_int_equal(remarks_of(peskov, "putin"), 0);
    assert_int_equal(remarks_of(peskov, "peskov"), 1);
    assert_int_equal(remarks("Zelensky’s office said three children were killed."), 0);
    assert_int_equal(remarks("London supports President Biden’s proposed talks with China."), 0);
    /* Also with the verb before the name. */
    assert_int_equal(remarks("\"No,\" said Putin's spokesman."), 0);
    assert_int_equal(remarks("The minister said to Macron that talks had failed."), 0);
    const char *stoltenberg = "Stoltenberg said he had a call with Erdoğan and welcomed the deal.";
    assert_int_equal(remarks_of(stoltenberg, "stoltenberg"), 1);
    assert_int_equal(remarks_of(stoltenberg, "erdogan"), 0);
    assert_int_equal(remarks_of("A spokesperson for Erdoğan said the deal was vital.", NULL), 0);
    assert_int_equal(remarks_of("I just spoke with President Zelenskyy and shared the news.", NULL),
                     0);
    const char *call = "During a call with US President Joe Biden, Zelenskyy spoke about talks.";
    assert_int_equal(remarks_of(call, "biden"), 0);
    assert_int_equal(remarks_of(call, "zelenskyy"), 1);
    /* Every preposition and title of the lists (they are searched, so sorted). */
    const char *preps[] = {"about", "against", "among",  "at",      "between", "for",    "of",
                           "on",    "to",      "toward", "towards", "with",    "without"};
    const char *titles[] = {"Chancellor", "Dr", "Foreign",   "General", "Minister", "Mr",
                            "Mrs",        "Ms", "President", "Prime",   "Secretary"};
    char text[128];
    for (size_t i = 0; i < sizeof preps / sizeof *preps; i++) {
        snprintf(text, sizeof text, "They argued %s Lavrov and said nothing.", preps[i]);
        assert_int_equal(remarks(text), 0);
    }
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        snprintf(text, sizeof text, "They argued with %s Lavrov and said nothing.", titles[i]);
        assert_int_equal(remarks(text), 0);
    }
    /* Still the speaker's words: an agent ("by"), a clause of its own after a comma or quote,
     * "who" or "himself" after the name, a title that is a country's or "of State", and "us"
     * that is the pronoun. */
    static const char *const still[] = {
        "The plan, drafted by Lavrov and announced on Monday, failed.",
        "\"It matters for us,\" Zelenskyy said.",
        "It is vital for us, Zelenskyy said.",
        "It is vital for us Zelenskyy said.",
        "They had talks with Macron, who said little.",
        "Look at Putin himself saying that sanctions hurt.",
        "Secretary of State Antony Blinken said the talks failed.",
        "President of Ukraine Volodymyr Zelenskyy stressed the point.",
        "According to Kuleba, the talks with Lavrov stalled.",
    };
    for (size_t i = 0; i < sizeof still / sizeof *still; i++)
        assert_int_equal(remarks(still[i]), 1);
}

/* A verb belongs to the nearest name before it that may be its subject, and a passive
 * ("was informed") reports nobody's words. */
static void a_later_name_or_a_passive_is_not_the_speaker(void **state)
{
    (void)state;
    const char *greeting = "Greeting President of Turkey Recep Tayyip Erdogan, Vladimir Putin "
                           "noted the progress.";
    assert_int_equal(remarks_of(greeting, "erdogan"), 0);
    assert_int_equal(remarks_of(greeting, "putin"), 1);
    assert_int_equal(remarks_of("Beside Macron, Zelenskyy said the talks went well.", "macron"), 0);
    /* Two subjects of one verb, and names that cannot be the subject in between. */
    const char *both = "Vladimir Putin and President Emmanuel Macron also spoke about grain.";
    assert_int_equal(remarks_of(both, "putin"), 1);
    assert_int_equal(remarks_of(both, "macron"), 1);
    const char *aide = "Yermak, Zelenskyy's chief of staff, said the talks stalled.";
    assert_int_equal(remarks_of(aide, "yermak"), 1);
    assert_int_equal(remarks_of(aide, "zelenskyy"), 0);
    assert_int_equal(
        remarks_of("Podolyak, an adviser to President Zelenskyy, said no.", "podolyak"), 1);
    /* Passives, and the -ing forms that are not. */
    static const struct remarks_case voice[] = {
        {"Zelenskyy was informed about the shelling.", 0},
        {"Macron is said to favour talks.", 0},
        {"Kuleba had been told of the plan.", 0},
        {"Biden was asked about the talks.", 0},
        {"Stoltenberg was speaking before the summit.", 1},
        {"Lavrov is saying that the talks failed.", 1},
        {"Lavrov was informed and said nothing.", 1},
    };
    check_cases(voice, sizeof voice / sizeof *voice);
}

/* A quotation mark between the name and the verb puts them in different voices: the name is
 * in somebody's quoted words, or the verb reports a quotation that names it. */
static void a_name_inside_a_quotation_is_not_the_speaker(void **state)
{
    (void)state;
    static const struct remarks_case quoted[] = {
        {"\"Nothing changes even if Putin steps aside,\" said an analyst.", 0},
        {"\u201CWe want support from President Macron,\u201D said the minister.", 0},
        {"The paper says \u201CPutin bombs a hospital\u201D on its front page.", 0},
        {"She called the regime \u00ABPutin and his bandits\u00BB and said no more.", 0},
        {"He said: \"Lavrov knows the terms.\"", 0},
        /* The speaker outside the quotation, before or after it, still counts. */
        {"\"We are ready,\" Zelenskyy said.", 1},
        {"\"We are ready,\" said Zelenskyy.", 1},
        {"Zelenskyy said: \"We are ready.\"", 1},
        {"Kuleba told reporters \u201Cthe talks go on\u201D.", 1},
    };
    check_cases(quoted, sizeof quoted / sizeof *quoted);
}

/* Equal passages but for the verb; and one where somebody else speaks. */
static const nx_article talks[] = {
    {"met", "Talks", "2022-03-10", "Wire", NULL,
     "Lavrov met the ceasefire envoy who would resume in spring.", 0},
    {"said", "Talks", "2022-03-10", "Wire", NULL,
     "Lavrov said the ceasefire talks would resume in the spring.", 0},
    {"none", "Talks", "2022-03-10", "Wire", NULL,
     "The envoy said the ceasefire talks would resume in the spring.", 0},
};

/* Equal passages but for the verb: the one reporting what Lavrov said ranks first, and its
 * remarks term is in --explain; without the remarks term the other, indexed first, would. */
static void reported_words_rank_above_a_mention(void **state)
{
    (void)state;
    nxt_env *g = nxt_index_of(talks, 2); /* "met" and "said" */
    const char *actors[] = {"lavrov"};
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.flags = NX_SEARCH_EXPLAIN;
    for (int form = 0; form < 2; form++) { /* the name in the text, or --actor */
        so.query = form == 0 ? "Lavrov ceasefire" : "ceasefire";
        so.actors = form == 0 ? NULL : actors;
        so.n_actors = form == 0 ? 0 : 1;
        nx_results *r;
        assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
        const nx_hit *h;
        assert_int_equal(nx_results_next(&h, r), NX_OK);
        assert_string_equal(h->article_id, "said");
        assert_non_null(strstr(h->explain, "\nXRlavrov: weight "));
        assert_int_equal(h->n_said, 1); /* the hit says whose words it holds */
        assert_string_equal(h->said[0], "lavrov");
        assert_int_equal(nx_results_next(&h, r), NX_OK);
        assert_string_equal(h->article_id, "met");
        assert_null(strstr(h->explain, "XRlavrov"));
        assert_int_equal(h->n_said, 0);
        assert_int_equal(nx_results_next(&h, r), NX_DONE);
        nx_results_free(r);
    }
    nxt_env_free(g);
}

/* The actor's words weigh only where the passage is also about the rest of the query: "Lavrov
 * said the weather was fine" does not outrank "Lavrov met envoys before the talks" for
 * 'Lavrov talks', nor does --explain show the remarks term there; asked for alone, his words
 * rank first. */
static void reported_words_weigh_with_the_query_words(void **state)
{
    (void)state;
    static const nx_article arts[] = {
        {"aside", "A", "2022-03-10", "Wire", NULL, "Lavrov said the weather in Moscow was fine.",
         0},
        {"talks", "B", "2022-03-10", "Wire", NULL, "Lavrov met envoys before the talks resumed.",
         0},
        {"geneva", "C", "2022-03-10", "Wire", NULL, "The talks resumed in Geneva on Monday.", 0},
        {"early", "D", "2022-03-10", "Wire", NULL, "The talks ended early on Tuesday.", 0},
        {"planned", "E", "2022-03-10", "Wire", NULL, "New talks were planned for Friday.", 0},
    };
    nxt_env *g = nxt_index_of(arts, sizeof arts / sizeof *arts);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "Lavrov talks";
    so.flags = NX_SEARCH_EXPLAIN;
    nx_results *r;
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    const nx_hit *h;
    assert_int_equal(nx_results_next(&h, r), NX_OK);
    assert_string_equal(h->article_id, "talks");
    bool aside = false;
    while (nx_results_next(&h, r) == NX_OK)
        if (strcmp(h->article_id, "aside") == 0) {
            aside = true;
            assert_null(strstr(h->explain, "XRlavrov"));
        }
    assert_true(aside);
    nx_results_free(r);
    so.query = "Lavrov";
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    assert_int_equal(nx_results_next(&h, r), NX_OK);
    assert_string_equal(h->article_id, "aside");
    assert_non_null(strstr(h->explain, "\nXRlavrov: weight "));
    nx_results_free(r);
    so.query = "talks -Lavrov"; /* an actor left out asks for nothing of theirs */
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    size_t n = 0;
    while (nx_results_next(&h, r) == NX_OK) {
        n++;
        assert_null(strstr(h->explain, "XR"));
        assert_null(strstr(h->body + h->start, "Lavrov"));
    }
    assert_int_equal(n, 3);
    nx_results_free(r);
    nxt_env_free(g);
}

/* said:lavrov finds the passages that report his words (any spelling), not those that only name
 * him; --explain shows the remarks term in full; it cannot stand in NEAR. */
static void said_field_finds_reported_words(void **state)
{
    (void)state;
    nxt_env *g = nxt_index_of(talks, 3);
    const char *spellings[] = {"said:lavrov", "said:\"Sergei Lavrov\"", "said:Лавров"};
    for (size_t i = 0; i < 3; i++) {
        nx_search_opts so = NX_SEARCH_OPTS_INIT;
        so.query = spellings[i];
        so.flags = NX_SEARCH_EXPLAIN;
        nx_results *r;
        const nx_hit *h;
        assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
        assert_int_equal(nx_results_next(&h, r), NX_OK);
        assert_string_equal(h->article_id, "said");
        assert_non_null(strstr(h->explain, "\nXRlavrov: weight "));
        assert_null(strstr(h->explain, "query structure"));
        assert_int_equal(h->n_matches, 1); /* the name is highlighted */
        assert_int_equal(h->matches[0].kind, NX_MATCH_ACTOR);
        assert_int_equal(nx_results_next(&h, r), NX_DONE);
        nx_results_free(r);
    }
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    nx_results *r;
    so.query = "said:lavrov NEAR/3 ceasefire";
    assert_int_equal(nx_search(&r, g->db, &so), NX_EQUERY);
    assert_non_null(strstr(nx_error_last()->message, "said: cannot be part of NEAR"));
    so.query = "said:nobody";
    assert_int_equal(nx_search(&r, g->db, &so), NX_ENOTFOUND);
    nxt_env_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(said_field_finds_reported_words),
        cmocka_unit_test(reporting_verbs_are_verb_forms),
        cmocka_unit_test(a_speaker_next_to_a_reporting_verb),
        cmocka_unit_test(an_object_or_owner_is_not_the_speaker),
        cmocka_unit_test(a_later_name_or_a_passive_is_not_the_speaker),
        cmocka_unit_test(a_name_inside_a_quotation_is_not_the_speaker),
        cmocka_unit_test(reported_words_rank_above_a_mention),
        cmocka_unit_test(reported_words_weigh_with_the_query_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
