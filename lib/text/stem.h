/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_STEM_H
#define NX_STEM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Snowball stemmers (libstemmer, used by this module only): "english" for Latin-script terms,
 * "russian" for Cyrillic ones. A handle is not thread-safe: use one per thread.
 */
typedef struct nx__stem nx__stem;

/* NX_OK or NX_ENOMEM. */
int nx__stem_new(nx__stem **out);
void nx__stem_free(nx__stem *st);

/*
 * Stem the folded term s[0..len) with the Russian stemmer if `cyrillic`, else the English one.
 * NX_OK with *stem (NUL-terminated) borrowed from `st` until its next call, or NX_ENOMEM.
 *
 * English stems of one word spelled two ways are one, so that either spelling finds both:
 * transliterations of Ukrainian places (Kiev -> Kyiv, Donbass -> Donbas, Lugansk -> Luhansk,
 * Odessa -> Odesa, ...) and British and American spellings (rubles/roubles, defense/defence,
 * program/programme, ...), listed in stem.c.
 */
int nx__stem_word(nx__stem *st, const char *s, size_t len, bool cyrillic, const char **stem,
                  size_t *stem_len);

#endif
