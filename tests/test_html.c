/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/html.h"
#include "newsidx.h"
#include "ingest/reader.h"
#include "text/utf8.h"

/* Pages written for these tests live in tests/data/html: NAME.html, NAME.expected (the article
 * paragraphs), NAME.boiler (one line per piece of boilerplate the page shows). */
static char *data_file(const char *name, const char *ext, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/html/%s%s", NX_SOURCE_DIR, name, ext);
    char *text = nxt_read(path, len);
    assert_non_null(text);
    return text;
}

static void extract_file(nx__page *p, const char *name, const char *charset, const char *url)
{
    size_t len;
    char *html = data_file(name, ".html", &len);
    assert_int_equal(nx__html_extract(p, html, len, charset, url), NX_OK);
    free(html);
}

static size_t words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] != ' ' && s[i] != '\n' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n');
    return w;
}

/*
 * Words of the lines of `file` (paragraphs when `paragraphs`, else lines) that are (found=true)
 * or are not (found=false) in body; *total gets all their words.
 */
static size_t count_words(const char *body, const char *file, bool paragraphs, bool found,
                          size_t *total)
{
    size_t hit = 0;
    const char *sep = paragraphs ? "\n\n" : "\n";
    for (const char *s = file; *s;) {
        const char *e = strstr(s, sep);
        size_t n = e ? (size_t)(e - s) : strlen(s);
        while (n && s[n - 1] == '\n')
            n--;
        if (n) {
            char *piece = strndup(s, n);
            size_t w = words(piece, n);
            *total += w;
            if ((strstr(body, piece) != NULL) == found)
                hit += w;
            free(piece);
        }
        s = e ? e + strlen(sep) : s + strlen(s);
    }
    return hit;
}

static void assert_body_is_article(const nx__page *p, const char *name)
{
    char *expected = data_file(name, ".expected", NULL);
    char *boiler = data_file(name, ".boiler", NULL);
    size_t n = strlen(expected);
    while (n && expected[n - 1] == '\n')
        expected[--n] = '\0';
    assert_string_equal(p->body.data, expected);
    assert_int_equal(p->body.len, n);
    size_t total = 0;
    assert_int_equal(count_words(p->body.data, boiler, false, true, &total), 0);
    assert_true(total > 0);
    free(expected);
    free(boiler);
}

static void news_page_gives_metadata_and_only_the_article(void **state)
{
    (void)state;
    nx__page p;
    nx__html_page_init(&p);
    extract_file(&p, "news", NULL, "https://courier.example/news/2031/harbour-bridge?ref=rss");
    assert_string_equal(p.title, "Harbour bridge in Valmora reopens after two years of repairs");
    assert_string_equal(p.date, "2031-04-17"); /* article:published_time, not <time> */
    assert_string_equal(p.source, "The Valmora Courier");
    assert_string_equal(p.url, "https://courier.example/news/2031/harbour-bridge");
    assert_body_is_article(&p, "news");
    nx__html_page_release(&p);
}

static void windows_1251_page_declared_by_meta_is_converted(void **state)
{
    (void)state;
    nx__page p;
    nx__html_page_init(&p);
    extract_file(&p, "cp1251", NULL, "http://vesti.example/parom.html");
    assert_string_equal(p.title, "Новый паром в Вальморе");
    assert_null(p.date);
    assert_string_equal(p.source, "vesti.example"); /* no og:site_name: the host */
    assert_string_equal(p.url, "http://vesti.example/parom.html");
    assert_body_is_article(&p, "cp1251");
    nx__html_page_release(&p);
}

static void latin1_page_with_entities_json_ld_date_and_no_article_element(void **state)
{
    (void)state;
    nx__page p;
    nx__html_page_init(&p);
    extract_file(&p, "latin1", NULL, NULL);
    assert_string_equal(p.title, "Café owners in Dremmen protest");
    assert_string_equal(p.date, "2031-05-02");
    assert_null(p.source);
    assert_null(p.url);
    assert_body_is_article(&p, "latin1");
    nx__html_page_release(&p);
}

/* Over all test pages: the share of boilerplate words kept and of article words lost. */
static void extraction_quality_over_the_test_pages(void **state)
{
    (void)state;
    static const char *const pages[] = {"news", "cp1251", "latin1"};
    size_t kept = 0, boiler = 0, lost = 0, article = 0;
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        nx__page p;
        nx__html_page_init(&p);
        extract_file(&p, pages[i], NULL, NULL);
        char *e = data_file(pages[i], ".expected", NULL), *b = data_file(pages[i], ".boiler", NULL);
        kept += count_words(p.body.data, b, false, true, &boiler);
        lost += count_words(p.body.data, e, true, false, &article);
        free(e);
        free(b);
        nx__html_page_release(&p);
    }
    printf("html extraction: boilerplate words kept %zu/%zu (%.1f%%), article words lost "
           "%zu/%zu (%.1f%%)\n",
           kept, boiler, 100.0 * (double)kept / (double)boiler, lost, article,
           100.0 * (double)lost / (double)article);
    assert_int_equal(kept, 0);
    assert_int_equal(lost, 0);
    assert_true(boiler > 100 && article > 100);
}

static void transport_charset_is_used_when_the_page_declares_none(void **state)
{
    (void)state;
    const char html[] = "<html><body><p>Caf\xe9 cr\xe8me on the quay</p></body></html>";
    nx__page p;
    nx__html_page_init(&p);
    assert_int_equal(nx__html_extract(&p, html, sizeof html - 1, "ISO-8859-1", NULL), NX_OK);
    assert_string_equal(p.body.data, "Café crème on the quay");
    nx__html_page_release(&p);
}

