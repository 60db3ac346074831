/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/compress.h"
#include "newsidx.h"
#include "nxt_gzip.h"

/* Some text that compresses but is not one repeated byte. */
static void make_text(nx__buf *b, size_t len)
{
    static const char *const words[] = {"ceasefire ", "talks ", "in ", "Kyiv ",    "resumed, ",
                                        "officials ", "said\n", "on ", "Tuesday. "};
    assert_int_equal(nx__buf_reserve(b, len), NX_OK);
    for (unsigned i = 0; b->len < len; i = i * 7 + 3)
        assert_int_equal(nx__buf_append(b, words[i % 9], strlen(words[i % 9])), NX_OK);
    b->len = len;
    b->data[len] = '\0';
}

/* Read z to its end in pieces of `cap`; the last code is returned. */
static int read_all(nx__zfile *z, size_t cap, nx__buf *out)
{
    char *piece = malloc(cap);
    assert_non_null(piece);
    int rc;
    size_t n;
    while ((rc = nx__compress_zfile_read(z, piece, cap, &n)) == NX_OK && n > 0)
        assert_int_equal(nx__buf_append(out, piece, n), NX_OK);
    free(piece);
    return rc;
}

static int zdeflate(const nx__buf *text, nx__buf *z)
{
    return nx__compress_deflate(text->data, text->len, z);
}

static int zinflate(const nx__buf *z, size_t len, size_t max_out, nx__buf *out)
{
    return nx__compress_inflate(z->data, len, max_out, out);
}

static void deflate_then_inflate_gives_the_input_back(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 1000, 300000};
    for (int d = 0; d < 4; d++) {
        size_t size = sizes[d];
        nx__buf text = NX__BUF_INIT, z = NX__BUF_INIT, back = NX__BUF_INIT;
        make_text(&text, size);
        assert_int_equal(zdeflate(&text, &z), NX_OK);
        if (size == 300000)
            assert_true(z.len < text.len / 4);
        assert_int_equal(nx__buf_append(&back, "kept:", 5), NX_OK);
        assert_int_equal(zinflate(&z, z.len, size, &back), NX_OK);
        assert_int_equal(back.len, 5 + size);
        assert_memory_equal(back.data, "kept:", 5);
        if (size)
            assert_memory_equal(back.data + 5, text.data, size);
        nx__buf_release(&text);
        nx__buf_release(&z);
        nx__buf_release(&back);
    }
}

static void inflate_of_damaged_data_is_ecorrupt_and_keeps_out(void **state)
{
    (void)state;
    {
        nx__buf text = NX__BUF_INIT, z = NX__BUF_INIT, back = NX__BUF_INIT;
        make_text(&text, 5000);
        assert_int_equal(zdeflate(&text, &z), NX_OK);
        z.data[z.len / 2] ^= 0x55;
        assert_int_equal(nx__buf_append(&back, "kept", 4), NX_OK);
        assert_int_equal(zinflate(&z, z.len, 10000, &back), NX_ECORRUPT);
        assert_int_equal(nx_error_last()->code, NX_ECORRUPT);
        assert_non_null(strstr(nx_error_last()->message, "compressed data is damaged ("));
        assert_int_equal(back.len, 4);
        assert_string_equal(back.data, "kept");
        nx__buf_release(&text);
        nx__buf_release(&z);
        nx__buf_release(&back);
    }
}

static void inflate_of_truncated_or_foreign_data_is_ecorrupt(void **state)
{
    (void)state;
    {
        nx__buf text = NX__BUF_INIT, z = NX__BUF_INIT, back = NX__BUF_INIT;
        make_text(&text, 5000);
        assert_int_equal(zdeflate(&text, &z), NX_OK);
        assert_int_equal(zinflate(&z, z.len - 5, 10000, &back), NX_ECORRUPT);
        assert_string_equal(nx_error_last()->message, "compressed data is truncated");
        assert_int_equal(back.len, 0);
        assert_int_equal(zinflate(&z, 0, 10000, &back), NX_ECORRUPT);
        /* A valid stream followed by more bytes is not what was stored. */
        assert_int_equal(nx__buf_append(&z, "xy", 2), NX_OK);
        assert_int_equal(zinflate(&z, z.len, 10000, &back), NX_ECORRUPT);
        assert_string_equal(nx_error_last()->message,
                            "compressed data is damaged (trailing bytes)");
        assert_int_equal(back.len, 0);
        nx__buf_release(&text);
        nx__buf_release(&z);
        nx__buf_release(&back);
    }
    nx__buf back = NX__BUF_INIT;
    assert_int_equal(nx__compress_inflate("plain words", 11, 10000, &back), NX_ECORRUPT);
    assert_string_equal(nx_error_last()->message,
                        "compressed data is damaged (incorrect header check)");
    nx__buf_release(&back);
}

