/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/lines.h"
#include "ingest/reader.h"
#include "ingest/warc.h"
#include "newsidx.h"
#include "nxt_gzip.h"
#include "util/buf.h"
#include "util/compress.h"

/* WARC archives built in the tests: records in memory, written plain or gzip per record. */

/* The archive each test writes, in the test's fresh folder. */
static char *warc_path(void **state, const char *name)
{
    const nxt_env *env = *state;
    return nxt_path(env->dir, name);
}

static const char page_a[] =
    "<!doctype html><html><head><title>Quay lights switched on</title>"
    "<meta property='og:site_name' content='Harbour Post'></head><body>"
    "<nav><a href='/'>Home</a></nav><article><p>The new lights on the east quay were switched "
    "on at dusk.</p><p>Fishermen said the harbour felt safer at night.</p></article>"
    "<div class='cookie-notice'><p>This site uses cookies.</p></div></body></html>";

/* One record: WARC header, block, and the two line ends that close it. */
static void record(nx__buf *out, const char *type, const char *uri, const char *date,
                   const char *ctype, const char *block, size_t len)
{
    assert_int_equal(nx__buf_printf(out, "WARC/1.1\r\nWARC-Type: %s\r\n", type), NX_OK);
    if (uri)
        assert_int_equal(nx__buf_printf(out, "WARC-Target-URI: %s\r\n", uri), NX_OK);
    assert_int_equal(nx__buf_printf(out,
                                    "WARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%zu>\r\n"
                                    "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                                    date, out->len, ctype, len),
                     NX_OK);
    assert_int_equal(nx__buf_append(out, block, len), NX_OK);
    assert_int_equal(nx__buf_append(out, "\r\n\r\n", 4), NX_OK);
}

/* An HTTP response block with the given extra headers and body. */
static void response(nx__buf *out, const char *uri, const char *date, int status,
                     const char *headers, const char *body, size_t len)
{
    nx__buf http = NX__BUF_INIT;
    assert_int_equal(nx__buf_printf(&http, "HTTP/1.1 %d X\r\n%s\r\n", status, headers), NX_OK);
    assert_int_equal(nx__buf_append(&http, body, len), NX_OK);
    record(out, "response", uri, date, "application/http; msgtype=response", http.data, http.len);
    nx__buf_release(&http);
}

static void html_response(nx__buf *out, const char *uri, const char *date, const char *body)
{
    response(out, uri, date, 200, "Content-Type: text/html; charset=utf-8\r\n", body, strlen(body));
}

static nx__reader *open_ok(const char *path)
{
    nx__reader *r = NULL;
    assert_int_equal(nx__reader_open(&r, path, "ignored", NULL), NX_OK);
    return r;
}

static const nx__rec *next_ok(nx__reader *r)
{
    const nx__rec *rec = NULL;
    int rc = nx__reader_next(r, &rec);
    if (rc != NX_OK)
        fail_msg("nx__reader_next: %d %s", rc, nx_error_last()->message);
    return rec;
}

static void expect_done(nx__reader *r)
{
    const nx__rec *rec;
    assert_int_equal(nx__reader_next(r, &rec), NX_DONE);
}

/* "url-" and 16 hex digits, the same for the same URI. */
static void assert_url_id(const char *id)
{
    assert_int_equal(strlen(id), 20);
    assert_memory_equal(id, "url-", 4);
}

static void html_responses_become_articles_and_other_records_are_skipped(void **state)
{
    char *path = warc_path(state, "in.warc");
    nx__buf w = NX__BUF_INIT;
    record(&w, "warcinfo", NULL, "2031-02-01T00:00:00Z", "application/warc-fields",
           "software: test\r\n", 16);
    record(&w, "request", "https://post.example/quay", "2031-02-01T10:00:00Z",
           "application/http; msgtype=request", "GET /quay HTTP/1.1\r\n\r\n", 22);
    html_response(&w, "https://post.example/quay", "2031-02-01T10:00:01Z", page_a);
    record(&w, "metadata", "https://post.example/quay", "2031-02-01T10:00:01Z",
           "application/warc-fields", "via: x\r\n", 8);
    response(&w, "https://post.example/logo.png", "2031-02-01T10:00:02Z", 200,
             "Content-Type: image/png\r\n", "\x89PNG", 4);
    html_response(&w, "https://post.example/gone", "2031-02-01T10:00:03Z", page_a);
    /* The same page, but a 404: not an article. */
    response(&w, "https://post.example/missing", "2031-02-01T10:00:04Z", 404,
             "Content-Type: text/html\r\n", page_a, strlen(page_a));
    nxt_write(path, w.data, w.len);

    nx__reader *r = open_ok(path);
    const nx__rec *rec = next_ok(r);
    assert_url_id(rec->id);
    char first[32];
    strcpy(first, rec->id);
    assert_string_equal(rec->title, "Quay lights switched on");
    assert_string_equal(rec->date, "2031-02-01"); /* the page has none: WARC-Date */
    assert_string_equal(rec->source, "Harbour Post");
    assert_string_equal(rec->url, "https://post.example/quay");
    assert_string_equal(rec->body, "The new lights on the east quay were switched on at dusk."
                                   "\n\nFishermen said the harbour felt safer at night.");
    assert_int_equal(rec->line, 0);
    rec = next_ok(r);
    assert_string_equal(rec->url, "https://post.example/gone");
    assert_string_not_equal(rec->id, first);
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&w);
    free(path);
}

