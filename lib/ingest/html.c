/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HTML pages: parsing with libxml2's HTML parser, metadata, then the article text. */
#include "ingest/html.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/date.h"
#include "util/error.h"
#include "ingest/htmltext.h"
#include "ingest/json.h"
#include "newsidx.h"
#include "text/utf8.h"

void nx__html_page_init(nx__page *p)
{
    memset(p, 0, sizeof *p);
    nx__buf_init(&p->body);
}

void nx__html_page_clear(nx__page *p)
{
    free(p->title);
    free(p->date);
    free(p->source);
    free(p->url);
    p->title = p->date = p->source = p->url = NULL;
    nx__buf_clear(&p->body);
}

void nx__html_page_release(nx__page *p)
{
    nx__html_page_clear(p);
    nx__buf_release(&p->body);
}

int nx__html_sniff(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    return (len - i >= 14 && !strncasecmp(text + i, "<!doctype html", 14)) ||
           (len - i >= 5 && !strncasecmp(text + i, "<html", 5));
}

/* What the page says about itself, found before any element is removed. */
struct meta {
    char *og_title, *title, *h1, *og_site, *canonical, *og_url;
    char *published, *time, *ld_date;
};

/* Keep the first value met for a field. */
static void keep(char **field, const char *value)
{
    if (!*field && value && *value)
        *field = strdup(value);
}

static void keep_text(char **field, xmlNode *n)
{
    if (*field)
        return;
    xmlChar *t = xmlNodeGetContent(n);
    keep(field, (const char *)t);
    xmlFree(t);
}

static void note_meta(struct meta *m, const xmlNode *n)
{
    const char *key = nx__htmltext_attr(n, "property");
    if (!key)
        key = nx__htmltext_attr(n, "name");
    const char *v = nx__htmltext_attr(n, "content");
    if (!key)
        return;
    if (!strcasecmp(key, "og:title"))
        keep(&m->og_title, v);
    else if (!strcasecmp(key, "og:site_name"))
        keep(&m->og_site, v);
    else if (!strcasecmp(key, "og:url"))
        keep(&m->og_url, v);
    else if (!strcasecmp(key, "article:published_time"))
        keep(&m->published, v);
}

static void note_link(struct meta *m, const xmlNode *n)
{
    const char *rel = nx__htmltext_attr(n, "rel");
    if (rel && !strcasecmp(rel, "canonical"))
        keep(&m->canonical, nx__htmltext_attr(n, "href"));
}

static void note_json_ld(struct meta *m, xmlNode *n)
{
    const char *type = nx__htmltext_attr(n, "type");
    if (m->ld_date || !type || strcasecmp(type, "application/ld+json"))
        return;
    xmlChar *t = xmlNodeGetContent(n);
    char date[64];
    if (t && nx__json_find_string((const char *)t, strlen((const char *)t), "datePublished", date,
                                  sizeof date))
        keep(&m->ld_date, date);
    xmlFree(t);
}

static void collect(struct meta *m, xmlNode *n, int depth)
{
    for (; n && depth < 256; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (nx__htmltext_is(n, "meta"))
            note_meta(m, n);
        else if (nx__htmltext_is(n, "link"))
            note_link(m, n);
        else if (nx__htmltext_is(n, "script"))
            note_json_ld(m, n);
        else if (nx__htmltext_is(n, "title"))
            keep_text(&m->title, n);
        else if (nx__htmltext_is(n, "h1"))
            keep_text(&m->h1, n);
        else if (nx__htmltext_is(n, "time"))
            keep(&m->time, nx__htmltext_attr(n, "datetime"));
        collect(m, n->children, depth + 1);
    }
}

/* A copy of s with white space runs (U+00A0 too, as in the body) made one space and trimmed,
 * or NULL when empty. */
