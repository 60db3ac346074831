/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsidx.h"

/* A small archive written for these tests. */
static const nx_article articles[] = {
    {"near", "Foreign ministers", "2022-03-10", "Wire Service", NULL,
     "Lavrov demanded a ceasefire today. Officials met there again.", 0},
    {"far", "Foreign ministers", "2022-03-10", "Wire Service", NULL,
     "Lavrov met officials there today. A ceasefire was demanded.", 0},
    {"cyr", "Заявление", "2022-03-11", "Daily Courier", NULL,
     "Лавров заявил, что переговоры продолжатся в Стамбуле.", 0},
    {"sergey", "Antalya meeting", "2022-03-12", "Daily Courier", NULL,
     "Sergey Lavrov and Dmytro Kuleba met in Antalya, with Mevlüt Çavuşoğlu as host.\n\n"
     "They discussed humanitarian corridors for civilians from Mariupol.",
     0},
    {"zel", "Address", "2022-04-02", "Presidential Office", NULL,
     "President Zelenskiy said the cease-fire must hold and negotiations must continue.", 0},
    {"energy", "Energy sanctions deepen", "2022-05-20", "Daily Courier", NULL,
     "The union agreed an oil embargo and discussed a price cap on gas.\n\n"
     "New pipeline projects were put on hold across the region, officials confirmed.\n\n"
     "A second pipeline, linking the northern ports, was also delayed by the sanctions.",
     0},
    {"corridor", "Civilians leave", "2022-03-05", "Wire Service", NULL,
     "Corridors were opened; humanitarian groups said the ceasefire held for hours.", 0},
};
enum { N_ARTICLES = sizeof articles / sizeof *articles };

static int setup(void **state)
{
    *state = nxt_index_of(articles, N_ARTICLES);
    return 0;
}

/* The first hit's explanation of the last ids_for() with NX_SEARCH_EXPLAIN. */
static char first_explain[4096];

/* The article ids of all hits, space-separated, in rank order. */
static char *ids_for(nx_db *db, const nx_search_opts *so)
{
    nx_results *r;
    if (nx_search(&r, db, so) != NX_OK)
        fail_msg("search '%s': %s", so->query ? so->query : "", nx_error_last()->message);
    static char out[1024];
    out[0] = '\0';
    const nx_hit *h;
    int rc;
    while ((rc = nx_results_next(&h, r)) == NX_OK) {
        if (!out[0] && (so->flags & NX_SEARCH_EXPLAIN))
            snprintf(first_explain, sizeof first_explain, "%s", h->explain);
        if (out[0])
            strcat(out, " ");
        strcat(out, h->article_id);
    }
    assert_int_equal(rc, NX_DONE);
    nx_results_free(r);
    return out;
}

static char *ids(nx_db *db, const char *query)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.limit = 50;
    return ids_for(db, &so);
}

static bool has(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; (p = strstr(p, id)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

static void words_match_by_stem_and_fold(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "Mariupol"), "sergey");
    assert_string_equal(ids(f->db, "negotiation"), "zel");  /* negotiations */
    assert_string_equal(ids(f->db, "CAVUSOGLU"), "sergey"); /* Çavuşoğlu */
    assert_string_equal(ids(f->db, "стамбуле"), "cyr");
    assert_string_equal(ids(f->db, "nosuchwordanywhere"), "");
}

static void compounds_match_joined_and_split_forms(void **state)
{
    nxt_env *f = *state;
    char *r = ids(f->db, "ceasefire");
    assert_true(has(r, "zel")); /* the text says cease-fire */
    assert_true(has(r, "near"));
    r = ids(f->db, "cease-fire");
    assert_true(has(r, "near")); /* the text says ceasefire */
    assert_true(has(r, "zel"));
    assert_string_equal(ids(f->db, "\"cease fire\""), "zel");
}

static void phrases_need_order_and_adjacency(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "\"humanitarian corridors\""), "sergey");
    assert_string_equal(ids(f->db, "\"corridors humanitarian\""), "");
}

static void boolean_operators_and_modifiers(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "oil AND embargo"), "energy");
    assert_string_equal(ids(f->db, "oil AND pipeline"), ""); /* not in one passage */
    char *r = ids(f->db, "Mariupol OR embargo");
    assert_true(has(r, "sergey") && has(r, "energy"));
    r = ids(f->db, "ceasefire NOT Lavrov");
    assert_true(has(r, "zel") && has(r, "corridor"));
    assert_false(has(r, "near") || has(r, "far"));
    r = ids(f->db, "ceasefire -officials");
    assert_false(has(r, "near") || has(r, "far"));
    assert_string_equal(ids(f->db, "+embargo ceasefire"), "energy");
    r = ids(f->db, "(Mariupol OR embargo) AND oil");
    assert_string_equal(r, "energy");
}

static void near_stays_inside_one_sentence(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "Lavrov NEAR/5 ceasefire"), "near");
    assert_string_equal(ids(f->db, "Lavrov NEAR/99 demanded"), "near");
    /* "within n positions": Lavrov and ceasefire are 3 apart in "near" (two words between). */
    assert_string_equal(ids(f->db, "Lavrov NEAR/3 ceasefire"), "near");
    assert_string_equal(ids(f->db, "ceasefire NEAR/3 Lavrov"), "near");
    assert_string_equal(ids(f->db, "Lavrov NEAR/2 ceasefire"), "");
    /* Three terms: a window of n + 2; in "far" they never share a sentence. */
    assert_string_equal(ids(f->db, "Lavrov NEAR/1 demanded NEAR/1 ceasefire"), "");
    assert_string_equal(ids(f->db, "Lavrov NEAR/2 demanded NEAR/2 ceasefire"), "near");
    assert_string_equal(ids(f->db, "Lavrov NEAR/100 ceasefire NEAR/100 officials"), "");
}

static void fields_and_dates_filter(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "title:sanctions"), "energy");
    assert_string_equal(ids(f->db, "ceasefire source:\"presidential office\""), "zel");
    char *r = ids(f->db, "ceasefire date:2022-03-01..2022-03-09");
    assert_string_equal(r, "corridor");
    r = ids(f->db, "ceasefire date:2022-04");
    assert_string_equal(r, "zel");
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "ceasefire";
    so.since = "2022-03-06";
    so.until = "2022-03-31";
    r = ids_for(f->db, &so);
    assert_true(has(r, "near") && has(r, "far"));
    assert_false(has(r, "zel") || has(r, "corridor"));
    char whole_day[1024]; /* ids_for's buffer is reused */
    snprintf(whole_day, sizeof whole_day, "%s", r);
    so.until = "2022-03"; /* an end: to the month's last day */
    assert_string_equal(ids_for(f->db, &so), whole_day);
    so.since = "2022-04"; /* a start: from the month's first day */
    so.until = "2022";
    assert_string_equal(ids_for(f->db, &so), "zel");
    so.since = NULL;
    so.until = NULL;
    so.source = "wire service";
    r = ids_for(f->db, &so);
    assert_true(has(r, "near") && has(r, "corridor"));
    assert_false(has(r, "zel"));
}

