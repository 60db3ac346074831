/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_STOPWORD_H
#define NX_STOPWORD_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Function words too common to help ranking: a query drops them when it has other words, and
 * pseudo-relevance feedback never picks them as expansion terms. `t` is a folded word. */
bool nx__stopword(const char *t, size_t n);

/* The same for the English stem of a word (feedback reads stems): the stems of these words are
 * the words themselves, except "does" -> "doe". */
bool nx__stopword_stem(const char *t, size_t n);

#ifdef __cplusplus
}
#endif

#endif
