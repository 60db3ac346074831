/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_EDITDIST_H
#define NX_EDITDIST_H

#include <stddef.h>

/* Words longer than this (in code points) are never near another: the walk's rows are fixed. */
enum { NX__EDITDIST_MAX_LEN = 64 };

/*
 * The edit distance of two UTF-8 strings in code points: insertions, deletions, substitutions
 * and swaps of two neighbours ("lavorv" is 1 from "lavrov"), each costing 1 (optimal string
 * alignment). Bounded: the walk stops as soon as the distance must exceed `max`, and returns
 * max + 1 then, or when either string is longer than NX__EDITDIST_MAX_LEN code points or
 * invalid UTF-8. The cost is O(len(a) * len(b)) at most, on the stack.
 */
size_t nx__editdist_within(const char *a, size_t alen, const char *b, size_t blen, size_t max);

#endif
