/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_HTMLTEXT_H
#define NX_HTMLTEXT_H

#include <stdbool.h>

#include "util/buf.h"

/* The article text of a parsed page: private to the HTML module (html.c, htmltext.c). */
struct _xmlNode;

/* Is n an element named tag (any case)? */
bool nx__htmltext_is(const struct _xmlNode *n, const char *tag);
/* The value of n's attribute `name` ("" when it has none), or NULL when absent. */
const char *nx__htmltext_attr(const struct _xmlNode *n, const char *name);

/*
 * Remove the boilerplate elements under `root` (by tag, and by class, id, role and aria-label
 * words), pick the element holding the article and append its text to out: paragraphs separated
 * by "\n\n", white space collapsed. A heading equal to `title` (may be NULL) is left out.
 */
int nx__htmltext_text(nx__buf *out, struct _xmlNode *root, const char *title);

#endif
