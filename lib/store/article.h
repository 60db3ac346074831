/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_ARTICLE_H
#define NX_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "newsidx.h"
#include "util/buf.h"

/* The largest article body nx_db_put takes, in bytes; the readers' longest line too. */
enum { NX__ARTICLE_MAX = 16 * 1024 * 1024 };

/*
 * The stored form of an article, kept once per article in its first passage's data: a version
 * byte, the fields (each a varint of length + 1, 0 for an absent field, then the bytes), then
 * the CRC-32 of the fields (4 bytes, big-endian). The version is 3. The fields are not
 * compressed here: Xapian's glass backend deflates every document's data itself
 * (docs/architecture.md, "Index format"). Decoding
 * refuses any other version, and a checksum that does not match: a damaged article is
 * NX_ECORRUPT, never garbled text. `a` must have its id set and body_len filled in.
 */
int nx__article_encode(const nx_article *a, nx__buf *out);
/* Decode into one allocation (struct and strings) released with nx_free(). NX_ECORRUPT when the
 * blob is damaged. */
int nx__article_decode(nx_article **out, const char *blob, size_t len);
/* The same with the body cut to its first body_max bytes (body_len then tells how many there
 * are). */
int nx__article_decode_upto(nx_article **out, const char *blob, size_t len, size_t body_max);
/* Content hash of every field plus `salt` (lexicon id and passage split version): an unchanged
 * hash means re-indexing would write the same documents. */
uint64_t nx__article_hash(const nx_article *a, const char *salt);

#endif
