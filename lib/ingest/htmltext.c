/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The article text of a page: a fixed heuristic, not a learned one. Boilerplate elements go
 * first (by tag, then by the words of their class, id, role and aria-label), then the article
 * element is chosen (<article>, [itemprop=articleBody], <main>, else the element whose
 * paragraphs hold the most text that is not link text) and its text is laid out as paragraphs.
 */
#include "ingest/htmltext.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "newsidx.h"

static const char *const drop_tags[] = {
    "script", "style",    "noscript", "nav",    "header",     "footer", "aside",  "form",  "iframe",
    "button", "svg",      "template", "select", "figcaption", "dialog", "object", "embed", "canvas",
    "input",  "textarea", "menu",     "label",  "video",      "audio",  "head",   "title",
};
/* Where a <time> is a dateline, not part of a sentence. */
static const char *const frame_tags[] = {"body", "div", "section", "article", "main", "header"};
/* Words of a class, id or aria-label that mark boilerplate, matched as the start of a word
 * ("comment" covers "comments", "advert" "advertisement"). */
static const char *const drop_prefixes[] = {
    "cookie",  "consent",    "share",   "sharing",    "social",   "related", "comment", "promo",
    "advert",  "newsletter", "subscri", "breadcrumb", "menu",     "sponsor", "popup",   "outbrain",
    "taboola", "disqus",     "paywall", "recommend",  "trending", "byline",  "signup",
};
/* Whole words only: short ones that start many innocent words. */
static const char *const drop_words[] = {
    "ad",       "ads",  "banner",  "nav",  "navbar", "sidebar", "footer",   "header",
    "masthead", "gdpr", "toolbar", "more", "tags",   "author",  "dateline", "caption"};
static const char *const drop_roles[] = {"navigation",  "banner",  "complementary", "contentinfo",
                                         "search",      "menu",    "menubar",       "dialog",
                                         "alertdialog", "toolbar", "alert"};
/* Elements whose end ends a paragraph. */
static const char *const blocks[] = {
    "p",  "div", "section", "article", "main",    "h1", "h2", "h3",         "h4",  "h5",
    "h6", "li",  "ul",      "ol",      "dl",      "dt", "dd", "blockquote", "pre", "table",
    "tr", "td",  "th",      "figure",  "address", "br", "hr", "body",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static bool in_list(const char *s, size_t n, const char *const *list, size_t count, bool prefix)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(list[i]);
        if ((prefix ? n >= k : n == k) && !strncasecmp(s, list[i], k))
            return true;
    }
    return false;
}

static bool is_tag(const xmlNode *n, const char *const *list, size_t count)
{
    const char *name = (const char *)n->name;
    return n->type == XML_ELEMENT_NODE && in_list(name, strlen(name), list, count, false);
}

bool nx__htmltext_is(const struct _xmlNode *n, const char *tag)
{
    return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, tag);
}

const char *nx__htmltext_attr(const struct _xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcasecmp((const char *)a->name, name))
            return a->children && a->children->type == XML_TEXT_NODE
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

/* Does a word of s (words split at anything not a letter or digit) mark boilerplate? */
static bool boiler_words(const char *s)
{
    while (s && *s) {
        while (*s && !isalnum((unsigned char)*s))
            s++;
        size_t n = 0;
        while (isalnum((unsigned char)s[n]))
            n++;
        if (n && (in_list(s, n, drop_prefixes, COUNT(drop_prefixes), true) ||
                  in_list(s, n, drop_words, COUNT(drop_words), false)))
            return true;
        s += n;
    }
    return false;
}

static bool hidden(const xmlNode *n)
{
    const char *aria = nx__htmltext_attr(n, "aria-hidden"), *style = nx__htmltext_attr(n, "style");
    if (nx__htmltext_attr(n, "hidden") || (aria && !strcasecmp(aria, "true")))
        return true;
    if (!style)
        return false;
    char squeezed[128];
    size_t k = 0;
    for (; *style && k + 1 < sizeof squeezed; style++)
        if (!isspace((unsigned char)*style))
            squeezed[k++] = (char)tolower((unsigned char)*style);
    squeezed[k] = '\0';
    return strstr(squeezed, "display:none") != NULL;
}

static bool boilerplate(const xmlNode *n)
{
    if (is_tag(n, drop_tags, COUNT(drop_tags)) || hidden(n))
        return true;
    if (nx__htmltext_is(n, "time") && n->parent && is_tag(n->parent, frame_tags, COUNT(frame_tags)))
        return true;
    /* The page's frame is never boilerplate, whatever its classes say ("has-cookie-bar"). */
    if (nx__htmltext_is(n, "html") || nx__htmltext_is(n, "body") || nx__htmltext_is(n, "article") ||
        nx__htmltext_is(n, "main"))
        return false;
    const char *role = nx__htmltext_attr(n, "role");
    if (role && in_list(role, strlen(role), drop_roles, COUNT(drop_roles), false))
        return true;
    const char *prop = nx__htmltext_attr(n, "itemprop");
    if (prop && !strcasecmp(prop, "articleBody"))
        return false;
    return boiler_words(nx__htmltext_attr(n, "class")) ||
           boiler_words(nx__htmltext_attr(n, "id")) ||
           boiler_words(nx__htmltext_attr(n, "aria-label"));
}

