/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "store/article.h"
#include "util/buf.h"
#include "util/compress.h"

/* Our own news-like English prose, for the size of a typical short article. */
static const char english[] =
    "The government said on Tuesday that it would raise spending on schools and hospitals next "
    "year, after tax revenue came in higher than expected in the first half of the year. The "
    "finance minister told parliament that the economy had grown faster than most analysts had "
    "forecast, and that the new money would be used to hire more teachers and nurses.\n\n"
    "Opposition leaders said the plan did not go far enough. \"People have been waiting for "
    "years, and this is too little, too late,\" one of them told reporters outside the building. "
    "She added that the party would vote against the budget unless the government agreed to "
    "cut taxes for families with children.\n\n"
    "Officials from the central bank, which has kept interest rates unchanged since March, said "
    "they were watching prices closely. Inflation rose to 3.1 percent last month, its highest "
    "level in two years, driven by the cost of energy and food. Some economists expect the bank "
    "to increase rates before the end of the year, while others believe it will wait until the "
    "spring.\n\n"
    "The budget will be debated by lawmakers over the coming weeks, and a final vote is expected "
    "in early December. If it is approved, the first payments to local councils could be made "
    "in January, according to a statement released by the ministry on Wednesday.";

static void article_round_trips_with_absent_fields(void **state)
{
    (void)state;
    nx_article a = {"kyiv-1", "Talks resume", NULL, "Wire", "", "Body text, «quoted» — Київ.", 0};
    a.body_len = strlen(a.body);
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    assert_int_equal(blob.data[0], 3); /* the blob version */
    nx_article *b = (nx_article *)&b;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_OK);
    assert_string_equal(b->id, "kyiv-1");
    assert_string_equal(b->title, "Talks resume");
    assert_null(b->date);
    assert_string_equal(b->source, "Wire");
    assert_string_equal(b->url, "");
    assert_int_equal(b->body_len, a.body_len);
    assert_memory_equal(b->body, a.body, a.body_len);
    nx_free(b);
    nx__buf_release(&blob);
}

static void damaged_blob_is_ecorrupt(void **state)
{
    (void)state;
    nx_article a = {"x", NULL, NULL, NULL, NULL, "some body text to compress", 26};
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    nx_article *b = (nx_article *)&b;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len / 2), NX_ECORRUPT);
    assert_null(b);
    blob.data[0] = 9; /* unknown version */
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "damaged"));
    nx__buf_release(&blob);
}

/* A byte flipped anywhere, another version or a cut blob is NX_ECORRUPT, never garbled text. */
static void damaged_blob_is_never_garbled_text(void **state)
{
    (void)state;
    nx_article a = {"bbc-2", "Budget", "2024-05-01", "BBC", "u", english, sizeof english - 1};
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    nx_article *b = (nx_article *)&b;
    for (size_t at = 1; at < blob.len; at += 7) {
        blob.data[at] ^= 0x20;
        assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_ECORRUPT);
        assert_null(b);
        assert_non_null(strstr(nx_error_last()->message, "damaged"));
        blob.data[at] ^= 0x20;
    }
    /* Version 2, deflated with a preset dictionary, is no blob version any more. */
    blob.data[0] = 2;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_ECORRUPT);
    assert_null(b);
    blob.data[0] = 3;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len - 3), NX_ECORRUPT);
    assert_null(b);
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_OK);
    assert_string_equal(b->body, english);
    nx_free(b);
    nx__buf_release(&blob);
}

/* Decoding up to a point of the body: the fields whole, the body cut there, also when the fields
 * before the body are longer than the first guess of how much to decompress. */
static void decode_upto_cuts_only_the_body(void **state)
{
    (void)state;
    static char title[5000], body[20000];
    memset(title, 'T', sizeof title - 1);
    for (size_t i = 0; i + 1 < sizeof body; i++)
        body[i] = english[i % (sizeof english - 1)];
    const char *titles[] = {"Budget", title};
    for (int t = 0; t < 2; t++) {
        nx_article a = {"budget-7", titles[t], "2022-03-01", "Wire", NULL, body, sizeof body - 1};
        nx__buf blob = NX__BUF_INIT;
        assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
        static const size_t cuts[] = {0, 1, 700, 19998, 19999, 50000};
        for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
            nx_article *b = NULL;
            assert_int_equal(nx__article_decode_upto(&b, blob.data, blob.len, cuts[c]), NX_OK);
            size_t expect = cuts[c] < a.body_len ? cuts[c] : a.body_len;
            assert_string_equal(b->id, "budget-7");
            assert_string_equal(b->title, titles[t]);
            assert_string_equal(b->source, "Wire");
            assert_null(b->url);
            assert_int_equal(b->body_len, expect);
            assert_memory_equal(b->body, body, expect);
            assert_int_equal(b->body[expect], '\0');
            nx_free(b);
        }
        nx__buf_release(&blob);
    }
}

/* Showing a hit needs the article only up to its passage, but the rest is verified all the
 * same: a byte flipped past the part shown (or in the checksum) is NX_ECORRUPT, never garbled or
 * unchecked text. */
