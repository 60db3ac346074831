/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_HTML_H
#define NX_HTML_H

#include <stddef.h>

#include "util/buf.h"

/*
 * One news page from HTML: its metadata and the article text, with navigation, banners,
 * share buttons, related lists, comments, ads and the like left out. Everything libxml2 is
 * here; no other module includes it.
 */
typedef struct nx__page {
    char *title, *date, *source, *url; /* NUL-terminated UTF-8, NULL when absent; date is
                                        * YYYY-MM-DD */
    nx__buf body;                      /* paragraphs separated by "\n\n" */
} nx__page;

void nx__html_page_init(nx__page *p);
/* Free the strings and empty the body (the page can be filled again). */
void nx__html_page_clear(nx__page *p);
void nx__html_page_release(nx__page *p);

/*
 * Fill `p` from html[0..len). `charset` (may be NULL) is the encoding a transport declared (an
 * HTTP Content-Type); without it the page's own <meta charset> counts, then UTF-8. `url` (may
 * be NULL) is where the page came from: the URL when the page names none, and its host the
 * source when the page names no site. NX_EINPUT with a message when the page has no text;
 * NX_ENOMEM.
 */
int nx__html_extract(nx__page *p, const char *html, size_t len, const char *charset,
                     const char *url);

/* The day of a date or timestamp ("2031-03-05", "2031-03-05T10:00:00Z"; nx__date_stamp), after
 * leading blanks, malloc'ed; NULL when there is none. */
char *nx__html_day(const char *s);

/* True when text starts (after a BOM and blanks) with "<!doctype html" or "<html". */
int nx__html_sniff(const char *text, size_t len);

#endif
