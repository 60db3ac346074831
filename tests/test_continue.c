/* A short passage (a lead) is shown with the sentences that follow it (passage.h). */
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

/* The lead's hit shows the lead and the whole next paragraph, in the body as it was read, with
 * the query's words highlighted in both; the body is carried far enough to hold it. */
static void check_continued(nx_db *db)
{
    struct first f = first_hit(db, "telephone initiative contact", NX_SEARCH_BODY_TO_PASSAGE);
    const nx_hit *h = f.h;
    assert_string_equal(h->article_id, "call");
    assert_int_equal(h->start, 0);
    assert_int_equal(h->passage_end, strlen(LEAD));
    assert_int_equal(h->end, strlen(LEAD "\n\n" SUBSTANCE));
    assert_true(h->body_len >= h->end);
    assert_memory_equal(h->body, body_of("call"), h->end);
    bool in_lead = false, in_rest = false;
    for (size_t i = 0; i < h->n_matches; i++) {
        assert_true(h->matches[i].start >= h->start && h->matches[i].end <= h->end);
        in_lead |= h->matches[i].end <= h->passage_end;
        in_rest |= h->matches[i].start >= h->passage_end;
    }
    assert_true(in_lead && in_rest);
    nx_results_free(f.r);
}

static void a_short_lead_is_shown_with_the_next_paragraph(void **state)
{
    check_continued(((nxt_env *)*state)->db);
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
    check_continued(g->db);
    nxt_env_free(g);
}

static void passage_only_shows_the_passage_as_indexed(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    struct first f = first_hit(db, "telephone initiative", NX_SEARCH_PASSAGE_ONLY);
    assert_string_equal(f.h->article_id, "call");
    assert_int_equal(f.h->end, strlen(LEAD));
    assert_int_equal(f.h->passage_end, f.h->end);
    nx_results_free(f.r);
}

/* A passage of 25 words or more says enough; a short passage with nothing after it stays. */
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

/* The lead's hit of `query` among the first `limit` hits (two passages per article): the end of
 * what it shows, and whether the paragraph after it ranked above it. */
static size_t lead_shown_to(nx_db *db, const char *query, size_t limit, bool *next_above)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.per_article = 2;
    so.limit = limit;
    nx_results *r = NULL;
    const nx_hit *h = NULL;
    size_t end = 0;
    *next_above = false;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    while (nx_results_next(&h, r) == NX_OK && h && end == 0) {
        assert_string_equal(h->article_id, "call");
        if (h->start == 0)
            end = h->end;
        else
            *next_above = h->start == strlen(LEAD "\n\n");
    }
    nx_results_free(r);
    assert_int_not_equal(end, 0);
    return end;
}

/* With two passages per article the paragraph after a lead can be a hit of its own. Ranked
 * above the lead, it has been read: the lead is shown alone, not repeating it. Ranked below,
 * the lead still shows it, whether or not the page reaches down to it. */
static void a_continuation_already_shown_is_not_repeated(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    bool above = false;
    assert_int_equal(lead_shown_to(db, "guarantees security telephone", 2, &above), strlen(LEAD));
    assert_true(above);
    size_t full = strlen(LEAD "\n\n" SUBSTANCE);
    assert_int_equal(lead_shown_to(db, "telephone initiative guarantees", 1, &above), full);
    assert_false(above);
    assert_int_equal(lead_shown_to(db, "telephone initiative guarantees", 2, &above), full);
    assert_false(above);
}

static int setup(void **state)
{
    *state = nxt_index_of(articles, N_ARTICLES);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_short_lead_is_shown_with_the_next_paragraph),
        cmocka_unit_test(the_same_in_a_sharded_index),
        cmocka_unit_test(passage_only_shows_the_passage_as_indexed),
        cmocka_unit_test(other_passages_are_shown_as_indexed),
        cmocka_unit_test(a_continuation_already_shown_is_not_repeated),
    };
    return cmocka_run_group_tests(tests, setup, nxt_env_teardown);
}
