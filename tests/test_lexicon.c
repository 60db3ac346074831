/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "tag/lexicon.h"
#include "newsidx.h"
#include "text/tokenizer.h"

/* A small lexicon written for these tests; every variant index below refers to it. */
static const char test_lexicon[] = "# test lexicon\n"
                                   "actor lavrov: Lavrov | Sergei Lavrov | Лавров\n"
                                   "actor cavusoglu: Cavusoglu | Mevlüt Çavuşoğlu | Çavuşoğlu\n"
                                   "actor boris-johnson: Boris Johnson\n"
                                   "actor shoigu: Sergei Shoigu\n"
                                   "\n"
                                   "topic ceasefire: ceasefire | cease-fire | truce\n"
                                   "  | humanitarian corridor\n"
                                   "topic corridors: corridor\n"
                                   "topic nato: NATO | no-fly zone\n"
                                   "topic energy: gas | pipeline | Nord Stream 2 | Nord Stream\n";

static nx__lexicon *parse_ok(const char *text)
{
    nx__lexicon *lx = NULL;
    int rc = nx__lexicon_parse(&lx, text, strlen(text), "test.lex");
    if (rc != NX_OK)
        print_error("%s\n", nx_error_last()->message);
    assert_int_equal(rc, NX_OK);
    assert_non_null(lx);
    return lx;
}

struct scan {
    const nx__lexicon *lx;
    nx__buf out;
    int stop_after, stop_with, calls;
};

/* Each hit as "A:key#variant@first+ntok" (T for topics), space-separated. */
static int record(const nx__lexhit *h, void *payload)
{
    struct scan *s = payload;
    nx__buf_printf(&s->out, "%s%c:%s#%zu@%zu+%zu", s->out.len ? " " : "",
                   h->kind == NX__LEX_ACTOR ? 'A' : 'T', nx__lexicon_key(s->lx, h->kind, h->entry),
                   h->variant, h->first, h->ntok);
    return ++s->calls == s->stop_after ? s->stop_with : 0;
}

/* Tokens of `text` by the real tokenizer, into l (initialised here); *t is made here too. */
static void tokens_of(nx__tokenizer **t, nx__toklist *l, const char *text)
{
    nx__tokenizer_list_init(l);
    assert_int_equal(nx__tokenizer_new(t), NX_OK);
    assert_int_equal(nx__tokenizer_all(*t, text, strlen(text), 0, l), NX_OK);
}

/* Tokenize text with the real tokenizer, scan it, and compare the hits with `want`. */
static void check_scan(const nx__lexicon *lx, const char *text, const char *want)
{
    nx__tokenizer *t = NULL;
    nx__toklist l;
    struct scan s = {lx, NX__BUF_INIT, 0, 0, 0};
    tokens_of(&t, &l, text);
    assert_int_equal(nx__lexmatch_scan(lx, &l, record, &s), NX_OK);
    if (strcmp(s.out.len ? s.out.data : "", want) != 0)
        print_error("text: %s\n", text);
    assert_string_equal(s.out.len ? s.out.data : "", want);
    nx__buf_release(&s.out);
    nx__tokenizer_list_release(&l);
    nx__tokenizer_free(t);
}

static void file_lexicon_parses_entries_and_variants(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    assert_int_equal(nx__lexicon_count(lx, NX__LEX_ACTOR), 4);
    assert_int_equal(nx__lexicon_count(lx, NX__LEX_TOPIC), 4);
    assert_string_equal(nx__lexicon_key(lx, NX__LEX_ACTOR, 1), "cavusoglu");
    assert_string_equal(nx__lexicon_key(lx, NX__LEX_TOPIC, 3), "energy");
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_ACTOR, 1), 3);
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, 1, 1), "Mevlüt Çavuşoğlu");
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_TOPIC, 0), 4);
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_TOPIC, 0, 3), "humanitarian corridor");
    assert_null(nx__lexicon_key(lx, NX__LEX_ACTOR, 4));
    assert_null(nx__lexicon_variant(lx, NX__LEX_TOPIC, 0, 4));
    assert_null(nx__lexicon_key(lx, 7, 0));
    assert_int_equal(nx__lexicon_count(lx, 7), 0);
    nx__lexicon_free(lx);
}

