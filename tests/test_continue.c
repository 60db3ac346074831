/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A hit is its passage as indexed: a short one (a lead) is not continued with the sentences
 * after it (docs/ranking.md: measured, not kept), with or without NX_SEARCH_PASSAGE_ONLY. */
#include "testutil.h"

#include <string.h>

#include "newsidx.h"

#define LEAD                                                                                       \
    "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron at "     \
    "the French side's initiative."
#define SUBSTANCE                                                                                  \
    "The leaders discussed the situation around Ukraine in detail. Security guarantees were "      \
    "the main issue. They agreed to keep in contact."

static const nx_article articles[] = {
    {"call", "Telephone conversation", "2022-03-03", "Kremlin", NULL,
     LEAD "\n\n" SUBSTANCE
          "\n\nAides later spoke about grain exports from the Black Sea ports and the Danube.",
     0},
    {"long", "Telephone conversation", "2022-03-04", "Kremlin", NULL,
     "Vladimir Putin had a telephone conversation with Olaf Scholz, and the two leaders spoke "
     "at length about the gas supplies to Germany and the payments for them.\n\n"
     "They agreed to continue the exchange of views on these and other matters in the coming "
     "weeks.",
     0},
    {"alone", "Telephone conversation", "2022-03-05", "Kremlin", NULL,
     "Vladimir Putin had a telephone conversation with the Prime Minister of Norway today.", 0},
};
enum { N_ARTICLES = sizeof articles / sizeof *articles };

/* The first hit for `query` with `flags`, and the results it belongs to (free them). */
struct first {
    nx_results *r;
    const nx_hit *h;
};

static struct first first_hit(nx_db *db, const char *query, unsigned int flags)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.flags = flags;
    struct first f;
    assert_int_equal(nx_search(&f.r, db, &so), NX_OK);
    assert_int_equal(nx_results_next(&f.h, f.r), NX_OK);
    return f;
}

static const char *body_of(const char *id)
{
    for (size_t i = 0; i < N_ARTICLES; i++)
        if (strcmp(articles[i].id, id) == 0)
            return articles[i].body;
    fail_msg("no article %s", id);
    return NULL;
}

/* The lead's hit shows the lead alone, in the body as it was read, with the query's words
 * highlighted in it; the body is carried to its end and no further. `flags` adds to
 * NX_SEARCH_BODY_TO_PASSAGE. */
static void check_lead_alone(nx_db *db, unsigned int flags)
{
    struct first f =
        first_hit(db, "telephone initiative contact", NX_SEARCH_BODY_TO_PASSAGE | flags);
    const nx_hit *h = f.h;
    assert_string_equal(h->article_id, "call");
    assert_int_equal(h->start, 0);
    assert_int_equal(h->end, strlen(LEAD));
    assert_int_equal(h->passage_end, h->end);
    assert_int_equal(h->body_len, h->end);
    assert_memory_equal(h->body, body_of("call"), h->end);
    assert_true(h->n_matches >= 2); /* "telephone", "initiative" */
    for (size_t i = 0; i < h->n_matches; i++)
        assert_true(h->matches[i].start >= h->start && h->matches[i].end <= h->end);
    nx_results_free(f.r);
}

static void a_short_lead_is_shown_alone(void **state)
{
    check_lead_alone(((nxt_env *)*state)->db, 0);
}

static void the_same_in_a_sharded_index(void **state)
{
    (void)state;
    nxt_env *g = nxt_env_new();
    nx_db *w = nxt_open_sharded(g->path, 2);
    for (size_t i = 0; i < N_ARTICLES; i++)
        assert_int_equal(nx_db_put(NULL, NULL, w, &articles[i]), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(nx_db_open(&g->db, g->path, NULL), NX_OK);
    check_lead_alone(g->db, 0);
    nxt_env_free(g);
}

/* NX_SEARCH_PASSAGE_ONLY is still accepted, and changes nothing. */
static void passage_only_is_accepted_and_changes_nothing(void **state)
{
    check_lead_alone(((nxt_env *)*state)->db, NX_SEARCH_PASSAGE_ONLY);
}

/* Longer passages, and a short one with nothing after it, are shown as indexed too. */
static void other_passages_are_shown_as_indexed(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    struct first f = first_hit(db, "Scholz payments", 0);
    assert_string_equal(f.h->article_id, "long");
    assert_int_equal(f.h->end, f.h->passage_end);
    assert_int_equal(f.h->end, strstr(body_of("long"), "\n\n") - body_of("long"));
    nx_results_free(f.r);
    f = first_hit(db, "Norway", 0);
    assert_string_equal(f.h->article_id, "alone");
    assert_int_equal(f.h->end, strlen(body_of("alone")));
    assert_int_equal(f.h->passage_end, f.h->end);
    nx_results_free(f.r);
}

static int setup(void **state)
{
    *state = nxt_index_of(articles, N_ARTICLES);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_short_lead_is_shown_alone),
        cmocka_unit_test(the_same_in_a_sharded_index),
        cmocka_unit_test(passage_only_is_accepted_and_changes_nothing),
        cmocka_unit_test(other_passages_are_shown_as_indexed),
    };
    return cmocka_run_group_tests(tests, setup, nxt_env_teardown);
}