static void inflate_past_the_limit_is_elimit(void **state)
{
    (void)state;
    {
        nx__buf text = NX__BUF_INIT, z = NX__BUF_INIT, back = NX__BUF_INIT;
        make_text(&text, 200000);
        assert_int_equal(zdeflate(&text, &z), NX_OK);
        assert_int_equal(zinflate(&z, z.len, 199999, &back), NX_ELIMIT);
        assert_string_equal(nx_error_last()->message, "decompressed data larger than 199999 bytes");
        assert_int_equal(back.len, 0);
        /* Far past the limit: it stops early (a bomb is not inflated whole). */
        assert_int_equal(zinflate(&z, z.len, 1000, &back), NX_ELIMIT);
        assert_int_equal(back.len, 0);
        assert_int_equal(zinflate(&z, z.len, 200000, &back), NX_OK);
        assert_int_equal(back.len, 200000);
        nx__buf_release(&text);
        nx__buf_release(&z);
        nx__buf_release(&back);
    }
}

static void crc32_matches_the_standard_check_value_and_continues(void **state)
{
    (void)state;
    assert_int_equal(nx__compress_crc32(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(nx__compress_crc32(nx__compress_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
    assert_int_equal(nx__compress_crc32(0, "", 0), 0);
}

static void zfile_reads_a_plain_file_unchanged(void **state)
{
    const nxt_input *f = *state;
    nx__buf text = NX__BUF_INIT, got = NX__BUF_INIT;
    make_text(&text, 200000);
    nxt_write(f->path, text.data, text.len);
    nx__zfile *z = NULL;
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
    assert_int_equal(nx__compress_zfile_is_gzip(z), 0);
    assert_int_equal(read_all(z, 7000, &got), NX_OK);
    assert_int_equal(got.len, text.len);
    assert_memory_equal(got.data, text.data, text.len);
    assert_int_equal(nx__compress_zfile_offset(z), 200000);
    nx__compress_zfile_free(z);
    nx__buf_release(&text);
    nx__buf_release(&got);
}

static void zfile_gunzips_concatenated_members_in_turn(void **state)
{
    const nxt_input *f = *state;
    nx__buf text = NX__BUF_INIT, gz = NX__BUF_INIT, got = NX__BUF_INIT;
    make_text(&text, 300000);
    nxt_gzip(&gz, text.data, 100000);
    nxt_gzip(&gz, text.data + 100000, 0); /* an empty member counts too */
    nxt_gzip(&gz, text.data + 100000, 200000);
    nxt_write(f->path, gz.data, gz.len);
    static const size_t caps[] = {1, 4096, 1 << 20};
    for (size_t i = 0; i < 3; i++) {
        nx__zfile *z = NULL;
        assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
        assert_int_equal(nx__compress_zfile_is_gzip(z), 1);
        nx__buf_clear(&got);
        assert_int_equal(read_all(z, caps[i], &got), NX_OK);
        assert_int_equal(got.len, text.len);
        assert_memory_equal(got.data, text.data, text.len);
        assert_int_equal(nx__compress_zfile_offset(z), gz.len);
        nx__compress_zfile_free(z);
    }
    nx__buf_release(&text);
    nx__buf_release(&gz);
    nx__buf_release(&got);
}

static void zfile_gives_the_data_before_a_truncation_then_ecorrupt(void **state)
{
    const nxt_input *f = *state;
    nx__buf text = NX__BUF_INIT, gz = NX__BUF_INIT, got = NX__BUF_INIT;
    make_text(&text, 300000);
    nxt_gzip(&gz, text.data, text.len);
    nxt_write(f->path, gz.data, gz.len / 2);
    nx__zfile *z = NULL;
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
    assert_int_equal(read_all(z, 4096, &got), NX_ECORRUPT);
    char want[4200];
    snprintf(want, sizeof want, "'%s': truncated gzip data", f->path);
    assert_string_equal(nx_error_last()->message, want);
    /* Half of the compressed bytes hold much of the text, all of it intact. */
    assert_true(got.len > 50000 && got.len < text.len);
    assert_memory_equal(got.data, text.data, got.len);
    size_t n = 1;
    char byte;
    assert_int_equal(nx__compress_zfile_read(z, &byte, 1, &n),
                     NX_ECORRUPT); /* reading has stopped */
    assert_int_equal(n, 0);
    assert_string_equal(nx_error_last()->message, want);
    nx__compress_zfile_free(z);
    nx__buf_release(&text);
    nx__buf_release(&gz);
    nx__buf_release(&got);
}

static void zfile_reports_a_damaged_member_after_its_data(void **state)
{
    const nxt_input *f = *state;
    nx__buf gz = NX__BUF_INIT, got = NX__BUF_INIT;
    nxt_gzip(&gz, "first member\n", 13);
    nxt_gzip(&gz, "second member\n", 14);
    gz.data[gz.len - 6] ^= 0x01; /* the second member's CRC */
    nxt_write(f->path, gz.data, gz.len);
    nx__zfile *z = NULL;
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
    assert_int_equal(read_all(z, 4096, &got), NX_ECORRUPT);
    char want[4200];
    snprintf(want, sizeof want, "'%s': damaged gzip data", f->path);
    assert_string_equal(nx_error_last()->message, want);
    assert_string_equal(got.data, "first member\nsecond member\n");
    nx__compress_zfile_free(z);
    /* Bytes after a member that are not another member are damage too. */
    gz.data[gz.len - 6] ^= 0x01;
    assert_int_equal(nx__buf_append(&gz, "tail", 4), NX_OK);
    nxt_write(f->path, gz.data, gz.len);
    nx__buf_clear(&got);
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
    assert_int_equal(read_all(z, 4096, &got), NX_ECORRUPT);
    assert_string_equal(nx_error_last()->message, want);
    assert_string_equal(got.data, "first member\nsecond member\n");
    nx__compress_zfile_free(z);
    nx__buf_release(&gz);
    nx__buf_release(&got);
}

static void zfile_reads_short_and_empty_files(void **state)
{
    const nxt_input *f = *state;
    static const char *const texts[] = {"", "x", "\x1f", "\x1f\x8a not gzip"};
    for (size_t i = 0; i < 4; i++) {
        nx__buf got = NX__BUF_INIT;
        nxt_write(f->path, texts[i], strlen(texts[i]));
        nx__zfile *z = NULL;
        assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
        assert_int_equal(nx__compress_zfile_is_gzip(z), 0);
        assert_int_equal(read_all(z, 10, &got), NX_OK);
        assert_int_equal(got.len, strlen(texts[i]));
        if (got.len)
            assert_string_equal(got.data, texts[i]);
        nx__compress_zfile_free(z);
        nx__buf_release(&got);
    }
    /* The magic alone is a gzip file cut short. */
    nxt_write(f->path, "\x1f\x8b", 2);
    nx__zfile *z = NULL;
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_OK);
    assert_int_equal(nx__compress_zfile_is_gzip(z), 1);
    char byte;
    size_t n = 9;
    assert_int_equal(nx__compress_zfile_read(z, &byte, 1, &n), NX_ECORRUPT);
    assert_int_equal(n, 0);
    nx__compress_zfile_free(z);
}

static void zfile_open_names_missing_files_and_directories(void **state)
{
    const nxt_input *f = *state;
    char want[4200];
    nx__zfile *z = (nx__zfile *)&z;
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_ENOTFOUND);
    assert_null(z);
    snprintf(want, sizeof want, "'%s': no such file", f->path);
    assert_string_equal(nx_error_last()->message, want);
    z = (nx__zfile *)&z;
    assert_int_equal(nx__compress_zfile_open(&z, f->dir), NX_EIO);
    assert_null(z);
    snprintf(want, sizeof want, "'%s': is a directory", f->dir);
    assert_string_equal(nx_error_last()->message, want);
}

static void zfile_open_of_an_unreadable_file_is_eio(void **state)
{
    const nxt_input *f = *state;
    if (geteuid() == 0)
        skip(); /* root reads it anyway */
    nxt_write(f->path, "secret", 6);
    assert_int_equal(chmod(f->path, 0), 0);
    nx__zfile *z = (nx__zfile *)&z;
    assert_int_equal(nx__compress_zfile_open(&z, f->path), NX_EIO);
    assert_null(z);
    char want[4200];
    snprintf(want, sizeof want, "'%s': Permission denied", f->path);
    assert_string_equal(nx_error_last()->message, want);
}

static void zfile_reads_gzip_from_standard_input(void **state)
{
    const nxt_input *f = *state;
    nx__buf gz = NX__BUF_INIT, got = NX__BUF_INIT;
    nxt_gzip(&gz, "from stdin\n", 11);
    nxt_write(f->path, gz.data, gz.len);
    int saved = dup(STDIN_FILENO), fd = open(f->path, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    nx__zfile *z = NULL;
    int rc = nx__compress_zfile_open(&z, "-");
    int read_rc = rc == NX_OK ? read_all(z, 100, &got) : rc;
    nx__compress_zfile_free(z);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO); /* restore before asserting */
    close(saved);
    assert_int_equal(rc, NX_OK);
    assert_int_equal(read_rc, NX_OK);
    assert_string_equal(got.data, "from stdin\n");
    nx__buf_release(&gz);
    nx__buf_release(&got);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, nxt_input_setup, nxt_input_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deflate_then_inflate_gives_the_input_back),
        cmocka_unit_test(inflate_of_damaged_data_is_ecorrupt_and_keeps_out),
        cmocka_unit_test(inflate_of_truncated_or_foreign_data_is_ecorrupt),
        cmocka_unit_test(inflate_past_the_limit_is_elimit),
        cmocka_unit_test(crc32_matches_the_standard_check_value_and_continues),
        T(zfile_reads_a_plain_file_unchanged),
        T(zfile_gunzips_concatenated_members_in_turn),
        T(zfile_gives_the_data_before_a_truncation_then_ecorrupt),
        T(zfile_reports_a_damaged_member_after_its_data),
        T(zfile_reads_short_and_empty_files),
        T(zfile_open_names_missing_files_and_directories),
        T(zfile_open_of_an_unreadable_file_is_eio),
        T(zfile_reads_gzip_from_standard_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
