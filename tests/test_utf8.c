/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "newsidx.h"
#include "text/utf8.h"

/* Invalid by RFC 3629, each for its own reason; all three entry points must refuse every one. */
static const struct {
    const char *s;
    size_t len;
} bad[] = {
    {"\x80", 1},             /* stray continuation */
    {"\xbf", 1},             /* stray continuation, the last one */
    {"\xff", 1},             /* never valid */
    {"\xc0\xaf", 2},         /* overlong '/' */
    {"\xc1\xbf", 2},         /* overlong */
    {"\xe0\x80\xaf", 3},     /* overlong, three bytes */
    {"\xe0\x9f\xbf", 3},     /* overlong U+07FF */
    {"\xf0\x80\x80\xaf", 4}, /* overlong, four bytes */
    {"\xf0\x8f\xbf\xbf", 4}, /* overlong U+FFFF */
    {"\xed\xa0\x80", 3},     /* surrogate U+D800 */
    {"\xed\xbf\xbf", 3},     /* surrogate U+DFFF */
    {"\xf4\x90\x80\x80", 4}, /* above U+10FFFF */
    {"\xf5\x80\x80\x80", 4}, /* lead byte above F4 */
    {"\xc3", 1},             /* truncated two-byte sequence */
    {"\xe2\x80", 2},         /* truncated three-byte sequence */
    {"\xf0\x9f\x98", 3},     /* truncated four-byte sequence */
    {"\xe2\x28\xa1", 3},     /* bad continuation */
    {"\xc3\xc3\xa9", 3},     /* a lead byte where a continuation belongs */
};

static void decode_gives_code_point_and_length(void **state)
{
    (void)state;
    size_t n = 0;
    const unsigned char ok4[] = {0xF0, 0x9F, 0x98, 0x80};
    assert_int_equal(nx__utf8_decode((const unsigned char *)"A", 1, &n), 'A');
    assert_int_equal(n, 1);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xc2\x80", 2, &n), 0x80);
    assert_int_equal(n, 2);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xd0\x96", 2, &n), 0x0416);
    assert_int_equal(n, 2);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xe0\xa0\x80", 3, &n), 0x0800);
    assert_int_equal(n, 3);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xed\x9f\xbf", 3, &n), 0xD7FF);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xee\x80\x80", 3, &n), 0xE000);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xef\xbf\xbf", 3, &n), 0xFFFF);
    assert_int_equal(nx__utf8_decode(ok4, 4, &n), 0x1F600);
    assert_int_equal(n, 4);
    assert_int_equal(nx__utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &n), 0x10FFFF);
    assert_int_equal(n, 4);
}

static void decode_rejects_overlongs_surrogates_and_truncation(void **state)
{
    (void)state;
    size_t n;
    const unsigned char ellipsis[] = {0xE2, 0x80, 0xA6};
    assert_int_equal(nx__utf8_decode(ellipsis, 2, &n), -1); /* cut by len, not by a NUL */
    assert_int_equal(n, 1);
    assert_int_equal(nx__utf8_decode(ellipsis, 3, &n), 0x2026);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        n = 0;
        assert_int_equal(nx__utf8_decode((const unsigned char *)bad[i].s, bad[i].len, &n), -1);
        assert_int_equal(n, 1);
    }
}

static void check_finds_the_first_invalid_byte(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t want;
    } cases[] = {
        {"", 0},
        {"plain ascii text longer than eight bytes", 40},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", 19},
        {"\xd0\xa1\xd0\xbb\xd0\xb0\xd0\xb2\xd0\xb0 \xd0\xa3", 13},
        {"abcdefghij\x80", 10},    /* lone continuation after the fast path */
        {"ab\xc0\xaf", 2},         /* overlong '/' */
        {"ab\xc1\xbf", 2},         /* overlong */
        {"\xe0\x80\xaf", 0},       /* overlong, three bytes */
        {"x\xed\xa0\x80", 1},      /* UTF-16 surrogate */
        {"xy\xf4\x90\x80\x80", 2}, /* past U+10FFFF */
        {"\xf5\x80\x80\x80", 0},   /* no such lead byte */
        {"12345678\xe2\x82", 8},   /* cut short at the end */
        {"\xe2\x28\xa1", 0},       /* bad continuation */
        {"ok\xff", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(nx__utf8_check(cases[i].s, strlen(cases[i].s)), cases[i].want);
    /* The length given is what counts, not a NUL. */
    assert_int_equal(nx__utf8_check("a\0b", 3), 3);
    assert_int_equal(nx__utf8_check("a\xc3\xa9", 2), 1);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(nx__utf8_check(bad[i].s, bad[i].len), 0);
}

/* The public decoder (what the CLIs use) says the same as the library's own. */
static void public_decode_agrees_with_the_library(void **state)
{
    (void)state;
    uint32_t cp = 7;
    assert_int_equal(nx_utf8_decode(&cp, "\xf0\x9f\x98\x80!", 5), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(nx_utf8_decode(&cp, "\xd0\x96", 2), 2);
    assert_int_equal(cp, 0x0416);
    assert_int_equal(nx_utf8_decode(&cp, "\t", 1), 1);
    assert_int_equal(cp, '\t');
    assert_int_equal(nx_utf8_decode(NULL, "\xc3\xa9", 2), 2);
    cp = 7;
    assert_int_equal(nx_utf8_decode(&cp, "x", 0), 0);
    assert_int_equal(cp, 0);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cp = 7;
        assert_int_equal(nx_utf8_decode(&cp, bad[i].s, bad[i].len), 0);
        assert_int_equal(cp, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_gives_code_point_and_length),
        cmocka_unit_test(decode_rejects_overlongs_surrogates_and_truncation),
        cmocka_unit_test(check_finds_the_first_invalid_byte),
        cmocka_unit_test(public_decode_agrees_with_the_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
