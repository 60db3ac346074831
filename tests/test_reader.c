/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "newsidx.h"
#include "nxt_gzip.h"
#include "ingest/reader.h"

static void write_gz(const char *path, const char *text, size_t len)
{
    nx__buf gz = NX__BUF_INIT;
    nxt_gzip(&gz, text, len);
    nxt_write(path, gz.data, gz.len);
    nx__buf_release(&gz);
}

static nx__reader *open_ok(const char *path, const char *txt_id, const nx__fieldmap *map)
{
    nx__reader *r = NULL;
    assert_int_equal(nx__reader_open(&r, path, txt_id, map), NX_OK);
    assert_non_null(r);
    return r;
}

static void assert_str_or_null(const char *got, const char *want)
{
    if (want)
        assert_string_equal(got, want);
    else
        assert_null(got);
}

static const nx__rec *expect_rec(nx__reader *r, const char *id, const char *body,
                                 unsigned long line)
{
    const nx__rec *rec = NULL;
    assert_int_equal(nx__reader_next(r, &rec), NX_OK);
    assert_non_null(rec);
    assert_str_or_null(rec->id, id);
    assert_string_equal(rec->body, body);
    assert_int_equal(rec->body_len, strlen(body));
    assert_int_equal(rec->line, line);
    assert_int_equal(nx__reader_line(r), line);
    return rec;
}

static void expect_code(nx__reader *r, int code, const char *message, unsigned long line)
{
    const nx__rec *rec = (const nx__rec *)&rec;
    assert_int_equal(nx__reader_next(r, &rec), code);
    assert_null(rec);
    assert_int_equal(nx_error_last()->code, code);
    assert_string_equal(nx_error_last()->message, message);
    assert_int_equal(nx__reader_line(r), line);
}

static void expect_done(nx__reader *r)
{
    const nx__rec *rec = (const nx__rec *)&rec;
    assert_int_equal(nx__reader_next(r, &rec), NX_DONE);
    assert_null(rec);
    assert_int_equal(nx__reader_next(r, &rec), NX_DONE);
}

/* n JSON Lines records r0, r1 ... with varied bodies. */
static void make_jsonl(nx__buf *b, int n)
{
    for (int i = 0; i < n; i++)
        assert_int_equal(nx__buf_printf(b,
                                        "{\"id\": \"r%d\", \"title\": \"Report %d\", \"date\": "
                                        "\"2022-03-%02d\", \"body\": \"Paragraph %d about talks."
                                        "\\n\\nSecond paragraph, %d words.\"}\n",
                                        i, i, i % 28 + 1, i, i * 7),
                         NX_OK);
}

static void jsonl_records_come_back_with_their_fields_and_lines(void **state)
{
    const nxt_input *f = *state;
    const char *text = "{\"id\": \"a1\", \"title\": \"Talks resume\", \"date\": \"2022-03-01\", "
                       "\"source\": \"Wire\", \"url\": \"http://x/1\", \"body\": \"First "
                       "para.\\n\\nSecond para.\"}\n"
                       "\n"
                       "  \t\r\n"
                       "{\"id\": \"a2\", \"title\": null, \"date\": \"soon\", \"body\": "
                       "\"Only body \\u00e9\"}\r\n";
    nxt_write(f->path, text, (size_t)-1);
    nx__reader *r = open_ok(f->path, "unused", NULL);
    const nx__rec *rec = expect_rec(r, "a1", "First para.\n\nSecond para.", 1);
    assert_string_equal(rec->title, "Talks resume");
    assert_string_equal(rec->date, "2022-03-01");
    assert_string_equal(rec->source, "Wire");
    assert_string_equal(rec->url, "http://x/1");
    rec = expect_rec(r, "a2", "Only body \xc3\xa9", 4);
    assert_null(rec->title);
    assert_string_equal(rec->date, "soon"); /* dates are checked by the caller */
    assert_null(rec->source);
    assert_null(rec->url);
    expect_done(r);
    assert_int_equal(nx__reader_offset(r), strlen(text));
    assert_int_equal(nx__reader_bytes(r), strlen(text));
    nx__reader_free(r);
}

