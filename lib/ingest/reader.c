/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ingest/reader.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/html.h"
#include "ingest/json.h"
#include "ingest/lines.h"
#include "ingest/warc.h"
#include "newsidx.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/compress.h"
#include "util/error.h"

enum kind { K_JSON, K_TXT, K_HTML, K_WARC };
enum { F_ID, F_TITLE, F_DATE, F_SOURCE, F_URL, F_BODY, NFIELDS };
/* Bytes looked at for a NUL (binary) and, at first, for the first non-blank byte. */
enum { SNIFF = 8192 };

static const char *const field_names[NFIELDS] = {"id", "title", "date", "source", "url", "body"};

struct nx__reader {
    nx__zfile *z;
    nx__lines lines;
    nx__json *json;
    char *names[NFIELDS]; /* JSON member for each field */
    char *txt_id;
    nx__buf title; /* a .txt title, copied out of the line buffer */
    nx__rec rec;
    nx__page page; /* an HTML page or a WARC record's */
    nx__warc *warc;
    unsigned long line;
    enum kind kind;
    bool seen; /* a non-blank line was read */
    bool done;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool blank_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    return i == n;
}

/* ---- JSON Lines ------------------------------------------------------------------------ */

/* Parse one line; invalid UTF-8 is named as such whatever jansson thought of it. */
static int parse_line(nx__reader *r, const char *s, size_t len)
{
    int rc = nx__json_parse(r->json, s, len);
    if (rc != NX_EINPUT)
        return rc;
    const char *nul = memchr(s, '\0', len);
    if (nul)
        return nx__error_set(NX_EINPUT, "NUL character at byte %zu", (size_t)(nul - s) + 1);
    size_t bad = nx__utf8_check(s, len);
    if (bad < len)
        return nx__error_set(NX_EINPUT, "invalid UTF-8 at byte %zu", bad + 1);
    return rc;
}

/*
 * The first line is the start of an unfinished object: maybe the whole file is one
 * pretty-printed object (a .json file). If it is not, the first line's error stands and reading
 * goes on with the second line.
 */
static int whole_file(nx__reader *r, size_t first_len)
{
    char *p;
    size_t n;
    int rc = nx__lines_rest(&r->lines, true, &p, &n);
    if (rc < 0 && rc != NX_ELIMIT)
        return rc;
    if (rc == NX_OK) {
        rc = nx__json_parse(r->json, p, n);
        if (rc == NX_OK) {
            nx__lines_consume_rest(&r->lines);
            return NX_OK;
        }
        if (rc != NX_EINPUT)
            return rc;
    }
    return parse_line(r, p, first_len);
}

static int json_record(nx__reader *r)
{
    const char *v[NFIELDS];
    size_t n[NFIELDS];
    int rc = nx__json_strings(r->json, (const char *const *)r->names, NFIELDS, 1u << F_ID, v, n);
    if (rc < 0)
        return rc;
    if (!v[F_BODY] || n[F_BODY] == 0)
        return nx__error_set(NX_EINPUT, "missing '%s'", r->names[F_BODY]);
    r->rec = (nx__rec){v[F_ID],   v[F_TITLE], v[F_DATE], v[F_SOURCE], v[F_URL],
                       v[F_BODY], n[F_BODY],  r->line,   NULL};
    return NX_OK;
}

/* The next line that is not blank, as nx__lines_next() gives it; r->line is its number. */
static int next_nonblank(nx__reader *r, char **line, size_t *len)
{
    int rc;
    do {
        rc = nx__lines_next(&r->lines, line, len);
        r->line = r->lines.lineno;
        if (rc != NX_OK)
            return rc;
    } while (blank_line(*line, *len));
    return NX_OK;
}

static int next_json(nx__reader *r)
{
    char *line;
    size_t len;
    int rc = next_nonblank(r, &line, &len);
    if (rc != NX_OK)
        return rc;
    bool first = !r->seen;
    r->seen = true;
    rc = parse_line(r, line, len);
    if (rc == NX_EINPUT && first && nx__json_incomplete(r->json))
        rc = whole_file(r, len);
    return rc < 0 ? rc : json_record(r);
}

/* ---- .txt articles ---------------------------------------------------------------------- */

/* Report `what` at text[bad] with its own line, text starting on line `line`. */
static int bad_byte(nx__reader *r, const char *text, size_t bad, unsigned long line,
                    const char *what)
{
    size_t line_start = 0;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + bad - p))); p++) {
        line++;
        line_start = (size_t)(p - text) + 1;
    }
    r->line = line;
    return nx__error_set(NX_EINPUT, "%s at byte %zu", what, bad - line_start + 1);
}

