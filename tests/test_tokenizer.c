/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "text/tokenizer.h"

struct fx {
    nx__tokenizer *t;
    nx__toklist l;
    char out[8192];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    assert_int_equal(nx__tokenizer_new(&f->t), NX_OK);
    nx__tokenizer_list_init(&f->l);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    nx__tokenizer_list_release(&f->l);
    nx__tokenizer_free(f->t);
    free(f);
    return 0;
}

enum show { TERMS, STEMS, SPANS, DETAIL };

static void flag_letters(unsigned int flags, char *p)
{
    const char *letters = "NUEPJSCOQ"; /* in enum nx__token_flags order */
    for (unsigned int i = 0; letters[i]; i++)
        if (flags & (1u << i))
            *p++ = letters[i];
    *p = '\0';
}

/* The tokens of text[0..len) shown one way, separated by ' ' (SPANS: by '|'). */
static const char *show_n(struct fx *f, const char *text, size_t len, enum show how)
{
    assert_int_equal(nx__tokenizer_all(f->t, text, len, 0, &f->l), NX_OK);
    size_t o = 0;
    f->out[0] = '\0';
    for (size_t i = 0; i < f->l.n; i++) {
        const nx__token *k = &f->l.toks[i];
        const char *sep = i ? (how == SPANS ? "|" : " ") : "";
        char fl[16];
        flag_letters(k->flags, fl);
        size_t room = sizeof(f->out) - o;
        int n = how == TERMS   ? snprintf(f->out + o, room, "%s%s", sep, k->term)
                : how == STEMS ? snprintf(f->out + o, room, "%s%s", sep, k->stem)
                : how == SPANS ? snprintf(f->out + o, room, "%s%.*s", sep, (int)(k->end - k->start),
                                          text + k->start)
                               : snprintf(f->out + o, room, "%s%s:%u:%s:%zu-%zu", sep, k->term,
                                          (unsigned int)k->pos, fl, k->start, k->end);
        assert_true(n > 0 && (size_t)n < room);
        o += (size_t)n;
    }
    return f->out;
}

static const char *show(struct fx *f, const char *text, enum show how)
{
    return show_n(f, text, strlen(text), how);
}

static void folds_case_and_accents(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "Çavuşoğlu met Erdoğan, Mevlüt and Zelenskyy", TERMS),
                        "cavusoglu met erdogan mevlut and zelenskyy");
    assert_string_equal(show(f, "Straße ıslak Łódź Ørsted Đoković Æsir Œuvre ẞ", TERMS),
                        "strasse islak lodz orsted dokovic aesir oeuvre ss");
    assert_string_equal(show(f, "ＮＡＴＯ ﬁre café naïve", TERMS), "nato fire cafe naive");
}

static void apostrophes_and_possessives(void **state)
{
    struct fx *f = *state;
    const char *text = "Ukraine’s and Ukraine's army, Kyiv’s mayor don't O’Neill’s troops’";
    assert_string_equal(show(f, text, TERMS),
                        "ukraine and ukraine army kyiv mayor dont oneill troops");
    assert_string_equal(show(f, text, SPANS),
                        "Ukraine’s|and|Ukraine's|army|Kyiv’s|mayor|don't|O’Neill’s|troops");
    /* The dropped "'s" is flagged (remarks.h: "Putin's spokesman said" is not Putin speaking). */
    assert_string_equal(show(f, "Putin's aide, Putin’s, don't, troops’", DETAIL),
                        "putin:0:O:0-7 aide:1::8-12 putin:2:O:14-23 dont:3::25-30 troops:4::32-38");
}

/* "U.S." is the word "us", as "US" is written too; a single initial or a lower-case
 * abbreviation is not an acronym, nor are letters run on into a word. */
static void dotted_acronyms_are_one_word(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "U.S. and US, U.K. and D.C.", DETAIL),
                        "us:0::0-4 and:1::5-8 us:2::9-11 uk:3::13-17 and:4::18-21 dc:5::22-26");
    assert_string_equal(show(f, "U.S.-led talks", TERMS), "us led talks");
    assert_string_equal(show(f, "U.S.Army e.g. V. Putin", TERMS), "u s army e g v putin");
    assert_string_equal(show(f, "Ask the U.N. Then leave.", SPANS), "Ask|the|U.N.|Then|leave");
}

