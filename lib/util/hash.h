/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_HASH_H
#define NX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define NX__FNV_INIT 0xcbf29ce484222325ULL

/* 64-bit FNV-1a, continuing from h (start with NX__FNV_INIT). For ids and content hashes, not
 * for anything adversarial. */
uint64_t nx__hash_fnv1a(uint64_t h, const void *data, size_t len);
/* A well-mixed 64-bit value from h (splitmix64 finaliser), for sketches and hash tables. */
uint64_t nx__hash_mix64(uint64_t h);
/* 16 lower-case hex digits and a NUL into out[17]. */
void nx__hash_hex64(uint64_t v, char out[17]);

#endif