/* A field typed in the text restricts the words' matches exactly as its option does. Beside
 * date:, source: or title: the words still have to match; beside a required actor they rank
 * what it matches (docs/query.md, "Fields"). */
static void fields_in_text_restrict_like_the_options(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.limit = 50;
    so.query = "corridors";
    so.since = "2022-03";
    so.until = "2022-03";
    char *r = strdup(ids_for(f->db, &so));
    assert_true(has(r, "sergey") && has(r, "corridor"));
    assert_false(has(r, "near") || has(r, "far")); /* March, but no corridor */
    assert_string_equal(ids(f->db, "date:2022-03 corridors"), r);
    free(r);
    so.since = so.until = NULL;
    const char *actor[] = {"lavrov"};
    so.actors = actor;
    so.n_actors = 1;
    so.query = "ceasefire";
    r = strdup(ids_for(f->db, &so));
    /* Every Lavrov passage, those with the word first ("sergey" has none); none without him. */
    assert_true(has(r, "near") && has(r, "far") && has(r, "sergey"));
    assert_true(strstr(r, "sergey") > strstr(r, "near") && strstr(r, "sergey") > strstr(r, "far"));
    assert_false(has(r, "zel") || has(r, "corridor"));
    assert_string_equal(ids(f->db, "actor:lavrov ceasefire"), r);
    assert_string_equal(ids(f->db, "ceasefire +actor:Lavrov"), r);
    free(r);
    assert_string_equal(ids(f->db, "title:civilians ceasefire"), "corridor");
    assert_string_equal(ids(f->db, "source:courier corridors"), "sergey");
    assert_string_equal(ids(f->db, "@energy pipeline -title:sanctions"), "");
    /* A group of fields: either actor required, the word ranks ("sergey" names Kuleba). */
    r = ids(f->db, "(actor:kuleba OR actor:zelenskyy) ceasefire");
    assert_string_equal(r, "zel sergey");
    assert_string_equal(ids(f->db, "-title:ministers date:2022-03-10..2022-03-11"), "cyr");
}

/* Title and source words filter every passage of their article, not only its first. */
static void title_and_source_filter_every_passage_of_the_article(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "+ports +title:sanctions"), "energy"); /* third passage */
    assert_string_equal(ids(f->db, "+ports source:courier"), "energy");
    assert_string_equal(ids(f->db, "ports -title:sanctions"), "");
    assert_string_equal(ids(f->db, "+ports +title:nosuchword"), "");
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "title:sanctions OR title:\"civilians leave\"";
    so.flags = NX_SEARCH_EXACT;
    nx_results *r;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_int_equal(nxt_articles(r), 2);
    assert_int_equal(nxt_passages(r), 4); /* energy's three and corridor's one */
    nx_results_free(r);
}

static char *ids_in_own_index(const nx_article *arts, size_t n, const char *query);

/* title: matches the title's stems; a compound its joined form or all its parts, in the title
 * (never a phrase of the body). */
static void title_words_match_by_stem_and_compounds_stay_in_the_title(void **state)
{
    (void)state;
    static const nx_article arts[] = {
        {"parts", "Cease-fire holds in the east", "2022-04-01", "Wire", NULL, "A quiet night.", 0},
        {"joined", "Ceasefire talks", "2022-04-02", "Wire", NULL, "Envoys met again.", 0},
        {"body", "Weather", "2022-04-03", "Wire", NULL, "A cease fire was agreed at last.", 0},
    };
    char *r = ids_in_own_index(arts, 3, "title:cease-fire");
    assert_true(has(r, "parts") && has(r, "joined"));
    assert_false(has(r, "body"));
    assert_string_equal(ids_in_own_index(arts, 3, "title:\"cease fire\""), "parts");
    assert_string_equal(ids_in_own_index(arts, 3, "title:holding"), "parts"); /* holds */
    assert_string_equal(ids_in_own_index(arts, 3, "title:talk"), "joined");
}

static void any_actor_spelling_finds_all_and_reports_its_own(void **state)
{
    nxt_env *f = *state;
    const char *queries[] = {"actor:lavrov", "Lavrov", "\"Sergei Lavrov\"", "Сергей Лавров",
                             "actor:Лавров"};
    for (size_t i = 0; i < 5; i++) {
        char *r = ids(f->db, queries[i]);
        if (i == 2) { /* a quoted phrase is taken literally */
            assert_string_equal(r, "");
            continue;
        }
        assert_true(has(r, "near") && has(r, "far") && has(r, "cyr") && has(r, "sergey"));
    }
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    const char *actor[] = {"lavrov"};
    so.actors = actor;
    so.n_actors = 1;
    so.limit = 20;
    nx_results *r;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    const nx_hit *h;
    int seen = 0;
    while (nx_results_next(&h, r) == NX_OK) {
        for (size_t i = 0; i < h->n_actors; i++) {
            if (strcmp(h->actors[i], "lavrov") != 0)
                continue;
            if (strcmp(h->article_id, "cyr") == 0)
                assert_string_equal(h->actor_spellings[i], "Лавров"), seen++;
            if (strcmp(h->article_id, "sergey") == 0)
                assert_string_equal(h->actor_spellings[i], "Sergey Lavrov"), seen++;
        }
    }
    nx_results_free(r);
    assert_int_equal(seen, 2);
    assert_string_equal(ids(f->db, "Zelenskyy"), "zel");
}

static void topics_by_option_field_and_macro(void **state)
{
    nxt_env *f = *state;
    char *a = strdup(ids(f->db, "@energy"));
    assert_string_equal(ids(f->db, "topic:energy"), a);
    assert_true(has(a, "energy"));
    assert_false(has(a, "near"));
    free(a);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    const char *topic[] = {"ceasefire"};
    so.topics = topic;
    so.n_topics = 1;
    so.limit = 20;
    char *r = ids_for(f->db, &so);
    assert_true(has(r, "near") && has(r, "far") && has(r, "zel") && has(r, "corridor"));
}

