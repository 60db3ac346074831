/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-query: parse the command line, run nx_search, print the results. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbarg.h"
#include "diag.h"
#include "json.h"
#include "newsidx.h"
#include "output.h"
#include "parse.h"
#include "search.h"

#define PROG "newsidx-query"

enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };
enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
    const char *db;
    nxc_search s;        /* s.actors, s.topics point into argv; s.query is `query` */
    const char *article; /* --article: print this article instead of searching */
    const char *list;    /* --list: "actors" or "topics", printed instead of searching */
    const char *lexicon; /* --lexicon: a lexicon file extending the index's for the query */
    size_t max_bytes;
    double timeout;
    bool json;
    enum color_mode color;
    char *query; /* the words after the options, joined with spaces; NULL if none */
};

enum {
    OPT_SINCE = CHAR_MAX + 1,
    OPT_UNTIL,
    OPT_SOURCE,
    OPT_SORT,
    OPT_OFFSET,
    OPT_PER_ARTICLE,
    OPT_JSON,
    OPT_COUNT,
    OPT_FACETS,
    OPT_EXPLAIN,
    OPT_NO_FEEDBACK,
    OPT_PASSAGE_ONLY,
    OPT_NO_COLOR,
    OPT_COLOR,
    OPT_MAX_BYTES,
    OPT_ARTICLE,
    OPT_TIMEOUT,
    OPT_LIST,
    OPT_FIX_TYPOS,
    OPT_TIMELINE,
    OPT_LEXICON,
    OPT_DUPLICATES,
};

