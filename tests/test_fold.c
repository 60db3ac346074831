/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "text/fold.h"

/* The folded form of one code point as a string. */
static const char *fold(int32_t cp)
{
    static char out[NX__FOLD_MAX + 1];
    size_t n = nx__fold_cp(cp, out);
    assert_true(n <= NX__FOLD_MAX);
    out[n] = '\0';
    return out;
}

static void folds_case_accents_and_special_letters(void **state)
{
    (void)state;
    assert_string_equal(fold('A'), "a");
    assert_string_equal(fold(0x00C7), "c");  /* Ç */
    assert_string_equal(fold(0x011F), "g");  /* ğ */
    assert_string_equal(fold(0x00FC), "u");  /* ü */
    assert_string_equal(fold(0x00DF), "ss"); /* ß */
    assert_string_equal(fold(0x1E9E), "ss"); /* ẞ */
    assert_string_equal(fold(0x0131), "i");  /* ı */
    assert_string_equal(fold(0x0130), "i");  /* İ */
    assert_string_equal(fold(0x0141), "l");  /* Ł */
    assert_string_equal(fold(0x00F8), "o");  /* ø */
    assert_string_equal(fold(0x0110), "d");  /* Đ */
    assert_string_equal(fold(0x00C6), "ae"); /* Æ */
    assert_string_equal(fold(0x0153), "oe"); /* œ */
    assert_string_equal(fold(0x01E2), "ae"); /* Ǣ: Æ with macron */
    assert_string_equal(fold(0xFB01), "fi"); /* ﬁ */
    assert_string_equal(fold(0xFF21), "a");  /* fullwidth A */
}

static void cyrillic_keeps_short_i_and_folds_yo(void **state)
{
    (void)state;
    assert_string_equal(fold(0x041B), "\xd0\xbb"); /* Л -> л */
    assert_string_equal(fold(0x0401), "\xd0\xb5"); /* Ё -> е */
    assert_string_equal(fold(0x0451), "\xd0\xb5"); /* ё -> е */
    assert_string_equal(fold(0x0419), "\xd0\xb9"); /* Й -> й */
    assert_string_equal(fold(0x0439), "\xd0\xb9"); /* й */
}

static void marks_and_ignorables_fold_to_nothing(void **state)
{
    (void)state;
    assert_string_equal(fold(0x0301), "");             /* combining acute */
    assert_string_equal(fold(0x00AD), "");             /* soft hyphen */
    assert_string_equal(fold(0x200D), "");             /* zero width joiner */
    assert_string_equal(fold(0xAC00), "\xea\xb0\x80"); /* Hangul syllable kept whole */
    assert_string_equal(fold(0xFDFA),
                        "\xd8\xb5\xd9\x84\xd9\x89 \xd8\xa7\xd9\x84\xd9\x84\xd9\x87 "
                        "\xd8\xb9\xd9\x84\xd9\x8a\xd9\x87 \xd9\x88\xd8\xb3\xd9\x84\xd9\x85");
}

static void classifies_code_points(void **state)
{
    (void)state;
    assert_int_equal(nx__fold_cp_props(0x00E9), NX__CP_LETTER | NX__CP_LOWER);
    assert_int_equal(nx__fold_cp_props(0x0416), NX__CP_LETTER | NX__CP_UPPER);
    assert_int_equal(nx__fold_cp_props(0x4E2D), NX__CP_LETTER);
    assert_int_equal(nx__fold_cp_props(0x0661), NX__CP_DIGIT); /* Arabic-Indic one */
    assert_int_equal(nx__fold_cp_props(0x0308), NX__CP_MARK);
    assert_int_equal(nx__fold_cp_props(0x2014), 0); /* em dash */
    assert_int_equal(nx__fold_cp_props(0x00A0), 0); /* no-break space */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folds_case_accents_and_special_letters),
        cmocka_unit_test(cyrillic_keeps_short_i_and_folds_yo),
        cmocka_unit_test(marks_and_ignorables_fold_to_nothing),
        cmocka_unit_test(classifies_code_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
