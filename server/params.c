/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: a search request's parameters, checked and set by the command line's rules. */
#include <string.h>

#include "search.h"
#include "serve.h"

/* A search parameter that takes a value, and the shared option it sets. */
static const struct {
    const char *name;
    enum nxc_search_key key;
} valued[] = {
    {"actor", NXC_SEARCH_ACTOR},
    {"topic", NXC_SEARCH_TOPIC},
    {"since", NXC_SEARCH_SINCE},
    {"until", NXC_SEARCH_UNTIL},
    {"source", NXC_SEARCH_SOURCE},
    {"sort", NXC_SEARCH_SORT},
    {"limit", NXC_SEARCH_LIMIT},
    {"offset", NXC_SEARCH_OFFSET},
    {"per_article", NXC_SEARCH_PER_ARTICLE},
    {"timeline", NXC_SEARCH_TIMELINE},
    {"duplicates", NXC_SEARCH_DUPLICATES},
};

/* "facets", "facets=1", "facets=true"; "0" and "false" are off. */
static bool flag(bool *out, const char *value)
{
    if (!value || strcmp(value, "1") == 0 || strcmp(value, "true") == 0)
        *out = true;
    else if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0)
        *out = false;
    else
        return false;
    return true;
}

static bool *flag_of(nxc_search *s, const char *name)
{
    if (strcmp(name, "facets") == 0)
        return &s->facets;
    if (strcmp(name, "explain") == 0)
        return &s->explain;
    if (strcmp(name, "passage_only") == 0)
        return &s->passage_only;
    if (strcmp(name, "no_feedback") == 0)
        return &s->no_feedback;
    if (strcmp(name, "fix_typos") == 0)
        return &s->fix_typos;
    return NULL;
}

/* One parameter into s: true, or false with the error answered. */
static bool param(struct nxs_reply *rp, nxc_search *s, const struct nxs_param *p)
{
    char why[512];
    bool *f = flag_of(s, p->name);

    if (f) {
        if (flag(f, p->value))
            return true;
        return !nxs_reply_error(rp, 400, "EINVAL", "invalid %s '%s': expected 1, true, 0 or false",
                                p->name, p->value);
    }
    if (strcmp(p->name, "q") == 0) {
        if (p->value && strlen(p->value) > NXS_MAX_QUERY_BYTES)
            return !nxs_reply_error(rp, 414, "ELIMIT", "q is longer than %zu bytes",
                                    NXS_MAX_QUERY_BYTES);
        s->query = p->value;
        return true;
    }
    for (size_t i = 0; i < sizeof valued / sizeof *valued; i++) {
        if (strcmp(p->name, valued[i].name) != 0)
            continue;
        if (!p->value && valued[i].key != NXC_SEARCH_TIMELINE) /* timeline alone: by month */
            return !nxs_reply_error(rp, 400, "EINVAL", "%s needs a value", p->name);
        if (nxc_search_set(s, valued[i].key, p->name, p->value, why, sizeof why))
            return true;
        return !nxs_reply_error(rp, 400, "EINVAL", "%s", why);
    }
    return !nxs_reply_error(rp, 400, "EINVAL", "unknown parameter '%s'", p->name);
}

bool nxs_search_params(struct nxs_reply *rp, nxc_search *s, const struct nxs_param *p, size_t n)
{
    char why[512];

    for (size_t i = 0; i < n; i++)
        if (!param(rp, s, &p[i]))
            return false;
    if (!nxc_search_check(s, "since", "until", why, sizeof why))
        return !nxs_reply_error(rp, 400, "EINVAL", "%s", why);
    if (s->limit > NXS_MAX_LIMIT)
        return !nxs_reply_error(rp, 400, "ELIMIT", "limit %zu is over %zu", s->limit,
                                NXS_MAX_LIMIT);
    return true;
}