/* --actor is required, --topic ranks: every passage naming Lavrov, in one sentence or not,
 * and none without him, however it is tagged. */
static void actor_option_requires_and_topic_option_ranks(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    const char *actor[] = {"lavrov"}, *topic[] = {"ceasefire"};
    so.actors = actor;
    so.n_actors = 1;
    so.topics = topic;
    so.n_topics = 1;
    char *r = ids_for(f->db, &so);
    assert_true(has(r, "near") && has(r, "far") && has(r, "cyr") && has(r, "sergey"));
    assert_false(has(r, "zel") || has(r, "corridor") || has(r, "energy"));
    /* Without an actor, the topic and the words are alternatives: "energy" holds the word,
     * "zel" and "corridor" the tag; '+' still requires. */
    so.n_actors = 0;
    so.actors = NULL;
    so.query = "embargo";
    so.limit = 50;
    r = strdup(ids_for(f->db, &so));
    assert_true(has(r, "energy") && has(r, "zel") && has(r, "corridor"));
    assert_string_equal(ids(f->db, "@ceasefire embargo"), r);
    assert_string_equal(ids(f->db, "topic:ceasefire embargo"), r);
    free(r);
    assert_string_equal(ids(f->db, "+embargo @ceasefire"), "energy");
    r = ids(f->db, "+@ceasefire embargo");
    assert_true(has(r, "zel") && has(r, "corridor"));
    assert_false(has(r, "energy"));
}

/* The hits for `query` (with search `flags`) over `arts` indexed alone, in an index of their
 * own. */
static char *ids_in_own_index_with(const nx_article *arts, size_t n, const char *query,
                                   unsigned int flags)
{
    nxt_env *g = nxt_index_of(arts, n);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.limit = 50;
    so.flags = flags;
    static char out[1024];
    strcpy(out, ids_for(g->db, &so));
    nxt_env_free(g);
    return out;
}

static char *ids_in_own_index(const nx_article *arts, size_t n, const char *query)
{
    return ids_in_own_index_with(arts, n, query, 0);
}

static void actors_named_in_text_rank_where_they_meet(void **state)
{
    (void)state;
    /* Same words, same lengths; BM25 alone ties them and keeps index order ("apart" first). */
    static const nx_article arts[] = {
        {"apart", "Summit", "2022-02-07", "Wire Service", NULL,
         "Macron arrived in the capital early. Putin spoke about the summit.", 0},
        {"together", "Summit", "2022-02-07", "Wire Service", NULL,
         "Macron and Putin spoke about the summit. They arrived in the capital early.", 0},
    };
    assert_string_equal(ids_in_own_index(arts, 2, "Macron Putin"), "together apart");
}

/* The ranking of "saw" and "said" (index order), "Lavrov saw/said that a <noun> was near.",
 * for "Lavrov ceasefire". */
static char *lavrov_pair(const char *noun)
{
    char saw[80], said[80];
    snprintf(saw, sizeof saw, "Lavrov saw that a %s was near.", noun);
    snprintf(said, sizeof said, "Lavrov said that a %s was near.", noun);
    const nx_article arts[] = {
        {"saw", "Talks", "2022-03-07", "Wire Service", NULL, saw, 0},
        {"said", "Talks", "2022-03-07", "Wire Service", NULL, said, 0},
    };
    return ids_in_own_index(arts, 2, "Lavrov ceasefire");
}

/* A text naming an actor asks for the actor's words where the passage holds the rest of the
 * query: "ceasefire" typed is the word, not the topic's other words ("truce"), so only the pair
 * that holds it ranks the actor's words first. BM25 alone ties each pair and keeps index order
 * ("saw" first). */
static void an_actors_words_rank_first_with_the_words_typed(void **state)
{
    (void)state;
    assert_string_equal(lavrov_pair("ceasefire"), "said saw");
    assert_string_equal(lavrov_pair("truce"), "saw said");
}

/* The explanation's lines add up to the score: each term's weight, what the query's structure
 * adds (every word present, names in one sentence), feedback and article
 * context. Returns the number of lines of `kind` ("query structure: ", "article context: "). */
static int explain_adds_up(const char *explain, const char *kind)
{
    double score = strtod(explain + strlen("score "), NULL), sum = 0;
    int lines = 0, of_kind = 0;
    for (const char *l = strchr(explain, '\n'); l; l = strchr(l + 1, '\n')) {
        const char *w = strstr(l, ": weight ");
        const char *nl = strchr(l + 1, '\n');
        if (w && (!nl || w < nl)) {
            sum += strtod(w + strlen(": weight "), NULL);
        } else {
            const char *colon = strstr(l, ": ");
            assert_true(colon && (!nl || colon < nl));
            sum += strtod(colon + 2, NULL);
            of_kind += strncmp(l + 1, kind, strlen(kind)) == 0;
        }
        lines++;
    }
    assert_true(lines > 0);
    assert_float_equal(sum, score, 0.001 * (lines + 1)); /* each printed to 3 decimals */
    return of_kind;
}

static void explain_lines_add_up_to_the_score(void **state)
{
    (void)state;
    /* Two-paragraph articles (each paragraph a passage), so article context weighs. */
    static const nx_article arts[] = {
        {"call", "Grain", "2022-06-03", "Wire Service", NULL,
         "Macron and Putin spoke by phone about the grain corridor and the nuclear plant "
         "today.\n\nThe phone call lasted two hours, and both sides agreed to keep talking "
         "about the grain deal.",
         0},
        {"visit", "Visit", "2022-06-04", "Wire Service", NULL,
         "Putin met the delegation in Moscow to discuss the grain corridor and shipping "
         "routes today.\n\nMacron said later that a phone call with the Kremlin would follow "
         "within the next week.",
         0},
        {"other", "Harbour", "2022-06-05", "Wire Service", NULL,
         "Rain fell on the harbour and the ferries stayed in port for the whole day.", 0},
    };
    nxt_env *g = nxt_index_of(arts, sizeof arts / sizeof *arts);
    const char *queries[] = {"Macron Putin phone call", "title:grain phone call"};
    int structure = 0, context = 0, proximity = 0;
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        nx_search_opts so = NX_SEARCH_OPTS_INIT;
        so.query = queries[q];
        so.per_article = 2;
        so.flags = NX_SEARCH_EXPLAIN;
        nx_results *r;
        const nx_hit *h;
        int rc, hits = 0;
        assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
        while ((rc = nx_results_next(&h, r)) == NX_OK) {
            structure += explain_adds_up(h->explain, "query structure: ");
            context += explain_adds_up(h->explain, "article context: ");
            proximity += explain_adds_up(h->explain, "proximity: ");
            /* title: filters; its terms add no weight and get no line */
            assert_null(strstr(h->explain, "\nZTgrain"));
            hits++;
        }
        assert_int_equal(rc, NX_DONE);
        assert_true(hits >= 2);
        nx_results_free(r);
    }
    assert_true(structure > 0);
    assert_true(context > 0);
    assert_true(proximity > 0);
    nxt_env_free(g);
}