/* Leading blank lines and all trailing white space go; CRLF becomes LF. */
static size_t tidy_body(char **body, size_t n, unsigned long *line)
{
    char *nl;
    while ((nl = memchr(*body, '\n', n)) && blank_line(*body, (size_t)(nl - *body))) {
        n -= (size_t)(nl - *body) + 1;
        *body = nl + 1;
        (*line)++;
    }
    while (n && is_blank((*body)[n - 1]))
        n--;
    return n;
}

static size_t crlf_to_lf(char *s, size_t n)
{
    char *cr = memchr(s, '\r', n);
    if (!cr)
        return n;
    size_t j = (size_t)(cr - s);
    for (size_t i = j; i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            s[j++] = s[i];
    return j;
}

/* The whole file is one article: its first non-blank line the title, the rest the body. */
static int next_txt(nx__reader *r)
{
    char *line, *body;
    size_t len, n;
    int rc;
    rc = next_nonblank(r, &line, &len);
    if (rc != NX_OK)
        return rc;
    unsigned long title_line = r->line, body_line = r->line + 1;
    while (len && is_blank(line[len - 1]))
        len--;
    size_t bad = nx__utf8_check(line, len);
    if (bad < len)
        return bad_byte(r, line, bad, title_line, "invalid UTF-8");
    nx__buf_clear(&r->title);
    if ((rc = nx__buf_append(&r->title, line, len)) < 0)
        return rc;
    rc = nx__lines_rest(&r->lines, false, &body, &n);
    if (rc == NX_ELIMIT)
        return nx__error_set(NX_ELIMIT, "article larger than %d MiB", NX__LINE_MAX >> 20);
    if (rc < 0)
        return rc;
    nx__lines_consume_rest(&r->lines);
    n = tidy_body(&body, n, &body_line);
    if ((bad = nx__utf8_check(body, n)) < n)
        return bad_byte(r, body, bad, body_line, "invalid UTF-8");
    const char *nul = memchr(body, '\0', n); /* past the first 8 KiB, or it would be binary */
    if (nul)
        return bad_byte(r, body, (size_t)(nul - body), body_line, "NUL character");
    if (n == 0)
        return nx__error_set(NX_EINPUT, "no body after the title");
    n = crlf_to_lf(body, n);
    body[n] = '\0';
    r->rec = (nx__rec){r->txt_id, r->title.data, NULL, NULL, NULL, body, n, title_line, NULL};
    return NX_OK;
}

/* ---- HTML pages and web archives ----------------------------------------------------- */

static void page_rec(nx__reader *r, const char *id)
{
    const nx__page *p = &r->page;
    r->rec = (nx__rec){id,           p->title,    p->date, p->source, p->url,
                       p->body.data, p->body.len, r->line, NULL};
}

/* The whole file is one page, the file name its id as for a .txt article. */
static int next_html(nx__reader *r)
{
    char *html;
    size_t n;
    r->line = 1;
    int rc = nx__lines_rest(&r->lines, false, &html, &n);
    if (rc == NX_ELIMIT)
        return nx__error_set(NX_ELIMIT, "page larger than %d MiB", NX__LINE_MAX >> 20);
    if (rc < 0)
        return rc;
    nx__lines_consume_rest(&r->lines);
    if ((rc = nx__html_extract(&r->page, html, n, NULL, NULL)) < 0)
        return rc;
    page_rec(r, r->txt_id);
    return NX_OK;
}

/* Places in a web archive are byte offsets, which the messages give: no line. */
static int next_warc(nx__reader *r)
{
    const char *id;
    r->line = 0;
    int rc = nx__warc_next(r->warc, &r->page, &id);
    if (rc == NX_OK) {
        page_rec(r, id);
        r->rec.captured = nx__warc_date(r->warc);
    }
    return rc;
}

int nx__reader_next(nx__reader *r, const nx__rec **rec)
{
    *rec = NULL;
    if (r->done)
        return NX_DONE;
    int rc = r->kind == K_TXT    ? next_txt(r)
             : r->kind == K_HTML ? next_html(r)
             : r->kind == K_WARC ? next_warc(r)
                                 : next_json(r);
    if (rc == NX_OK)
        *rec = &r->rec;
    /* A .txt or HTML file is one article; JSON Lines and WARC go on after a bad item. */
    bool single = r->kind == K_TXT || r->kind == K_HTML;
    if (single || !(rc == NX_OK || rc == NX_EINPUT || rc == NX_ELIMIT))
        r->done = true;
    return rc;
}

/* ---- Opening ---------------------------------------------------------------------------- */

/* The format a file name promises (.html .htm .warc, maybe + .gz), or K_JSON for none. */
static enum kind kind_by_name(const char *path)
{
    size_t n = strlen(path);
    if (n > 3 && !strcmp(path + n - 3, ".gz"))
        n -= 3;
    if ((n > 5 && !strncmp(path + n - 5, ".html", 5)) ||
        (n > 4 && !strncmp(path + n - 4, ".htm", 4)))
        return K_HTML;
    return n > 5 && !strncmp(path + n - 5, ".warc", 5) ? K_WARC : K_JSON;
}

/* From the first non-blank byte on: an HTML page, JSON or else text. */
static enum kind kind_by_content(const char *p, size_t n)
{
    if (nx__html_sniff(p, n))
        return K_HTML;
    return p[0] == '{' ? K_JSON : K_TXT;
}

/* Which format, from the name, else from the first non-blank byte; and binary or not: a NUL in
 * the first SNIFF bytes of anything but JSON Lines (or a web archive). */
static int detect(nx__reader *r, const char *path)
{
    const char *p;
    size_t n, i = 0;
    int rc = nx__lines_peek(&r->lines, SNIFF, &p, &n);
    if (rc < 0)
        return rc;
    /* Web archives hold images and compressed bodies: NUL bytes are no sign of trouble. */
    bool warc = kind_by_name(path) == K_WARC || (n >= 7 && !memcmp(p, "WARC/1.", 7));
    if (warc) {
        r->kind = K_WARC;
        return nx__warc_new(&r->warc, &r->lines);
    }
    /* A NUL makes a page or a text binary; in JSON Lines it rejects only its line. */
    bool nul = memchr(p, '\0', n < SNIFF ? n : SNIFF) != NULL;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) { /* a byte order mark says nothing */
        nx__lines_drop(&r->lines, 3);
        p += 3;
        n -= 3;
    }
    for (size_t want = SNIFF;; want *= 2) {
        while (i < n && is_blank(p[i]))
            i++;
        if (i < n) {
            r->kind = kind_by_name(path);
            if (r->kind == K_JSON)
                r->kind = kind_by_content(p + i, n - i);
            if (nul && r->kind != K_JSON)
                return nx__error_set(NX_EINPUT, "'%s': binary file", path);
            return NX_OK;
        }
        /* All blank to the end (or megabytes of blanks): JSON Lines, which skips them. */
        if (n < want || want * 2 > NX__LINE_MAX)
            return NX_OK;
        if ((rc = nx__lines_peek(&r->lines, want * 2, &p, &n)) < 0)
            return rc;
    }
}