static const struct option longopts[] = {
    {"db", required_argument, NULL, 'd'},
    {"actor", required_argument, NULL, 'a'},
    {"topic", required_argument, NULL, 't'},
    {"since", required_argument, NULL, OPT_SINCE},
    {"until", required_argument, NULL, OPT_UNTIL},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"sort", required_argument, NULL, OPT_SORT},
    {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"per-article", required_argument, NULL, OPT_PER_ARTICLE},
    {"json", no_argument, NULL, OPT_JSON},
    {"count", no_argument, NULL, OPT_COUNT},
    {"facets", optional_argument, NULL, OPT_FACETS},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"no-feedback", no_argument, NULL, OPT_NO_FEEDBACK},
    {"passage-only", no_argument, NULL, OPT_PASSAGE_ONLY},
    {"no-color", no_argument, NULL, OPT_NO_COLOR},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"article", required_argument, NULL, OPT_ARTICLE},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"list", required_argument, NULL, OPT_LIST},
    {"lexicon", required_argument, NULL, OPT_LEXICON},
    {"fix-typos", no_argument, NULL, OPT_FIX_TYPOS},
    {"timeline", optional_argument, NULL, OPT_TIMELINE},
    {"duplicates", required_argument, NULL, OPT_DUPLICATES},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(FILE *f)
{
    fputs("Usage: " PROG " [OPTIONS] --db PATH [QUERY...]\n"
          "Search a newsidx index: the best passages first, matches highlighted.\n"
          "The QUERY words are joined with spaces: words, \"phrases\", AND OR NOT + -,\n"
          "( ), NEAR/n, title: source: actor: topic: speaker: said:, date:A..B, @topic.\n"
          "date: source: title: filter and actors are required as their options are;\n"
          "words and topics rank (man newsidx-query; the query language in full:\n"
          "share/doc/newsidx/query.md). Put -- before a query that starts with '-'.\n"
          "\n"
          "Options:\n"
          "  -d, --db PATH         the index to search (default: the environment's\n"
          "                        NEWSIDX_DB; one of them is required)\n"
          "  -a, --actor NAME      only passages about this actor, any spelling (repeatable);\n"
          "                        a name the lexicon lacks is searched as a person: the\n"
          "                        name, the surname after a title (Mr, President ...),\n"
          "                        the surname alone where the archive uses it for them\n"
          "  -t, --topic NAME      passages about this topic first (repeatable)\n"
          "      --since DATE      articles dated DATE or later; DATE is YYYY-MM-DD,\n"
          "                        YYYY-MM or YYYY (from its first day)\n"
          "      --until DATE      articles dated DATE or earlier (to its last day)\n"
          "      --source TEXT     articles whose source name has these words\n"
          "      --sort ORDER      relevance (default) or date (newest first)\n"
          "  -n, --limit N         show N results (default 10)\n"
          "      --offset N        skip the first N results (paging)\n"
          "      --per-article N   up to N passages per article (default 3), shown\n"
          "                        together under the article\n"
          "      --duplicates WHAT collapse (default): copies of a passage are one hit,\n"
          "                        shown from the earliest article with \"also in:\" the\n"
          "                        others, and counts count a story once; show: each\n"
          "                        copy is a hit and counts\n"
          "      --max-bytes N     trim passages around the matches to about N bytes\n"
          "                        (default 400; 0: whole passages)\n"
          "      --count           print only the numbers of matching articles and passages\n"
          "      --facets [UNIT]   after the results, count the matching articles (UNIT\n"
          "                        articles, the default) or passages (UNIT passages) by\n"
          "                        actor, topic, source, month and whose own words they\n"
          "                        hold (said); over remote shards only passages\n"
          "      --timeline [PERIOD]\n"
          "                        instead of the results, print the matching articles per\n"
          "                        PERIOD (day, week or month; default month) as a bar\n"
          "                        chart, every period from the first to the last with an\n"
          "                        article (0 between), then the total and how many have no\n"
          "                        date; a week is an ISO 8601 week (2022-W09, Monday to\n"
          "                        Sunday); the counts add up to --count's articles\n"
          "      --explain         show each term's contribution to a result's score\n"
          "      --fix-typos       search the query with its typos corrected: a word the\n"
          "                        index almost never holds, a few edits from one it often\n"
          "                        does (without it: \"did you mean: ...?\" on stderr)\n"
          "      --no-feedback     rank by the query alone (no pseudo-relevance feedback)\n"
          "      --passage-only    no effect (every hit is its passage as indexed); kept\n"
          "                        so that scripts using it still run\n"
          "      --lexicon FILE    extend the index's lexicon for this query: spellings FILE\n"
          "                        adds to an actor or topic, and new entries, match by\n"
          "                        their words (no re-index)\n"
          "      --timeout SECS    wait at most SECS for a remote shard to connect and to\n"
          "                        answer each request (default 10)\n"
          "      --color[=WHEN]    highlight with colour: auto (default: on a terminal unless\n"
          "                        NO_COLOR is set), always or never; without colour matches\n"
          "                        are marked [[like this]]\n"
          "      --no-color        the same as --color=never\n"
          "      --article ID      print the article ID as indexed: title, date, source,\n"
          "                        url and the body text that passage offsets refer to\n"
          "      --list WHAT       print the index's actors or topics (WHAT actors or\n"
          "                        topics): key, name and every spelling\n"
          "      --json            JSON Lines on stdout (see below)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show version information and exit\n"
          "\n"
          "Text results end with \"N articles match (showing 1-10)\" (\"about N\" and the\n"
          "bounds where Xapian estimates).\n"
          "With --json, stdout is JSON Lines. Each result is one line: {\"format\":1,\n"
          "\"type\":\"result\", \"rank\"\n"
          "(from 1), \"article_id\", \"title\", \"date\", \"source\", \"url\", \"passage\", "
          "\"start\",\n"
          "\"end\" (byte offsets of the passage in the article body), \"passage_end\" (the\n"
          "same as \"end\"), \"matches\" ([[start,end], ...] in the body), \"offsets\":\n"
          "\"body\" (offsets count bytes of the body as indexed: for HTML and WARC input the\n"
          "extracted text, which --article shows), \"score\",\n"
          "\"actors\", \"actor_spellings\", \"topics\", \"speakers\" (actors whose transcript\n"
          "turn runs through the passage), \"said\" (actors whose own words the passage\n"
          "holds: reported or spoken), \"story\" (same-body copies share it), \"cluster\"\n"
          "(copies and near copies share it), \"also_in\" (the\n"
          "copies: [{\"article_id\", \"title\", \"date\", \"source\", \"url\"}]) (and\n"
          "\"explain\")}.\n"
          "After the results one line {\"format\":1, \"type\":\"summary\", \"articles\",\n"
          "\"exact\", \"articles_min\", \"articles_max\", \"passages\", \"first\", \"last\"\n"
          "(the ranks shown, 0 for none), \"suggestions\" (the query with typos corrected,\n"
          "if any), \"corrected\" (--fix-typos searched it), \"not_in_lexicon\" (actor\n"
          "names searched as people)}.\n"
          "--list WHAT --json prints one object {\"format\":1, \"type\":\"lexicon\",\n"
          "\"kind\", \"entries\": [{\"key\", \"name\", \"variants\"}]}.\n"
          "--article ID --json prints one object {\"format\":1, \"type\":\"article\",\n"
          "\"article_id\", \"title\", \"date\", \"source\", \"url\", \"body\"}.\n"
          "--facets adds one final line {\"format\":1, \"type\":\"facets\", \"articles\",\n"
          "\"passages\", \"duplicates\", \"unit\", \"facets\":\n"
          "{\"actor\"|\"topic\"|\"source\"|\"month\"|\"said\": "
          "[{\"name\",\"count\"}]}};\n"
          "--count prints only {\"format\":1, \"type\":\"count\", \"articles\", \"passages\",\n"
          "\"duplicates\" (\"counted once\", or with --duplicates show \"counted each\")}\n"
          "(with --facets: only the facets line).\n"
          "--timeline prints only {\"format\":1, \"type\":\"timeline\", \"period\",\n"
          "\"articles\", \"duplicates\", \"counts\": [{\"period\",\"count\"}], \"dated\" (their "
          "sum),\n"
          "\"undated\"}.\n"
          "\n"
          "Exit status:\n"
          "  0  success, also when nothing matched (\"no results\" on stderr)\n"
          "  1  failure: the index cannot be used, the query has a syntax error, an\n"
          "     unknown actor or topic, or the output could not be written\n"
          "  2  usage error (also: nothing to search for)\n",
          f);
}