static void feedback_reranks_by_the_vocabulary_of_the_best_matches(void **state)
{
    (void)state;
    /* "twice" says talks twice, so the query alone ranks it first; the other matches share
     * Istanbul, mediators and delegation, so feedback lifts "once", which shares them too. */
#define ISTANBUL(id, body)                                                                         \
    {                                                                                              \
        id, "Talks", "2022-03-29", "Wire Service", NULL, body, 0                                   \
    }
    static const nx_article arts[] = {
        ISTANBUL("twice", "Talks and more talks were expected, a spokesman for the port said."),
        ISTANBUL("once", "Talks with Turkish mediators and the delegation in Istanbul went on."),
        ISTANBUL("r1", "Talks in Istanbul: the Turkish mediators met the delegation again."),
        ISTANBUL("r2", "The delegation held talks in Istanbul with Turkish mediators."),
        ISTANBUL("r3", "Turkish mediators said talks in Istanbul with the delegation would go on."),
        ISTANBUL("r4", "In Istanbul the delegation and Turkish mediators prepared new talks."),
        ISTANBUL("bg1", "Rain fell on the harbour and the ferries stayed in port all day."),
        ISTANBUL("bg2", "The museum reopened its eastern wing after a long restoration."),
        ISTANBUL("bg3", "Farmers brought the harvest in early because of the dry summer."),
    };
#undef ISTANBUL
    size_t n = sizeof arts / sizeof *arts;
    char plain[1024], fed[1024];
    strcpy(plain, ids_in_own_index_with(arts, n, "talks", NX_SEARCH_NO_FEEDBACK));
    strcpy(fed, ids_in_own_index_with(arts, n, "talks", NX_SEARCH_EXPLAIN));
    /* --explain shows what feedback added to the first hit ("once"). */
    assert_non_null(strstr(first_explain, "\nfeedback Zistanbul: weight "));
    /* Function words fill every passage; they are never expansion terms. */
    const char *function_words[] = {"Zthe", "Zin", "Zand", "Zwith"};
    for (size_t i = 0; i < sizeof function_words / sizeof *function_words; i++) {
        char line[64];
        snprintf(line, sizeof line, "\nfeedback %s: ", function_words[i]);
        assert_null(strstr(first_explain, line));
    }
    assert_true(strstr(plain, "twice") < strstr(plain, "once"));
    assert_true(strstr(fed, "once") < strstr(fed, "twice"));
    /* Feedback re-ranks; what matches stays the same. */
    assert_int_equal(strlen(plain), strlen(fed));
    assert_false(has(fed, "bg1") || has(fed, "bg2") || has(fed, "bg3"));
}

/* Feedback counts its evidence by article: words that the passages of one article share are
 * that article's, not the query's theme, and must not become expansion terms. */
static void feedback_evidence_counts_articles_not_passages(void **state)
{
    (void)state;
#define HANGAR(id, body)                                                                           \
    {                                                                                              \
        id, "Hangar", "2022-03-29", "Wire Service", NULL, body, 0                                  \
    }
    static const nx_article arts[] = {
        HANGAR("long", "Talks on the zeppelin hangar resumed at noon in the old airfield.\n\n"
                       "The zeppelin crew joined the talks later that afternoon.\n\n"
                       "More talks about the zeppelin were planned for the next week."),
        HANGAR("m1", "Talks with Turkish mediators went on late into the evening."),
        HANGAR("m2", "Mediators said the talks would continue on Friday."),
        HANGAR("bg1", "Rain fell on the harbour and the ferries stayed in port all day."),
        HANGAR("bg2", "The museum reopened its eastern wing after a long restoration."),
    };
#undef HANGAR
    nxt_env *g = nxt_index_of(arts, sizeof arts / sizeof *arts);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "talks";
    so.per_article = 3;
    so.flags = NX_SEARCH_EXPLAIN;
    nx_results *r;
    assert_int_equal(nx_search(&r, g->db, &so), NX_OK);
    const nx_hit *h;
    size_t hits = 0;
    bool mediators = false;
    while (nx_results_next(&h, r) == NX_OK) {
        hits++;
        assert_null(strstr(h->explain, "feedback Zzeppelin"));
        mediators = mediators || strstr(h->explain, "feedback Zmediat") != NULL;
    }
    assert_true(hits >= 4); /* m1, m2 and "long" in two passages or more */
    assert_true(mediators);
    nx_results_free(r);
    nxt_env_free(g);
}

/* Feedback re-ranks a fixed pool of the best matches, so pages of any size tile one ranking:
 * 60 articles, more than the pool, sharing words at several strengths. */
static void feedback_pages_tile_one_ranking(void **state)
{
    (void)state;
    static const char *words[] = {"talks",   "Istanbul", "mediators", "delegation",
                                  "harbour", "ferries",  "museum",    "harvest"};
    enum { N = 60 };
    static nx_article arts[N];
    static char ids[N][8], bodies[N][256];
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "a%02d", i);
        int len = snprintf(bodies[i], sizeof bodies[i], "Talks");
        for (int k = 0; k < 8; k++)
            if ((i * 7 + k * 3) % (k + 2) == 0)
                len += snprintf(bodies[i] + len, sizeof bodies[i] - (size_t)len, " %s", words[k]);
        for (int k = 0; k < i % 4; k++)
            len += snprintf(bodies[i] + len, sizeof bodies[i] - (size_t)len, " talks");
        snprintf(bodies[i] + len, sizeof bodies[i] - (size_t)len, " went on.");
        arts[i] = (nx_article){ids[i], "Talks", "2022-03-29", "Wire Service", NULL, bodies[i], 0};
    }
    nxt_env *g = nxt_env_new();
    nx_db *w = nxt_open_writer(g->path, 0);
    for (int i = 0; i < N; i++)
        assert_int_equal(nx_db_put(NULL, NULL, w, &arts[i]), NX_OK);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(nx_db_open(&g->db, g->path, NULL), NX_OK);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "talks";
    so.limit = N;
    so.flags = NX_SEARCH_DUPLICATES; /* bodies repeat: each article is a hit */
    char all[1024], paged[1024] = "";
    strcpy(all, ids_for(g->db, &so));
    assert_int_equal(strlen(all), N * 4 - 1); /* every article, once */
    so.limit = 7;
    for (so.offset = 0; so.offset < N; so.offset += so.limit) {
        if (paged[0])
            strcat(paged, " ");
        strcat(paged, ids_for(g->db, &so));
    }
    assert_string_equal(paged, all);
    /* What feedback changed: the same set, another order (else this proves nothing). */
    so.offset = 0;
    so.limit = N;
    so.flags = NX_SEARCH_NO_FEEDBACK | NX_SEARCH_DUPLICATES;
    char plain[1024];
    strcpy(plain, ids_for(g->db, &so));
    assert_int_equal(strlen(plain), strlen(all));
    assert_string_not_equal(plain, all);
    nxt_env_free(g);
}