static void gzip_and_plain_jsonl_give_the_same_records(void **state)
{
    const nxt_input *f = *state;
    nx__buf text = NX__BUF_INIT;
    make_jsonl(&text, 3000);
    nxt_write(f->path, text.data, text.len);
    write_gz(f->gz, text.data, text.len);
    nx__reader *plain = open_ok(f->path, NULL, NULL), *gz = open_ok(f->gz, NULL, NULL);
    const nx__rec *a, *b;
    int n = 0;
    while (nx__reader_next(plain, &a) == NX_OK) {
        assert_int_equal(nx__reader_next(gz, &b), NX_OK);
        char id[16];
        snprintf(id, sizeof id, "r%d", n++);
        assert_string_equal(a->id, id);
        assert_string_equal(b->id, id);
        assert_string_equal(a->title, b->title);
        assert_string_equal(a->date, b->date);
        assert_int_equal(a->body_len, b->body_len);
        assert_string_equal(a->body, b->body);
        assert_int_equal(a->line, (unsigned long)n);
        assert_int_equal(b->line, (unsigned long)n);
    }
    assert_int_equal(n, 3000);
    expect_done(gz);
    assert_int_equal(nx__reader_bytes(gz), text.len);
    struct stat st;
    assert_int_equal(stat(f->gz, &st), 0);
    assert_int_equal(nx__reader_offset(gz), (uint64_t)st.st_size);
    nx__reader_free(plain);
    nx__reader_free(gz);
    nx__buf_release(&text);
}

static void concatenated_gzip_members_are_read_in_turn(void **state)
{
    const nxt_input *f = *state;
    /* The second record is split across the first two members. */
    const char *parts[] = {"{\"id\": \"m1\", \"body\": \"one\"}\n{\"id\": \"m",
                           "2\", \"body\": \"two\"}\n", "{\"id\": \"m3\", \"body\": \"three\"}\n"};
    nx__buf gz = NX__BUF_INIT;
    for (int i = 0; i < 3; i++)
        nxt_gzip(&gz, parts[i], strlen(parts[i]));
    nxt_write(f->gz, gz.data, gz.len);
    nx__reader *r = open_ok(f->gz, NULL, NULL);
    expect_rec(r, "m1", "one", 1);
    expect_rec(r, "m2", "two", 2);
    expect_rec(r, "m3", "three", 3);
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&gz);
}

static void truncated_gzip_gives_the_records_before_the_damage_then_ecorrupt(void **state)
{
    const nxt_input *f = *state;
    nx__buf text = NX__BUF_INIT, gz = NX__BUF_INIT;
    make_jsonl(&text, 2000);
    nxt_gzip(&gz, text.data, text.len);
    nxt_write(f->gz, gz.data, gz.len / 2);
    nx__reader *r = open_ok(f->gz, NULL, NULL);
    const nx__rec *rec;
    int rc, n = 0;
    while ((rc = nx__reader_next(r, &rec)) == NX_OK) {
        char id[16];
        snprintf(id, sizeof id, "r%d", n++);
        assert_string_equal(rec->id, id);
        assert_int_equal(rec->line, (unsigned long)n);
    }
    assert_int_equal(rc, NX_ECORRUPT);
    char want[4200];
    snprintf(want, sizeof want, "'%s': truncated gzip data", f->gz);
    assert_string_equal(nx_error_last()->message, want);
    assert_true(n > 100 && n < 2000);
    assert_int_equal(nx__reader_line(r), (unsigned long)n + 1);
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&text);
    nx__buf_release(&gz);
}

static void a_member_cut_after_its_header_ends_the_file_after_the_first(void **state)
{
    const nxt_input *f = *state;
    const char *first = "{\"id\": \"t1\", \"body\": \"a\"}\n{\"id\": \"t2\", \"body\": \"b\"}\n";
    const char *second = "{\"id\": \"t3\", \"body\": \"c\"}\n";
    nx__buf gz = NX__BUF_INIT;
    nxt_gzip(&gz, first, strlen(first));
    size_t cut = gz.len + 12;
    nxt_gzip(&gz, second, strlen(second));
    nxt_write(f->gz, gz.data, cut);
    nx__reader *r = open_ok(f->gz, NULL, NULL);
    expect_rec(r, "t1", "a", 1);
    expect_rec(r, "t2", "b", 2);
    char want[4200];
    snprintf(want, sizeof want, "'%s': truncated gzip data", f->gz);
    expect_code(r, NX_ECORRUPT, want, 3);
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&gz);
}