static void prune(xmlNode *n, int depth)
{
    while (n) {
        xmlNode *next = n->next;
        if (n->type == XML_COMMENT_NODE || (n->type == XML_ELEMENT_NODE && boilerplate(n))) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (n->type == XML_ELEMENT_NODE && depth < 512) {
            prune(n->children, depth + 1);
        }
        n = next;
    }
}

/* ---- Choosing the article element ---------------------------------------------------- */

/* Bytes of text under n, and of that the part inside links. */
static void text_len(const xmlNode *n, bool in_link, size_t *all, size_t *links, int depth)
{
    for (; n && depth < 512; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            size_t k = strlen((const char *)n->content);
            *all += k;
            if (in_link)
                *links += k;
        } else if (n->type == XML_ELEMENT_NODE) {
            text_len(n->children, in_link || nx__htmltext_is(n, "a"), all, links, depth + 1);
        }
    }
}

/* Paragraph text of n's own <p> children, link text counted against it. */
static long paragraph_score(const xmlNode *n)
{
    long score = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!nx__htmltext_is(c, "p"))
            continue;
        size_t all = 0, links = 0;
        text_len(c->children, false, &all, &links, 0);
        score += (long)all - 2 * (long)links;
    }
    return score;
}

struct best {
    xmlNode *node;
    long score;
};

/* The element with the best paragraph score, and the best <article> by its text. */
static void scan(xmlNode *n, struct best *block, struct best *article, xmlNode **body_prop,
                 xmlNode **main, int depth)
{
    for (; n && depth < 512; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        long s = paragraph_score(n);
        if (s > block->score)
            *block = (struct best){n, s};
        const char *prop = nx__htmltext_attr(n, "itemprop");
        if (!*body_prop && prop && !strcasecmp(prop, "articleBody"))
            *body_prop = n;
        if (!*main && nx__htmltext_is(n, "main"))
            *main = n;
        if (nx__htmltext_is(n, "article")) {
            size_t all = 0, links = 0;
            text_len(n->children, false, &all, &links, 0);
            long t = (long)all - 2 * (long)links;
            if (!article->node || t > article->score)
                *article = (struct best){n, t};
        }
        scan(n->children, block, article, body_prop, main, depth + 1);
    }
}

static xmlNode *choose(xmlNode *root)
{
    struct best block = {NULL, 0}, article = {NULL, 0};
    xmlNode *body_prop = NULL, *main = NULL;
    scan(root, &block, &article, &body_prop, &main, 0);
    if (body_prop)
        return body_prop;
    if (article.node && article.score > 0)
        return article.node;
    if (main)
        return main;
    return block.node ? block.node : root;
}

/* ---- Laying out the text ---------------------------------------------------------------- */

struct layout {
    nx__buf *out;
    size_t para; /* where the current paragraph starts in out */
    const char *title;
    int rc;
};

/* Length of the white space at s (ASCII blanks and U+00A0), 0 if none. */
static size_t blank_at(const unsigned char *s)
{
    if (isspace(*s))
        return 1;
    return s[0] == 0xc2 && s[1] == 0xa0 ? 2 : 0;
}

/* Append text, each run of white space as one space, none at a paragraph's start. */
static void put_text(struct layout *l, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s && l->rc == NX_OK) {
        size_t b, n = 0;
        if ((b = blank_at(s)) > 0) {
            while ((b = blank_at(s)) > 0)
                s += b;
            if (l->out->len > l->para && l->out->data[l->out->len - 1] != ' ')
                l->rc = nx__buf_putc(l->out, ' ');
            continue;
        }
        while (s[n] && !blank_at(s + n))
            n++;
        l->rc = nx__buf_append(l->out, s, n);
        s += n;
    }
}

/* End the current paragraph: trimmed, or taken back when empty or (a heading) the title. */
static void end_paragraph(struct layout *l, bool heading)
{
    nx__buf *o = l->out;
    while (o->len > l->para && o->data[o->len - 1] == ' ')
        o->len--;
    size_t n = o->len - l->para;
    if (n > 0 && heading && l->title && n == strlen(l->title) &&
        !memcmp(o->data + l->para, l->title, n))
        o->len = l->para;
    if (o->data)
        o->data[o->len] = '\0';
    if (l->rc == NX_OK && o->len > l->para)
        l->rc = nx__buf_append(o, "\n\n", 2);
    l->para = o->len;
}

static void lay_out(struct layout *l, const xmlNode *n, int depth)
{
    for (; n && depth < 512 && l->rc == NX_OK; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text(l, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            bool block = is_tag(n, blocks, COUNT(blocks));
            if (block)
                end_paragraph(l, false);
            lay_out(l, n->children, depth + 1);
            if (block)
                end_paragraph(l, nx__htmltext_is(n, "h1"));
        }
    }
}

int nx__htmltext_text(nx__buf *out, struct _xmlNode *root, const char *title)
{
    prune(root->children, 0);
    xmlNode *top = choose(root);
    struct layout l = {out, out->len, title, NX_OK};
    lay_out(&l, top->children, 0);
    end_paragraph(&l, false);
    /* The last paragraph's separator. */
    if (out->len >= 2 && !memcmp(out->data + out->len - 2, "\n\n", 2))
        out->len -= 2;
    if (out->data)
        out->data[out->len] = '\0';
    return l.rc;
}