static void actor_key_is_added_as_a_variant_when_missing(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    /* "lavrov" folds to "Lavrov" and "boris-johnson" to "Boris Johnson": nothing added. */
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_ACTOR, 0), 3);
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_ACTOR, 2), 1);
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_ACTOR, 3), 2);
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, 3, 1), "shoigu");
    check_scan(lx, "Shoigu, then Sergei Shoigu", "A:shoigu#1@0+1 A:shoigu#0@2+2");
    nx__lexicon_free(lx);
}

static void syntax_details_are_accepted(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok("# comment\r\n"
                               "\r\n"
                               "actor a_1:  | Alpha One |\r\n"
                               "    # an indented comment\n"
                               "\t| Alpha\n"
                               "topic t-2 : | beta\n"
                               "  | gamma delta |\n"
                               "actor z:"); /* no variants, no final newline: the key alone */
    assert_int_equal(nx__lexicon_count(lx, NX__LEX_ACTOR), 2);
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_ACTOR, 0), 3);
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, 0, 0), "Alpha One");
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, 0, 1), "Alpha");
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, 0, 2), "a_1");
    assert_string_equal(nx__lexicon_key(lx, NX__LEX_TOPIC, 0), "t-2");
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_TOPIC, 0, 1), "gamma delta");
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, 1, 0), "z");
    nx__lexicon_free(lx);
}

/* Parse `text`, which must fail with NX_EINPUT and exactly `message`. */
static void check_broken(const char *text, size_t len, const char *message)
{
    nx__lexicon *lx = (nx__lexicon *)&lx; /* poisoned: must come back NULL */
    int rc = nx__lexicon_parse(&lx, text, len, "bad.lex");
    if (rc != NX_EINPUT)
        print_error("text: %s\n", text);
    assert_int_equal(rc, NX_EINPUT);
    assert_null(lx);
    assert_string_equal(nx_error_last()->message, message);
}

static void broken(const char *text, const char *message)
{
    check_broken(text, strlen(text), message);
}

static void broken_lexicons_name_file_and_line(void **state)
{
    (void)state;
    broken("actor a: A\nperson b: B\n",
           "bad.lex:2: unknown kind 'person' (expected 'actor', 'topic' or 'given')");
    broken("Actor a: A\n",
           "bad.lex:1: unknown kind 'Actor' (expected 'actor', 'topic' or 'given')");
    broken("# c\n\nactor lavrov Lavrov\n", "bad.lex:3: expected ':' after the key");
    broken("topic t: a || b\n", "bad.lex:1: empty variant");
    broken("topic t: a\n  | b | | c\n", "bad.lex:2: empty variant");
    broken("actor a: A\ntopic a: A\nactor b: B\nactor a: C\n",
           "bad.lex:4: duplicate actor 'a' (first on line 1)");
    broken("actor Lavrov: Lavrov\n", "bad.lex:1: key 'Lavrov' may only hold a-z, 0-9, '-' and '_'");
    broken("actor sergei lavrov: Lavrov\n",
           "bad.lex:1: key 'sergei lavrov' may only hold a-z, 0-9, '-' and '_'");
    broken("actor лавров: Лавров\n", "bad.lex:1: key 'лавров' may only hold a-z, 0-9, '-' and '_'");
    broken("topic : x\n", "bad.lex:1: missing key before ':'");
    broken("  | a\nactor a: A\n", "bad.lex:1: continuation line without an entry");
    broken("topic t: a | !!! \n", "bad.lex:1: variant '!!!' has no words");
    broken("topic t:\n# nothing\ntopic u: u\n", "bad.lex:1: topic 't' has no variants");
    broken("actor a: A\nactor b: B | \xff\n", "bad.lex:2: invalid UTF-8");
    check_broken("actor a: A\n\nactor b: B\0C\n", 24, "bad.lex:3: NUL byte");
    broken("topic a: corridor\ntopic b: x\n  | corridors\n",
           "bad.lex:3: 'corridor' is a variant of both topic 'a' and topic 'b'");
    broken("actor a: Çavuşoğlu\nactor b: CAVUSOGLU\n",
           "bad.lex:2: 'cavusoglu' is a variant of both actor 'a' and actor 'b'");
    broken("topic t: a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g\n",
           "bad.lex:1: variant 'a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f "
           "g' has more than 32 words");
}