static void malformed_lines_are_einput_and_reading_goes_on(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path,
              "{\"id\": \"g1\", \"body\": \"one\"}\n"
              "{\"id\": \"b1\", \"body\": }\n"
              "[1, 2]\n"
              "{\"id\": \"g2\", \"body\": \"two\"} x\n"
              "{\"id\": \"b2\", \"id\": \"b3\", \"body\": \"dup\"}\n"
              "{\"id\": \"g3\", \"body\": \"three\"}\n"
              "{\"id\": \"b4\", \"body\": \"cut",
              (size_t)-1);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    expect_rec(r, "g1", "one", 1);
    expect_code(r, NX_EINPUT, "invalid JSON: unexpected token near '}' (column 22)", 2);
    expect_code(r, NX_EINPUT, "not a JSON object", 3);
    expect_code(r, NX_EINPUT, "invalid JSON: end of file expected near 'x' (column 29)", 4);
    expect_code(r, NX_EINPUT, "invalid JSON: duplicate object key near '\"id\"' (column 17)", 5);
    expect_rec(r, "g3", "three", 6);
    expect_code(r, NX_EINPUT, "invalid JSON: premature end of input near '\"cut' (column 25)", 7);
    expect_done(r);
    nx__reader_free(r);
}

static void an_unfinished_first_line_is_reported_and_the_rest_read(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path,
              "{\"id\": \"u1\", \"body\": \"cut\",\n"
              "{\"id\": \"u2\", \"body\": \"two\"}\n",
              (size_t)-1);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    expect_code(r, NX_EINPUT, "invalid JSON: string or '}' expected near end of file (column 27)",
                1);
    expect_rec(r, "u2", "two", 2);
    expect_done(r);
    nx__reader_free(r);
}

static void a_pretty_printed_json_file_is_one_record(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path,
              "\n{\n"
              "  \"id\": \"p1\",\n"
              "  \"title\": \"Pretty\",\n"
              "  \"body\": \"Text of the\\nrecord\"\n"
              "}\n\n",
              (size_t)-1);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    const nx__rec *rec = expect_rec(r, "p1", "Text of the\nrecord", 2);
    assert_string_equal(rec->title, "Pretty");
    expect_done(r);
    nx__reader_free(r);
}

static void invalid_utf8_is_einput_naming_its_byte(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path,
              "{\"id\": \"u\", \"body\": \"caf\xe9 au lait\"}\n"
              "{\"id\": \"v\", \"title\": \"\xc0\xaf\", \"body\": \"x\"}\n"
              "{\"id\": \"w\", \"body\": \"ok \xe2\x82\xac\"}\n",
              (size_t)-1);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    expect_code(r, NX_EINPUT, "invalid UTF-8 at byte 25", 1);
    expect_code(r, NX_EINPUT, "invalid UTF-8 at byte 23", 2);
    expect_rec(r, "w", "ok \xe2\x82\xac", 3);
    expect_done(r);
    nx__reader_free(r);
}

static void empty_and_blank_files_give_no_records(void **state)
{
    const nxt_input *f = *state;
    static const char *const texts[] = {"", "\n", "\n\n  \n\t\r\n\n", "\xEF\xBB\xBF\n"};
    for (size_t i = 0; i < 4; i++) {
        nxt_write(f->path, texts[i], (size_t)-1);
        nx__reader *r = open_ok(f->path, NULL, NULL);
        expect_done(r);
        nx__reader_free(r);
    }
    /* 20000 blank bytes: more than the first look at the file. */
    char *blanks = malloc(20000);
    assert_non_null(blanks);
    memset(blanks, ' ', 20000);
    blanks[19999] = '\n';
    nxt_write(f->path, blanks, 20000);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    expect_done(r);
    nx__reader_free(r);
    free(blanks);
}

/* Write `{"body":"aaa..."}` of exactly `len` bytes (plus `nl`). */
static void put_body_line(FILE *fp, size_t len, const char *nl)
{
    static char chunk[65536];
    memset(chunk, 'a', sizeof chunk);
    assert_true(len >= 11);
    assert_int_equal(fputs("{\"body\":\"", fp) >= 0, 1);
    for (size_t left = len - 11; left > 0;) {
        size_t k = left < sizeof chunk ? left : sizeof chunk;
        assert_int_equal(fwrite(chunk, 1, k, fp), k);
        left -= k;
    }
    assert_int_equal(fprintf(fp, "\"}%s", nl) >= 0, 1);
}

