/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_PASSAGE_H
#define NX_PASSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Splitting an article body into passages, the unit of retrieval. A paragraph is the text
 * between blank lines (trimmed). Paragraphs of up to NX__PASSAGE_MAX_WORDS words are one passage
 * each; longer ones are cut at sentence ends into windows of similar size; a sentence that alone
 * is too long is cut at a word boundary. A paragraph of fewer than NX__PASSAGE_MIN_WORDS words
 * is merged with the next one (or the previous, at the end) when the two fit in one passage.
 * No passage is longer than NX__PASSAGE_MAX_BYTES bytes. Paragraphs the caller's `drop` says
 * are boilerplate are left out (they are never merged into a passage).
 */

enum {
    NX__PASSAGE_MAX_WORDS = 120,
    NX__PASSAGE_MIN_WORDS = 12,
    NX__PASSAGE_MAX_BYTES = 1800,
    NX__PASSAGE_VERSION = 1 /* bump when the split changes: articles are then re-indexed */
};

typedef struct nx__passage {
    size_t start, end; /* body[start:end] */
} nx__passage;

/* Paragraph hash used for boilerplate detection: whitespace runs collapsed, ASCII lower-cased. */
uint64_t nx__passage_para_hash(const char *s, size_t len);

/* Call fn for each paragraph [start, end) of body (trimmed; empty ones skipped). */
typedef void (*nx__para_fn)(const char *body, size_t start, size_t end, void *payload);
void nx__passage_paragraphs(const char *body, size_t len, nx__para_fn fn, void *payload);

/* Return true to leave the paragraph with this hash out. */
typedef bool (*nx__drop_fn)(uint64_t para_hash, void *payload);

/*
 * Split body into passages: *out (free() it) holds *n passages in order. `drop` may be NULL;
 * *dropped (may be NULL) counts paragraphs left out. NX_ENOMEM only.
 */
int nx__passage_split(nx__passage **out, size_t *n, const char *body, size_t len, nx__drop_fn drop,
                      void *payload, size_t *dropped);

#endif
