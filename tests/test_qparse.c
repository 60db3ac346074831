/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "newsidx.h"
#include "query/qparse.h"

/*
 * Trees are compared as S-expressions written by show(): leaves as typed with their modifier
 * ("+a", "\"peace talks\"", "title:war", "date[2022-03-01,2022-03-31]", "@nato"), inner nodes
 * as "(AND a b)", "(NEAR/3 a b)", a modifier before the parenthesis.
 */
static void show(nx__buf *b, const nx__qnode *n)
{
    static const char *const kinds[] = {"", "", "", "", "", "LIST", "AND", "OR", "NOT", "NEAR"};
    static const char *const fields[] = {
        "", "title:", "source:", "actor:", "topic:", "speaker:", "said:"};
    if (n->mod)
        nx__buf_putc(b, n->mod == NX__QM_REQUIRE ? '+' : '-');
    switch (n->kind) {
    case NX__Q_WORD:
        nx__buf_append(b, n->text, n->len);
        return;
    case NX__Q_PHRASE:
        nx__buf_printf(b, "\"%s\"", n->text);
        return;
    case NX__Q_FIELD:
        nx__buf_printf(b, n->phrase ? "%s\"%s\"" : "%s%s", fields[n->field], n->text);
        return;
    case NX__Q_DATE:
        nx__buf_printf(b, "date[%s,%s]", n->date_lo, n->date_hi);
        return;
    case NX__Q_MACRO:
        nx__buf_printf(b, "@%s", n->text);
        return;
    default:
        break;
    }
    nx__buf_printf(b, "(%s", kinds[n->kind]);
    if (n->kind == NX__Q_NEAR)
        nx__buf_printf(b, "/%u", n->window);
    for (size_t i = 0; i < n->nkids; i++) {
        nx__buf_putc(b, ' ');
        show(b, n->kids[i]);
    }
    nx__buf_putc(b, ')');
}

/* Parse q, which must succeed, and compare its tree with `want`. */
static void check_tree(const char *q, const char *want)
{
    nx__qnode *n = NULL;
    nx__buf b = NX__BUF_INIT;
    int rc = nx__qparse(&n, q, strlen(q));
    if (rc != NX_OK)
        print_error("query '%s': %s\n", q, nx_error_last()->message);
    assert_int_equal(rc, NX_OK);
    assert_non_null(n);
    show(&b, n);
    if (strcmp(b.data, want) != 0)
        print_error("query '%s'\n", q);
    assert_string_equal(b.data, want);
    nx__buf_release(&b);
    nx__qparse_free(n);
}

/* Parse q, which must fail with `code` and exactly `message`. */
static void check_error(const char *q, size_t len, int code, const char *message)
{
    nx__qnode *n = (nx__qnode *)&n; /* poisoned: must come back NULL */
    int rc = nx__qparse(&n, q, len);
    if (rc != code)
        print_error("query '%s'\n", q);
    assert_int_equal(rc, code);
    assert_null(n);
    assert_int_equal(nx_error_last()->code, code);
    assert_string_equal(nx_error_last()->message, message);
}

static void bad(const char *q, const char *message)
{
    check_error(q, strlen(q), NX_EQUERY, message);
}

static void empty_and_blank_queries_give_ok_and_null(void **state)
{
    (void)state;
    const char *qs[] = {"", "   ", "\t\n ", "-", " + - ", "\0\0"};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        nx__qnode *n = (nx__qnode *)&n;
        assert_int_equal(nx__qparse(&n, qs[i], i == 5 ? 2 : strlen(qs[i])), NX_OK);
        assert_null(n);
    }
    nx__qnode *n = (nx__qnode *)&n;
    assert_int_equal(nx__qparse(&n, NULL, 0), NX_OK);
    assert_null(n);
}

static void null_arguments_give_einval(void **state)
{
    (void)state;
    nx__qnode *n = (nx__qnode *)&n;
    assert_int_equal(nx__qparse(&n, NULL, 3), NX_EINVAL);
    assert_null(n);
    assert_int_equal(nx__qparse(NULL, "a", 1), NX_EINVAL);
}