static void fallbacks_first_h1_time_element_and_og_url(void **state)
{
    (void)state;
    const char html[] =
        "<html><head><meta property='og:url' content='https://x.example/story'></head><body>"
        "<h1>  Storm   closes\n the pier </h1><time datetime='2031-01-09T10:00'>Jan 9</time>"
        "<p>The pier  was closed<br>for the night.</p><p>It opens at dawn.</p></body></html>";
    nx__page p;
    nx__html_page_init(&p);
    assert_int_equal(nx__html_extract(&p, html, sizeof html - 1, NULL, "https://y.example/s"),
                     NX_OK);
    assert_string_equal(p.title, "Storm closes the pier");
    assert_string_equal(p.date, "2031-01-09");
    assert_string_equal(p.url, "https://x.example/story");
    assert_string_equal(p.source, "y.example");
    assert_string_equal(p.body.data, "The pier was closed\n\nfor the night.\n\nIt opens at dawn.");
    nx__html_page_release(&p);
}

/* A published time that is no day of the calendar is passed over for the <time> element. */
static void impossible_published_day_falls_back_to_time_element(void **state)
{
    (void)state;
    const char html[] =
        "<html><head><meta property='article:published_time' content='2031-02-30T08:00:00Z'>"
        "</head><body><h1>Pier</h1><time datetime='2031-02-03 10:00'>3 Feb</time>"
        "<p>The pier was closed for the night.</p></body></html>";
    nx__page p;
    nx__html_page_init(&p);
    assert_int_equal(nx__html_extract(&p, html, sizeof html - 1, NULL, "https://y.example/s"),
                     NX_OK);
    assert_string_equal(p.date, "2031-02-03");
    nx__html_page_release(&p);
}

/* A page without a declared charset in UTF-8 stays UTF-8; a no-break space is a space, in the
 * title as in the body, so the heading that repeats the title is still left out. */
static void undeclared_utf8_and_no_break_spaces(void **state)
{
    (void)state;
    const char html[] = "<html><head><title>Café&nbsp;owners \u00a0protest</title></head>"
                        "<body><article><h1>Café owners protest</h1><p>Crème "
                        "brûlée&nbsp;costs more.</p></article></body></html>";
    nx__page p;
    nx__html_page_init(&p);
    assert_int_equal(nx__html_extract(&p, html, sizeof html - 1, NULL, NULL), NX_OK);
    assert_string_equal(p.title, "Café owners protest");
    assert_string_equal(p.body.data, "Crème brûlée costs more.");
    /* A charset libxml2 does not know: the page is read as if none were given. */
    assert_int_equal(nx__html_extract(&p, html, sizeof html - 1, "x-no-such-charset", NULL), NX_OK);
    assert_string_equal(p.body.data, "Crème brûlée costs more.");
    nx__html_page_release(&p);
}

/* A page found by fuzz_html on which libxml2's recovery let invalid bytes through: what comes
 * out is UTF-8 all the same. */
static void invalid_bytes_passed_by_the_parser_become_replacement_characters(void **state)
{
    (void)state;
    size_t len;
    char *html = data_file("fuzz-invalid-utf8", ".bin", &len);
    nx__page p;
    nx__html_page_init(&p);
    assert_int_equal(nx__html_extract(&p, html, len, NULL, NULL), NX_OK);
    assert_int_equal(nx__utf8_check(p.body.data, p.body.len), p.body.len);
    assert_non_null(strstr(p.body.data, "\xEF\xBF\xBD"));
    nx__html_page_release(&p);
    free(html);
}

static void page_without_text_is_einput(void **state)
{
    (void)state;
    const char html[] = "<html><head><title>Empty</title><script>var a = 1;</script></head>"
                        "<body><nav><p>Home</p></nav></body></html>";
    nx__page p;
    nx__html_page_init(&p);
    assert_int_equal(nx__html_extract(&p, html, sizeof html - 1, NULL, NULL), NX_EINPUT);
    assert_string_equal(nx_error_last()->message, "no article text in the page");
    /* The page can be filled again. */
    const char ok[] = "<p>Text.</p>";
    assert_int_equal(nx__html_extract(&p, ok, sizeof ok - 1, NULL, NULL), NX_OK);
    assert_string_equal(p.body.data, "Text.");
    assert_null(p.title);
    nx__html_page_release(&p);
}

static void sniff_knows_html_by_its_start(void **state)
{
    (void)state;
    assert_true(nx__html_sniff("\xEF\xBB\xBF \n<!DOCTYPE HTML>", 20));
    assert_true(nx__html_sniff("<html lang=en>", 14));
    assert_false(nx__html_sniff("{\"id\": 1}", 9));
    assert_false(nx__html_sniff("<htm", 4));
    assert_false(nx__html_sniff("Title\n\n<html>", 13));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(news_page_gives_metadata_and_only_the_article),
        cmocka_unit_test(windows_1251_page_declared_by_meta_is_converted),
        cmocka_unit_test(latin1_page_with_entities_json_ld_date_and_no_article_element),
        cmocka_unit_test(extraction_quality_over_the_test_pages),
        cmocka_unit_test(transport_charset_is_used_when_the_page_declares_none),
        cmocka_unit_test(fallbacks_first_h1_time_element_and_og_url),
        cmocka_unit_test(impossible_published_day_falls_back_to_time_element),
        cmocka_unit_test(undeclared_utf8_and_no_break_spaces),
        cmocka_unit_test(invalid_bytes_passed_by_the_parser_become_replacement_characters),
        cmocka_unit_test(page_without_text_is_einput),
        cmocka_unit_test(sniff_knows_html_by_its_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