/* A token after a double quotation mark (straight, curly, low or guillemet) is flagged, and
 * so is the first token after a closing one (remarks.h: a verb across it is another voice);
 * single quotes and apostrophes are not marks here. */
static void quotation_marks_are_flagged(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "\"Putin,\" said", DETAIL), "putin:0:Q:1-6 said:1:Q:9-13");
    assert_string_equal(show(f, "a \u201Cb\u201D c \u201Ed \u00ABe\u00BB f", TERMS), "a b c d e f");
    assert_string_equal(show(f, "a \u201Cb\u201D c \u201Ed \u00ABe\u00BB f", DETAIL),
                        "a:0::0-1 b:1:Q:5-6 c:2:Q:10-11 d:3:Q:15-16 e:4:Q:19-20 f:5:Q:23-24");
    assert_string_equal(show(f, "a \u2018b\u2019 don't 'c' a-\"b", DETAIL),
                        "a:0::0-1 b:1::5-6 dont:2::10-15 c:3::17-18 a:4::20-21 b:5:Q:23-24");
}

static void hyphenated_word_gives_parts_then_joined(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "a cease-fire held", DETAIL),
                        "a:0::0-1 cease:1:P:2-7 fire:2:P:8-12 ceasefire:1:J:2-12 held:3::13-17");
    assert_string_equal(show(f, "COVID-19 rules", DETAIL),
                        "covid:0:P:0-5 19:1:NP:6-8 covid19:0:J:0-8 rules:2::9-14");
    /* U+2010 HYPHEN joins too */
    assert_string_equal(show(f, "pro‐Russian", TERMS), "pro russian prorussian");
    /* a soft hyphen is invisible: one word */
    assert_string_equal(show(f, "nego\xc2\xadtiations", DETAIL), "negotiations:0::0-14");
}

static void dashes_separate_words(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "Kyiv–Moscow talks—again -- now - then-", DETAIL),
                        "kyiv:0::0-4 moscow:1::7-13 talks:2::14-19 again:3::22-27 now:4::31-34 "
                        "then:5::37-41");
}

static void numbers_and_dates(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "On 2022-03-01, 1,200 troops; 3.5 km; 1,234,567.89.", DETAIL),
                        "on:0::0-2 2022-03-01:1:N:3-13 1200:2:N:15-20 troops:3::21-27 "
                        "3.5:4:N:29-32 km:5::33-35 1234567.89:6:N:37-49");
    assert_string_equal(show(f, "1,200 3.5", STEMS), "1200 3.5");
    assert_string_equal(show(f, "a 5. b ,7 8,", TERMS), "a 5 b 7 8");
}

static void urls_are_one_token(void **state)
{
    struct fx *f = *state;
    const char *text = "See https://Example.com/Path?a=1. Or (www.Kyiv.ua/x), "
                       "http://en.wikipedia.org/wiki/Kyiv_(city)).";
    assert_string_equal(
        show(f, text, DETAIL),
        "see:0::0-3 https://example.com/path?a=1:1:U:4-32 or:102:S:34-36 "
        "www.kyiv.ua/x:103:U:38-51 http://en.wikipedia.org/wiki/kyiv_(city):104:U:54-94");
    assert_string_equal(show(f, text, STEMS), "see https://example.com/path?a=1 or www.kyiv.ua/x "
                                              "http://en.wikipedia.org/wiki/kyiv_(city)");
    assert_string_equal(show(f, "http:// www. x", TERMS), "http www x");
}

static void email_is_one_token(void **state)
{
    struct fx *f = *state;
    const char *text = "Write to Press.Office@Example.ORG, or x@y. Done";
    assert_string_equal(show(f, text, DETAIL),
                        "write:0::0-5 to:1::6-8 press.office@example.org:2:E:9-33 or:3::35-37 "
                        "x:4::38-39 y:5::40-41 done:106:S:43-47");
}

static void cyrillic_stays_cyrillic(void **state)
{
    struct fx *f = *state;
    const char *text = "Лавров: Ёлка и йод, ПЕРЕГОВОРЫ";
    assert_string_equal(show(f, text, TERMS), "лавров елка и йод переговоры");
    assert_string_equal(show(f, text, STEMS), "лавр елк и йод переговор");
    assert_string_equal(show(f, "Лавров", DETAIL), "лавров:0:C:0-12");
}

