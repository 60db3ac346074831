/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QTYPOS_H
#define NX_QTYPOS_H

#include "newsidx.h"
#include "util/buf.h"

/*
 * Typo help from the index's own words (docs/query.md, "Typos"). A plain word of the query (not
 * in quotes, a field or an actor's name) whose stem the index holds in fewer than
 * NX__QTYPOS_RARE passages is compared with the index's stems that start with the same letter:
 * the one a few edits away (one edit up to 7 letters, two from 8) that is in the most
 * passages, and in at least NX__QTYPOS_RATIO times as many, replaces it. *out is the query with
 * its words replaced, or empty when no word was; a word is shown as its correction's stem with
 * the typed word's ending ("ceasfire" -> "ceasefire"). The walk reads one letter's stems (on
 * ukraine at most a few thousand) and runs only for rare words.
 */
enum { NX__QTYPOS_RARE = 3, NX__QTYPOS_RATIO = 20 };

int nx__qtypos_correct(nx__buf *out, nx_db *db, const char *query);

#endif