static void files_load_and_report_what_is_wrong(void **state)
{
    (void)state;
    char *dir = nxt_tmpdir(), *good = nxt_path(dir, "good.lex"), *bad = nxt_path(dir, "bad.lex");
    char *missing = nxt_path(dir, "missing.lex"), want[4096];
    nxt_write(good, test_lexicon, (size_t)-1);
    nxt_write(bad, "actor a: A\n\nactor a: B\n", (size_t)-1);
    nx__lexicon *lx = NULL;
    assert_int_equal(nx__lexicon_load(&lx, good), NX_OK);
    assert_int_equal(nx__lexicon_count(lx, NX__LEX_TOPIC), 4);
    nx__lexicon_free(lx);

    lx = (nx__lexicon *)&lx;
    assert_int_equal(nx__lexicon_load(&lx, bad), NX_EINPUT);
    assert_null(lx);
    snprintf(want, sizeof want, "%s:3: duplicate actor 'a' (first on line 1)", bad);
    assert_string_equal(nx_error_last()->message, want);

    lx = (nx__lexicon *)&lx;
    assert_int_equal(nx__lexicon_load(&lx, missing), NX_ENOTFOUND);
    assert_null(lx);
    snprintf(want, sizeof want, "lexicon '%s' does not exist", missing);
    assert_string_equal(nx_error_last()->message, want);

    lx = (nx__lexicon *)&lx;
    assert_int_equal(nx__lexicon_load(&lx, dir), NX_EIO); /* a directory opens but cannot be read */
    assert_null(lx);
    snprintf(want, sizeof want, "lexicon '%s' is unreadable: Is a directory", dir);
    assert_string_equal(nx_error_last()->message, want);
    nxt_rmtree(dir);
    free(good);
    free(bad);
    free(missing);
    free(dir);
}

/* FNV-1a written out here, so that the expected id does not come from the code under test. */
static void expected_file_id(const char *text, char out[22])
{
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    snprintf(out, 22, "file-%016llx", h);
}

static void ids_and_text_name_the_content(void **state)
{
    (void)state;
    char want[22];
    nx__lexicon *lx = parse_ok(test_lexicon);
    expected_file_id(test_lexicon, want);
    assert_string_equal(nx__lexicon_id(lx), want);
    size_t len = 0;
    const char *text = nx__lexicon_text(lx, &len);
    assert_int_equal(len, strlen(test_lexicon));
    assert_memory_equal(text, test_lexicon, len);
    nx__lexicon_free(lx);

    lx = parse_ok("topic t: x\n");
    assert_string_equal(nx__lexicon_id(lx), "file-949444da5d37e00c");
    nx__lexicon_free(lx);

    assert_int_equal(nx__lexicon_builtin(&lx), NX_OK);
    assert_string_equal(nx__lexicon_id(lx), "builtin-2");
    text = nx__lexicon_text(lx, &len);
    assert_true(len > 1000);
    assert_int_equal(strncmp(text, "# newsidx built-in lexicon", 26), 0);
    nx__lexicon *again = parse_ok(text); /* the built-in text is a valid lexicon file */
    assert_int_equal(nx__lexicon_count(again, NX__LEX_ACTOR), nx__lexicon_count(lx, NX__LEX_ACTOR));
    assert_int_equal(nx__lexicon_count(again, NX__LEX_TOPIC), 3);
    nx__lexicon_free(again);
    nx__lexicon_free(lx);
}