/* Two articles of one day and source, `id0` with `body0` first in index order. */
static void two_articles(nx_article arts[2], const char *id0, const char *body0, const char *id1,
                         const char *body1)
{
    arts[0] = (nx_article){id0, "Ports", "2022-07-01", "Wire Service", NULL, body0, 0};
    arts[1] = (nx_article){id1, "Ports", "2022-07-01", "Wire Service", NULL, body1, 0};
}

/* The query's words in one sentence are the thing asked about: "close" and "apart" hold the
 * same words, as many times each, so BM25 and feedback tie them and index order puts "apart"
 * first; proximity puts "close", where "grain corridor" is one phrase, first. */
static void proximity_ranks_the_words_of_one_sentence_first(void **state)
{
    (void)state;
    nx_article arts[2];
    two_articles(arts, "apart",
                 "The grain ships left the harbour early. Officials opened a corridor.", "close",
                 "Officials opened a grain corridor. The ships left the harbour early.");
    assert_string_equal(ids_in_own_index(arts, 2, "grain"), "apart close"); /* a tie */
    assert_string_equal(ids_in_own_index(arts, 2, "grain corridor"), "close apart");
    assert_string_equal(ids_in_own_index(arts, 2, "corridor grain"), "close apart");
}

/* A bare actor filter is ordered by relevance too: BM25 gives the few words of "short" the
 * most weight, the length prior puts the passage that can say something first. */
static void length_prior_puts_a_greeting_below_what_was_said(void **state)
{
    (void)state;
    nx_article arts[2];
    two_articles(arts, "short", "Lavrov: thank you.", "long",
                 "Lavrov said the delegations would meet again in Istanbul next week to agree a "
                 "timetable for the corridors and the exchange of prisoners.");
    nxt_env *g = nxt_index_of(arts, 2);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    const char *actor[] = {"lavrov"};
    so.actors = actor;
    so.n_actors = 1;
    assert_string_equal(ids_for(g->db, &so), "long short");
    nxt_env_free(g);
}

/* The same answer in two articles (shown as two hits: NX_SEARCH_DUPLICATES): the one whose
 * other passages are about the question ranks first. Those passages each match one word and rank
 * below the answer, so without article context the two answers tie and index order puts "aside"
 * first. */
static void article_context_lifts_answers_in_articles_about_the_question(void **state)
{
    (void)state;
#define ANSWER                                                                                     \
    "Delegations met for peace talks in Istanbul on Tuesday, officials of both sides said."
#define ROUND(id, title, rest)                                                                     \
    {                                                                                              \
        id, title, "2022-03-29", "Wire Service", NULL, ANSWER rest, 0                              \
    }
    static const nx_article arts[] = {
        ROUND("aside", "Harbour notes",
              "\n\nThe ferries stayed in port all day because of the storm over the strait.\n\n"
              "Fishermen said the catch this spring was the best in many years."),
        ROUND("about", "Istanbul round",
              "\n\nThe talks lasted four hours, and the delegations then returned to their "
              "hotels near the old harbour for dinner.\n\nReporters waited outside the palace "
              "in Istanbul for most of the afternoon while the discussions went on behind "
              "closed doors."),
    };
#undef ROUND
#undef ANSWER
    assert_string_equal(ids_in_own_index_with(arts, 2, "Istanbul peace talks",
                                              NX_SEARCH_NO_FEEDBACK | NX_SEARCH_DUPLICATES),
                        "about aside");
}

static void one_passage_per_article_unless_asked(void **state)
{
    nxt_env *f = *state;
    assert_string_equal(ids(f->db, "pipeline"), "energy");
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "pipeline";
    so.per_article = 3;
    assert_string_equal(ids_for(f->db, &so), "energy energy");
}

static void sort_by_date_and_paging(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "ceasefire";
    so.sort = NX_SORT_DATE;
    char *all = ids_for(f->db, &so); /* near and far share a date: either order */
    assert_true(strcmp(all, "zel near far corridor") == 0 ||
                strcmp(all, "zel far near corridor") == 0);
    so.offset = 1;
    so.limit = 2;
    char *r = ids_for(f->db, &so);
    assert_true(strcmp(r, "near far") == 0 || strcmp(r, "far near") == 0);
}

static void hits_carry_offsets_matches_and_fields(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "+Mariupol corridors";
    so.flags = NX_SEARCH_EXPLAIN;
    nx_results *r;
    const nx_hit *h;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_int_equal(nx_results_next(&h, r), NX_OK);
    assert_string_equal(h->article_id, "sergey");
    assert_string_equal(h->title, "Antalya meeting");
    assert_string_equal(h->date, "2022-03-12");
    assert_string_equal(h->source, "Daily Courier");
    assert_null(h->url);
    assert_true(h->score > 0);
    /* the short last paragraph was merged into the passage before it: the whole body */
    assert_int_equal(h->start, 0);
    assert_int_equal(h->end, strlen(articles[3].body));
    assert_int_equal(h->body_len, strlen(articles[3].body));
    assert_int_equal(h->n_matches, 2);
    assert_memory_equal(h->body + h->matches[0].start, "corridors", 9);
    assert_int_equal(h->matches[0].end - h->matches[0].start, 9);
    assert_memory_equal(h->body + h->matches[1].start, "Mariupol", 8);
    assert_non_null(strstr(h->explain, "score"));
    assert_non_null(strstr(h->explain, "Zmariupol"));
    char *snip;
    nx_snippet_opts sn = NX_SNIPPET_OPTS_INIT;
    sn.open = "<";
    sn.close = ">";
    assert_int_equal(nx_snippet(&snip, h, &sn), NX_OK);
    assert_string_equal(snip, "Sergey Lavrov and Dmytro Kuleba met in Antalya, with Mevlüt "
                              "Çavuşoğlu as host. They discussed humanitarian <corridors> for "
                              "civilians from <Mariupol>.");
    nx_free(snip);
    sn.max_bytes = 30;
    assert_int_equal(nx_snippet(&snip, h, &sn), NX_OK);
    assert_true(strlen(snip) < 50);
    assert_non_null(strstr(snip, "<"));
    assert_non_null(strstr(snip, "..."));
    nx_free(snip);
    assert_int_equal(nx_results_next(&h, r), NX_DONE);
    nx_results_free(r);
}