static void words_and_lists(void **state)
{
    (void)state;
    check_tree("Lavrov", "Lavrov");
    check_tree("  peace   talks ", "(LIST peace talks)");
    check_tree("a and or not near b", "(LIST a and or not near b)");
    check_tree("ANDROID ORDER NOTE NEARBY", "(LIST ANDROID ORDER NOTE NEARBY)");
    check_tree("cease-fire Nord-Stream-2", "(LIST cease-fire Nord-Stream-2)");
    check_tree("Çavuşoğlu Лавров", "(LIST Çavuşoğlu Лавров)");
}

static void or_is_weaker_than_and(void **state)
{
    (void)state;
    check_tree("a OR b AND c", "(OR a (AND b c))");
    check_tree("a AND b OR c", "(OR (AND a b) c)");
    check_tree("a OR b OR c", "(OR a b c)");
    check_tree("a AND b AND c OR d", "(OR (AND a b c) d)");
}

static void not_is_weaker_than_lists(void **state)
{
    (void)state;
    check_tree("a b NOT c d", "(NOT (LIST a b) (LIST c d))");
    check_tree("a NOT b NOT c", "(NOT a b c)");
    check_tree("a AND b NOT c", "(AND a (NOT b c))");
}

static void invalid_utf8_is_equery_naming_its_byte(void **state)
{
    (void)state;
    bad("caf\xc3 bar", "at byte 4: invalid UTF-8");
    bad("\xff", "at byte 1: invalid UTF-8");
    bad("ok \"a \xed\xa0\x80\"", "at byte 7: invalid UTF-8"); /* a surrogate */
    bad("word \xc0\xaf", "at byte 6: invalid UTF-8");         /* overlong '/' */
    check_tree("caf\xc3\xa9 \xe2\x82\xac", "(LIST caf\xc3\xa9 \xe2\x82\xac)");
}

static void near_binds_tightest(void **state)
{
    (void)state;
    check_tree("a NEAR b", "(NEAR/10 a b)");
    check_tree("a NEAR/3 b", "(NEAR/3 a b)");
    check_tree("x a NEAR/3 b y", "(LIST x (NEAR/3 a b) y)");
    check_tree("a NEAR/3 b NEAR/3 c", "(NEAR/3 a b c)");
    check_tree("a NEAR/05 b", "(NEAR/5 a b)");
    check_tree("\"talks\" NEAR Istanbul", "(NEAR/10 \"talks\" Istanbul)");
}

/* Xapian's NEAR takes single terms: a phrase of several words in it is refused where it is. */
static void a_phrase_inside_a_near_is_an_error_naming_its_byte(void **state)
{
    (void)state;
    const char *m = "a phrase of several words inside NEAR (NEAR takes single words: join the "
                    "phrase's words by NEAR too, or AND the phrase with the NEAR)";
    char want[200];
    snprintf(want, sizeof want, "at byte 1: %s", m);
    bad("\"peace talks\" NEAR Istanbul", want);
    snprintf(want, sizeof want, "at byte 23: %s", m);
    bad("Istanbul NEAR/3 (a OR \"peace talks\")", want);
    /* Beside a NEAR, ANDed with it, the phrase is fine. */
    check_tree("\"peace talks\" (talks NEAR Istanbul)",
               "(LIST \"peace talks\" (NEAR/10 talks Istanbul))");
}

static void a_near_inside_a_near_is_an_error_naming_its_byte(void **state)
{
    (void)state;
    const char *m = "a NEAR inside another NEAR (one chain takes one window)";
    char want[100];
    snprintf(want, sizeof want, "at byte 1: %s", m);
    bad("a NEAR/3 b NEAR/5 c", want);
    bad("a NEAR/1 b NEAR/100 c", want);
    snprintf(want, sizeof want, "at byte 9: %s", m);
    bad("x (y NEAR z) NEAR w", "at byte 4: a NEAR inside another NEAR (one chain takes one window)");
    bad("w NEAR (y NEAR/2 z)", want);
    snprintf(want, sizeof want, "at byte 14: %s", m);
    bad("w NEAR (y OR z NEAR/2 v)", want);
    /* NEARs side by side, or inside an OR, are fine. */
    check_tree("(a NEAR b) OR (c NEAR/2 d)", "(OR (NEAR/10 a b) (NEAR/2 c d))");
}

