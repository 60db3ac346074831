/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "output.h"

static void duplicates(nxc_json *j, bool stories)
{
    nxc_json_kv_string(j, "duplicates", stories ? "counted once" : "counted each");
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
               bool passages_unit, bool stories)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", facets ? "facets" : "count");
    nxc_json_kv_uint(j, "articles", articles);
    nxc_json_kv_uint(j, "passages", passages);
    duplicates(j, stories);
    if (facets) {
        nxc_json_kv_string(j, "unit", passages_unit ? "passages" : "articles");
        nxc_json_facets(j, r);
    }
    nxc_json_end_object(j);
}

void json_timeline(nxc_json *j, const nx_results *r, nx_facet period, uint64_t articles,
                   bool stories)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", "timeline");
    duplicates(j, stories);
    nxc_json_timeline(j, r, period, articles);
    nxc_json_end_object(j);
}
