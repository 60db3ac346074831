/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qplan.h"

#include <string.h>

#include "store/schema.h"
#include "util/hash.h"

uint64_t nx__qplan_hl_key(char kind, const char *s, size_t len)
{
    return nx__hash_fnv1a(nx__hash_fnv1a(NX__FNV_INIT, &kind, 1), s, len);
}

bool nx__qplan_prefixed(const char *t, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len > n && memcmp(t, prefix, n) == 0;
}

bool nx__qplan_topical(const char *t, size_t len)
{
    return nx__qplan_prefixed(t, len, NX__P_TOPIC) ||
           (nx__qplan_prefixed(t, len, NX__P_STEM) &&
            !nx__qplan_prefixed(t, len, NX__P_TITLE_STEM));
}

void nx__qplan_release(nx__qplan *p)
{
    nx__xq_free(p->query);
    p->query = NULL;
    nx__u64set_release(&p->hl);
    nx__buf_release(&p->terms);
    nx__buf_release(&p->whole);
    nx__buf_release(&p->people);
}