static void stems_merge_inflections(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "negotiations negotiation pipelines pipeline", STEMS),
                        "negoti negoti pipelin pipelin");
    assert_string_equal(show(f, "negotiations", TERMS), "negotiations");
}

static void invalid_utf8_separates_words(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f,
                             "abc\xff"
                             "def",
                             SPANS),
                        "abc|def");
    /* truncated, overlong, surrogate, above U+10FFFF, stray continuation, truncated at end */
    const char *text = "a\xe2\x80"
                       "b c\xc0\xaf"
                       "d e\xed\xa0\x80"
                       "f g\xf4\x90\x80\x80"
                       "h i\x80j k\xe2";
    assert_string_equal(show(f, text, DETAIL), "a:0::0-1 b:1::3-4 c:2::5-6 d:3::8-9 e:4::10-11 "
                                               "f:5::14-15 g:6::16-17 h:7::21-22 i:8::23-24 "
                                               "j:9::25-26 k:10::27-28");
}

static void nul_bytes_separate_words(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show_n(f, "abc\0def\0\0", 9, DETAIL), "abc:0::0-3 def:1::4-7");
}

static void positions_gap_at_sentence_ends(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "One two. Three four! Five\n\nsix", DETAIL),
                        "one:0::0-3 two:1::4-7 three:102:S:9-14 four:103::15-19 five:204:S:21-25 "
                        "six:305:S:27-30");
    assert_string_equal(show(f, "Mr. Smith met Vladimir V. Putin.", DETAIL),
                        "mr:0::0-2 smith:1::4-9 met:2::10-13 vladimir:3::14-22 v:4::23-24 "
                        "putin:5::26-31");
}

static void empty_and_blank_input_give_done(void **state)
{
    struct fx *f = *state;
    const nx__token *k = (const nx__token *)&k;
    nx__tokenizer_reset(f->t, "", 0, 7);
    assert_int_equal(nx__tokenizer_next(f->t, &k), NX_DONE);
    assert_null(k);
    assert_int_equal(nx__tokenizer_next_pos(f->t), 7);
    nx__tokenizer_reset(f->t, " \t\r\n\n  — … ", strlen(" \t\r\n\n  — … "), 9);
    assert_int_equal(nx__tokenizer_next(f->t, &k), NX_DONE);
    assert_int_equal(nx__tokenizer_next(f->t, &k), NX_DONE);
    assert_int_equal(nx__tokenizer_next_pos(f->t), 9);
}

static void next_pos_follows_text_as_new_sentence(void **state)
{
    struct fx *f = *state;
    const nx__token *k;
    nx__tokenizer_reset(f->t, "a b. C", 6, 10);
    assert_int_equal(nx__tokenizer_next(f->t, &k), NX_OK);
    assert_int_equal(k->pos, 10);
    assert_int_equal(nx__tokenizer_next_pos(f->t), 111);
    while (nx__tokenizer_next(f->t, &k) == NX_OK)
        ;
    assert_int_equal(nx__tokenizer_next_pos(f->t), 10 + 2 + 100 + 1 + 100);
    /* a text starting there: its first token has no SENTENCE flag and no extra gap */
    nx__tokenizer_reset(f->t, "d", 1, 213);
    assert_int_equal(nx__tokenizer_next(f->t, &k), NX_OK);
    assert_int_equal(k->pos, 213);
    assert_int_equal(k->flags, 0);
}

static void tokenize_all_reuses_the_list(void **state)
{
    struct fx *f = *state;
    assert_int_equal(nx__tokenizer_all(f->t, "Pipelines cease-fire. X", 23, 5, &f->l), NX_OK);
    assert_int_equal(f->l.n, 5);
    assert_string_equal(f->l.toks[0].term, "pipelines");
    assert_string_equal(f->l.toks[0].stem, "pipelin");
    assert_string_equal(f->l.toks[3].term, "ceasefire");
    assert_int_equal(f->l.toks[4].pos, 5 + 3 + 100);
    assert_int_equal(nx__tokenizer_all(f->t, "Talks", 5, 1, &f->l), NX_OK);
    assert_int_equal(f->l.n, 1);
    assert_string_equal(f->l.toks[0].term, "talks");
    assert_string_equal(f->l.toks[0].stem, "talk");
    assert_int_equal(f->l.toks[0].pos, 1);
    assert_int_equal(f->l.toks[0].term_len, 5);
    assert_int_equal(f->l.toks[0].stem_len, 4);
}