static void stats_count_what_became_of_each_record(void **state)
{
    char *path = warc_path(state, "in.warc");
    nx__buf w = NX__BUF_INIT;
    record(&w, "warcinfo", NULL, "2031-02-01T00:00:00Z", "application/warc-fields", "a: b\r\n", 6);
    html_response(&w, "https://post.example/quay", "2031-02-01T10:00:01Z", page_a);
    response(&w, "https://post.example/x.css", "2031-02-01T10:00:02Z", 200,
             "Content-Type: text/css\r\n", "p{}", 3);
    response(&w, "https://post.example/moved", "2031-02-01T10:00:02Z", 301, "Location: /quay\r\n",
             "", 0);
    nxt_write(path, w.data, w.len);
    nx__zfile *z;
    assert_int_equal(nx__compress_zfile_open(&z, path), NX_OK);
    nx__lines lines;
    nx__lines_init(&lines, z);
    nx__warc *warc;
    assert_int_equal(nx__warc_new(&warc, &lines), NX_OK);
    nx__page page;
    nx__html_page_init(&page);
    const char *id;
    assert_int_equal(nx__warc_next(warc, &page, &id), NX_OK);
    assert_int_equal(nx__warc_next(warc, &page, &id), NX_DONE);
    const nx__warc_stats *st = nx__warc_stats_get(warc);
    assert_int_equal(st->records, 4);
    assert_int_equal(st->articles, 1);
    assert_int_equal(st->not_response, 1);
    assert_int_equal(st->not_html, 1);
    assert_int_equal(st->not_ok, 1);
    assert_int_equal(st->damaged, 0);
    nx__html_page_release(&page);
    nx__warc_free(warc);
    nx__lines_release(&lines);
    nx__compress_zfile_free(z);
    nx__buf_release(&w);
    free(path);
}

static void gzip_per_record_with_chunked_gzip_body_and_a_recrawl(void **state)
{
    char *gzpath = warc_path(state, "crawl.warc.gz");
    /* The page gzip-encoded, then sent in chunks of 50 bytes. */
    nx__buf body = NX__BUF_INIT, chunked = NX__BUF_INIT, gz = NX__BUF_INIT, one = NX__BUF_INIT;
    nxt_gzip(&body, page_a, strlen(page_a));
    for (size_t at = 0; at < body.len; at += 50) {
        size_t n = body.len - at < 50 ? body.len - at : 50;
        assert_int_equal(nx__buf_printf(&chunked, "%zx;ext=1\r\n", n), NX_OK);
        assert_int_equal(nx__buf_append(&chunked, body.data + at, n), NX_OK);
        assert_int_equal(nx__buf_append(&chunked, "\r\n", 2), NX_OK);
    }
    assert_int_equal(nx__buf_append(&chunked, "0\r\n\r\n", 5), NX_OK);
    response(&one, "https://post.example/quay", "2031-02-01T10:00:00Z", 200,
             "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
             chunked.data, chunked.len);
    nxt_gzip(&gz, one.data, one.len);
    nx__buf_clear(&one);
    /* Recrawled a day later, changed. */
    const char *later = "<html><head><title>Quay lights switched on</title></head><body>"
                        "<article><p>Updated: the lights failed again overnight.</p></article>"
                        "</body></html>";
    html_response(&one, "https://post.example/quay", "2031-02-02T09:00:00Z", later);
    nxt_gzip(&gz, one.data, one.len);
    nxt_write(gzpath, gz.data, gz.len);

    nx__reader *r = open_ok(gzpath);
    const nx__rec *rec = next_ok(r);
    char id[32];
    strcpy(id, rec->id);
    assert_string_equal(rec->body, "The new lights on the east quay were switched on at dusk."
                                   "\n\nFishermen said the harbour felt safer at night.");
    rec = next_ok(r);
    assert_string_equal(rec->id, id); /* same URI, same id: the later capture replaces */
    assert_string_equal(rec->date, "2031-02-02");
    assert_string_equal(rec->body, "Updated: the lights failed again overnight.");
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&body);
    nx__buf_release(&chunked);
    nx__buf_release(&gz);
    nx__buf_release(&one);
    free(gzpath);
}

