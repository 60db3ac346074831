/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QPERSON_H
#define NX_QPERSON_H

#include <stddef.h>

struct nx__qb;
struct nx__xq;

/*
 * An actor name the lexicon does not know, searched as a person (docs/query.md, "Any person"):
 * the name's words as a phrase; an honorific or title and the surname ("Mr Blair", "Prime
 * Minister Blair"; a possessive "Blair's" is the word itself to the tokenizer); and the surname
 * alone when the archive uses it mostly for this person: when the full name is in at least
 * NX_PERSON_SURNAME_SHARE of the passages that hold the surname. The forms are one Xapian
 * synonym, so a passage ranks by how often it names the person, as an actor's spellings do.
 * NULL, with no error, when a word of the name is in no passage (the caller reports the name
 * as unknown); the name is noted in the plan's `people` otherwise.
 */
struct nx__xq *nx__qperson_query(struct nx__qb *b, const char *name, size_t len);

#endif