static void overlong_tokens_are_skipped(void **state)
{
    struct fx *f = *state;
    char text[2 * NX__TERM_MAX + 64];
    memset(text, 'a', sizeof(text));
    /* "x" + 200 a + " " + 201 a + " y" */
    text[0] = 'x';
    text[1] = ' ';
    text[2 + NX__TERM_MAX] = ' ';
    size_t y = 2 + NX__TERM_MAX + 1 + NX__TERM_MAX + 1;
    memcpy(text + y, " y", 2);
    assert_int_equal(nx__tokenizer_all(f->t, text, y + 2, 0, &f->l), NX_OK);
    assert_int_equal(f->l.n, 3);
    assert_int_equal(f->l.toks[1].term_len, NX__TERM_MAX);
    assert_string_equal(f->l.toks[2].term, "y");
    assert_int_equal(f->l.toks[2].pos, 2);
    /* a compound whose joined form is too long keeps its parts only */
    char comp[160 * 2 + 1];
    memset(comp, 'b', sizeof(comp));
    comp[160] = '-';
    assert_int_equal(nx__tokenizer_all(f->t, comp, sizeof(comp), 0, &f->l), NX_OK);
    assert_int_equal(f->l.n, 2);
    assert_int_equal(f->l.toks[1].flags, NX__TOK_PART);
    /* a part too long is skipped, and so is the joined form */
    char mid[NX__TERM_MAX + 5];
    memset(mid, 'c', sizeof(mid));
    memcpy(mid, "x-", 2);
    memcpy(mid + sizeof(mid) - 2, "-y", 2);
    assert_string_equal(show_n(f, mid, sizeof(mid), DETAIL), "x:0:P:0-1 y:1:P:204-205");
}

static void huge_word_is_skipped_whole(void **state)
{
    struct fx *f = *state;
    size_t len = 100 * 1024;
    char *text = malloc(len);
    assert_non_null(text);
    memset(text, 'w', len);
    assert_int_equal(nx__tokenizer_all(f->t, text, len, 0, &f->l), NX_OK);
    assert_int_equal(f->l.n, 0);
    memcpy(text + len - 4, " end", 4);
    assert_int_equal(nx__tokenizer_all(f->t, text, len, 0, &f->l), NX_OK);
    assert_int_equal(f->l.n, 1);
    assert_string_equal(f->l.toks[0].term, "end");
    assert_int_equal(f->l.toks[0].pos, 0);
    free(text);
}

static void marks_alone_give_no_token(void **state)
{
    struct fx *f = *state;
    assert_string_equal(show(f, "\xcc\x81 x \xcc\x81\xcc\x88", DETAIL), "x:0::3-4");
    assert_string_equal(show(f, "e\xcc\x81t\xc3\xa9", TERMS), "ete"); /* decomposed é */
}

/* 1 MB texts of one repeated unit; pathological ones must stay linear (no timing assert: a
 * quadratic scan would take hours and hit the test timeout). */