static void near_window_out_of_range_is_an_error(void **state)
{
    (void)state;
    bad("a NEAR/0 b", "at byte 8: expected a number from 1 to 100 after 'NEAR/'");
    bad("a NEAR/101 b", "at byte 8: expected a number from 1 to 100 after 'NEAR/'");
    bad("a NEAR/99999999999999999999 b",
        "at byte 8: expected a number from 1 to 100 after 'NEAR/'");
    bad("a NEAR/x b", "at byte 8: expected a number from 1 to 100 after 'NEAR/'");
    bad("a NEAR/ b", "at byte 8: expected a number from 1 to 100 after 'NEAR/'");
    bad("NEAR/-1", "at byte 6: expected a number from 1 to 100 after 'NEAR/'");
}

static void modifiers_attach_to_the_next_item(void **state)
{
    (void)state;
    check_tree("+Lavrov -Putin", "(LIST +Lavrov -Putin)");
    check_tree("-(a OR b) c", "(LIST -(OR a b) c)");
    check_tree("+\"peace talks\"", "+\"peace talks\"");
    check_tree("-title:war", "-title:war");
    check_tree("+date:2022", "+date[2022-01-01,2022-12-31]");
    check_tree("-@energy", "-@energy");
    check_tree("+AND", "+AND");
    check_tree("--a +-b", "(LIST --a +-b)");
    check_tree("-(+a)", "-(LIST +a)");
    check_tree("a-b a+b", "(LIST a-b a+b)");
    check_tree("Kyiv - Moscow + x", "(LIST Kyiv Moscow x)");
    check_tree("(a -)", "a");
}

static void phrases_keep_the_text_between_quotes(void **state)
{
    (void)state;
    check_tree("\"humanitarian corridor\"", "\"humanitarian corridor\"");
    check_tree("\"a OR (b\"", "\"a OR (b\"");
    check_tree("x \"peace  talks", "(LIST x \"peace  talks\")");
    check_tree("ab\"cd\"ef", "(LIST ab \"cd\" ef)");
    bad("a \"\"", "at byte 3: expected words between the quotes");
    bad("a \"  ", "at byte 3: expected words between the quotes");
}

static void fields_take_a_word_or_phrase(void **state)
{
    (void)state;
    check_tree("title:war", "title:war");
    check_tree("source:kremlin.ru", "source:kremlin.ru");
    check_tree("actor:lavrov topic:nato", "(LIST actor:lavrov topic:nato)");
    check_tree("speaker:putin +said:\"Sergei Lavrov\"",
               "(LIST speaker:putin +said:\"Sergei Lavrov\")");
    bad("said:", "at byte 6: expected a word after 'said:'");
    check_tree("title:\"peace talks\" x", "(LIST title:\"peace talks\" x)");
    check_tree("title:AND", "title:AND");
    check_tree("title:title:x", "title:title:x");
    bad("title:", "at byte 7: expected a word after 'title:'");
    bad("a title: war", "at byte 9: expected a word after 'title:'");
    bad("(source:)", "at byte 9: expected a word after 'source:'");
    bad("actor:(x)", "at byte 7: expected a word after 'actor:'");
    bad("topic:\"\"", "at byte 7: expected words between the quotes");
}

static void unknown_prefixes_stay_words(void **state)
{
    (void)state;
    check_tree("foo:bar", "foo:bar");
    check_tree("https://www.kremlin.ru/x 10:30", "(LIST https://www.kremlin.ru/x 10:30)");
    check_tree("Title:war subtitle:x", "(LIST Title:war subtitle:x)");
    check_tree("mail@example.org", "mail@example.org");
}

static void dates_widen_to_whole_months_and_years(void **state)
{
    (void)state;
    check_tree("date:2022-03-01", "date[2022-03-01,2022-03-01]");
    check_tree("date:2022-02", "date[2022-02-01,2022-02-28]");
    check_tree("date:2024-02", "date[2024-02-01,2024-02-29]");
    check_tree("date:2000-02-29", "date[2000-02-29,2000-02-29]");
    check_tree("date:2022-04", "date[2022-04-01,2022-04-30]");
    check_tree("date:2022", "date[2022-01-01,2022-12-31]");
    check_tree("date:2022-02..2022-05", "date[2022-02-01,2022-05-31]");
    check_tree("date:2022-03-01..", "date[2022-03-01,]");
    check_tree("date:..2022", "date[,2022-12-31]");
    check_tree("date:2022-05..2022-05-10", "date[2022-05-01,2022-05-10]");
}

