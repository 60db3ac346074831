#include "output.h"

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

void json_hit(nxc_json *j, const nx_hit *hit, size_t rank)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", "result");
    nxc_json_kv_uint(j, "rank", rank);
    nxc_json_kv_string(j, "article_id", hit->article_id);
    nxc_json_kv_string(j, "title", hit->title);
    nxc_json_kv_string(j, "date", hit->date);
    nxc_json_kv_string(j, "source", hit->source);
    nxc_json_kv_string(j, "url", hit->url);
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
    nxc_json_end_object(j);
}

static const char *const facet_names[] = {"actor", "topic", "source", "month", "said"};

/* The values of facet `which` as an array of {name_key, "count"}; the sum of the counts. */
static uint64_t facet_values(nxc_json *j, const nx_results *r, nx_facet which, const char *name_key)
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
    facet_values(j, r, which, "name");
}

void json_timeline(nxc_json *j, const nx_results *r, nx_facet period, uint64_t articles)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", "timeline");
    nxc_json_kv_string(j, "period", period_name(period));
    nxc_json_kv_uint(j, "articles", articles);
    nxc_json_key(j, "counts");
    uint64_t dated = facet_values(j, r, period, "period");
    nxc_json_kv_uint(j, "dated", dated);
    nxc_json_kv_uint(j, "undated", articles > dated ? articles - dated : 0);
    nxc_json_end_object(j);
}

void json_total(nxc_json *j, const struct total *t)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", "summary");
    nxc_json_kv_uint(j, "articles", t->articles);
    nxc_json_key(j, "exact");
    nxc_json_bool(j, t->lo == t->hi);
    nxc_json_kv_uint(j, "articles_min", t->lo);
    nxc_json_kv_uint(j, "articles_max", t->hi);
    nxc_json_kv_uint(j, "passages", t->passages);
    nxc_json_kv_uint(j, "first", t->last >= t->first ? t->first : 0);
    nxc_json_kv_uint(j, "last", t->last >= t->first ? t->last : 0);
    nxc_json_key(j, "suggestions");
    nxc_json_begin_array(j);
    if (t->suggestion)
        nxc_json_string(j, t->suggestion);
    nxc_json_end_array(j);
    nxc_json_key(j, "corrected");
    nxc_json_bool(j, t->suggestion && t->corrected);
    nxc_json_key(j, "not_in_lexicon");
    nxc_json_begin_array(j);
    for (size_t i = 0; i < nx_results_person_count(t->r); i++)
        nxc_json_string(j, nx_results_person(t->r, i));
    nxc_json_end_array(j);
    nxc_json_end_object(j);
}

void json_tail(nxc_json *j, const nx_results *r, uint64_t articles, uint64_t passages, bool facets,
               bool passages_unit)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", facets ? "facets" : "count");
    nxc_json_kv_uint(j, "articles", articles);
    nxc_json_kv_uint(j, "passages", passages);
    if (facets) {
        nxc_json_kv_string(j, "unit", passages_unit ? "passages" : "articles");
        nxc_json_key(j, "facets");
        nxc_json_begin_object(j);
        for (nx_facet which = NX_FACET_ACTOR; which <= NX_FACET_SAID; which++)
            facet(j, r, which);
        nxc_json_end_object(j);
    }
    nxc_json_end_object(j);
}
