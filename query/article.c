/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-query --article ID: one stored article, the text its passage offsets refer to. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "output.h"

/* "label: value" when there is a value; control characters print as '?'. */
static void line(FILE *f, const char *label, const char *value)
{
    if (!value)
        return;
    fputs(label, f);
    nxc_puts_safe(f, value);
    fputc('\n', f);
}

static void text_article(FILE *f, const nx_article *a)
{
    line(f, "", a->title ? a->title : "(no title)");
    line(f, "id: ", a->id);
    line(f, "date: ", a->date);
    line(f, "source: ", a->source);
    line(f, "url: ", a->url);
    /* The body line by line: its line ends are kept, other control characters are not. */
    const char *s = a->body, *end = a->body + a->body_len;
    while (s <= end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        fputc('\n', f);
        nxc_write_safe(f, s, n);
        s += n + 1;
    }
    fputc('\n', f);
}

static void json_article(const nx_article *a)
{
    nxc_json j;
    nxc_json_init(&j, stdout);
    nxc_json_article(&j, a);
}

int print_article(nx_db *db, const char *id, bool json)
{
    nx_article *a;
    int rc = nx_db_get(&a, db, id);
    if (rc == NX_ENOTFOUND) {
        nxc_error("article '%s' not found", id);
        return 1;
    }
    if (rc < 0) {
        nxc_error("%s", nx_error_last()->message);
        return 1;
    }
    if (json)
        json_article(a);
    else
        text_article(stdout, a);
    nx_free(a);
    return 0;
}
