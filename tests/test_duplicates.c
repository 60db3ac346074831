/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Copies are one hit (docs/duplicates.md): through the library, on an archive written here. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"

#define GRAIN                                                                                      \
    "Ships carrying grain left the southern port on Tuesday under the new corridor deal, the "     \
    "first convoy since the blockade began in the spring.\n\n"                                     \
    "Insurers said cover for the vessels remained expensive."
/* The same text with other spacing, case and punctuation. */
#define GRAIN_AGAIN                                                                                \
    "SHIPS carrying grain left the southern port on Tuesday, under the new corridor deal - the "   \
    "first convoy since the blockade began in the spring!\n\n\n"                                   \
    "Insurers said cover for the vessels  remained expensive."
#define SUMMARY                                                                                    \
    "Summary: the parliament voted late at night to extend martial law by another ninety days, "   \
    "and the opposition walked out before the count."

static const nx_article articles[] = {
    {"wire-late", "Grain ships sail", "2022-08-02", "Reuters", "https://example.org/late", GRAIN,
     0},
    {"wire-early", "Grain convoy leaves port", "2022-08-01", "AP", "https://example.org/early",
     GRAIN_AGAIN, 0},
    {"blog-1", "Live: day 160", "2022-08-03", "Daily Courier", NULL,
     SUMMARY "\n\nThe mayor of the capital opened three new shelters in the metro.", 0},
    {"blog-2", "Live: day 161", "2022-08-04", "Daily Courier", NULL,
     SUMMARY "\n\nFarmers in the east brought in a record sunflower harvest this year despite "
             "the shelling.",
     0},
    {"credit-1", "Harvest", "2022-08-05", "Wire Service", NULL,
     "Wheat exports doubled in July as the ports reopened for traffic.\n\nReporting by staff.", 0},
    {"credit-2", "Metro", "2022-08-06", "Wire Service", NULL,
     "Commuters returned to the trains after the alerts ended.\n\nReporting by staff.", 0},
};
enum { N_ARTICLES = sizeof articles / sizeof *articles };

static int setup(void **state)
{
    *state = nxt_index_of(articles, N_ARTICLES);
    return 0;
}

/* What a search shows: "id[copy,copy] id ..." in rank order. */
static char *shown(nx_db *db, const char *query, unsigned int flags, size_t offset, size_t limit)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.flags = flags;
    so.offset = offset;
    so.limit = limit;
    nx_results *r;
    if (nx_search(&r, db, &so) != NX_OK)
        fail_msg("search '%s': %s", query, nx_error_last()->message);
    static char out[1024];
    out[0] = '\0';
    const nx_hit *h;
    int rc;
    while ((rc = nx_results_next(&h, r)) == NX_OK) {
        if (out[0])
            strcat(out, " ");
        strcat(out, h->article_id);
        for (size_t i = 0; i < h->n_also_in; i++) {
            strcat(out, i == 0 ? "[" : ",");
            strcat(out, h->also_in[i].article_id);
        }
        if (h->n_also_in)
            strcat(out, "]");
    }
    assert_int_equal(rc, NX_DONE);
    nx_results_free(r);
    return out;
}

static uint64_t counted(nx_db *db, const char *query, unsigned int flags)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.flags = flags | NX_SEARCH_EXACT;
    nx_results *r;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    uint64_t n = nxt_articles(r);
    nx_results_free(r);
    return n;
}

/* Articles whose bodies are the same text, however spaced and cased, are one hit: the earliest
 * article's, with the other in also_in and all its fields. */
static void copies_of_an_article_are_one_hit_from_the_earliest(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    assert_string_equal(shown(db, "grain convoy", 0, 0, 10), "wire-early[wire-late]");
    assert_string_equal(shown(db, "insurers vessels", 0, 0, 10), "wire-early[wire-late]");
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "grain convoy";
    nx_results *r;
    const nx_hit *h;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    assert_int_equal(nx_results_next(&h, r), NX_OK);
    assert_int_equal(h->n_also_in, 1);
    assert_string_equal(h->also_in[0].title, "Grain ships sail");
    assert_string_equal(h->also_in[0].date, "2022-08-02");
    assert_string_equal(h->also_in[0].source, "Reuters");
    assert_string_equal(h->also_in[0].url, "https://example.org/late");
    assert_non_null(h->story);
    assert_int_equal(strlen(h->story), 16);
    nx_results_free(r);
}

/* The library tells copies by their story: the same key on both. */
static void copies_share_their_story_key(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "grain OR mayor";
    so.flags = NX_SEARCH_DUPLICATES;
    nx_results *r;
    const nx_hit *h;
    char early[17] = "", late[17] = "", blog[17] = "";
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    while (nx_results_next(&h, r) == NX_OK) {
        char *to = strcmp(h->article_id, "wire-early") == 0  ? early
                   : strcmp(h->article_id, "wire-late") == 0 ? late
                                                             : blog;
        snprintf(to, 17, "%s", h->story);
    }
    nx_results_free(r);
    assert_int_equal(strlen(early), 16);
    assert_string_equal(early, late);
    assert_string_not_equal(early, blog);
}

/* A paragraph repeated in another article is one hit, the earliest article's; what the
 * articles do not share stays apart. */
static void a_repeated_paragraph_is_one_hit(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    assert_string_equal(shown(db, "martial law opposition", 0, 0, 10), "blog-1[blog-2]");
    assert_string_equal(shown(db, "sunflower harvest", 0, 0, 10), "blog-2");
    assert_string_equal(shown(db, "metro shelters", 0, 0, 10), "blog-1");
    /* two stories, not one: their bodies differ */
    assert_int_equal(counted(db, "martial law opposition", 0), 2);
}