static void bad_dates_name_their_position(void **state)
{
    (void)state;
    bad("date:", "at byte 6: expected a date like 2022-03-01");
    bad("x date:..", "at byte 8: expected a date like 2022-03-01");
    bad("date:2022-3-1", "at byte 6: expected a date like 2022-03-01");
    bad("date:22", "at byte 6: expected a date like 2022-03-01");
    bad("date:2022-01-01x", "at byte 6: expected a date like 2022-03-01");
    bad("date:2022-01-01..2022-02-01..", "at byte 18: expected a date like 2022-03-01");
    bad("date:2022-13", "at byte 6: expected a valid date, not '2022-13'");
    bad("date:2022-00-10", "at byte 6: expected a valid date, not '2022-00-10'");
    bad("date:2022-02-29", "at byte 6: expected a valid date, not '2022-02-29'");
    bad("date:1900-02-29", "at byte 6: expected a valid date, not '1900-02-29'");
    bad("date:2022-04-31", "at byte 6: expected a valid date, not '2022-04-31'");
    bad("date:0000", "at byte 6: expected a valid date, not '0000'");
    bad("date:2022-01..2022-06-31", "at byte 15: expected a valid date, not '2022-06-31'");
    bad("date:2022-05..2022-04", "at byte 15: expected an end date not before 2022-05-01");
    bad("date:\"2022\"", "at byte 6: expected a date like 2022-03-01");
}

static void macros_name_a_topic(void **state)
{
    (void)state;
    check_tree("@ceasefire", "@ceasefire");
    check_tree("@nord_stream-2 x", "(LIST @nord_stream-2 x)");
    bad("@", "at byte 2: expected a topic name of a-z, 0-9, '-' or '_' after '@'");
    bad("x @Nato", "at byte 4: expected a topic name of a-z, 0-9, '-' or '_' after '@'");
    bad("@nato,", "at byte 6: expected a topic name of a-z, 0-9, '-' or '_' after '@'");
}

static void nested_parentheses_group(void **state)
{
    (void)state;
    check_tree("((a OR b) c)", "(LIST (OR a b) c)");
    check_tree("(a (b (c OR d)))", "(LIST a (LIST b (OR c d)))");
    check_tree("(((a)))", "a");
    check_tree("(a OR b)(c OR d)", "(LIST (OR a b) (OR c d))");
    check_tree("x AND(y OR z)", "(AND x (OR y z))");
}

static void unbalanced_parentheses_are_errors(void **state)
{
    (void)state;
    bad("(a OR b", "at byte 8: expected ')'");
    bad("((a) b", "at byte 7: expected ')'");
    bad("a)", "at byte 2: expected '(' before this ')'");
    bad("(a))", "at byte 4: expected '(' before this ')'");
    bad(")", "at byte 1: expected a query");
    bad("()", "at byte 2: expected a query");
    bad("a ( )", "at byte 5: expected a query");
}

static void operators_need_operands(void **state)
{
    (void)state;
    bad("AND", "at byte 1: expected a query");
    bad("OR a", "at byte 1: expected a query");
    bad("  NOT a", "at byte 3: expected a query");
    bad("NEAR/3", "at byte 1: expected a query");
    bad("a AND", "at byte 6: expected a term after 'AND'");
    bad("a OR OR b", "at byte 6: expected a term after 'OR'");
    bad("a NEAR/3", "at byte 9: expected a term after 'NEAR/3'");
    bad("(a NOT) b", "at byte 7: expected a term after 'NOT'");
    bad("a AND -", "at byte 8: expected a term after 'AND'");
    bad("a AND (", "at byte 8: expected a query");
}

