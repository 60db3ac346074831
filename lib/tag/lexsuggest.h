/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_LEXSUGGEST_H
#define NX_LEXSUGGEST_H

#include <stddef.h>

#include "tag/lexmatch.h"

/* Suggestions for a name the lexicon does not know: at most this many. */
enum { NX__LEXSUGGEST_MAX = 3 };

/*
 * The entries of `kind` nearest to `name` (not a key or variant of any), best first, as their
 * indexes into out[0, NX__LEXSUGGEST_MAX); their number. Near, after folding case and accents:
 * the key or a variant within a few edits of the name (one per four letters, at least one and
 * at most three: "lavorv" is lavrov), else one word of a variant within them ("sanctions" is
 * in energy's "sanctions on oil"). Fewer edits first, then whole spellings before words, then
 * the lexicon's order.
 */
size_t nx__lexsuggest_find(size_t out[NX__LEXSUGGEST_MAX], const nx__lexicon *lx, int kind,
                           const char *name, size_t len);

#endif