static void decode_upto_verifies_the_whole_stream(void **state)
{
    (void)state;
    nx__buf body = NX__BUF_INIT;
    for (int i = 0; i < 40; i++)
        assert_int_equal(nx__buf_printf(&body, "Paragraph %d, item %d: %.*s\n\n", i, i * 37,
                                        200 + i * 7, english + i * 3),
                         NX_OK);
    nx_article a = {"budget-8", "Budget", "2022-03-01", "Wire", NULL, body.data, body.len};
    nx__buf blob = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    nx_article *b = NULL;
    assert_int_equal(nx__article_decode_upto(&b, blob.data, blob.len, 100), NX_OK);
    nx_free(b);
    const size_t at[] = {blob.len * 3 / 4, blob.len * 9 / 10, blob.len - 6, blob.len - 1};
    for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
        for (unsigned char bit = 1; bit; bit = (unsigned char)(bit << 1)) {
            blob.data[at[k]] ^= (char)bit;
            b = (nx_article *)&b;
            int rc = nx__article_decode_upto(&b, blob.data, blob.len, 100);
            if (rc != NX_ECORRUPT)
                fail_msg("byte %zu of %zu, bit 0x%02x flipped: %d, not NX_ECORRUPT", at[k],
                         blob.len, bit, rc);
            assert_null(b);
            blob.data[at[k]] ^= (char)bit;
        }
    }
    nx__buf_release(&blob);
    nx__buf_release(&body);
}

/* Found by fuzz_article: a body given with its length need not end in a NUL (read past it
 * before), and a field length near SIZE_MAX in a damaged blob is corrupt (it wrapped the size
 * of the next try around, and decode_upto looped for ever). */
static void bodies_without_nul_and_huge_field_lengths(void **state)
{
    (void)state;
    size_t n = 300;
    char *body = malloc(n); /* exactly the body: no NUL after it */
    assert_non_null(body);
    for (size_t i = 0; i < n; i++)
        body[i] = english[i];
    nx_article a = {"nul-1", "T", NULL, NULL, NULL, body, n};
    nx__buf blob = NX__BUF_INIT, raw = NX__BUF_INIT;
    assert_int_equal(nx__article_encode(&a, &blob), NX_OK);
    nx_article *b = NULL;
    assert_int_equal(nx__article_decode(&b, blob.data, blob.len), NX_OK);
    assert_int_equal(b->body_len, n);
    assert_memory_equal(b->body, body, n);
    nx_free(b);
    free(body);
    /* id "x", then a title whose length + 1 is 2^64 - 1, then a little more. */
    assert_int_equal(nx__buf_put_varint(&raw, 2), NX_OK);
    assert_int_equal(nx__buf_putc(&raw, 'x'), NX_OK);
    assert_int_equal(nx__buf_put_varint(&raw, UINT64_MAX), NX_OK);
    for (int i = 0; i < 3000; i++)
        assert_int_equal(nx__buf_putc(&raw, (char)('a' + i % 26)), NX_OK);
    nx__buf_clear(&blob);
    assert_int_equal(nx__buf_putc(&blob, 3), NX_OK);
    assert_int_equal(nx__buf_append(&blob, raw.data, raw.len), NX_OK);
    uint32_t crc = nx__compress_crc32(0, raw.data, raw.len); /* a valid checksum */
    for (int i = 3; i >= 0; i--)
        assert_int_equal(nx__buf_putc(&blob, (char)(crc >> (8 * i))), NX_OK);
    static const size_t cuts[] = {0, 100, SIZE_MAX};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        b = (nx_article *)&b;
        assert_int_equal(nx__article_decode_upto(&b, blob.data, blob.len, cuts[i]), NX_ECORRUPT);
        assert_null(b);
    }
    nx__buf_release(&blob);
    nx__buf_release(&raw);
}

static void hash_changes_with_any_field_and_salt(void **state)
{
    (void)state;
    nx_article a = {"x", "t", "2022-01-01", "s", "u", "body", 4};
    uint64_t h = nx__article_hash(&a, "lex1");
    assert_true(h == nx__article_hash(&a, "lex1"));
    assert_true(h != nx__article_hash(&a, "lex2"));
    nx_article b = a;
    b.title = NULL; /* absent differs from any value */
    assert_true(h != nx__article_hash(&b, "lex1"));
    b = a;
    b.body_len = 3;
    assert_true(h != nx__article_hash(&b, "lex1"));
    b = a;
    b.url = "v";
    assert_true(h != nx__article_hash(&b, "lex1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(article_round_trips_with_absent_fields),
        cmocka_unit_test(damaged_blob_is_ecorrupt),
        cmocka_unit_test(damaged_blob_is_never_garbled_text),
        cmocka_unit_test(decode_upto_cuts_only_the_body),
        cmocka_unit_test(decode_upto_verifies_the_whole_stream),
        cmocka_unit_test(bodies_without_nul_and_huge_field_lengths),
        cmocka_unit_test(hash_changes_with_any_field_and_salt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
