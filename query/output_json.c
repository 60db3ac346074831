#include "output.h"

void json_tail(nxc_json *j, const nx_results *r, uint64_t articles, uint64_t passages, bool facets)
{
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", facets ? "facets" : "count");
    nxc_json_kv_uint(j, "articles", articles);
    nxc_json_kv_uint(j, "passages", passages);
    if (facets)
        nxc_json_facets(j, r);
    nxc_json_end_object(j);
}
