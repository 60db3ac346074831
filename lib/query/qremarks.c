/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The boost of an asked-for actor's own words. */
#include "query/qremarks.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "store/schema.h"

static size_t count_lines(const nx__buf *list)
{
    size_t n = 0, at = 0, len;
    const char *line;
    while (nx__buf_next_line(list, &at, &line, &len))
        n++;
    return n;
}

struct nx__xq *nx__qremarks_boost(struct nx__qb *b)
{
    if (b->rc < 0 || b->remarks.len == 0)
        return NULL;
    const nx__buf *terms = &b->p->terms;
    struct nx__xq **words = calloc(count_lines(terms) + 1, sizeof *words);
    struct nx__xq **said = calloc(count_lines(&b->remarks) + 1, sizeof *said);
    if (!words || !said) {
        free(words);
        free(said);
        return nx__qwords_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    }
    /* The query's words and topics: leaves of their own, not noted again. */
    size_t n_words = 0, n_said = 0, at = 0, len;
    const char *line;
    int saved = b->negated;
    b->negated = 1;
    while (nx__buf_next_line(terms, &at, &line, &len))
        if (nx__qplan_topical(line, len))
            words[n_words++] = nx__qwords_term(b, "", line, len, 0);
    b->negated = saved;
    struct nx__xq *about = nx__qwords_combine(b, NX__XQ_OR, words, n_words, 0);
    /* Each actor's remarks term (recorded once each), noted for --explain. */
    for (at = 0; nx__buf_next_line(&b->remarks, &at, &line, &len);)
        said[n_said++] = nx__qwords_term(b, NX__P_REMARKS, line, len, 0);
    struct nx__xq *r =
        nx__qwords_scale(b, nx__qwords_combine(b, NX__XQ_OR, said, n_said, 0), NX_REMARKS_WEIGHT);
    return nx__qwords_pair(b, NX__XQ_FILTER, r, about);
}
