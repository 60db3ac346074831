/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_BOILER_H
#define NX_BOILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/*
 * Boilerplate detection from the archive itself: a paragraph (see nx__passage_para_hash) that
 * occurs in at least `threshold` distinct article bodies is boilerplate ("Sign up to ...", "###",
 * signatures). Counting uses fixed memory whatever the archive size: a count-min sketch for
 * paragraphs and a Bloom filter so that identical bodies (copies, re-sends) count once. Both
 * can only over-count paragraphs by collisions, which the sketch's size makes rare. Hashes found
 * are kept as "known" and stored in the index, so later incremental runs drop them too.
 */

enum { NX__BOILER_THRESHOLD = 8 };

typedef struct nx__boiler nx__boiler;

int nx__boiler_new(nx__boiler **out, unsigned int threshold);
void nx__boiler_free(nx__boiler *b);
/* Count the paragraphs of one article body. */
int nx__boiler_observe(nx__boiler *b, const char *body, size_t len);
bool nx__boiler_is(const nx__boiler *b, uint64_t para_hash);
size_t nx__boiler_known(const nx__boiler *b);
/* Known hashes from / to the index's metadata (little-endian 64-bit values). Loading adds to
 * what is known; a blob whose length is not a multiple of 8 is NX_ECORRUPT. */
int nx__boiler_load(nx__boiler *b, const char *blob, size_t len);
int nx__boiler_save(const nx__boiler *b, nx__buf *out);

#endif