static void an_overlong_line_is_elimit_and_the_next_line_is_read(void **state)
{
    const nxt_input *f = *state;
    FILE *fp = fopen(f->path, "wb");
    assert_non_null(fp);
    fputs("{\"id\": \"before\", \"body\": \"b\"}\n", fp);
    put_body_line(fp, 50u << 20, "\n");
    fputs("{\"id\": \"after\", \"body\": \"c\"}\n", fp);
    put_body_line(fp, NX__LINE_MAX + 1, "\n");
    put_body_line(fp, NX__LINE_MAX - 1, "\r\n"); /* the '\r' counts: just at the limit */
    put_body_line(fp, 20u << 20, "");            /* no final newline */
    assert_int_equal(fclose(fp), 0);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    expect_rec(r, "before", "b", 1);
    expect_code(r, NX_ELIMIT, "line longer than 16 MiB", 2);
    expect_rec(r, "after", "c", 3);
    expect_code(r, NX_ELIMIT, "line longer than 16 MiB", 4);
    const nx__rec *rec = NULL;
    assert_int_equal(nx__reader_next(r, &rec), NX_OK);
    assert_int_equal(rec->body_len, NX__LINE_MAX - 12);
    assert_int_equal(rec->line, 5);
    expect_code(r, NX_ELIMIT, "line longer than 16 MiB", 6);
    expect_done(r);
    nx__reader_free(r);
}

static void a_line_of_exactly_the_limit_is_read(void **state)
{
    const nxt_input *f = *state;
    FILE *fp = fopen(f->path, "wb");
    assert_non_null(fp);
    put_body_line(fp, NX__LINE_MAX, "\n");
    put_body_line(fp, NX__LINE_MAX, "");
    assert_int_equal(fclose(fp), 0);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    for (unsigned long line = 1; line <= 2; line++) {
        const nx__rec *rec = NULL;
        assert_int_equal(nx__reader_next(r, &rec), NX_OK);
        assert_int_equal(rec->body_len, NX__LINE_MAX - 11);
        assert_int_equal(rec->body[0], 'a');
        assert_int_equal(rec->body[NX__LINE_MAX - 12], 'a');
        assert_int_equal(rec->line, line);
    }
    expect_done(r);
    nx__reader_free(r);
}

static void binary_files_are_rejected_at_open(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path, "\x7f" "ELF\0\0\x01\x02 text", 13);
    nx__reader *r = (nx__reader *)&r;
    assert_int_equal(nx__reader_open(&r, f->path, NULL, NULL), NX_EINPUT);
    assert_null(r);
    char want[4200];
    snprintf(want, sizeof want, "'%s': binary file", f->path);
    assert_string_equal(nx_error_last()->message, want);
    /* Gzip is looked through: the NUL is in the content. */
    write_gz(f->gz, "Title\n\nBody\0", 12);
    r = (nx__reader *)&r;
    assert_int_equal(nx__reader_open(&r, f->gz, NULL, NULL), NX_EINPUT);
    assert_null(r);
}

/* Issue 25: a NUL in JSON Lines costs its line, not the file's good records. */
static void a_nul_in_json_lines_rejects_its_line_only(void **state)
{
    const nxt_input *f = *state;
    static const char text[] = "{\"id\": \"a\", \"body\": \"first\"}\n"
                               "{\"id\": \"b\", \"body\": \"x\0y\"}\n"
                               "\0\n"
                               "{\"id\": \"c\", \"body\": \"third\"}\n";
    nxt_write(f->path, text, sizeof text - 1);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    expect_rec(r, "a", "first", 1);
    expect_code(r, NX_EINPUT, "NUL character at byte 23", 2);
    expect_code(r, NX_EINPUT, "NUL character at byte 1", 3);
    expect_rec(r, "c", "third", 4);
    expect_done(r);
    nx__reader_free(r);
}