static void expect_found(const nx__lexicon *lx, int kind, const char *name, const char *key)
{
    long i = nx__lexicon_find(lx, kind, name, strlen(name));
    if (i < 0 || strcmp(nx__lexicon_key(lx, kind, (size_t)i), key) != 0)
        print_error("'%s' should find '%s'\n", name, key);
    assert_true(i >= 0);
    assert_string_equal(nx__lexicon_key(lx, kind, (size_t)i), key);
}

static void builtin_has_the_required_actors_and_spellings(void **state)
{
    (void)state;
    static const char *const actors[][10] = {
        {"lavrov", "Lavrov", "Sergei Lavrov", "Sergey Lavrov", "Лавров", "Сергей Лавров"},
        {"kuleba", "Kuleba", "Dmytro Kuleba", "Dmitry Kuleba", "Кулеба"},
        {"zelenskyy", "Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskij", "Zelenski",
         "Volodymyr Zelenskyy", "Vladimir Zelensky", "Зеленский", "Зеленський"},
        {"putin", "Putin", "Vladimir Putin", "Путин"},
        {"cavusoglu", "Cavusoglu", "Çavuşoğlu", "CAVUSOGLU", "Mevlut Cavusoglu", "Mevlüt Çavuşoğlu",
         "MEVLÜT ÇAVUŞOĞLU"},
        {"erdogan", "Erdogan", "Erdoğan", "Recep Tayyip Erdogan"},
        {"stoltenberg", "Stoltenberg", "Jens Stoltenberg"},
        {"biden", "Biden", "Joe Biden"},
        {"scholz", "Scholz", "Olaf Scholz", "Шольц"},
        {"macron", "Macron", "Emmanuel Macron", "Макрон"},
        {"peskov", "Peskov", "Dmitry Peskov", "Песков"},
        {"shoigu", "Shoigu", "Sergei Shoigu", "Шойгу"},
        {"boris-johnson", "Boris Johnson", "boris-johnson"},
    };
    nx__lexicon *lx = NULL;
    assert_int_equal(nx__lexicon_builtin(&lx), NX_OK);
    for (size_t a = 0; a < sizeof actors / sizeof actors[0]; a++)
        for (size_t v = 0; v < 10 && actors[a][v]; v++)
            expect_found(lx, NX__LEX_ACTOR, actors[a][v], actors[a][0]);
    expect_found(lx, NX__LEX_TOPIC, "ceasefire", "ceasefire");
    expect_found(lx, NX__LEX_TOPIC, "Cease-Fire", "ceasefire");
    expect_found(lx, NX__LEX_TOPIC, "humanitarian corridor", "ceasefire");
    expect_found(lx, NX__LEX_TOPIC, "NATO", "nato");
    expect_found(lx, NX__LEX_TOPIC, "no-fly zone", "nato");
    expect_found(lx, NX__LEX_TOPIC, "Nord Stream 2", "energy");
    expect_found(lx, NX__LEX_TOPIC, "price cap", "energy");
    const char *const unknown[] = {"Johnson", "Zelenska", "talks", "supply", "membership", ""};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        assert_int_equal(nx__lexicon_find(lx, NX__LEX_ACTOR, unknown[i], strlen(unknown[i])), -1);
        assert_int_equal(nx__lexicon_find(lx, NX__LEX_TOPIC, unknown[i], strlen(unknown[i])), -1);
    }
    assert_int_equal(nx__lexicon_find(lx, NX__LEX_TOPIC, "Lavrov", 6), -1);
    assert_int_equal(nx__lexicon_find(lx, 2, "Lavrov", 6), -1);
    nx__lexicon_free(lx);
}

