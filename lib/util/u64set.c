/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/u64set.h"

#include <stdlib.h>

#include "util/error.h"
#include "util/hash.h"
#include "newsidx.h"

void nx__u64set_init(nx__u64set *s)
{
    s->slots = NULL;
    s->cap = 0;
    s->n = 0;
    s->has_zero = false;
}

void nx__u64set_release(nx__u64set *s)
{
    free(s->slots);
    nx__u64set_init(s);
}

/* Slot 0 marks an empty slot, so the value 0 is kept aside in has_zero. */
static size_t find(const uint64_t *slots, size_t cap, uint64_t v)
{
    size_t i = (size_t)nx__hash_mix64(v) & (cap - 1);
    while (slots[i] != 0 && slots[i] != v)
        i = (i + 1) & (cap - 1);
    return i;
}

static int grow(nx__u64set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return nx__error_set(NX_ENOMEM, "out of memory");
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            slots[find(slots, cap, s->slots[i])] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return NX_OK;
}

int nx__u64set_add(nx__u64set *s, uint64_t v)
{
    if (v == 0) {
        s->has_zero = true;
        return NX_OK;
    }
    if ((s->n + 1) * 4 > s->cap * 3) {
        int rc = grow(s);
        if (rc < 0)
            return rc;
    }
    size_t i = find(s->slots, s->cap, v);
    if (s->slots[i] == 0) {
        s->slots[i] = v;
        s->n++;
    }
    return NX_OK;
}

bool nx__u64set_has(const nx__u64set *s, uint64_t v)
{
    if (v == 0)
        return s->has_zero;
    return s->cap && s->slots[find(s->slots, s->cap, v)] == v;
}

size_t nx__u64set_size(const nx__u64set *s)
{
    return s->n + (s->has_zero ? 1 : 0);
}

void nx__u64set_each(const nx__u64set *s, void (*fn)(uint64_t v, void *payload), void *payload)
{
    if (s->has_zero)
        fn(0, payload);
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            fn(s->slots[i], payload);
}
