/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "search.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"

void nxc_search_init(nxc_search *s, const char **actors, const char **topics)
{
    memset(s, 0, sizeof *s);
    s->actors = actors;
    s->topics = topics;
    s->sort = NX_SORT_RELEVANCE;
    s->limit = 10;
    s->per_article = 3; /* the best depth held out (docs/ranking.md, "Collapsing") */
}

static bool number(size_t *out, const char *name, const char *value, size_t min, char *why,
                   size_t why_size)
{
    if (nxc_parse_size(value, out) && *out >= min)
        return true;
    snprintf(why, why_size, "invalid %s '%s': expected a %s number", name, value,
             min > 0 ? "positive" : "non-negative");
    return false;
}

/* since (end false) or until (end true): checked here, as the library reads it. */
static bool date(const char **out, char day[11], const char *name, const char *value, bool end,
                 char *why, size_t why_size)
{
    if (nx_date_parse(day, value, end) == NX_OK) {
        *out = value;
        return true;
    }
    snprintf(why, why_size,
             "invalid %s '%s': expected a date that exists, as YYYY-MM-DD, YYYY-MM or YYYY", name,
             value);
    return false;
}

static bool duplicates(bool *show, const char *name, const char *value, char *why, size_t why_size)
{
    if (strcmp(value, "collapse") != 0 && strcmp(value, "show") != 0) {
        snprintf(why, why_size, "invalid %s '%s': expected collapse or show", name, value);
        return false;
    }
    *show = strcmp(value, "show") == 0;
    return true;
}

static bool sort(int *out, const char *name, const char *value, char *why, size_t why_size)
{
    if (strcmp(value, "relevance") == 0)
        *out = NX_SORT_RELEVANCE;
    else if (strcmp(value, "date") == 0)
        *out = NX_SORT_DATE;
    else {
        snprintf(why, why_size, "invalid %s '%s': expected relevance or date", name, value);
        return false;
    }
    return true;
}

const char *nxc_search_period_name(nx_facet period)
{
    return period == NX_FACET_DAY ? "day" : period == NX_FACET_WEEK ? "week" : "month";
}

static bool period(nx_facet *out, const char *name, const char *value, char *why, size_t why_size)
{
    static const nx_facet all[] = {NX_FACET_MONTH, NX_FACET_WEEK, NX_FACET_DAY};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (!value || strcmp(value, nxc_search_period_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    snprintf(why, why_size, "invalid %s '%s': expected day, week or month", name, value);
    return false;
}

bool nxc_search_set(nxc_search *s, enum nxc_search_key key, const char *name, const char *value,
                    char *why, size_t why_size)
{
    switch (key) {
    case NXC_SEARCH_ACTOR:
        s->actors[s->n_actors++] = value;
        return true;
    case NXC_SEARCH_TOPIC:
        s->topics[s->n_topics++] = value;
        return true;
    case NXC_SEARCH_SOURCE:
        s->source = value;
        return true;
    case NXC_SEARCH_SINCE:
        return date(&s->since, s->since_day, name, value, false, why, why_size);
    case NXC_SEARCH_UNTIL:
        return date(&s->until, s->until_day, name, value, true, why, why_size);
    case NXC_SEARCH_SORT:
        return sort(&s->sort, name, value, why, why_size);
    case NXC_SEARCH_LIMIT:
        return number(&s->limit, name, value, 1, why, why_size);
    case NXC_SEARCH_OFFSET:
        return number(&s->offset, name, value, 0, why, why_size);
    case NXC_SEARCH_PER_ARTICLE:
        return number(&s->per_article, name, value, 1, why, why_size);
    case NXC_SEARCH_TIMELINE:
        return period(&s->timeline, name, value, why, why_size);
    case NXC_SEARCH_DUPLICATES:
        return duplicates(&s->show_duplicates, name, value, why, why_size);
    }
    snprintf(why, why_size, "unknown search option %s", name);
    return false;
}

bool nxc_search_check(const nxc_search *s, const char *since_name, const char *until_name,
                      char *why, size_t why_size)
{
    if (s->since && s->until && strcmp(s->since_day, s->until_day) > 0) {
        snprintf(why, why_size, "%s %s is after %s %s", since_name, s->since, until_name, s->until);
        return false;
    }
    return true;
}

void nxc_search_opts(nx_search_opts *out, const nxc_search *s)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;

    so.query = s->query;
    so.actors = s->actors;
    so.n_actors = s->n_actors;
    so.topics = s->topics;
    so.n_topics = s->n_topics;
    so.since = s->since;
    so.until = s->until;
    so.source = s->source;
    so.sort = s->sort;
    so.offset = s->offset;
    so.limit = s->limit;
    so.per_article = s->per_article;
    so.flags = NX_SEARCH_BODY_TO_PASSAGE | (s->facets ? NX_SEARCH_FACETS : 0u) |
               (s->explain ? NX_SEARCH_EXPLAIN : 0u) | (s->exact ? NX_SEARCH_EXACT : 0u) |
               (s->no_feedback ? NX_SEARCH_NO_FEEDBACK : 0u) |
               (s->facet_passages ? NX_SEARCH_FACET_PASSAGES : 0u) |
               (s->fix_typos ? NX_SEARCH_FIX_TYPOS : NX_SEARCH_TYPOS) |
               (s->passage_only ? NX_SEARCH_PASSAGE_ONLY : 0u) |
               (s->show_duplicates ? NX_SEARCH_DUPLICATES : 0u) |
               /* exact: the periods add up to the articles that match */
               (s->timeline ? NX_SEARCH_TIMELINE | NX_SEARCH_EXACT : 0u);
    *out = so;
}
