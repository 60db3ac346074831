/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_LINEREADER_H
#define NX_LINEREADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/article.h"
#include "util/compress.h"

enum { NX__LINE_MAX = NX__ARTICLE_MAX }; /* longest line, bytes: an article's largest body */

/*
 * Lines of a byte stream, read in large blocks into one buffer that holds at most a line of
 * NX__LINE_MAX bytes plus a block: a longer line is skipped without being kept. Returned lines
 * point into the buffer, NUL-terminated in place of their '\n' (a '\r' before it is kept).
 */
typedef struct nx__lines {
    nx__zfile *z; /* borrowed */
    char *buf;
    size_t cap;
    size_t pos;           /* first byte not yet returned */
    size_t end;           /* end of the bytes read */
    size_t last;          /* start of the line returned last */
    size_t nul;           /* where that line's '\n' became a NUL, or (size_t)-1 */
    unsigned long lineno; /* lines returned or skipped so far */
    uint64_t bytes;       /* bytes read from z */
    bool eof;
} nx__lines;

void nx__lines_init(nx__lines *l, nx__zfile *z);
void nx__lines_release(nx__lines *l);
/*
 * Next line (without its '\n'): NX_OK, NX_DONE at the end, NX_ELIMIT for a line over
 * NX__LINE_MAX (skipped; lineno counts it), or z's error (the partial line before it is
 * dropped). *line is valid until the next call on `l`.
 */
int nx__lines_next(nx__lines *l, char **line, size_t *len);
/* Buffer at least `min` (<= NX__LINE_MAX) bytes past the position, or all up to the end or a
 * read error (z's error when nothing could be read); consumes nothing. */
int nx__lines_peek(nx__lines *l, size_t min, const char **p, size_t *len);
/* Consume n bytes that nx__lines_peek showed (containing no '\n'). */
void nx__lines_drop(nx__lines *l, size_t n);
/*
 * Buffer everything to the end of the stream, from the position or (from_last) from the start of
 * the line returned last, and give it NUL-terminated, consuming nothing. NX_ELIMIT (no message)
 * if that is more than NX__LINE_MAX bytes (*p, *len then give what is buffered, not terminated);
 * z's errors.
 */
int nx__lines_rest(nx__lines *l, bool from_last, char **p, size_t *len);
/* Offset in the stream (uncompressed) of the position, and of the line returned last. */
uint64_t nx__lines_tell(const nx__lines *l);
uint64_t nx__lines_tell_last(const nx__lines *l);
/* Consume n bytes that nx__lines_peek showed, line ends included (for length-counted data). */
void nx__lines_take(nx__lines *l, size_t n);
/* Read past n bytes without keeping them: *skipped says how many there were before the end;
 * z's errors. */
int nx__lines_skip(nx__lines *l, uint64_t n, uint64_t *skipped);
/* Consume all that nx__lines_rest buffered: the stream is at its end. */
void nx__lines_consume_rest(nx__lines *l);

#endif