static void every_builtin_variant_finds_its_entry(void **state)
{
    (void)state;
    nx__lexicon *lx = NULL;
    size_t checked = 0;
    assert_int_equal(nx__lexicon_builtin(&lx), NX_OK);
    for (int kind = 0; kind < 2; kind++)
        for (size_t i = 0; i < nx__lexicon_count(lx, kind); i++)
            for (size_t j = 0; j < nx__lexicon_variant_count(lx, kind, i); j++, checked++)
                expect_found(lx, kind, nx__lexicon_variant(lx, kind, i, j),
                             nx__lexicon_key(lx, kind, i));
    assert_true(checked > 200);
    nx__lexicon_free(lx);
}

static void scan_finds_mentions_with_spans_and_variants(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    /* Tokens: 0 sergei 1 lavrov 2 met 3 mevlut 4 cavusoglu | 5 lavrov 6 said ... */
    check_scan(lx, "Sergei Lavrov met Mevlüt Çavuşoğlu. Lavrov said Лавров was CAVUSOGLU's guest.",
               "A:lavrov#1@0+2 A:cavusoglu#1@3+2 A:lavrov#0@5+1 A:lavrov#2@7+1 "
               "A:cavusoglu#0@9+1");
    check_scan(lx, "Boris Johnson, Johnson and Boris", "A:boris-johnson#0@0+2");
    check_scan(lx, "Gas pipelines. Pipeline gas.",
               "T:energy#0@0+1 T:energy#1@1+1 "
               "T:energy#1@2+1 T:energy#0@3+1");
    check_scan(lx, "Lavrovs and Putin", ""); /* actors are not stemmed */
    check_scan(lx, "", "");
    nx__lexicon_free(lx);
}

static void longest_variant_wins_and_mentions_do_not_overlap(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    check_scan(lx, "a humanitarian corridor and one corridor",
               "T:ceasefire#3@1+2 T:corridors#0@5+1");
    check_scan(lx, "Nord Stream 2 and Nord Stream", "T:energy#2@0+3 T:energy#3@4+2");
    /* An actor and a topic may cover the same tokens; hits come in token order. */
    nx__lexicon *both = parse_ok("actor nato-chief: NATO chief\ntopic nato: NATO\n");
    check_scan(both, "the NATO chief", "A:nato-chief#0@1+2 T:nato#0@1+1");
    nx__lexicon_free(both);
    nx__lexicon_free(lx);
}

static void hyphenated_and_joined_forms_count_once(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    /* cease-fire: cease(1) fire(2) and the joined ceasefire(3) over both. */
    check_scan(lx, "a cease-fire now", "T:ceasefire#1@1+2");
    check_scan(lx, "a ceasefire now", "T:ceasefire#0@1+1");
    check_scan(lx, "a cease fire now", "T:ceasefire#1@1+2");
    check_scan(lx, "NATO's no-fly zone", "T:nato#0@0+1 T:nato#1@1+4");
    nx__lexicon *joined = parse_ok("topic t: ceasefire\n");
    check_scan(joined, "a cease-fire now", "T:t#0@3+1");
    nx__lexicon *parts = parse_ok("topic t: cease-fire\n");
    check_scan(parts, "a ceasefire, a cease-fire", "T:t#0@1+1 T:t#0@3+2");
    nx__lexicon_free(parts);
    nx__lexicon_free(joined);
    nx__lexicon_free(lx);
}

static void mentions_stay_inside_a_sentence(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    check_scan(lx, "We met Sergei. Lavrov came later.", "A:lavrov#0@3+1");
    check_scan(lx, "Nord. Stream 2", "");
    nx__lexicon_free(lx);
}