static void print_version(FILE *f)
{
    fprintf(f, PROG " %s (libnewsidx %s)\n", NX_VERSION_STRING, nx_version());
}

/* A search option's value, checked by the rule newsidx-serve shares. */
static int parse_search(struct options *o, enum nxc_search_key key, const char *name,
                        const char *arg)
{
    char why[256];

    if (!nxc_search_set(&o->s, key, name, arg, why, sizeof why))
        return nxc_usage_error("%s", why);
    return 0;
}

static int parse_number(const char *name, const char *arg, size_t *out, size_t min)
{
    if (!nxc_parse_size(arg, out) || *out < min)
        return nxc_usage_error("invalid %s '%s': expected a %s number", name, arg,
                               min > 0 ? "positive" : "non-negative");
    return 0;
}

static int parse_choice(struct options *o, const char *arg)
{
    if (!arg || strcmp(arg, "always") == 0)
        o->color = COLOR_ALWAYS;
    else if (strcmp(arg, "never") == 0)
        o->color = COLOR_NEVER;
    else if (strcmp(arg, "auto") == 0)
        o->color = COLOR_AUTO;
    else
        return nxc_usage_error("invalid --color '%s': expected auto, always or never", arg);
    return 0;
}

/* One option with a value; 0, or 2 after a usage error. */
static int parse_value(struct options *o, int c, const char *arg)
{
    switch (c) {
    case 'd':
        o->db = arg;
        return 0;
    case 'a':
        return parse_search(o, NXC_SEARCH_ACTOR, "--actor", arg);
    case 't':
        return parse_search(o, NXC_SEARCH_TOPIC, "--topic", arg);
    case OPT_SOURCE:
        return parse_search(o, NXC_SEARCH_SOURCE, "--source", arg);
    case OPT_SINCE:
        return parse_search(o, NXC_SEARCH_SINCE, "--since", arg);
    case OPT_UNTIL:
        return parse_search(o, NXC_SEARCH_UNTIL, "--until", arg);
    case 'n':
        return parse_search(o, NXC_SEARCH_LIMIT, "--limit", arg);
    case OPT_OFFSET:
        return parse_search(o, NXC_SEARCH_OFFSET, "--offset", arg);
    case OPT_PER_ARTICLE:
        return parse_search(o, NXC_SEARCH_PER_ARTICLE, "--per-article", arg);
    case OPT_MAX_BYTES:
        return parse_number("--max-bytes", arg, &o->max_bytes, 0);
    case OPT_ARTICLE:
        o->article = arg;
        return 0;
    case OPT_LIST:
        if (strcmp(arg, "actors") != 0 && strcmp(arg, "topics") != 0)
            return nxc_usage_error("invalid --list '%s': expected actors or topics", arg);
        o->list = arg;
        return 0;
    case OPT_LEXICON:
        o->lexicon = arg;
        return 0;
    case OPT_TIMEOUT:
        if (!nxc_parse_seconds(arg, &o->timeout) || o->timeout <= 0)
            return nxc_usage_error("invalid --timeout '%s': expected a positive number of seconds",
                                   arg);
        return 0;
    case OPT_FACETS:
        o->s.facets = true;
        if (arg && strcmp(arg, "passages") != 0 && strcmp(arg, "articles") != 0)
            return nxc_usage_error("invalid --facets '%s': expected articles or passages", arg);
        o->s.facet_passages = arg && strcmp(arg, "passages") == 0;
        return 0;
    case OPT_TIMELINE: /* articles per period, instead of the results */
        return parse_search(o, NXC_SEARCH_TIMELINE, "--timeline", arg);
    case OPT_SORT:
        return parse_search(o, NXC_SEARCH_SORT, "--sort", arg);
    case OPT_DUPLICATES:
        return parse_search(o, NXC_SEARCH_DUPLICATES, "--duplicates", arg);
    case OPT_COLOR:
        return parse_choice(o, arg);
    }
    return nxc_try_help(); /* getopt_long has said what is wrong */
}

