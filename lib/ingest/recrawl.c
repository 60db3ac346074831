/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ingest/recrawl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/hash.h"
#include "newsidx.h"

struct nx__capture {
    uint64_t id;   /* hash of the article id */
    uint64_t when; /* YYYYMMDDhhmmss as a number; 0 when unknown */
    uint64_t place;
};

void nx__recrawl_init(nx__recrawl *c)
{
    nx__buf_init(&c->all);
    nx__u64set_init(&c->superseded);
}

void nx__recrawl_release(nx__recrawl *c)
{
    nx__buf_release(&c->all);
    nx__u64set_release(&c->superseded);
}

/* "2031-02-01T10:00:00Z" -> 20310201100000: the first 14 digits, so that times compare as
 * numbers (fractions of a second, allowed by WARC 1.1, are left out). */
static uint64_t time_key(const char *s)
{
    uint64_t v = 0;
    int digits = 0;
    for (; s && *s && digits < 14; s++)
        if (isdigit((unsigned char)*s)) {
            v = v * 10 + (uint64_t)(*s - '0');
            digits++;
        }
    for (; digits < 14; digits++)
        v *= 10;
    return v;
}

static uint64_t id_hash(const char *id)
{
    return nx__hash_fnv1a(NX__FNV_INIT, id, strlen(id));
}

static uint64_t key(uint64_t id, uint64_t place)
{
    return nx__hash_mix64(id ^ nx__hash_mix64(place + 1));
}

int nx__recrawl_note(nx__recrawl *c, const char *id, const char *captured, uint64_t place)
{
    struct nx__capture one = {id_hash(id), time_key(captured), place};
    return nx__buf_append(&c->all, &one, sizeof one);
}

static int by_id_time_place(const void *a, const void *b)
{
    const struct nx__capture *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

int nx__recrawl_settle(nx__recrawl *c)
{
    struct nx__capture *all = (struct nx__capture *)(void *)c->all.data;
    size_t n = c->all.len / sizeof *all;
    if (n > 1)
        qsort(all, n, sizeof *all, by_id_time_place);
    int rc = NX_OK;
    /* Sorted, each capture but the last of its id is superseded. */
    for (size_t i = 0; rc == NX_OK && i + 1 < n; i++)
        if (all[i].id == all[i + 1].id)
            rc = nx__u64set_add(&c->superseded, key(all[i].id, all[i].place));
    nx__buf_release(&c->all);
    return rc;
}

bool nx__recrawl_superseded(const nx__recrawl *c, const char *id, uint64_t place)
{
    return nx__u64set_size(&c->superseded) > 0 &&
           nx__u64set_has(&c->superseded, key(id_hash(id), place));
}
