/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_SCHEMA_H
#define NX_SCHEMA_H

/*
 * How articles and passages are laid out in Xapian (docs/architecture.md, "Index format").
 * Changing any of this changes NX__FORMAT. Before 1.0 there is one format: an index of another
 * is refused as NX_ECORRUPT with a message saying to rebuild it (db.c).
 *
 * One Xapian document per passage. Terms:
 *   "Z" + stem   stemmed word, with positions: ranks plain words, matches phrases and NEAR
 *   "ZT" + stem  title word's stem (boolean: the title: filter, never ranks)
 *   "A" + id     the article's id (boolean): finds, replaces and deletes all its passages
 *   "B" + term   a word of the source name (boolean filter)
 *   "XA" + key   an actor mentioned, at the position of each mention
 *   "XT" + key   a topic mentioned, at the position of each mention
 *   "XS" + key   an actor speaking in a transcript passage (speaker.h): wdf 1, no position;
 *                the key is also in NX__SLOT_ACTORS and NX__SLOT_SPEAKERS
 *   "XR" + key   the actor's words are here: a mention next to a reporting verb ("Lavrov
 *                said", remarks.h) or the actor's turn in a transcript: wdf 1, no position
 *   "XN" + band  first passage only: a band of the body's SimHash, its number and its bits in
 *                hex (boolean; nearcopy.h): a later near copy finds the article by it
 * The first passage of an article (its lowest docid) also carries the stored article (article.h;
 * glass compresses it) in its data after the passage record, and the article's content hash in
 * NX__SLOT_HASH.
 *
 * The terms are the tokenizer's: dotted acronyms are one word (U.S. -> us) and the English stems
 * of spelling variants are one (stem.h: Kiev and Kyiv, rubles and roubles).
 */
enum { NX__FORMAT = 6 };

enum {
    NX__SLOT_DATE = 0,    /* "YYYY-MM-DD" or empty */
    NX__SLOT_ARTICLE = 1, /* article id: the collapse key */
    NX__SLOT_SOURCE = 2,  /* source name as given, for facets */
    NX__SLOT_ACTORS = 3,  /* actor keys tagged on the passage, '\n'-separated */
    NX__SLOT_TOPICS = 4,  /* topic keys, '\n'-separated */
    /* 5: unused; months are counted from NX__SLOT_DATE */
    NX__SLOT_HASH = 6,     /* first passage only: 16 hex digits of the content hash */
    NX__SLOT_SPEAKERS = 7, /* the "XS" actors' keys, '\n'-separated */
    NX__SLOT_REMARKS = 8,  /* the "XR" actors' keys, '\n'-separated (tags version 4) */
    /* Copies (store/dupkey.h, docs/duplicates.md), 8 bytes each: */
    NX__SLOT_STORY = 9,    /* every passage of a near copy: its article's story key (copies of a
                              story share it); elsewhere it is the cluster's, and not stored */
    NX__SLOT_TEXT = 10,    /* every passage: its text key (passages with the same words share it) */
    NX__SLOT_SIMHASH = 11, /* first passage: the body's SimHash (dupkey.h), if not 0 */
    NX__SLOT_CLUSTER = 12, /* every passage: its article's cluster (near copies share it,
                              nearcopy.h): hits and counts collapse on it */
};

/* Bump when what articles are tagged with changes (speaker turns came with 2, remarks with 3,
 * the remarks slot with 4, no remarks for a name after a preposition or a possessive with 5, nor
 * for a name before another possible subject of the verb or before a passive with 6, nor across
 * a quotation mark with 7, nor a one-word actor variant after another person's given name,
 * "Oleksiy Kuleba", with 8): the content hash is salted with it, so the next indexing run
 * re-indexes unchanged articles. Indexes without the new tags stay readable; they only miss
 * what the tagging adds. */
enum { NX__TAGS_VERSION = 8 };

#define NX__P_STEM "Z"
#define NX__P_TITLE_STEM "ZT"
#define NX__P_ARTICLE "A"
#define NX__P_SOURCE "B"
#define NX__P_ACTOR "XA"
#define NX__P_SPEAKER "XS"
#define NX__P_REMARKS "XR"
#define NX__P_TOPIC "XT"
#define NX__P_NEAR "XN"

/* Metadata keys. */
#define NX__META_FORMAT "nx:format"
#define NX__META_LEXICON "nx:lexicon" /* lexicon text in the file format */
#define NX__META_LEXICON_ID "nx:lexicon-id"
#define NX__META_BOILERPLATE "nx:boilerplate" /* known boilerplate paragraph hashes */

#endif