static void a_given_name_not_the_actor_s_is_another_person(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok("actor kuleba: Kuleba | Dmytro Kuleba\n"
                               "given: Oleksiy | Dmytro\n  | Jill\n"
                               "actor biden: Biden | Joe Biden\n");
    check_scan(lx, "Oleksiy Kuleba, head of the region", "");
    check_scan(lx, "Dmytro Kuleba and Mr Kuleba", "A:kuleba#1@0+2 A:kuleba#0@4+1");
    check_scan(lx, "Jill Biden met Biden", "A:biden#0@3+1");
    check_scan(lx, "We met Oleksiy. Kuleba came later.", "A:kuleba#0@3+1");
    check_scan(lx, "Kuleba", "A:kuleba#0@0+1");
    nx__lexicon_free(lx);
    broken("given: Oleksiy Kuleba\n", "bad.lex:1: given name 'Oleksiy Kuleba' is not one word");
    broken("given x: Oleksiy\n", "bad.lex:1: expected ':' right after 'given'");
}

static void callback_can_stop_the_scan(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    nx__tokenizer *t = NULL;
    nx__toklist l;
    tokens_of(&t, &l, "Lavrov, truce, gas");
    struct scan s = {lx, NX__BUF_INIT, 2, 1, 0};
    assert_int_equal(nx__lexmatch_scan(lx, &l, record, &s), NX_OK);
    assert_string_equal(s.out.data, "A:lavrov#0@0+1 T:ceasefire#2@1+1");
    nx__buf_clear(&s.out);
    s.calls = 0;
    s.stop_after = 1;
    s.stop_with = NX_EINPUT;
    assert_int_equal(nx__lexmatch_scan(lx, &l, record, &s), NX_EINPUT);
    assert_string_equal(s.out.data, "A:lavrov#0@0+1");
    nx__buf_release(&s.out);
    nx__tokenizer_list_release(&l);
    nx__tokenizer_free(t);
    nx__lexicon_free(lx);
}

/* The hits of one kind in l, recorded as the scan records them: nx__lexmatch_actors for actors,
 * nx__lexmatch_kind for topics; each hit must be of that kind. */
static const char *kind_hits(const nx__lexicon *lx, const nx__toklist *l, int kind)
{
    static char out[256];
    nx__lexhit *m;
    size_t n;
    assert_int_equal(kind == NX__LEX_ACTOR ? nx__lexmatch_actors(lx, l, &m, &n)
                                           : nx__lexmatch_kind(lx, l, kind, &m, &n),
                     NX_OK);
    struct scan s = {lx, NX__BUF_INIT, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(m[i].kind, kind);
        record(&m[i], &s);
    }
    free(m);
    snprintf(out, sizeof out, "%s", s.out.len ? s.out.data : "");
    nx__buf_release(&s.out);
    return out;
}

/* nx__lexmatch_actors and nx__lexmatch_kind: the scan's hits of one kind only, in token order,
 * each as the scan gave it. */
static void actors_are_the_scans_actor_hits(void **state)
{
    (void)state;
    nx__lexicon *lx = parse_ok(test_lexicon);
    nx__tokenizer *t = NULL;
    nx__toklist l;
    tokens_of(&t, &l, "A truce, said Sergei Lavrov, after Boris Johnson spoke of gas and Lavrov.");
    assert_string_equal(kind_hits(lx, &l, NX__LEX_ACTOR),
                        "A:lavrov#1@3+2 A:boris-johnson#0@6+2 A:lavrov#0@12+1");
    assert_string_equal(kind_hits(lx, &l, NX__LEX_TOPIC), "T:ceasefire#2@1+1 T:energy#0@10+1");
    const char *none = "A truce and gas.";
    assert_int_equal(nx__tokenizer_all(t, none, strlen(none), 0, &l), NX_OK);
    assert_string_equal(kind_hits(lx, &l, NX__LEX_ACTOR), "");
    nx__tokenizer_list_release(&l);
    nx__tokenizer_free(t);
    nx__lexicon_free(lx);
}