/* Hits cut to their passage carry the same passage, offsets and matches, and only the body's
 * start; several passages of one article in a row each get what they need. */
static void hits_cut_to_their_passage_keep_passage_and_matches(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "pipeline OR embargo OR sanctions";
    so.per_article = 3;
    nx_results *whole, *cut;
    assert_int_equal(nx_search(&whole, f->db, &so), NX_OK);
    so.flags = NX_SEARCH_BODY_TO_PASSAGE;
    assert_int_equal(nx_search(&cut, f->db, &so), NX_OK);
    const nx_hit *w, *c;
    size_t n = 0;
    while (nx_results_next(&w, whole) == NX_OK) {
        size_t w_start = w->start, w_end = w->end, w_len = w->body_len, w_matches = w->n_matches;
        char *text = strndup(w->body, w->body_len);
        assert_int_equal(nx_results_next(&c, cut), NX_OK);
        assert_string_equal(c->article_id, "energy");
        assert_int_equal(c->start, w_start);
        assert_int_equal(c->end, w_end);
        assert_int_equal(c->body_len, c->end);
        assert_true(c->body_len < w_len || w_end == w_len);
        assert_memory_equal(c->body, text, c->body_len);
        assert_int_equal(c->n_matches, w_matches);
        free(text);
        n++;
    }
    assert_int_equal(n, 3); /* energy's three passages */
    assert_int_equal(nx_results_next(&c, cut), NX_DONE);
    nx_results_free(whole);
    nx_results_free(cut);
}

/* facet `which` of r as "name=count name=count ...". */
static const char *facet_text(const nx_results *r, nx_facet which)
{
    static char out[4096];
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < nx_results_facet_count(r, which); i++) {
        const char *name;
        uint64_t n;
        assert_int_equal(nx_results_facet(&name, &n, r, which, i), NX_OK);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s=%llu", used ? " " : "", name,
                                 (unsigned long long)n);
        assert_true(used < sizeof out);
    }
    return out;
}

static void timelines_count_articles_by_day_week_and_month(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "pipeline OR embargo OR ceasefire"; /* corridor, near, far, zel, energy */
    so.flags = NX_SEARCH_FACETS;
    nx_results *r;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    /* Days and ISO weeks in date order (2022-03-05 is a Saturday: week 9; near and far are one
     * day's two articles). */
    assert_string_equal(facet_text(r, NX_FACET_DAY),
                        "2022-03-05=1 2022-03-10=2 2022-04-02=1 2022-05-20=1");
    assert_string_equal(facet_text(r, NX_FACET_WEEK),
                        "2022-W09=1 2022-W10=2 2022-W13=1 2022-W20=1");
    assert_string_equal(facet_text(r, NX_FACET_MONTH), "2022-03=3 2022-04=1 2022-05=1");
    nx_results_free(r);
    /* A timeline lists the periods between without a match, so they add up to the same. */
    so.flags = NX_SEARCH_TIMELINE;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_string_equal(facet_text(r, NX_FACET_WEEK),
                        "2022-W09=1 2022-W10=2 2022-W11=0 2022-W12=0 2022-W13=1 2022-W14=0 "
                        "2022-W15=0 2022-W16=0 2022-W17=0 2022-W18=0 2022-W19=0 2022-W20=1");
    assert_int_equal(nx_results_facet_count(r, NX_FACET_DAY), 27 + 30 + 20);
    uint64_t sum = 0;
    for (size_t i = 0; i < nx_results_facet_count(r, NX_FACET_DAY); i++) {
        const char *name;
        uint64_t n;
        assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_DAY, i), NX_OK);
        sum += n;
        if (i == 1)
            assert_string_equal(name, "2022-03-06");
    }
    assert_int_equal(sum, nxt_articles(r));
    assert_string_equal(facet_text(r, NX_FACET_MONTH), "2022-03=3 2022-04=1 2022-05=1");
    assert_int_equal(nx_results_facet_count(r, NX_FACET_SOURCE), 3); /* facets come with it */
    nx_results_free(r);
    so.flags = 0; /* no facets: no periods */
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_int_equal(nx_results_facet_count(r, NX_FACET_WEEK), 0);
    const char *name;
    uint64_t n;
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_WEEK, 0), NX_EINVAL);
    nx_results_free(r);
}

/* The article ids that --actor NAME finds, sorted by id ("" for none). */
static const char *actor_ids(nx_db *db, const char *name, size_t *people)
{
    static char out[256];
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    const char *actors[] = {name};
    so.actors = actors;
    so.n_actors = 1;
    so.limit = 50;
    so.sort = NX_SORT_DATE; /* the articles are dated in id order: newest first */
    nx_results *r;
    const nx_hit *h;
    out[0] = '\0';
    if (nx_search(&r, db, &so) != NX_OK)
        return NULL;
    *people = nx_results_person_count(r);
    if (*people)
        assert_string_equal(nx_results_person(r, 0), name);
    assert_null(nx_results_person(r, *people));
    while (nx_results_next(&h, r) == NX_OK) { /* newest first: each goes before the others */
        size_t len = strlen(h->article_id);
        bool more = out[0] != '\0';
        memmove(out + len + more, out, strlen(out) + 1);
        memcpy(out, h->article_id, len);
        if (more)
            out[len] = ' ';
    }
    nx_results_free(r);
    return out;
}