/* A short line two stories share ("Reporting by staff.") does not make them copies. */
static void a_short_shared_line_is_no_copy(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    char *got = shown(db, "\"reporting by staff\"", 0, 0, 10);
    assert_true(strcmp(got, "credit-1 credit-2") == 0 || strcmp(got, "credit-2 credit-1") == 0);
}

/* NX_SEARCH_DUPLICATES shows each copy and counts articles; without it a story counts once,
 * in counts and in facets. */
static void duplicates_flag_shows_and_counts_each_copy(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    char *got = shown(db, "grain convoy", NX_SEARCH_DUPLICATES, 0, 10);
    assert_true(strcmp(got, "wire-late wire-early") == 0 ||
                strcmp(got, "wire-early wire-late") == 0);
    assert_int_equal(counted(db, "grain convoy", 0), 1);
    assert_int_equal(counted(db, "grain convoy", NX_SEARCH_DUPLICATES), 2);
    for (int show = 0; show < 2; show++) {
        nx_search_opts so = NX_SEARCH_OPTS_INIT;
        so.query = "grain convoy";
        so.flags = NX_SEARCH_FACETS | (show ? NX_SEARCH_DUPLICATES : 0u);
        nx_results *r;
        const char *name;
        uint64_t n;
        assert_int_equal(nx_search(&r, db, &so), NX_OK);
        assert_int_equal(nx_results_facet_count(r, NX_FACET_MONTH), 1);
        assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_MONTH, 0), NX_OK);
        assert_string_equal(name, "2022-08");
        assert_int_equal(n, show ? 2 : 1);
        nx_results_free(r);
    }
}

/* A story whose copies have other dates counts once, on its first: the days of a timeline add
 * up to the stories. */
static void a_story_counts_on_its_first_day(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "grain convoy";
    so.flags = NX_SEARCH_TIMELINE | NX_SEARCH_EXACT;
    nx_results *r;
    const char *name;
    uint64_t n, sum = 0;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    for (size_t i = 0; i < nx_results_facet_count(r, NX_FACET_DAY); i++) {
        assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_DAY, i), NX_OK);
        if (strcmp(name, "2022-08-01") == 0)
            assert_int_equal(n, 1);
        sum += n;
    }
    assert_int_equal(sum, nxt_articles(r));
    assert_int_equal(sum, 1);
    nx_results_free(r);
}

/* Pages count hits after collapsing: they tile the one ranking. */
static void pages_tile_the_collapsed_ranking(void **state)
{
    nx_db *db = ((nxt_env *)*state)->db;
    char all[1024], paged[1024] = "";
    snprintf(all, sizeof all, "%s", shown(db, "the", 0, 0, 10));
    for (size_t off = 0; off < 10; off++) {
        char *one = shown(db, "the", 0, off, 1);
        if (!*one)
            break;
        if (*paged)
            strcat(paged, " ");
        strcat(paged, one);
    }
    assert_string_equal(paged, all);
    assert_non_null(strstr(all, "wire-early[wire-late]"));
    assert_null(strstr(all, "wire-late "));
}

/* Copies follow the index as it changes: a deleted shown article gives way to the next copy, a
 * new earlier copy takes its place, a copy given new text leaves the story. */
static void copies_follow_incremental_indexing(void **state)
{
    nxt_env *e = *state;
    nx_db_free(e->db);
    e->db = NULL;
    nx_db *w = nxt_open_writer(e->path, 0);
    assert_int_equal(nx_db_delete(w, "wire-early"), NX_OK);
    assert_int_equal(nx_db_commit(w), NX_OK);
    assert_string_equal(shown(w, "grain convoy", 0, 0, 10), "wire-late");
    nx_article earlier = {"wire-first", "Convoy", "2022-07-31", "Agency", NULL, GRAIN, 0};
    assert_int_equal(nx_db_put(NULL, NULL, w, &earlier), NX_OK);
    assert_int_equal(nx_db_commit(w), NX_OK);
    assert_string_equal(shown(w, "grain convoy", 0, 0, 10), "wire-first[wire-late]");
    nx_article changed = {"wire-first",
                          "Convoy",
                          "2022-07-31",
                          "Agency",
                          NULL,
                          "A grain convoy is expected next week, officials said.",
                          0};
    assert_int_equal(nx_db_put(NULL, NULL, w, &changed), NX_OK);
    assert_int_equal(nx_db_commit(w), NX_OK);
    char *got = shown(w, "grain convoy", 0, 0, 10);
    assert_non_null(strstr(got, "wire-late"));
    assert_non_null(strstr(got, "wire-first"));
    assert_null(strchr(got, '['));
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(nx_db_open(&e->db, e->path, NULL), NX_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copies_of_an_article_are_one_hit_from_the_earliest),
        cmocka_unit_test(copies_share_their_story_key),
        cmocka_unit_test(a_repeated_paragraph_is_one_hit),
        cmocka_unit_test(a_short_shared_line_is_no_copy),
        cmocka_unit_test(duplicates_flag_shows_and_counts_each_copy),
        cmocka_unit_test(a_story_counts_on_its_first_day),
        cmocka_unit_test(pages_tile_the_collapsed_ranking),
        cmocka_unit_test(copies_follow_incremental_indexing),
    };
    return cmocka_run_group_tests(tests, setup, nxt_env_teardown);
}