static void builtin_tags_a_written_passage(void **state)
{
    (void)state;
    nx__lexicon *lx = NULL;
    assert_int_equal(nx__lexicon_builtin(&lx), NX_OK);
    nx__tokenizer *t = NULL;
    nx__toklist l;
    const char *text = "Zelenskyy and Erdoğan discussed the cease-fire talks in Istanbul, "
                       "Ukraine's neutral status and the Nord Stream 2 pipeline. "
                       "Membership talks with the EU continued; supply chains recovered.";
    nx__tokenizer_list_init(&l);
    assert_int_equal(nx__tokenizer_new(&t), NX_OK);
    assert_int_equal(nx__tokenizer_all(t, text, strlen(text), 0, &l), NX_OK);
    struct scan s = {lx, NX__BUF_INIT, 0, 0, 0};
    assert_int_equal(nx__lexmatch_scan(lx, &l, record, &s), NX_OK);
    /* Keys and spans only: variant indices of the built-in change as it grows. */
    const char *p = s.out.data;
    const char *want[] = {"A:zelenskyy#", "@0+1",         "A:erdogan#", "@2+1",    "T:ceasefire#",
                          "@5+2",         "T:ceasefire#", "@8+3",       "T:nato#", "@12+2",
                          "T:energy#",    "@16+3",        "T:energy#",  "@19+1"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        p = strstr(p, want[i]);
        if (!p)
            print_error("'%s' missing from: %s\n", want[i], s.out.data);
        assert_non_null(p);
        p += strlen(want[i]);
    }
    assert_null(strchr(p, ' ')); /* nothing after the pipeline: no EU membership, no supply */
    nx__buf_release(&s.out);
    nx__tokenizer_list_release(&l);
    nx__tokenizer_free(t);
    nx__lexicon_free(lx);
}

/* An extension adds spellings to an entry it names, adds new entries and given names, and
 * leaves the rest; the text it records parses alone into the same lexicon. */
static void an_extension_adds_to_entries_and_records_the_merge(void **state)
{
    (void)state;
    nx__lexicon *base = parse_ok(test_lexicon), *lx = NULL, *again = NULL;
    const char ext[] = "actor lavrov: Lavrow | Lavrov\n"
                       "actor blair: Tony Blair\n"
                       "given: Cherie\n"
                       "topic nato: Atlantic alliance\n";
    int rc = nx__lexicon_extend(&lx, base, ext, strlen(ext), "ext.lex", false);
    if (rc != NX_OK)
        print_error("%s\n", nx_error_last()->message);
    assert_int_equal(rc, NX_OK);
    long lav = nx__lexicon_find(lx, NX__LEX_ACTOR, "lavrov", 6);
    assert_true(lav >= 0);
    /* Lavrov | Sergei Lavrov | Лавров, then Lavrow: "Lavrov" again is not a second variant */
    assert_int_equal(nx__lexicon_variant_count(lx, NX__LEX_ACTOR, (size_t)lav), 4);
    assert_string_equal(nx__lexicon_variant(lx, NX__LEX_ACTOR, (size_t)lav, 3), "Lavrow");
    /* a reader's extension: the first three tagged the index, Lavrow did not */
    assert_int_equal(nx__lexicon_variant_tagged(lx, NX__LEX_ACTOR, (size_t)lav), 3);
    long blair = nx__lexicon_find(lx, NX__LEX_ACTOR, "Tony Blair", 10);
    assert_true(blair >= 0);
    assert_int_equal(nx__lexicon_variant_tagged(lx, NX__LEX_ACTOR, (size_t)blair), 0);
    assert_int_equal(nx__lexicon_count(lx, NX__LEX_ACTOR),
                     nx__lexicon_count(base, NX__LEX_ACTOR) + 1);
    assert_int_equal(nx__lexicon_find(lx, NX__LEX_TOPIC, "Atlantic alliance", 17),
                     nx__lexicon_find(lx, NX__LEX_TOPIC, "nato", 4));
    assert_string_equal(nx__lexicon_id(lx), nx__lexicon_id(base)); /* a reader's: the index's */

    size_t len;
    const char *text = nx__lexicon_text(lx, &len);
    assert_non_null(strstr(text, "actor lavrov: Lavrov | Sergei Lavrov | Лавров | Lavrow\n"));
    assert_non_null(strstr(text, "given: cherie\n"));
    assert_int_equal(nx__lexicon_parse(&again, text, len, "merged"), NX_OK);
    for (int k = 0; k < 2; k++) {
        assert_int_equal(nx__lexicon_count(again, k), nx__lexicon_count(lx, k));
        for (size_t i = 0; i < nx__lexicon_count(lx, k); i++) {
            assert_string_equal(nx__lexicon_key(again, k, i), nx__lexicon_key(lx, k, i));
            assert_int_equal(nx__lexicon_variant_count(again, k, i),
                             nx__lexicon_variant_count(lx, k, i));
            assert_int_equal(nx__lexicon_variant_tagged(again, k, i),
                             nx__lexicon_variant_count(again, k, i));
        }
    }
    nx__lexicon_free(again);
    nx__lexicon_free(lx);

    /* a writer's extension tags with everything and is named by both */
    assert_int_equal(nx__lexicon_extend(&lx, base, ext, strlen(ext), "ext.lex", true), NX_OK);
    assert_int_equal(nx__lexicon_variant_tagged(lx, NX__LEX_ACTOR, (size_t)lav), 4);
    assert_non_null(strstr(nx__lexicon_id(lx), "+file-"));
    assert_memory_equal(nx__lexicon_id(lx), nx__lexicon_id(base), strlen(nx__lexicon_id(base)));
    nx__lexicon_free(lx);
    nx__lexicon_free(base);
}

