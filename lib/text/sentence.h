/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_SENTENCE_H
#define NX_SENTENCE_H

#include <stddef.h>

/*
 * Sentence boundaries, shared by the tokenizer (position gaps) and the passage splitter (where
 * long paragraphs may be cut). Returns the offset just past the end of the first sentence that
 * ends at or after `from`: past its final '.', '!', '?' or '…' and any closing quotes or
 * brackets that follow, before the whitespace. A paragraph break (a blank line) also ends a
 * sentence. Abbreviations (Mr., Dr., U.S., Jan., single initials) and decimals (3.5) do not end
 * one. Returns `len` when no further sentence end exists.
 */
size_t nx__sentence_next(const char *s, size_t len, size_t from);

#endif
