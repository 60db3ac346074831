/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_DUPKEY_H
#define NX_DUPKEY_H

/*
 * The keys that tell copies apart (docs/duplicates.md), computed at index time and stored as
 * values (schema.h): the story key of an article, the same for articles whose bodies are the
 * same text, and the text key of a passage, the same for passages with the same words. At
 * query time hits sharing a key are one hit (query/collapse.h).
 */

#include <stddef.h>
#include <stdint.h>

#include "text/tokenizer.h"

/* A passage shorter than this many words has a text key of its story's: a dateline or a "Read
 * more" line shared by two stories does not make them copies. */
enum { NX__DUPKEY_MIN_WORDS = 8 };
/* The bytes of a key as stored in a value; no key has a '\n' byte, nor is 0. */
enum { NX__DUPKEY_LEN = 8 };

/* The story key of an article: a hash of its body with case (ASCII), punctuation and spacing
 * ignored. A body with no letter or digit gets a key of its id instead, so that empty articles
 * are not all one story. */
uint64_t nx__dupkey_story(const char *body, size_t len, const char *id);
/* The text key of a passage from its tokens (their folded terms in order), and for a passage
 * shorter than NX__DUPKEY_MIN_WORDS from its article's story key too. Never 0. */
uint64_t nx__dupkey_passage(const nx__toklist *toks, uint64_t story);
/* The SimHash of an article's body for near copies (docs/duplicates.md): each bit the majority
 * vote of that bit of the hashes of its shingles of NX__DUPKEY_SHINGLE words (words as the
 * story key reads them, cut at 64 bytes). Bodies that share most of their shingles differ in
 * few bits. 0 for a body of fewer than NX__DUPKEY_NEAR_MIN_WORDS words: it has no near
 * copies (one word is too many of a short text's shingles: the price report of another market
 * or day is as near as a re-run; bench/nearcopy/README.md). */
enum { NX__DUPKEY_SHINGLE = 3, NX__DUPKEY_NEAR_MIN_WORDS = 60 };
uint64_t nx__dupkey_simhash(const char *body, size_t len);
/* The number of bits in which two SimHashes differ. */
unsigned int nx__dupkey_distance(uint64_t a, uint64_t b);
/* A key as the NX__DUPKEY_LEN bytes of a value (big-endian), and back (0: not a key). */
void nx__dupkey_encode(uint64_t key, char out[NX__DUPKEY_LEN]);
uint64_t nx__dupkey_decode(const char *v, size_t len);

#endif
