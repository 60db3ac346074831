/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "result.h"

#include "search.h"

static void string_array(nxc_json *j, const char *key, const char *const *v, size_t n)
{
    nxc_json_key(j, key);
    nxc_json_begin_array(j);
    for (size_t i = 0; i < n; i++)
        nxc_json_string(j, v ? v[i] : NULL);
    nxc_json_end_array(j);
}

static void matches(nxc_json *j, const nx_hit *hit)
{
    nxc_json_key(j, "matches");
    nxc_json_begin_array(j);
    for (size_t i = 0; i < hit->n_matches; i++) {
        nxc_json_begin_array(j);
        nxc_json_uint(j, hit->matches[i].start);
        nxc_json_uint(j, hit->matches[i].end);
        nxc_json_end_array(j);
    }
    nxc_json_end_array(j);
}

/* The article's fields, the same in a result and in an article. */
static void article_fields(nxc_json *j, const char *id, const char *title, const char *date,
                           const char *source, const char *url)
{
    nxc_json_kv_string(j, "article_id", id);
    nxc_json_kv_string(j, "title", title);
    nxc_json_kv_string(j, "date", date);
    nxc_json_kv_string(j, "source", source);
    nxc_json_kv_string(j, "url", url);
}

void nxc_json_hit(nxc_json *j, const nx_hit *hit, size_t rank)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", "result");
    nxc_json_kv_uint(j, "rank", rank);
    article_fields(j, hit->article_id, hit->title, hit->date, hit->source, hit->url);
    nxc_json_key(j, "passage");
    if (hit->body && hit->start <= hit->end && hit->end <= hit->body_len)
        nxc_json_string_n(j, hit->body + hit->start, hit->end - hit->start);
    else
        nxc_json_null(j);
    nxc_json_kv_uint(j, "start", hit->start);
    nxc_json_kv_uint(j, "end", hit->end);
    nxc_json_kv_uint(j, "passage_end", hit->passage_end);
    matches(j, hit);
    nxc_json_kv_string(j, "offsets", "body");
    nxc_json_kv_double(j, "score", hit->score);
    string_array(j, "actors", hit->actors, hit->n_actors);
    string_array(j, "actor_spellings", hit->actor_spellings, hit->n_actors);
    string_array(j, "topics", hit->topics, hit->n_topics);
    string_array(j, "speakers", hit->speakers, hit->n_speakers);
    string_array(j, "said", hit->said, hit->n_said);
    if (hit->explain)
        nxc_json_kv_string(j, "explain", hit->explain);
    nxc_json_kv_string(j, "story", hit->story);
    nxc_json_kv_string(j, "cluster", hit->cluster);
    nxc_json_key(j, "also_in");
    nxc_json_begin_array(j);
    for (size_t i = 0; i < hit->n_also_in; i++) {
        const nx_copy *c = &hit->also_in[i];
        nxc_json_begin_object(j);
        article_fields(j, c->article_id, c->title, c->date, c->source, c->url);
        nxc_json_end_object(j);
    }
    nxc_json_end_array(j);
    nxc_json_end_object(j);
}

static const char *const facet_names[] = {"actor", "topic", "source", "month", "said"};

uint64_t nxc_json_facet_values(nxc_json *j, const nx_results *r, nx_facet which,
                               const char *name_key)
{
    size_t n = nx_results_facet_count(r, which);
    uint64_t sum = 0;

    nxc_json_begin_array(j);
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL;
        uint64_t count = 0;
        if (nx_results_facet(&name, &count, r, which, i) < 0)
            continue;
        sum += count;
        nxc_json_begin_object(j);
        nxc_json_kv_string(j, name_key, name);
        nxc_json_kv_uint(j, "count", count);
        nxc_json_end_object(j);
    }
    nxc_json_end_array(j);
    return sum;
}

static void facet(nxc_json *j, const nx_results *r, nx_facet which)
{
    nxc_json_key(j, facet_names[which]);
    nxc_json_facet_values(j, r, which, "name");
}

void nxc_json_facets(nxc_json *j, const nx_results *r)
{
    nxc_json_key(j, "facets");
    nxc_json_begin_object(j);
    for (nx_facet which = NX_FACET_ACTOR; which <= NX_FACET_SAID; which++)
        facet(j, r, which);
    nxc_json_end_object(j);
}

void nxc_json_article(nxc_json *j, const nx_article *a)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", "article");
    article_fields(j, a->id, a->title, a->date, a->source, a->url);
    nxc_json_key(j, "body");
    nxc_json_string_n(j, a->body, a->body_len);
    nxc_json_end_object(j);
}

void nxc_json_timeline(nxc_json *j, const nx_results *r, nx_facet period, uint64_t articles)
{
    nxc_json_kv_string(j, "period", nxc_search_period_name(period));
    nxc_json_kv_uint(j, "articles", articles);
    nxc_json_key(j, "counts");
    uint64_t dated = nxc_json_facet_values(j, r, period, "period");
    nxc_json_kv_uint(j, "dated", dated);
    nxc_json_kv_uint(j, "undated", articles > dated ? articles - dated : 0);
}