static void missing_files_and_directories_are_named(void **state)
{
    const nxt_input *f = *state;
    char want[4200];
    nx__reader *r = (nx__reader *)&r;
    assert_int_equal(nx__reader_open(&r, f->path, NULL, NULL), NX_ENOTFOUND);
    assert_null(r);
    snprintf(want, sizeof want, "'%s': no such file", f->path);
    assert_string_equal(nx_error_last()->message, want);
    r = (nx__reader *)&r;
    assert_int_equal(nx__reader_open(&r, f->dir, NULL, NULL), NX_EIO);
    assert_null(r);
    snprintf(want, sizeof want, "'%s': is a directory", f->dir);
    assert_string_equal(nx_error_last()->message, want);
}

static void an_unreadable_file_is_eio(void **state)
{
    const nxt_input *f = *state;
    if (geteuid() == 0)
        skip(); /* root reads it anyway */
    nxt_write(f->path, "{\"body\": \"x\"}\n", (size_t)-1);
    assert_int_equal(chmod(f->path, 0), 0);
    nx__reader *r = (nx__reader *)&r;
    assert_int_equal(nx__reader_open(&r, f->path, NULL, NULL), NX_EIO);
    assert_null(r);
    char want[4200];
    snprintf(want, sizeof want, "'%s': Permission denied", f->path);
    assert_string_equal(nx_error_last()->message, want);
}

static void a_field_map_renames_members(void **state)
{
    const nxt_input *f = *state;
    nx__fieldmap map = {0};
    assert_int_equal(nx__fieldmap_parse(&map, " id = uid,body=text,, ,title=headline"), NX_OK);
    assert_int_equal(nx__fieldmap_parse(&map, "id"), NX_EINVAL);
    assert_string_equal(nx_error_last()->message, "missing '=' in field map entry 'id'");
    assert_int_equal(nx__fieldmap_parse(&map, "title=t,author=a"), NX_EINVAL);
    assert_string_equal(nx_error_last()->message, "unknown field 'author' in field map (known: "
                                                  "id, title, date, source, url, body)");
    assert_int_equal(nx__fieldmap_parse(&map, "url="), NX_EINVAL);
    assert_string_equal(nx_error_last()->message, "empty JSON name for field 'url'");
    /* Failed parses changed nothing. */
    assert_string_equal(map.id, "uid");
    assert_string_equal(map.body, "text");
    assert_string_equal(map.title, "headline");
    assert_null(map.date);
    nxt_write(f->path,
              "{\"uid\": 77, \"headline\": \"H\", \"text\": \"T\", \"body\": \"not this\"}\n"
              "{\"id\": \"i\", \"title\": \"not this\", \"body\": \"B\"}\n",
              (size_t)-1);
    nx__reader *r = open_ok(f->path, NULL, &map);
    nx__fieldmap_release(&map); /* the reader keeps its own copy */
    assert_null(map.id);
    const nx__rec *rec = expect_rec(r, "77", "T", 1);
    assert_string_equal(rec->title, "H");
    expect_code(r, NX_EINPUT, "missing 'text'", 2);
    expect_done(r);
    nx__reader_free(r);
}

static void field_values_are_checked_by_type(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path,
              "{\"title\": \"No id\", \"body\": \"b1\"}\n"
              "{\"id\": -12345678901, \"body\": \"b2\"}\n"
              "{\"id\": 1.5, \"body\": \"b3\"}\n"
              "{\"id\": \"t\", \"title\": 7, \"body\": \"b4\"}\n"
              "{\"id\": \"n\", \"date\": null, \"body\": \"b5\"}\n"
              "{\"id\": \"e\", \"body\": \"\"}\n"
              "{\"id\": \"m\", \"title\": \"no body\"}\n"
              "{\"id\": \"z\", \"body\": null}\n"
              "{\"id\": \"o\", \"body\": {\"text\": \"x\"}}\n",
              (size_t)-1);
    nx__reader *r = open_ok(f->path, NULL, NULL);
    const nx__rec *rec = expect_rec(r, NULL, "b1", 1);
    assert_string_equal(rec->title, "No id");
    expect_rec(r, "-12345678901", "b2", 2);
    expect_code(r, NX_EINPUT, "'id' is not a string or an integer", 3);
    expect_code(r, NX_EINPUT, "'title' is not a string", 4);
    rec = expect_rec(r, "n", "b5", 5);
    assert_null(rec->date);
    expect_code(r, NX_EINPUT, "missing 'body'", 6);
    expect_code(r, NX_EINPUT, "missing 'body'", 7);
    expect_code(r, NX_EINPUT, "missing 'body'", 8);
    expect_code(r, NX_EINPUT, "'body' is not a string", 9);
    expect_done(r);
    nx__reader_free(r);
}

