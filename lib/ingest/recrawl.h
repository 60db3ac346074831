/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_RECRAWL_H
#define NX_RECRAWL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/u64set.h"

/*
 * Which capture of a page an ingest run keeps when web archives hold several (recrawls): the
 * newest by its capture time (WARC-Date), of equal times the one read last. The first pass of
 * a run notes every capture; the second skips those superseded, so that the newest wins
 * whatever the order of files and records, and re-running on the same archive changes nothing.
 * A capture is named by its article id and its place: its ordinal among the captures of the
 * run, the same in both passes. Memory: 24 bytes per capture until settled, then 8 bytes per
 * superseded capture.
 */
typedef struct nx__recrawl {
    nx__buf all;           /* struct nx__capture, one per capture noted */
    nx__u64set superseded; /* mixes of (id hash, place) */
} nx__recrawl;

void nx__recrawl_init(nx__recrawl *c);
void nx__recrawl_release(nx__recrawl *c);
/* First pass: the capture at `place` of article `id`, taken at `captured` (ISO 8601). */
int nx__recrawl_note(nx__recrawl *c, const char *id, const char *captured, uint64_t place);
/* Between the passes: decide the winners. NX_OK or NX_ENOMEM. */
int nx__recrawl_settle(nx__recrawl *c);
/* Second pass: is the capture at `place` of `id` older than another of the run? */
bool nx__recrawl_superseded(const nx__recrawl *c, const char *id, uint64_t place);

#endif