static char *squeeze(const char *s)
{
    if (!s)
        return NULL;
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *s; s++) {
        bool nbsp = (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0;
        bool sp = isspace((unsigned char)*s) || nbsp;
        s += nbsp;
        if (sp && (o == out || o[-1] == ' '))
            continue;
        *o++ = sp ? ' ' : *s;
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = '\0';
    if (o == out) {
        free(out);
        return NULL;
    }
    return out;
}

char *nx__html_day(const char *s)
{
    while (s && isspace((unsigned char)*s))
        s++;
    return s && nx__date_stamp(s, strlen(s)) ? strndup(s, 10) : NULL;
}

/* The host of an absolute URL ("https://news.example/a" -> "news.example"), or NULL. */
static char *host_of(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    const char *at = p + strcspn(p, "/?#");
    const char *user = memchr(p, '@', (size_t)(at - p));
    if (user)
        p = user + 1;
    size_t n = strcspn(p, ":/?#");
    return n ? strndup(p, n) : NULL;
}

/*
 * libxml2's recovery can let invalid bytes through (seen with fuzzed pages): each becomes
 * U+FFFD, so that what leaves this module is always UTF-8. Cheap when all is valid.
 */
static int utf8_fix(nx__buf *b)
{
    size_t bad = nx__utf8_check(b->data ? b->data : "", b->len);
    if (bad == b->len)
        return NX_OK;
    nx__buf fixed = NX__BUF_INIT;
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < b->len;) {
        size_t ok = nx__utf8_check(b->data + i, b->len - i);
        rc = nx__buf_append(&fixed, b->data + i, ok);
        i += ok;
        if (rc == NX_OK && i < b->len) {
            rc = nx__buf_append(&fixed, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    if (rc == NX_OK) {
        nx__buf_release(b);
        *b = fixed;
    } else {
        nx__buf_release(&fixed);
    }
    return rc;
}

/* The same for a field: replaced by a fixed copy (NULL if memory runs out). */
static void utf8_fix_str(char **s)
{
    if (!*s)
        return;
    nx__buf b = NX__BUF_INIT;
    size_t n = strlen(*s);
    if (nx__utf8_check(*s, n) == n)
        return;
    if (nx__buf_append(&b, *s, n) == NX_OK && utf8_fix(&b) == NX_OK) {
        free(*s);
        *s = nx__buf_detach(&b);
        return;
    }
    nx__buf_release(&b);
    free(*s);
    *s = NULL;
}

static void fill(nx__page *p, const struct meta *m, const char *url)
{
    p->title = squeeze(m->og_title ? m->og_title : m->title ? m->title : m->h1);
    p->date = nx__html_day(m->published);
    if (!p->date)
        p->date = nx__html_day(m->time);
    if (!p->date)
        p->date = nx__html_day(m->ld_date);
    const char *page_url = m->canonical ? m->canonical : m->og_url ? m->og_url : url;
    p->url = squeeze(page_url);
    p->source = squeeze(m->og_site);
    if (!p->source)
        p->source = host_of(url ? url : p->url);
    char **fields[] = {&p->title, &p->date, &p->source, &p->url};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        utf8_fix_str(fields[i]);
}

static void meta_free(struct meta *m)
{
    char **all[] = {&m->og_title, &m->title,     &m->h1,   &m->og_site, &m->canonical,
                    &m->og_url,   &m->published, &m->time, &m->ld_date};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(*all[i]);
}

/* libxml2 2.9 wants its global state set up once, before threads use it. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

int nx__html_extract(nx__page *p, const char *html, size_t len, const char *charset,
                     const char *url)
{
    pthread_once(&xml_once, xmlInitParser);
    nx__html_page_clear(p);
    if (len > INT_MAX)
        return nx__error_set(NX_ELIMIT, "page larger than 2 GiB");
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_NOBLANKS;
    htmlDocPtr doc =
        htmlReadMemory(html, (int)len, url, charset && *charset ? charset : NULL, opts);
    if (!doc && charset) /* a charset libxml2 (iconv) does not know: let the page say */
        doc = htmlReadMemory(html, (int)len, url, NULL, opts);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return nx__error_set(NX_EINPUT, "not an HTML page");
    }
    struct meta m = {0};
    collect(&m, root, 0);
    fill(p, &m, url);
    meta_free(&m);
    int rc = nx__htmltext_text(&p->body, root, p->title);
    xmlFreeDoc(doc);
    if (rc == NX_OK)
        rc = utf8_fix(&p->body);
    if (rc == NX_OK && p->body.len == 0)
        rc = nx__error_set(NX_EINPUT, "no article text in the page");
    return rc;
}