static void node_offsets_point_at_their_text(void **state)
{
    (void)state;
    const char *q = "  -Lavrov OR (title:\"peace talks\" date:2022)";
    nx__qnode *n = NULL;
    assert_int_equal(nx__qparse(&n, q, strlen(q)), NX_OK);
    assert_int_equal(n->kind, NX__Q_OR);
    assert_int_equal(n->offset, 2);
    assert_int_equal(n->kids[0]->offset, 2);
    assert_int_equal(n->kids[0]->mod, NX__QM_EXCLUDE);
    assert_string_equal(n->kids[0]->text, "Lavrov");
    assert_int_equal(n->kids[0]->len, 6);
    const nx__qnode *l = n->kids[1];
    assert_int_equal(l->kind, NX__Q_LIST);
    assert_int_equal(l->offset, 14);
    assert_int_equal(l->kids[0]->offset, 14);
    assert_int_equal(l->kids[0]->field, NX__QF_TITLE);
    assert_int_equal(l->kids[0]->phrase, 1);
    assert_string_equal(l->kids[0]->text, "peace talks");
    assert_int_equal(l->kids[1]->offset, 34);
    assert_string_equal(l->kids[1]->text, "2022");
    nx__qparse_free(n);
}

static void long_queries_give_elimit(void **state)
{
    (void)state;
    size_t big = 100 * 1024;
    char *q = malloc(big);
    assert_non_null(q);
    memset(q, 'a', big);
    check_error(q, big, NX_ELIMIT, "query is longer than 8192 bytes");
    check_error(q, NX__QUERY_MAX_BYTES + 1, NX_ELIMIT, "query is longer than 8192 bytes");
    nx__qnode *n = NULL;
    assert_int_equal(nx__qparse(&n, q, NX__QUERY_MAX_BYTES), NX_OK);
    assert_int_equal(n->kind, NX__Q_WORD);
    nx__qparse_free(n);
    free(q);
}

/* n words "w w w ...", optionally all inside one phrase. */
static char *words(size_t n, bool phrase)
{
    char *q = malloc(2 * n + 3), *p = q;
    assert_non_null(q);
    if (phrase)
        *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        *p++ = 'w';
        *p++ = ' ';
    }
    *p = '\0';
    return q;
}

static void too_many_words_give_elimit(void **state)
{
    (void)state;
    for (int phrase = 0; phrase < 2; phrase++) {
        char *q = words(300, phrase);
        check_error(q, strlen(q), NX_ELIMIT, "query has more than 256 words");
        free(q);
        q = words(257, phrase);
        check_error(q, strlen(q), NX_ELIMIT, "query has more than 256 words");
        free(q);
        q = words(256, phrase);
        if (phrase) { /* within the word limit, over the phrase limit */
            check_error(q, strlen(q), NX_ELIMIT, "at byte 1: more than 16 words in one phrase (256)");
        } else {
            nx__qnode *n = NULL;
            assert_int_equal(nx__qparse(&n, q, strlen(q)), NX_OK);
            assert_int_equal(n->kind, NX__Q_LIST);
            assert_int_equal(n->nkids, 256);
            nx__qparse_free(n);
        }
        free(q);
    }
}

/* `n` words `w` joined by `op` (" NEAR/100 ", or " " inside quotes when op is NULL), in `out`. */
static void chain(char *out, size_t cap, const char *w, size_t n, const char *op)
{
    size_t at = (size_t)snprintf(out, cap, "%s", op ? "" : "\"");
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(out + at, cap - at, "%s%s", i ? (op ? op : " ") : "", w);
    snprintf(out + at, cap - at, "%s", op ? "" : "\"");
}

static void parses(const char *q)
{
    nx__qnode *n = NULL;
    int rc = nx__qparse(&n, q, strlen(q));
    if (rc != NX_OK)
        print_error("query '%s': %s\n", q, nx_error_last()->message);
    assert_int_equal(rc, NX_OK);
    assert_non_null(n);
    nx__qparse_free(n);
}