static void expect_damage(nx__reader *r, const char *message)
{
    const nx__rec *rec = (const nx__rec *)&rec;
    int rc = nx__reader_next(r, &rec);
    if (rc != NX_EINPUT)
        fail_msg("%d, %s", rc, rc == NX_OK ? rec->url : nx_error_last()->message);
    assert_null(rec);
    assert_string_equal(nx_error_last()->message, message);
}

static void damaged_records_are_reported_at_their_offset_and_reading_resyncs(void **state)
{
    char *path = warc_path(state, "in.warc");
    nx__buf w = NX__BUF_INIT;
    html_response(&w, "https://post.example/one", "2031-02-01T10:00:00Z", page_a);
    size_t bad1 = w.len;
    /* Content-Length larger than the record: the next record starts inside. */
    assert_int_equal(nx__buf_printf(&w, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: "
                                        "application/http\r\nContent-Length: 900\r\n\r\n"
                                        "HTTP/1.1 200 OK\r\n\r\n<p>cut</p>\r\n\r\n"),
                     NX_OK);
    html_response(&w, "https://post.example/two", "2031-02-01T10:00:01Z", page_a);
    size_t bad2 = w.len;
    assert_int_equal(nx__buf_printf(&w, "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: "
                                        "12x\r\n\r\nsome bytes\r\n\r\njunk line\r\n"),
                     NX_OK);
    /* A body whose Content-Encoding is damaged is that record's problem: reading goes on. */
    size_t bad_gz = w.len;
    response(&w, "https://post.example/gz", "2031-02-01T10:00:01Z", 200,
             "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", "not gzip", 8);
    /* Resyncing skips lines to the next version line. */
    html_response(&w, "https://post.example/three", "2031-02-01T10:00:02Z", page_a);
    size_t bad3 = w.len;
    assert_int_equal(nx__buf_printf(&w, "not a record at all\r\nmore junk\r\n"), NX_OK);
    size_t bad4 = w.len;
    /* Truncated at the end of the file. */
    assert_int_equal(nx__buf_printf(&w, "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: "
                                        "application/http\r\nContent-Length: 500\r\n\r\nHTTP/1.1"),
                     NX_OK);
    nxt_write(path, w.data, w.len);

    char msg[128];
    nx__reader *r = open_ok(path);
    assert_string_equal(next_ok(r)->url, "https://post.example/one");
    snprintf(msg, sizeof msg, "record at byte %zu: Content-Length does not match the record", bad1);
    expect_damage(r, msg);
    assert_string_equal(next_ok(r)->url, "https://post.example/two");
    snprintf(msg, sizeof msg, "record at byte %zu: missing or bad Content-Length", bad2);
    expect_damage(r, msg);
    snprintf(msg, sizeof msg, "record at byte %zu: content encoding 'gzip': compressed data is damaged (invalid block type)",
             bad_gz);
    expect_damage(r, msg);
    assert_string_equal(next_ok(r)->url, "https://post.example/three");
    snprintf(msg, sizeof msg, "record at byte %zu: no 'WARC/1.x' version line", bad3);
    expect_damage(r, msg);
    snprintf(msg, sizeof msg, "record at byte %zu: truncated payload", bad4);
    expect_damage(r, msg);
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&w);
    free(path);
}