static int copy_names(nx__reader *r, const char *txt_id, const nx__fieldmap *map)
{
    const nx__fieldmap none = {0};
    const nx__fieldmap *m = map ? map : &none;
    const char *given[NFIELDS] = {m->id, m->title, m->date, m->source, m->url, m->body};
    for (size_t i = 0; i < NFIELDS; i++) {
        if (!(r->names[i] = strdup(given[i] ? given[i] : field_names[i])))
            return nx__error_set(NX_ENOMEM, "out of memory");
    }
    if (txt_id && !(r->txt_id = strdup(txt_id)))
        return nx__error_set(NX_ENOMEM, "out of memory");
    return NX_OK;
}

int nx__reader_open(nx__reader **out, const char *path, const char *txt_id, const nx__fieldmap *map)
{
    *out = NULL;
    nx__reader *r = calloc(1, sizeof *r);
    if (!r)
        return nx__error_set(NX_ENOMEM, "out of memory");
    nx__buf_init(&r->title);
    nx__html_page_init(&r->page);
    nx__lines_init(&r->lines, NULL);
    int rc = copy_names(r, txt_id, map);
    if (rc == NX_OK)
        rc = nx__json_new(&r->json);
    if (rc == NX_OK)
        rc = nx__compress_zfile_open(&r->z, path);
    if (rc == NX_OK) {
        r->lines.z = r->z;
        rc = detect(r, path);
    }
    if (rc < 0) {
        nx__reader_free(r);
        return rc;
    }
    *out = r;
    return NX_OK;
}

void nx__reader_free(nx__reader *r)
{
    if (!r)
        return;
    nx__lines_release(&r->lines);
    nx__compress_zfile_free(r->z);
    nx__json_free(r->json);
    for (size_t i = 0; i < NFIELDS; i++)
        free(r->names[i]);
    free(r->txt_id);
    nx__buf_release(&r->title);
    nx__html_page_release(&r->page);
    nx__warc_free(r->warc);
    free(r);
}

bool nx__reader_by_offset(const nx__reader *r)
{
    return r->kind == K_WARC;
}

unsigned long nx__reader_line(const nx__reader *r)
{
    return r->line;
}

uint64_t nx__reader_offset(const nx__reader *r)
{
    return nx__compress_zfile_offset(r->z);
}

uint64_t nx__reader_ignored(const nx__reader *r)
{
    if (!r->warc)
        return 0;
    const nx__warc_stats *s = nx__warc_stats_get(r->warc);
    return s->not_response + s->not_html + s->not_ok;
}

uint64_t nx__reader_bytes(const nx__reader *r)
{
    return r->lines.bytes;
}