/* Issue 25, defect 8: the work of a positional match is bounded, not only the text. */
static void positional_work_is_bounded(void **state)
{
    (void)state;
    char q[8192], one[2048];
    chain(q, sizeof q, "ukraine", 256, " NEAR/100 "); /* took 3.5 s of CPU on ukraine */
    check_error(q, strlen(q), NX_ELIMIT, "at byte 1: more than 16 words in one NEAR (256)");
    chain(q, sizeof q, "ukraine", 17, " NEAR/100 ");
    check_error(q, strlen(q), NX_ELIMIT, "at byte 1: more than 16 words in one NEAR (17)");
    chain(q, sizeof q, "ukraine", 16, " NEAR/100 ");
    parses(q);
    chain(one, sizeof one, "war", 17, NULL);
    snprintf(q, sizeof q, "kyiv OR %s", one);
    check_error(q, strlen(q), NX_ELIMIT, "at byte 9: more than 16 words in one phrase (17)");
    snprintf(q, sizeof q, "title:%s", one);
    check_error(q, strlen(q), NX_ELIMIT, "at byte 1: more than 16 words in one phrase (17)");
    chain(one, sizeof one, "war", 16, NULL);
    parses(one);
    /* Words of a phrase or group inside a NEAR count for that NEAR. */
    check_error("a NEAR/5 \"b c d e f g h i j k l m n o p\" NEAR/5 q", 49, NX_ELIMIT,
                "at byte 1: more than 16 words in one NEAR (17)");
    check_error("a NEAR/5 \"b c d e f g h i j k l m n o\" NEAR/5 q", 48, NX_EQUERY,
                "at byte 10: a phrase of several words inside NEAR (NEAR takes single words: "
                "join the phrase's words by NEAR too, or AND the phrase with the NEAR)");
    /* Sixteen ORed 16-word chains (2.6 s): the third chain goes past 32 in all. */
    chain(one, sizeof one, "russia", 16, " NEAR ");
    size_t at = 0;
    for (int i = 0; i < 16; i++)
        at += (size_t)snprintf(q + at, sizeof q - at, "%s(%s)", i ? " OR " : "", one);
    char want[100];
    snprintf(want, sizeof want, "at byte %zu: more than 32 words in the NEARs and phrases of a query",
             2 * (strlen(one) + 2 + 4) + 2);
    check_error(q, strlen(q), NX_ELIMIT, want);
    snprintf(q, sizeof q, "(%s) OR (%s)", one, one);
    parses(q);
    snprintf(q, sizeof q, "(%s) OR (%s) OR \"a b\"", one, one);
    check_error(q, strlen(q), NX_ELIMIT,
                "at byte 385: more than 32 words in the NEARs and phrases of a query");
    /* Words outside NEARs and phrases are not positional. */
    chain(q, sizeof q, "ukraine", 200, " OR ");
    parses(q);
    bad("a NEAR/101 b", "at byte 8: expected a number from 1 to 100 after 'NEAR/'");
}

/* depth '(' then "a" then depth ')'. */
static char *nested(int depth)
{
    char *q = malloc((size_t)depth * 2 + 2);
    assert_non_null(q);
    memset(q, '(', (size_t)depth);
    q[depth] = 'a';
    memset(q + depth + 1, ')', (size_t)depth);
    q[2 * depth + 1] = '\0';
    return q;
}

static void deep_nesting_gives_elimit(void **state)
{
    (void)state;
    char *q = nested(40);
    check_error(q, strlen(q), NX_ELIMIT, "at byte 33: parentheses nested deeper than 32");
    free(q);
    q = nested(33);
    check_error(q, strlen(q), NX_ELIMIT, "at byte 33: parentheses nested deeper than 32");
    free(q);
    q = nested(32);
    nx__qnode *n = NULL;
    assert_int_equal(nx__qparse(&n, q, strlen(q)), NX_OK);
    assert_string_equal(n->text, "a");
    nx__qparse_free(n);
    free(q);
    /* Unclosed and interleaved with modifiers: the limit still comes first. */
    char deep[200] = "";
    for (int i = 0; i < 60; i++)
        strcat(deep, "-(");
    check_error(deep, strlen(deep), NX_ELIMIT, "at byte 66: parentheses nested deeper than 32");
}