/* An extension's errors name its own file and line, also when it clashes with the base. */
static void an_extension_s_errors_name_its_line(void **state)
{
    (void)state;
    nx__lexicon *base = parse_ok(test_lexicon), *lx = NULL;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"# one\nactor lavrov: Lavrow\nactor lavrov: Lavrof\n",
         "ext.lex:3: duplicate actor 'lavrov' (first on line 2)"},
        {"\n\nactor putin: Lavrov\n",
         "ext.lex:3: 'lavrov' is a variant of both actor 'lavrov' and actor 'putin'"},
        {"topic energy: truce\n",
         "ext.lex:1: 'truce' is a variant of both topic 'ceasefire' and topic 'energy'"},
        {"actor x: Sergei Shoigu\n",
         "ext.lex:1: 'sergei shoigu' is a variant of both actor 'shoigu' and actor 'x'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int rc =
            nx__lexicon_extend(&lx, base, cases[i].text, strlen(cases[i].text), "ext.lex", false);
        if (rc != NX_EINPUT)
            print_error("case %zu: %d\n", i, rc);
        assert_int_equal(rc, NX_EINPUT);
        assert_null(lx);
        assert_string_equal(nx_error_last()->message, cases[i].message);
    }
    nx__lexicon_free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(file_lexicon_parses_entries_and_variants),
        cmocka_unit_test(actor_key_is_added_as_a_variant_when_missing),
        cmocka_unit_test(syntax_details_are_accepted),
        cmocka_unit_test(broken_lexicons_name_file_and_line),
        cmocka_unit_test(files_load_and_report_what_is_wrong),
        cmocka_unit_test(ids_and_text_name_the_content),
        cmocka_unit_test(builtin_has_the_required_actors_and_spellings),
        cmocka_unit_test(every_builtin_variant_finds_its_entry),
        cmocka_unit_test(scan_finds_mentions_with_spans_and_variants),
        cmocka_unit_test(longest_variant_wins_and_mentions_do_not_overlap),
        cmocka_unit_test(hyphenated_and_joined_forms_count_once),
        cmocka_unit_test(mentions_stay_inside_a_sentence),
        cmocka_unit_test(a_given_name_not_the_actor_s_is_another_person),
        cmocka_unit_test(callback_can_stop_the_scan),
        cmocka_unit_test(actors_are_the_scans_actor_hits),
        cmocka_unit_test(builtin_tags_a_written_passage),
        cmocka_unit_test(an_extension_adds_to_entries_and_records_the_merge),
        cmocka_unit_test(an_extension_s_errors_name_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