static void a_name_the_lexicon_lacks_is_searched_as_a_person(void **state)
{
    (void)state;
    static const nx_article people[] = {
        {"p1", NULL, "2005-01-01", NULL, NULL, "Tony Blair met reporters in London.", 0},
        {"p2", NULL, "2005-01-02", NULL, NULL, "Mr. Blair said the vote would be close.", 0},
        {"p3", NULL, "2005-01-03", NULL, NULL, "Blair's cabinet met on Monday.", 0},
        {"p4", NULL, "2005-01-04", NULL, NULL, "John Smith opened the new bridge.", 0},
        {"p5", NULL, "2005-01-05", NULL, NULL, "Prime Minister Smith spoke at noon.", 0},
        {"p6", NULL, "2005-01-06", NULL, NULL, "Anna Smith won the race.", 0},
        {"p7", NULL, "2005-01-07", NULL, NULL, "Smith Street was closed for repairs.", 0},
        {"p8", NULL, "2005-01-08", NULL, NULL, "A smith makes horseshoes.", 0},
        {"p9", NULL, "2005-01-09", NULL, NULL, "Peter Smith and Mary Smith wed.", 0},
        {"p10", NULL, "2005-01-10", NULL, NULL, "Sergei Lavrov met the press.", 0},
    };
    nxt_env *g = nxt_index_of(people, sizeof people / sizeof *people);
    size_t n = 9;
    /* "Blair" always means Tony Blair here: the surname alone, with a title, possessive. */
    assert_string_equal(actor_ids(g->db, "Tony Blair", &n), "p1 p2 p3");
    assert_int_equal(n, 1);
    assert_string_equal(actor_ids(g->db, "blair", &n), "p1 p2 p3");
    /* "Smith" mostly does not (John Smith in 1 of 6 passages): the name, or a title. */
    assert_string_equal(actor_ids(g->db, "John Smith", &n), "p4 p5");
    /* A known actor is no person; a name with a word the archive lacks is unknown. */
    assert_string_equal(actor_ids(g->db, "lavrov", &n), "p10");
    assert_int_equal(n, 0);
    assert_null(actor_ids(g->db, "Tony Bleyr", &n));
    assert_int_equal(nx_error_last()->code, NX_ENOTFOUND);
    assert_non_null(strstr(nx_error_last()->message, "unknown actor 'Tony Bleyr'"));
    /* actor: in the text restricts the same way; the words beside it rank (p4 holds one). */
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "actor:\"John Smith\" (bridge OR race)";
    assert_string_equal(ids_for(g->db, &so), "p4 p5");
    so.query = "actor:\"John Smith\" +bridge";
    assert_string_equal(ids_for(g->db, &so), "p4");
    nxt_env_free(g);
}

static void counts_and_facets(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "pipeline OR embargo OR ceasefire";
    so.flags = NX_SEARCH_FACETS | NX_SEARCH_EXACT;
    nx_results *r;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_int_equal(nxt_articles(r), 5); /* energy near far zel corridor */
    assert_int_equal(nxt_passages(r), 7); /* energy has three */
    const char *name;
    uint64_t n;
    uint64_t lo = 0, hi = 0;
    assert_int_equal(nx_results_articles_bounds(&lo, &hi, r), NX_OK);
    assert_true(lo == 5 && hi == 5);
    assert_int_equal(nx_results_facet_count(r, NX_FACET_SOURCE), 3);
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_SOURCE, 0), NX_OK);
    assert_string_equal(name, "Wire Service"); /* most articles first: near, far, corridor */
    assert_int_equal(n, 3);
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_SOURCE, 1), NX_OK);
    assert_string_equal(name, "Daily Courier"); /* energy's three passages: one article */
    assert_int_equal(n, 1);
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_MONTH, 0), NX_OK);
    assert_string_equal(name, "2022-03");
    assert_int_equal(n, 3);
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_ACTOR, 0), NX_OK);
    assert_string_equal(name, "lavrov");
    assert_int_equal(n, 2);
    bool energy = false;
    for (size_t i = 0; i < nx_results_facet_count(r, NX_FACET_TOPIC); i++) {
        assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_TOPIC, i), NX_OK);
        if (strcmp(name, "energy") == 0)
            energy = n == 1;
    }
    assert_true(energy);
    /* Whose words: "Lavrov demanded a ceasefire" and "Zelenskiy said"; not "Lavrov met ...
     * A ceasefire was demanded." (another sentence). */
    assert_int_equal(nx_results_facet_count(r, NX_FACET_SAID), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_SAID, i), NX_OK);
        assert_true(strcmp(name, "lavrov") == 0 || strcmp(name, "zelenskyy") == 0);
        assert_int_equal(n, 1);
    }
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_TOPIC, 999), NX_EINVAL);
    nx_results_free(r);
    so.flags |= NX_SEARCH_FACET_PASSAGES; /* on request, passages */
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_int_equal(nx_results_facet(&name, &n, r, NX_FACET_SOURCE, 0), NX_OK);
    assert_string_equal(name, "Daily Courier");
    assert_int_equal(n, 3);
    nx_results_free(r);
}

/* The lexicon through the API: spellings as written, and near keys for an unknown name. */
static void lexicon_spellings_and_suggestions(void **state)
{
    nxt_env *f = *state;
    const char *keys[3] = {NULL};
    assert_int_equal(nx_db_lexicon_suggest(keys, 3, f->db, NX_LEX_ACTOR, "Zelenskky"), 1);
    assert_string_equal(keys[0], "zelenskyy");
    assert_int_equal(nx_db_lexicon_suggest(keys, 3, f->db, NX_LEX_ACTOR, "blair"), 0);
    assert_int_equal(nx_db_lexicon_suggest(keys, 0, f->db, NX_LEX_ACTOR, "lavorv"), 0);
    const char *key = nx_db_lexicon_resolve(f->db, NX_LEX_ACTOR, "Sergey Lavrov");
    size_t i = 0;
    while (strcmp(nx_db_lexicon_key(f->db, NX_LEX_ACTOR, i), key) != 0)
        i++;
    size_t n = nx_db_lexicon_variant_count(f->db, NX_LEX_ACTOR, i);
    bool cyrillic = false;
    for (size_t j = 0; j < n; j++)
        cyrillic =
            cyrillic || strcmp(nx_db_lexicon_variant(f->db, NX_LEX_ACTOR, i, j), "Лавров") == 0;
    assert_true(cyrillic);
    assert_null(nx_db_lexicon_variant(f->db, NX_LEX_ACTOR, i, n));
    assert_int_equal(nx_db_lexicon_variant_count(f->db, NX_LEX_ACTOR, 9999), 0);
}

/* A word the index lacks, a few edits from one it holds, gets it as a suggestion; with
 * NX_SEARCH_FIX_TYPOS the correction is searched. */