/* An option without a value; false if `c` is not one. */
static bool parse_flag(struct options *o, int c)
{
    switch (c) {
    case OPT_JSON:
        o->json = true;
        return true;
    case OPT_COUNT:
        o->s.exact = true; /* --count: exact counts */
        return true;
    case OPT_EXPLAIN:
        o->s.explain = true;
        return true;
    case OPT_NO_FEEDBACK:
        o->s.no_feedback = true;
        return true;
    case OPT_PASSAGE_ONLY:
        o->s.passage_only = true;
        return true;
    case OPT_FIX_TYPOS:
        o->s.fix_typos = true;
        return true;
    case OPT_NO_COLOR:
        o->color = COLOR_NEVER;
        return true;
    }
    return false;
}

/* The words after the options, joined with single spaces; NULL if there are none. */
static char *join_words(char *const *words, size_t n)
{
    size_t len = 0;

    if (n == 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    char *p = s;
    for (size_t i = 0; i < n; i++) {
        size_t w = strlen(words[i]);
        memcpy(p, words[i], w);
        p += w;
        *p++ = i + 1 < n ? ' ' : '\0';
    }
    return s;
}

/* "--facets passages" as "--facets=passages", "--timeline week" as "--timeline=week":
 * getopt_long reads an optional argument only after '=', and the unit would otherwise be a
 * query word. Options end at "--". */
static void join_option_units(int *argc, char **argv)
{
    static const char *const joined[] = {"--facets=passages", "--facets=articles", "--timeline=day",
                                         "--timeline=week", "--timeline=month"};
    for (int i = 1; i + 1 < *argc && strcmp(argv[i], "--") != 0; i++) {
        size_t k = 0, opt = strlen(argv[i]);
        while (k < sizeof joined / sizeof *joined &&
               !(strncmp(joined[k], argv[i], opt) == 0 && joined[k][opt] == '=' &&
                 strcmp(joined[k] + opt + 1, argv[i + 1]) == 0))
            k++;
        if (k == sizeof joined / sizeof *joined)
            continue;
        argv[i] = (char *)joined[k];
        memmove(&argv[i + 1], &argv[i + 2], (size_t)(*argc - i - 1) * sizeof *argv);
        (*argc)--;
    }
}

/* -1 to go on, or the exit code (help, version, usage error). */
static int parse_args(struct options *o, int argc, char **argv)
{
    int c;

    join_option_units(&argc, argv);
    while ((c = getopt_long(argc, argv, "d:a:t:n:hV", longopts, NULL)) != -1) {
        if (c == 'h') {
            print_help(stdout);
            return EXIT_SUCCESS;
        }
        if (c == 'V') {
            print_version(stdout);
            return EXIT_SUCCESS;
        }
        int rc = parse_flag(o, c) ? 0 : parse_value(o, c, optarg);
        if (rc != 0)
            return rc;
    }
    if (nxc_db_arg(&o->db) != 0)
        return EXIT_USAGE;
    char why[256];
    if (!nxc_search_check(&o->s, "--since", "--until", why, sizeof why))
        return nxc_usage_error("%s", why);
    if (o->article && optind < argc)
        return nxc_usage_error("--article takes no query words");
    if (o->s.timeline && (o->s.exact || o->s.facets || o->article || o->list))
        return nxc_usage_error("--timeline takes no --count, --facets, --article or --list");
    if (o->list && (optind < argc || o->article))
        return nxc_usage_error("--list takes no query words and no --article");
    o->s.query = o->query = join_words(argv + optind, (size_t)(argc - optind));
    if (optind < argc && !o->query) {
        nxc_error("out of memory");
        return EXIT_FAIL;
    }
    return -1;
}

static bool use_color(enum color_mode mode)
{
    if (mode != COLOR_AUTO)
        return mode == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR"); /* no-color.org: set and not empty */
    return !(no_color && *no_color) && isatty(STDOUT_FILENO);
}

static int search(nx_results **out, nx_db *db, const struct options *o)
{
    nx_search_opts so;

    nxc_search_opts(&so, &o->s);
    int rc = nx_search(out, db, &so);
    if (rc == NX_EQUERY)
        nxc_error("query: %s", nx_error_last()->message);
    else if (rc == NX_EINVAL) /* options that do not make a search: a usage error */
        nxc_usage_error("%s", nx_error_last()->message);
    else if (rc < 0)
        nxc_error("%s", nx_error_last()->message);
    return rc;
}

/* Both counts, for --count and the JSON tail. */
static int count_results(uint64_t *articles, uint64_t *passages, const nx_results *r)
{
    int rc = nx_results_articles(articles, r);
    return rc < 0 ? rc : nx_results_passages(passages, r);
}

/* The total for the line after the results, which showed ranks first..last. */
static int total_of(struct total *t, const nx_results *r, size_t first, size_t last, bool corrected)
{
    t->first = first;
    t->last = last;
    t->suggestion = nx_results_suggestion(r);
    t->corrected = corrected;
    t->r = r;
    int rc = count_results(&t->articles, &t->passages, r);
    return rc < 0 ? rc : nx_results_articles_bounds(&t->lo, &t->hi, r);
}

/* Say which actor names the lexicon did not know (searched as people), unless a JSON summary
 * line carries them. */
static void note_people(const nx_results *r)
{
    for (size_t i = 0; i < nx_results_person_count(r); i++)
        nxc_error("note: actor '%s' is not in the lexicon: searched as a person (the name, "
                  "and its surname with a title or alone where the archive uses it for them)",
                  nx_results_person(r, i));
}

/* --timeline: the articles per period instead of the results. */
static int print_timeline(nx_results *r, const struct options *o)
{
    uint64_t articles = 0;
    nxc_json j;

    const char *fixed = nx_results_suggestion(r);
    if (fixed)
        nxc_error(o->s.fix_typos ? "searched for: %s"
                                 : "did you mean: %s? (--fix-typos searches it)",
                  fixed);
    note_people(r);
    if (nx_results_articles(&articles, r) < 0) {
        nxc_error("%s", nx_error_last()->message);
        return EXIT_FAIL;
    }
    nxc_json_init(&j, stdout);
    if (o->json)
        json_timeline(&j, r, o->s.timeline, articles, !o->s.show_duplicates);
    else
        text_timeline(stdout, r, o->s.timeline, articles, !o->s.show_duplicates);
    return EXIT_SUCCESS;
}

/* The results, then the counts or facets asked for. */
static int print_results(nx_results *r, const struct options *o)
{
    struct text_style style = {use_color(o->color), o->max_bytes};
    struct text_groups groups = {0};
    const nx_hit *hit;
    size_t shown = 0;
    int rc = NX_DONE;
    uint64_t articles = 0, passages = 0;
    nxc_json j;

    nxc_json_init(&j, stdout);
    bool damaged = false;
    bool count = o->s.exact, facets = o->s.facets;
    size_t offset = o->s.offset;
    const char *fixed = nx_results_suggestion(r);
    if (fixed && !o->json) /* said first: it is what the results are for */
        nxc_error(o->s.fix_typos ? "searched for: %s"
                                 : "did you mean: %s? (--fix-typos searches it)",
                  fixed);
    if (!o->json || count)
        note_people(r);
    while (!count && (rc = nx_results_next(&hit, r)) != NX_DONE) {
        if (rc == NX_ECORRUPT) { /* that hit's stored text is damaged: it is skipped */
            nxc_error("warning: hit skipped: %s", nx_error_last()->message);
            damaged = true;
            continue;
        }
        if (rc < 0)
            break;
        size_t rank = offset + ++shown;
        if (o->json)
            nxc_json_hit(&j, hit, rank);
        else if ((rc = text_groups_add(&groups, hit, rank, &style)) < 0)
            break;
    }
    text_groups_print(stdout, &groups);
    struct total t;
    if (rc >= 0 && (count || (o->json && facets)))
        rc = count_results(&articles, &passages, r);
    if (rc >= 0 && !count)
        rc = total_of(&t, r, offset + 1, offset + shown, o->s.fix_typos);
    if (rc < 0) {
        nxc_error("%s", rc == NX_ENOMEM ? "out of memory" : nx_error_last()->message);
        return EXIT_FAIL;
    }
    if (o->json && !count)
        json_total(&j, &t);
    if (!o->json && !count)
        text_total(stdout, &t);
    if (o->json && (count || facets))
        json_tail(&j, r, articles, passages, facets, o->s.facet_passages, !o->s.show_duplicates);
    if (!o->json && count)
        text_count(stdout, articles, passages, !o->s.show_duplicates);
    if (!o->json && facets)
        text_facets(stdout, r, o->s.facet_passages, !o->s.show_duplicates);
    if (fixed && o->json && count) /* no summary line to carry it */
        nxc_error(o->s.fix_typos ? "searched for: %s" : "did you mean: %s?", fixed);
    if (!o->json && !count && shown == 0 && !damaged)
        nxc_error("no results");
    return damaged ? EXIT_FAIL : EXIT_SUCCESS; /* the hits shown are whole; the index is not */
}

static int run(const struct options *o)
{
    nx_results *r;
    nx_db *db;

    nx_open_opts oo = NX_OPEN_OPTS_INIT;
    oo.timeout = o->timeout;
    oo.lexicon_path = o->lexicon;
    if (nx_db_open(&db, o->db, &oo) < 0) {
        nxc_error("%s", nx_error_last()->message);
        return EXIT_FAIL;
    }
    int code = EXIT_FAIL;
    if (o->list) {
        print_lexicon(db, strcmp(o->list, "topics") == 0, o->json);
        nx_db_free(db);
        return EXIT_SUCCESS;
    }
    if (o->article) {
        code = print_article(db, o->article, o->json);
        nx_db_free(db);
        return code;
    }
    int rc = search(&r, db, o);
    if (rc == NX_OK) {
        code = o->s.timeline ? print_timeline(r, o) : print_results(r, o);
        nx_results_free(r);
    } else if (rc == NX_EINVAL) {
        code = EXIT_USAGE;
    }
    nx_db_free(db);
    return code;
}

int main(int argc, char **argv)
{
    struct options o;

    memset(&o, 0, sizeof o);
    o.max_bytes = 400;
    nxc_set_progname(PROG);
    /* getopt_long names the program in its messages as argv[0]: make that the short name. */
    if (argc > 0)
        argv[0] = (char *)PROG;
    const char **actors = calloc((size_t)argc + 1, sizeof *actors);
    const char **topics = calloc((size_t)argc + 1, sizeof *topics);
    nxc_search_init(&o.s, actors, topics);
    int code = EXIT_FAIL;
    if (!actors || !topics)
        nxc_error("out of memory");
    else if ((code = parse_args(&o, argc, argv)) < 0)
        code = run(&o);
    free(o.query);
    free(actors);
    free(topics);
    if (!nxc_close_stdout() && code == EXIT_SUCCESS)
        code = EXIT_FAIL;
    return code;
}