static void large_record_is_skipped_with_elimit(void **state)
{
    char *path = warc_path(state, "in.warc");
    nx__buf w = NX__BUF_INIT;
    size_t big = (size_t)NX__LINE_MAX + 10;
    char *block = malloc(big);
    assert_non_null(block);
    memset(block, 'a', big);
    record(&w, "resource", "https://post.example/big", "2031-02-01T10:00:00Z", "text/plain", block,
           big);
    free(block);
    html_response(&w, "https://post.example/after", "2031-02-01T10:00:01Z", page_a);
    nxt_write(path, w.data, w.len);
    nx__reader *r = open_ok(path);
    const nx__rec *rec;
    assert_int_equal(nx__reader_next(r, &rec), NX_ELIMIT);
    assert_string_equal(nx_error_last()->message,
                        "record at byte 0: record larger than 16 MiB: skipped");
    assert_string_equal(next_ok(r)->url, "https://post.example/after");
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&w);
    free(path);
}

/* Issue 25: a record claiming 10^12 bytes no longer swallows the good record after it. */
static void an_impossible_length_is_reported_and_reading_resyncs(void **state)
{
    char *path = warc_path(state, "in.warc");
    nx__buf w = NX__BUF_INIT;
    html_response(&w, "https://post.example/one", "2031-02-01T10:00:00Z", page_a);
    size_t bad1 = w.len;
    assert_int_equal(nx__buf_printf(&w, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: "
                                        "application/http\r\nContent-Length: 1000000000000\r\n"
                                        "\r\nHTTP/1.1 200 OK\r\n\r\n<p>short</p>\r\n\r\n"),
                     NX_OK);
    size_t next = w.len;
    html_response(&w, "https://post.example/two", "2031-02-01T10:00:01Z", page_a);
    size_t bad2 = w.len;
    assert_int_equal(nx__buf_printf(&w, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: "
                                        "application/http\r\nContent-Length: 1000000000000\r\n"
                                        "\r\nHTTP/1.1 200 OK\r\n\r\n<p>last</p>\r\n"),
                     NX_OK);
    nxt_write(path, w.data, w.len);
    char msg[200];
    nx__reader *r = open_ok(path);
    assert_string_equal(next_ok(r)->url, "https://post.example/one");
    snprintf(msg, sizeof msg,
             "record at byte %zu: impossible Content-Length 1000000000000: the next record "
             "starts at byte %zu",
             bad1, next);
    expect_damage(r, msg);
    assert_string_equal(next_ok(r)->url, "https://post.example/two");
    snprintf(msg, sizeof msg,
             "record at byte %zu: impossible Content-Length 1000000000000: the input ends at "
             "byte %zu",
             bad2, w.len);
    expect_damage(r, msg);
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&w);
    free(path);
}

static void charset_from_http_header_and_canonical_link(void **state)
{
    char *path = warc_path(state, "in.warc");
    const char page[] = "<html><head><link rel=canonical href='https://post.example/c'></head>"
                        "<body><p>Caf\xe9 on the pier</p></body></html>";
    nx__buf w = NX__BUF_INIT;
    response(&w, "https://post.example/c?utm=1", "2031-02-01T10:00:00Z", 200,
             "Content-Type: text/html; charset=\"ISO-8859-1\"\r\n", page, sizeof page - 1);
    nxt_write(path, w.data, w.len);
    nx__reader *r = open_ok(path);
    const nx__rec *rec = next_ok(r);
    assert_string_equal(rec->body, "Café on the pier");
    assert_string_equal(rec->url, "https://post.example/c");
    assert_string_equal(rec->source, "post.example");
    expect_done(r);
    nx__reader_free(r);
    nx__buf_release(&w);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            html_responses_become_articles_and_other_records_are_skipped, nxt_env_setup,
            nxt_env_teardown),
        cmocka_unit_test_setup_teardown(stats_count_what_became_of_each_record, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(gzip_per_record_with_chunked_gzip_body_and_a_recrawl,
                                        nxt_env_setup, nxt_env_teardown),
        cmocka_unit_test_setup_teardown(
            damaged_records_are_reported_at_their_offset_and_reading_resyncs, nxt_env_setup,
            nxt_env_teardown),
        cmocka_unit_test_setup_teardown(large_record_is_skipped_with_elimit, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(an_impossible_length_is_reported_and_reading_resyncs,
                                        nxt_env_setup, nxt_env_teardown),
        cmocka_unit_test_setup_teardown(charset_from_http_header_and_canonical_link, nxt_env_setup,
                                        nxt_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
