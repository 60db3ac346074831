/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "text/tokenizer.h"

/* Two spellings of one word, each first in its pair of the table in lib/text/stem.c, then its
 * partner; every entry is here, so a table out of order (it is binary-searched) fails. */
static const char *const pairs[][2] = {
    {"armour", "armor"},      {"behaviour", "behavior"},
    {"centres", "center"},    {"Chernigov", "Chernihiv"},
    {"defense", "defence"},   {"Donbass", "Donbas"},
    {"favour", "favor"},      {"honours", "honor"},
    {"Kharkov", "Kharkiv"},   {"Kiev", "Kyiv"},
    {"licence", "license"},   {"Lisichansk", "Lysychansk"},
    {"Lugansk", "Luhansk"},   {"neighbours", "neighbor"},
    {"Nikolaev", "Mykolaiv"}, {"Odessa", "Odesa"},
    {"offence", "offense"},   {"programmes", "program"},
    {"rubles", "roubles"},    {"Sievierodonetsk", "Severodonetsk"},
    {"theatre", "theater"},
};

static const char *stem_of(nx__tokenizer *t, nx__toklist *l, const char *word)
{
    assert_int_equal(nx__tokenizer_all(t, word, strlen(word), 1, l), NX_OK);
    assert_int_equal(l->n, 1);
    return l->toks[0].stem;
}

static void spelling_variants_share_a_stem(void **state)
{
    (void)state;
    nx__tokenizer *t;
    nx__toklist a, b;
    assert_int_equal(nx__tokenizer_new(&t), NX_OK);
    nx__tokenizer_list_init(&a);
    nx__tokenizer_list_init(&b);
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        const char *x = stem_of(t, &a, pairs[i][0]), *y = stem_of(t, &b, pairs[i][1]);
        if (strcmp(x, y) != 0)
            fail_msg("%s -> %s but %s -> %s", pairs[i][0], x, pairs[i][1], y);
    }
    /* Whole stems only: "central" is not "centre"; the Russian stemmer is left alone. */
    assert_string_equal(stem_of(t, &a, "central"), "central");
    assert_string_equal(stem_of(t, &a, "Киев"), "ки"); /* Snowball Russian, not mapped */
    assert_string_equal(stem_of(t, &a, "Kiev"), "kyiv");
    assert_string_equal(stem_of(t, &a, "U.S."), "us");
    nx__tokenizer_list_release(&a);
    nx__tokenizer_list_release(&b);
    nx__tokenizer_free(t);
}

#define KIEV_BODY "Talks on the situation around Kiev and Donbass went on, U.S. officials said."
#define KYIV_BODY "Shelling near Kyiv continued as the Donbas front moved."
static const nx_article kiev = {"kiev", "Report", "2022-03-01", "Kremlin", NULL, KIEV_BODY, 0};
static const nx_article kyiv = {"kyiv", "Report", "2022-03-02", "Wire", NULL, KYIV_BODY, 0};

static void put_both(const char *path)
{
    nx_db *w = nxt_open_writer(path, 0);
    assert_int_equal(nx_db_put(NULL, NULL, w, &kiev), NX_OK);
    assert_int_equal(nx_db_put(NULL, NULL, w, &kyiv), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
}

/* The article ids a query finds, space-separated in rank order; the first hit's matches,
 * '|'-separated. */
static char found[64], first_match[64];
static const char *find(nx_db *db, const char *query)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.sort = NX_SORT_DATE;
    nx_results *r;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    const nx_hit *h;
    found[0] = first_match[0] = '\0';
    while (nx_results_next(&h, r) == NX_OK) {
        for (size_t i = 0; !found[0] && i < h->n_matches; i++)
            snprintf(first_match + strlen(first_match), sizeof first_match - strlen(first_match),
                     "%s%.*s", i ? "|" : "", (int)(h->matches[i].end - h->matches[i].start),
                     h->body + h->matches[i].start);
        snprintf(found + strlen(found), sizeof found - strlen(found), "%s%s", found[0] ? " " : "",
                 h->article_id);
    }
    nx_results_free(r);
    return found;
}

/* In a new index either spelling finds both, and the match shows the passage's own spelling;
 * so do "US" and "U.S." (tokenizer). */
static void either_spelling_finds_both(void **state)
{
    nxt_env *f = *state;
    put_both(f->path);
    nx_db *db;
    assert_int_equal(nx_db_open(&db, f->path, NULL), NX_OK);
    assert_string_equal(find(db, "Kyiv"), "kyiv kiev"); /* newest first */
    assert_string_equal(first_match, "Kyiv");
    assert_string_equal(find(db, "Kiev"), "kyiv kiev");
    assert_string_equal(find(db, "\"around Kyiv\""), "kiev");
    assert_string_equal(first_match, "around|Kiev");
    assert_string_equal(find(db, "title:report Donbass"), "kyiv kiev");
    assert_string_equal(find(db, "US"), "kiev"); /* "U.S." is the word "us" */
    assert_string_equal(first_match, "U.S.");
    assert_int_equal(nx_db_close(db), NX_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spelling_variants_share_a_stem),
        cmocka_unit_test_setup_teardown(either_spelling_finds_both, nxt_env_setup,
                                        nxt_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