static void long_texts_scale_linearly(void **state)
{
    struct fx *f = *state;
    const char *unit = "Alpha beta-gamma 12,345 Ukraine’s delta. ";
    size_t ulen = strlen(unit), units = (1u << 20) / ulen;
    char *text = malloc(1u << 20); /* >= units * ulen */
    assert_non_null(text);
    for (size_t i = 0; i < units; i++)
        memcpy(text + i * ulen, unit, ulen);
    assert_int_equal(nx__tokenizer_all(f->t, text, units * ulen, 0, &f->l), NX_OK);
    assert_int_equal(f->l.n, units * 7);
    const nx__token *last = &f->l.toks[f->l.n - 1];
    assert_string_equal(last->term, "delta");
    assert_int_equal(last->pos, (units - 1) * (6 + NX__SENTENCE_GAP) + 5);
    assert_int_equal(last->start, (units - 1) * ulen + ulen - 7);

    static const struct {
        const char *unit;
        size_t n;    /* tokens in 1 MB */
        size_t last; /* position of the last token */
    } cases[] = {
        {"a-", 1u << 19, (1u << 19) - 1},   /* one compound of 2^19 parts */
        {"a.", 1u << 19, (1u << 19) - 1},   /* each 'a' starts an e-mail scan */
        {"x@", 1u << 19, (1u << 19) - 1},   /* so does each x@x */
        {"Mr. ", 1u << 18, (1u << 18) - 1}, /* no sentence end */
        {"a\n\n", 349526, 349525 * 101},    /* a sentence each */
        {"1.", 0, 0},                       /* one 1 MB number */
        {"1-", 0, 0},                       /* one 1 MB date-like number */
        {"a'", 0, 0},                       /* one 1 MB word */
        {"(((", 0, 0},
        {"\xe2\x80\xa6", 0, 0}, /* ellipses */
    };
    size_t len = 1u << 20;
    for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
        size_t plen = strlen(cases[c].unit);
        for (size_t i = 0; i < len; i++)
            text[i] = cases[c].unit[i % plen];
        assert_int_equal(nx__tokenizer_all(f->t, text, len, 0, &f->l), NX_OK);
        assert_int_equal(f->l.n, cases[c].n);
        if (cases[c].n)
            assert_int_equal(f->l.toks[f->l.n - 1].pos, cases[c].last);
    }
    memcpy(text, "http://x", 8); /* then a megabyte of ')' to trim */
    memset(text + 8, ')', len - 8);
    assert_string_equal(show_n(f, text, len, DETAIL), "http://x:0:U:0-8");
    free(text);
}

static void fold_matches_the_tokenizer(void **state)
{
    (void)state;
    nx__buf b = NX__BUF_INIT;
    assert_int_equal(nx__tokenizer_fold("Çavuşoğlu", strlen("Çavuşoğlu"), &b), NX_OK);
    assert_string_equal(b.data, "cavusoglu");
    nx__buf_clear(&b);
    const char *s = "Sergei LAVROV’s cease-fire, Ёлка \xff 1,200!";
    assert_int_equal(nx__tokenizer_fold(s, strlen(s), &b), NX_OK);
    assert_string_equal(b.data, "sergei lavrov cease-fire, елка   1200!");
    assert_int_equal(nx__tokenizer_fold("X\0Y", 3, &b),
                     NX_OK); /* appends; controls become spaces */
    assert_string_equal(b.data, "sergei lavrov cease-fire, елка   1200!x y");
    nx__buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(folds_case_and_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(apostrophes_and_possessives, setup, teardown),
        cmocka_unit_test_setup_teardown(dotted_acronyms_are_one_word, setup, teardown),
        cmocka_unit_test_setup_teardown(quotation_marks_are_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(hyphenated_word_gives_parts_then_joined, setup, teardown),
        cmocka_unit_test_setup_teardown(dashes_separate_words, setup, teardown),
        cmocka_unit_test_setup_teardown(numbers_and_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(urls_are_one_token, setup, teardown),
        cmocka_unit_test_setup_teardown(email_is_one_token, setup, teardown),
        cmocka_unit_test_setup_teardown(cyrillic_stays_cyrillic, setup, teardown),
        cmocka_unit_test_setup_teardown(stems_merge_inflections, setup, teardown),
        cmocka_unit_test_setup_teardown(invalid_utf8_separates_words, setup, teardown),
        cmocka_unit_test_setup_teardown(nul_bytes_separate_words, setup, teardown),
        cmocka_unit_test_setup_teardown(positions_gap_at_sentence_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_and_blank_input_give_done, setup, teardown),
        cmocka_unit_test_setup_teardown(next_pos_follows_text_as_new_sentence, setup, teardown),
        cmocka_unit_test_setup_teardown(tokenize_all_reuses_the_list, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_tokens_are_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(huge_word_is_skipped_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(marks_alone_give_no_token, setup, teardown),
        cmocka_unit_test_setup_teardown(long_texts_scale_linearly, setup, teardown),
        cmocka_unit_test_setup_teardown(fold_matches_the_tokenizer, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