static void typos_get_the_index_s_near_words(void **state)
{
    nxt_env *f = *state;
    nx_results *r;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.limit = 50;
    so.flags = NX_SEARCH_TYPOS, so.query = "ceasfire +Lavrov";
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_string_equal(nx_results_suggestion(r), "ceasefire +Lavrov");
    nx_results_free(r);
    so.query = "ceasefire corridors Antalya"; /* known words, and one rare one */
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_null(nx_results_suggestion(r));
    nx_results_free(r);
    char *right = strdup(ids(f->db, "+ceasefire"));
    so.query = "+ceasfire";
    so.flags = NX_SEARCH_FIX_TYPOS;
    assert_string_equal(ids_for(f->db, &so), right);
    so.flags = 0;
    assert_string_equal(ids_for(f->db, &so), "");
    free(right);
}

static void bad_requests_get_codes_and_messages(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    nx_results *r = (nx_results *)&r;
    so.query = "(ceasefire";
    assert_int_equal(nx_search(&r, f->db, &so), NX_EQUERY);
    assert_null(r);
    assert_non_null(strstr(nx_error_last()->message, "expected"));
    so.query = "actor:nobody";
    assert_int_equal(nx_search(&r, f->db, &so), NX_ENOTFOUND);
    assert_string_equal(nx_error_last()->message, "unknown actor 'nobody'");
    so.query = "actor:lavorv ceasefire";
    assert_int_equal(nx_search(&r, f->db, &so), NX_ENOTFOUND);
    assert_string_equal(nx_error_last()->message, "unknown actor 'lavorv'; did you mean: lavrov?");
    const char *topic[] = {"sanctions"};
    so.query = NULL;
    so.topics = topic;
    so.n_topics = 1;
    assert_int_equal(nx_search(&r, f->db, &so), NX_ENOTFOUND);
    assert_string_equal(nx_error_last()->message,
                        "unknown topic 'sanctions'; did you mean: energy?");
    so.topics = NULL;
    so.n_topics = 0;
    so.query = NULL;
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);
    so.query = "x";
    so.since = "yesterday";
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "yesterday"));
    so.since = NULL;
    so.until = "2022-02-31";
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);
    assert_string_equal(nx_error_last()->message, "bad until date '2022-02-31': no such day");
    so.until = "2022-03-01 junk";
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);
    assert_null(r);
    so.until = NULL;
    so.limit = 10001; /* the documented page limit is 10,000 */
    assert_int_equal(nx_search(&r, f->db, &so), NX_ELIMIT);
    assert_null(r);
    assert_string_equal(nx_error_last()->message, "at most 10000 results a page");
    so.limit = 10000;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    nx_results_free(r);
    so.limit = 0;
    so.version = 99;
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);
    assert_int_equal(nx_search(NULL, f->db, &so), NX_EINVAL);
    assert_int_equal(nx_results_next(NULL, NULL), NX_EINVAL);
    char *snip = (char *)&snip;
    assert_int_equal(nx_snippet(&snip, NULL, NULL), NX_EINVAL);
    assert_null(snip);
}

/* nx_search_opts.time_limit bounds a search and the calls on its results; a version 1 struct
 * (which ends before time_limit) has none. */
static void time_limit_bounds_the_search_and_its_results(void **state)
{
    nxt_env *f = *state;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    nx_results *r;
    const nx_hit *h;
    uint64_t n;
    so.query = "ceasefire";
    so.flags = NX_SEARCH_FACETS;
    char *unlimited = strdup(ids_for(f->db, &so));

    so.time_limit = 1e-9; /* over before the match ends */
    assert_int_equal(nx_search(&r, f->db, &so), NX_ETIMEOUT);
    assert_null(r);
    assert_string_equal(nx_error_last()->message,
                        "the search took longer than its time limit of 1e-09 s");
    so.time_limit = 600; /* ample: the same hits as with none */
    assert_string_equal(ids_for(f->db, &so), unlimited);
    so.time_limit = -1;
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);
    so.time_limit = 0.0 / 0.0;
    assert_int_equal(nx_search(&r, f->db, &so), NX_EINVAL);

    /* Past the limit, the next hit and the counts fail too. */
    so.time_limit = 5;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    assert_int_equal(nx_results_next(&h, r), NX_OK);
    struct timespec wait = {5, 50000000};
    nanosleep(&wait, NULL);
    assert_int_equal(nx_results_next(&h, r), NX_ETIMEOUT);
    assert_null(h);
    assert_int_equal(nx_results_articles(&n, r), NX_ETIMEOUT);
    assert_int_equal(nx_results_passages(&n, r), NX_ETIMEOUT);
    nx_results_free(r);

    /* A version 1 caller's struct: exactly as long as that version was. */
    so.time_limit = 0;
    so.version = 1;
    size_t v1 = offsetof(nx_search_opts, time_limit);
    nx_search_opts *old = malloc(v1);
    assert_non_null(old);
    memcpy(old, &so, v1);
    assert_string_equal(ids_for(f->db, old), unlimited);
    free(old);
    free(unlimited);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, nxt_env_teardown)
    const struct CMUnitTest tests[] = {
        T(words_match_by_stem_and_fold),
        T(compounds_match_joined_and_split_forms),
        T(phrases_need_order_and_adjacency),
        T(boolean_operators_and_modifiers),
        T(near_stays_inside_one_sentence),
        T(fields_and_dates_filter),
        T(fields_in_text_restrict_like_the_options),
        T(title_and_source_filter_every_passage_of_the_article),
        T(title_words_match_by_stem_and_compounds_stay_in_the_title),
        T(any_actor_spelling_finds_all_and_reports_its_own),
        T(topics_by_option_field_and_macro),
        T(actor_option_requires_and_topic_option_ranks),
        T(actors_named_in_text_rank_where_they_meet),
        T(an_actors_words_rank_first_with_the_words_typed),
        T(explain_lines_add_up_to_the_score),
        T(feedback_reranks_by_the_vocabulary_of_the_best_matches),
        T(feedback_evidence_counts_articles_not_passages),
        T(feedback_pages_tile_one_ranking),
        T(proximity_ranks_the_words_of_one_sentence_first),
        T(length_prior_puts_a_greeting_below_what_was_said),
        T(article_context_lifts_answers_in_articles_about_the_question),
        T(one_passage_per_article_unless_asked),
        T(sort_by_date_and_paging),
        T(hits_carry_offsets_matches_and_fields),
        T(hits_cut_to_their_passage_keep_passage_and_matches),
        T(counts_and_facets),
        T(timelines_count_articles_by_day_week_and_month),
        T(a_name_the_lexicon_lacks_is_searched_as_a_person),
        T(lexicon_spellings_and_suggestions),
        T(typos_get_the_index_s_near_words),
        T(bad_requests_get_codes_and_messages),
        T(time_limit_bounds_the_search_and_its_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
