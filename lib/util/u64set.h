/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_U64SET_H
#define NX_U64SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A set of 64-bit hashes (open addressing). Zero is a valid member. */
typedef struct nx__u64set {
    uint64_t *slots;
    size_t cap, n;
    bool has_zero;
} nx__u64set;

void nx__u64set_init(nx__u64set *s);
void nx__u64set_release(nx__u64set *s);
/* NX_OK (added or already present) or NX_ENOMEM. */
int nx__u64set_add(nx__u64set *s, uint64_t v);
bool nx__u64set_has(const nx__u64set *s, uint64_t v);
size_t nx__u64set_size(const nx__u64set *s);
/* Call fn for each member, in no particular order. */
void nx__u64set_each(const nx__u64set *s, void (*fn)(uint64_t v, void *payload), void *payload);

#endif