static void expect_txt(const char *path, const char *id, const char *title, const char *body,
                       unsigned long line)
{
    nx__reader *r = open_ok(path, id, NULL);
    const nx__rec *rec = expect_rec(r, id, body, line);
    assert_string_equal(rec->title, title);
    assert_null(rec->date);
    assert_null(rec->source);
    assert_null(rec->url);
    expect_done(r);
    nx__reader_free(r);
}

static void txt_articles_have_a_title_line_and_a_body(void **state)
{
    const nxt_input *f = *state;
    const char *body = "Para one,\nstill one.\n\nPara two.";
    nxt_write(f->path, "Title line\n\nPara one,\nstill one.\n\nPara two.\n", (size_t)-1);
    expect_txt(f->path, "doc-1", "Title line", body, 1);
    nxt_write(f->path, "Title line\n\nPara one,\nstill one.\n\nPara two.", (size_t)-1);
    expect_txt(f->path, "doc-1", "Title line", body, 1);
    nxt_write(f->path, "Title line\r\n\r\nPara one,\r\nstill one.\r\n\r\nPara two.\r\n\r\n",
              (size_t)-1);
    expect_txt(f->path, "doc-1", "Title line", body, 1);
    nxt_write(f->path, "\xEF\xBB\xBF\n\nTitle line\n\n\nPara one,\nstill one.\n\nPara two.\n\n\n",
              (size_t)-1);
    expect_txt(f->path, NULL, "Title line", body, 3);
    /* Blank first lines, of spaces and tabs too, are skipped before the title. */
    nxt_write(f->path, "\n  \n\t\nTitle line\n\nPara one,\nstill one.\n\nPara two.\n", (size_t)-1);
    expect_txt(f->path, "doc-1", "Title line", body, 4);
    /* No blank line after the title: the rest is the body all the same. */
    nxt_write(f->path, "Short title \t\nBody starts here\n", (size_t)-1);
    expect_txt(f->path, "doc-2", "Short title", "Body starts here", 1);
    /* Leading spaces of a first body line stay (indented paragraphs). */
    nxt_write(f->path, "T\n\n   indented\n", (size_t)-1);
    expect_txt(f->path, "doc-3", "T", "   indented", 1);
}

static void gzipped_txt_articles_are_read(void **state)
{
    const nxt_input *f = *state;
    const char *text = "Gzipped title\n\nGzipped body.\n";
    write_gz(f->gz, text, strlen(text));
    expect_txt(f->gz, "gz-1", "Gzipped title", "Gzipped body.", 1);
}

static void bad_txt_articles_are_einput(void **state)
{
    const nxt_input *f = *state;
    nxt_write(f->path, "Just a title\n\n\n", (size_t)-1);
    nx__reader *r = open_ok(f->path, "x", NULL);
    expect_code(r, NX_EINPUT, "no body after the title", 1);
    expect_done(r);
    nx__reader_free(r);
    nxt_write(f->path, "Title\n\nok line\nbad \xff here\n", (size_t)-1);
    r = open_ok(f->path, "x", NULL);
    expect_code(r, NX_EINPUT, "invalid UTF-8 at byte 5", 4);
    expect_done(r);
    nx__reader_free(r);
    nxt_write(f->path, "\nTit\xedle\n\nBody\n", (size_t)-1);
    r = open_ok(f->path, "x", NULL);
    expect_code(r, NX_EINPUT, "invalid UTF-8 at byte 4", 2);
    expect_done(r);
    nx__reader_free(r);
    /* A NUL past the first 8 KiB is not caught as binary, but the article is refused. */
    char text[9000];
    memset(text, 'w', sizeof text);
    memcpy(text, "T\n\n", 3);
    text[8000] = '\n';
    text[8500] = '\0';
    nxt_write(f->path, text, sizeof text);
    r = open_ok(f->path, "x", NULL);
    expect_code(r, NX_EINPUT, "NUL character at byte 500", 4);
    expect_done(r);
    nx__reader_free(r);
}