static uint32_t rng_next(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* Structural invariants of any parsed tree. */
static void check_node(const nx__qnode *n, size_t len)
{
    assert_true(n->offset < len);
    if (n->kind <= NX__Q_MACRO) {
        assert_non_null(n->text);
        assert_int_equal(n->nkids, 0);
        return;
    }
    assert_null(n->text);
    assert_true(n->nkids >= 2 || (n->nkids == 1 && n->kind == NX__Q_LIST && n->mod));
    for (size_t i = 0; i < n->nkids; i++)
        check_node(n->kids[i], len);
}

/* The byte in "at byte N: ..." is within the query or just past its end. */
static void check_outcome(int rc, const nx__qnode *n, size_t len)
{
    if (rc == NX_OK) {
        if (n)
            check_node(n, len);
        return;
    }
    assert_int_equal(rc, NX_EQUERY);
    assert_null(n);
    unsigned long at = 0;
    assert_int_equal(sscanf(nx_error_last()->message, "at byte %lu: ", &at), 1);
    assert_true(at >= 1 && at <= len + 1);
}

static void random_bytes_never_crash(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    char q[64];
    for (int i = 0; i < 20000; i++) {
        size_t len = rng_next(&seed) % sizeof q;
        for (size_t j = 0; j < len; j++)
            q[j] = (char)(rng_next(&seed) & 0xff);
        nx__qnode *n = NULL;
        int rc = nx__qparse(&n, q, len);
        check_outcome(rc, n, len);
        nx__qparse_free(n);
    }
}

static void random_token_soup_never_crashes(void **state)
{
    (void)state;
    static const char *const toks[] = {"(",      ")",      "\"",           "+",          "-",
                                       " AND ",  " OR ",   " NOT ",        " NEAR/3 ",   " NEAR ",
                                       "title:", "date:",  "date:2022-03", "..",         "@",
                                       "@nato",  "peace",  "talks",        " ",          " ",
                                       "Лавров", "actor:", "\xff",         "2022-02-30", "a"};
    uint32_t seed = 42;
    char q[512];
    int ok = 0, errors = 0;
    for (int i = 0; i < 20000; i++) {
        size_t len = 0, n = 1 + rng_next(&seed) % 12;
        for (size_t j = 0; j < n; j++) {
            const char *t = toks[rng_next(&seed) % (sizeof toks / sizeof toks[0])];
            memcpy(q + len, t, strlen(t));
            len += strlen(t);
        }
        nx__qnode *tree = NULL;
        int rc = nx__qparse(&tree, q, len);
        check_outcome(rc, tree, len);
        ok += rc == NX_OK;
        errors += rc == NX_EQUERY;
        nx__qparse_free(tree);
    }
    /* Both outcomes are common: the soup exercises parsing and the error paths. */
    assert_true(ok > 2000);
    assert_true(errors > 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_and_blank_queries_give_ok_and_null),
        cmocka_unit_test(null_arguments_give_einval),
        cmocka_unit_test(words_and_lists),
        cmocka_unit_test(or_is_weaker_than_and),
        cmocka_unit_test(not_is_weaker_than_lists),
        cmocka_unit_test(invalid_utf8_is_equery_naming_its_byte),
        cmocka_unit_test(near_binds_tightest),
        cmocka_unit_test(a_near_inside_a_near_is_an_error_naming_its_byte),
        cmocka_unit_test(a_phrase_inside_a_near_is_an_error_naming_its_byte),
        cmocka_unit_test(near_window_out_of_range_is_an_error),
        cmocka_unit_test(modifiers_attach_to_the_next_item),
        cmocka_unit_test(phrases_keep_the_text_between_quotes),
        cmocka_unit_test(fields_take_a_word_or_phrase),
        cmocka_unit_test(unknown_prefixes_stay_words),
        cmocka_unit_test(dates_widen_to_whole_months_and_years),
        cmocka_unit_test(bad_dates_name_their_position),
        cmocka_unit_test(macros_name_a_topic),
        cmocka_unit_test(nested_parentheses_group),
        cmocka_unit_test(unbalanced_parentheses_are_errors),
        cmocka_unit_test(operators_need_operands),
        cmocka_unit_test(node_offsets_point_at_their_text),
        cmocka_unit_test(long_queries_give_elimit),
        cmocka_unit_test(too_many_words_give_elimit),
        cmocka_unit_test(deep_nesting_gives_elimit),
        cmocka_unit_test(positional_work_is_bounded),
        cmocka_unit_test(random_bytes_never_crash),
        cmocka_unit_test(random_token_soup_never_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
