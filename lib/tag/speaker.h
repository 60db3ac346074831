/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_SPEAKER_H
#define NX_SPEAKER_H

#include <stddef.h>

#include "tag/lexicon.h"
#include "text/tokenizer.h"

/*
 * Who is speaking where, in a transcript. Kremlin and White House transcripts, interviews and
 * press conferences mark each turn with a speaker label: "Vladimir Putin: ...", "President of
 * Russia Vladimir Putin: ...", "PRESIDENT BIDEN: ...", "MS. JEAN-PIERRE: ...". The windows of a
 * long answer never name the speaker, so without this an actor's own words are invisible to a
 * search for that actor.
 *
 * A label is a run of one to sixteen capitalized words (connectors such as "of" and short
 * abbreviations such as "Ms." allowed inside; "Federal Chancellor of the Federal Republic of
 * Germany Olaf Scholz" is ten, and scraped pages repeat parts of it) followed by ':' and
 * whitespace, standing at the start of a line or after the end of a sentence. A note in brackets at
 * its end ("(retranslated)") is ignored. A turn lasts until the next label, whoever speaks in it.
 * The speaker of a label is the lexicon actor its last words name ("President of Russia Vladimir
 * Putin" -> putin); a label naming no actor ("Question", "MODERATOR") still ends the turn before
 * it. Only an article with at least two labels is read as a transcript: a lone "Zelenskiy: ..." is
 * a headline or a quotation, not a turn.
 */

enum { NX__SPEAKERS_MAX = 8 }; /* actors tagged as speaking in one passage, at most */

typedef struct nx__turn {
    size_t label; /* the label's first byte */
    size_t from;  /* the first byte after the label's ':' */
    long actor;  /* lexicon actor entry speaking, -1 if the label names none */
} nx__turn;

typedef struct nx__turns {
    nx__turn *t;
    size_t n, cap;
} nx__turns;

/* Replace `out` with the turns of `body`; `scratch` is a token list the function may clobber.
 * NX_OK or NX_ENOMEM. Fewer than two labels give no turns. */
int nx__speaker_turns(const nx__lexicon *lex, nx__tokenizer *tok, nx__toklist *scratch,
                      const char *body, size_t len, nx__turns *out);

/* The actor speaking at body offset `at` (the turn of the last label starting at or before it,
 * so a label belongs to its own turn), -1 if none. */
long nx__speaker_at(const nx__turns *turns, size_t at);

/* The distinct actors speaking in body[start:end): the one whose turn is running at `start` (a
 * passage that starts with a label starts with that label's turn) and those of the labels
 * inside, in order; at most `max` into out[]; returns how many. */
size_t nx__speaker_in_span(const nx__turns *turns, size_t start, size_t end, long *out, size_t max);

void nx__speaker_release(nx__turns *turns);

#endif