static void standard_input_is_read_for_a_dash(void **state)
{
    const nxt_input *f = *state;
    write_gz(f->gz, "{\"id\": \"s1\", \"body\": \"piped\"}\n", 30);
    int saved = dup(STDIN_FILENO), fd = open(f->gz, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    nx__reader *r = NULL;
    const nx__rec *rec = NULL;
    int open_rc = nx__reader_open(&r, "-", NULL, NULL);
    int next_rc = open_rc == NX_OK ? nx__reader_next(r, &rec) : open_rc;
    char id[8] = "";
    if (rec)
        snprintf(id, sizeof id, "%s", rec->id);
    int done_rc = next_rc == NX_OK ? nx__reader_next(r, &rec) : next_rc;
    nx__reader_free(r);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO); /* restore before asserting */
    close(saved);
    assert_int_equal(open_rc, NX_OK);
    assert_int_equal(next_rc, NX_OK);
    assert_string_equal(id, "s1");
    assert_int_equal(done_rc, NX_DONE);
}

/* Count the records of a corpus file; every one must be good. */
static unsigned long count_records(const char *path)
{
    nx__reader *r = open_ok(path, NULL, NULL);
    const nx__rec *rec;
    unsigned long n = 0;
    int rc;
    while ((rc = nx__reader_next(r, &rec)) == NX_OK) {
        assert_non_null(rec->id);
        assert_true(rec->body_len > 0);
        assert_int_equal(rec->line, ++n);
    }
    assert_int_equal(rc, NX_DONE);
    nx__reader_free(r);
    return n;
}

static void corpus_files_give_every_record(void **state)
{
    (void)state;
    const char *path = nxt_corpus("ukraine.jsonl");
    if (!path)
        skip();
    assert_int_equal(count_records(path), 2019);
    path = nxt_corpus("general.jsonl.gz");
    if (!path)
        skip();
    assert_int_equal(count_records(path), 21268);
}

static void a_corpus_txt_file_matches_its_json_record(void **state)
{
    (void)state;
    const char *path = nxt_corpus("txt/kremlin-67700.txt");
    if (!path)
        skip();
    nx__reader *t = open_ok(path, "kremlin-67700", NULL);
    const nx__rec *txt;
    assert_int_equal(nx__reader_next(t, &txt), NX_OK);
    path = nxt_corpus("ukraine.jsonl");
    if (!path)
        skip();
    nx__reader *j = open_ok(path, NULL, NULL);
    const nx__rec *rec;
    int found = 0;
    while (nx__reader_next(j, &rec) == NX_OK) {
        if (strcmp(rec->id, "kremlin-67700") != 0)
            continue;
        found++;
        assert_string_equal(txt->id, rec->id);
        assert_string_equal(txt->title, rec->title);
        assert_int_equal(txt->body_len, rec->body_len);
        assert_string_equal(txt->body, rec->body);
    }
    assert_int_equal(found, 1);
    nx__reader_free(j);
    nx__reader_free(t);
}

#define T(name) cmocka_unit_test_setup_teardown(name, nxt_input_setup, nxt_input_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(jsonl_records_come_back_with_their_fields_and_lines),
        T(gzip_and_plain_jsonl_give_the_same_records),
        T(concatenated_gzip_members_are_read_in_turn),
        T(truncated_gzip_gives_the_records_before_the_damage_then_ecorrupt),
        T(a_member_cut_after_its_header_ends_the_file_after_the_first),
        T(malformed_lines_are_einput_and_reading_goes_on),
        T(an_unfinished_first_line_is_reported_and_the_rest_read),
        T(a_pretty_printed_json_file_is_one_record),
        T(invalid_utf8_is_einput_naming_its_byte),
        T(empty_and_blank_files_give_no_records),
        T(an_overlong_line_is_elimit_and_the_next_line_is_read),
        T(a_line_of_exactly_the_limit_is_read),
        T(binary_files_are_rejected_at_open),
        T(a_nul_in_json_lines_rejects_its_line_only),
        T(missing_files_and_directories_are_named),
        T(an_unreadable_file_is_eio),
        T(a_field_map_renames_members),
        T(field_values_are_checked_by_type),
        T(txt_articles_have_a_title_line_and_a_body),
        T(gzipped_txt_articles_are_read),
        T(bad_txt_articles_are_einput),
        T(standard_input_is_read_for_a_dash),
        cmocka_unit_test(corpus_files_give_every_record),
        cmocka_unit_test(a_corpus_txt_file_matches_its_json_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
