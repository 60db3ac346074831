/* The boost of an asked-for actor's own words (qwords.h: nx__qb_remarks, nx__qb_topical). */
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "query/qwords.h"
#include "store/schema.h"

bool nx__qb_prefixed(const char *t, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len > n && memcmp(t, prefix, n) == 0;
}

bool nx__qb_topical(const char *t, size_t len)
{
    return nx__qb_prefixed(t, len, NX__P_TOPIC) ||
           (nx__qb_prefixed(t, len, NX__P_STEM) && !nx__qb_prefixed(t, len, NX__P_TITLE_STEM));
}

static size_t count_lines(const nx__buf *list)
{
    size_t n = 0, at = 0, len;
    const char *line;
    while (nx__buf_next_line(list, &at, &line, &len))
        n++;
    return n;
}

struct nx__xq *nx__qb_remarks(struct nx__qb *b)
{
    if (b->rc < 0 || b->remarks.len == 0)
        return NULL;
    const nx__buf *terms = &b->p->terms;
    struct nx__xq **words =
        calloc(count_lines(terms) + count_lines(&b->p->about) + 1, sizeof *words);
    struct nx__xq **said = calloc(count_lines(&b->remarks) + 1, sizeof *said);
    if (!words || !said) {
        free(words);
        free(said);
        return nx__qb_fail(b, nx__error_set(NX_ENOMEM, "out of memory"));
    }
    /* The query's words and topics, and the topics its text names beside an actor: leaves of
     * their own, not noted again. */
    size_t n_words = 0, n_said = 0, at = 0, len;
    const char *line;
    int saved = b->negated;
    b->negated = 1;
    while (nx__buf_next_line(terms, &at, &line, &len))
        if (nx__qb_topical(line, len))
            words[n_words++] = nx__qb_term(b, "", line, len, 0);
    for (at = 0; nx__buf_next_line(&b->p->about, &at, &line, &len);)
        words[n_words++] = nx__qb_term(b, "", line, len, 0);
    b->negated = saved;
    struct nx__xq *about = nx__qb_combine(b, NX__XQ_OR, words, n_words, 0);
    /* Each actor's remarks term (recorded once each), noted for --explain. */
    for (at = 0; nx__buf_next_line(&b->remarks, &at, &line, &len);)
        said[n_said++] = nx__qb_term(b, NX__P_REMARKS, line, len, 0);
    struct nx__xq *r =
        nx__qb_scale(b, nx__qb_combine(b, NX__XQ_OR, said, n_said, 0), NX_REMARKS_WEIGHT);
    return nx__qb_pair(b, NX__XQ_FILTER, r, about);
}
