/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "text/passage.h"

static char *text_of(const char *body, const nx__passage *p)
{
    char *s = strndup(body + p->start, p->end - p->start);
    assert_non_null(s);
    return s;
}

static void paragraphs_become_passages(void **state)
{
    (void)state;
    const char *body = "The first paragraph has enough words to stand alone as a passage today.\n\n"
                       "The second paragraph also has enough words to stand on its own here.\n"
                       "It continues on a second line of the same paragraph.";
    nx__passage *ps;
    size_t n, dropped;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), NULL, NULL, &dropped), NX_OK);
    assert_int_equal(n, 2);
    assert_int_equal(dropped, 0);
    char *a = text_of(body, &ps[0]), *b = text_of(body, &ps[1]);
    assert_string_equal(a,
                        "The first paragraph has enough words to stand alone as a passage today.");
    assert_true(strncmp(b, "The second", 10) == 0);
    assert_int_equal(ps[1].end, strlen(body));
    free(a);
    free(b);
    free(ps);
}

static void single_paragraph_body_is_one_passage(void **state)
{
    (void)state;
    const char *body = "  Only one paragraph, with spaces around it.  \n";
    nx__passage *ps;
    size_t n;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ps[0].start, 2);
    assert_int_equal(ps[0].end, strlen(body) - 3);
    free(ps);
}

static void blank_lines_with_spaces_and_crlf_separate(void **state)
{
    (void)state;
    const char *body =
        "One paragraph with quite a few words in it, more than twelve of them.\r\n"
        "   \r\nAnother paragraph with quite a few words in it, more than twelve too.";
    nx__passage *ps;
    size_t n;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 2);
    assert_int_equal(body[ps[0].end - 1], '.');
    assert_int_equal(body[ps[1].start], 'A');
    free(ps);
}

static void short_paragraph_merges_with_next(void **state)
{
    (void)state;
    const char *body = "Kyiv, 3 March.\n\n"
                       "The delegations met again near the border and agreed on corridors for "
                       "civilians leaving the besieged cities.";
    nx__passage *ps;
    size_t n;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ps[0].start, 0);
    assert_int_equal(ps[0].end, strlen(body));
    free(ps);
}

static void short_last_paragraph_merges_with_previous(void **state)
{
    (void)state;
    const char *body = "The delegations met again near the border and agreed on corridors for "
                       "civilians leaving the besieged cities.\n\nMore soon.";
    nx__passage *ps;
    size_t n;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ps[0].end, strlen(body));
    free(ps);
}

/* A long paragraph: sentences of 10 words each. */
static char *long_paragraph(int sentences)
{
    char *s = malloc((size_t)sentences * 80 + 1);
    assert_non_null(s);
    s[0] = '\0';
    for (int i = 0; i < sentences; i++)
        strcat(s, "Officials said the talks would resume on Monday in Istanbul. ");
    s[strlen(s) - 1] = '\0';
    return s;
}

static void long_paragraph_is_cut_at_sentence_ends(void **state)
{
    (void)state;
    char *body = long_paragraph(40); /* 400 words */
    nx__passage *ps;
    size_t n;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(body[ps[i].end - 1], '.');
        assert_int_equal(body[ps[i].start], 'O');
        assert_true(ps[i].end - ps[i].start <= NX__PASSAGE_MAX_BYTES);
        if (i)
            assert_true(ps[i].start > ps[i - 1].end);
    }
    assert_int_equal(ps[0].start, 0);
    assert_int_equal(ps[n - 1].end, strlen(body));
    free(ps);
    free(body);
}

static void run_on_sentence_is_cut_between_words(void **state)
{
    (void)state;
    size_t len = 5000;
    char *body = malloc(len + 1);
    assert_non_null(body);
    for (size_t i = 0; i < len; i++)
        body[i] = i % 6 == 5 ? ' ' : 'a';
    body[len] = '\0';
    nx__passage *ps;
    size_t n;
    assert_int_equal(nx__passage_split(&ps, &n, body, len, NULL, NULL, NULL), NX_OK);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(ps[i].end - ps[i].start <= NX__PASSAGE_MAX_BYTES);
        assert_int_equal(body[ps[i].start], 'a');
        assert_int_equal(body[ps[i].end - 1], 'a');
        assert_true(ps[i].end == len || body[ps[i].end] == ' ');
    }
    free(ps);
    free(body);
}

static bool drop_signup(uint64_t h, void *payload)
{
    return h == *(uint64_t *)payload;
}

static void boilerplate_paragraphs_are_dropped_and_not_merged_across(void **state)
{
    (void)state;
    const char *bp = "Sign up to our  free daily\nnewsletter";
    uint64_t h = nx__passage_para_hash("sign up to our free daily newsletter", 36);
    assert_int_equal(nx__passage_para_hash(bp, strlen(bp)), h);
    const char *body = "Short lead.\n\nSign up to our free daily newsletter\n\n"
                       "The ministers agreed on a corridor for civilians from the city on Sunday.";
    nx__passage *ps;
    size_t n, dropped;
    assert_int_equal(nx__passage_split(&ps, &n, body, strlen(body), drop_signup, &h, &dropped),
                     NX_OK);
    assert_int_equal(dropped, 1);
    assert_int_equal(n, 2);
    assert_int_equal(ps[0].end, strlen("Short lead."));
    assert_int_equal(body[ps[1].start], 'T');
    free(ps);
}

static void empty_and_blank_bodies_give_no_passage(void **state)
{
    (void)state;
    nx__passage *ps = (nx__passage *)&ps;
    size_t n = 99;
    assert_int_equal(nx__passage_split(&ps, &n, "", 0, NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 0);
    free(ps);
    assert_int_equal(nx__passage_split(&ps, &n, "\n\n \n", 4, NULL, NULL, NULL), NX_OK);
    assert_int_equal(n, 0);
    free(ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraphs_become_passages),
        cmocka_unit_test(single_paragraph_body_is_one_passage),
        cmocka_unit_test(blank_lines_with_spaces_and_crlf_separate),
        cmocka_unit_test(short_paragraph_merges_with_next),
        cmocka_unit_test(short_last_paragraph_merges_with_previous),
        cmocka_unit_test(long_paragraph_is_cut_at_sentence_ends),
        cmocka_unit_test(run_on_sentence_is_cut_between_words),
        cmocka_unit_test(boilerplate_paragraphs_are_dropped_and_not_merged_across),
        cmocka_unit_test(empty_and_blank_bodies_give_no_passage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
