/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_READER_H
#define NX_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/fieldmap.h"
#include "ingest/lines.h"

/*
 * Articles from one input file: JSON Lines (one object per line), a .txt article (first line
 * the title, a blank line, then the body), an HTML page (html.h) or a WARC web archive
 * (warc.h), each possibly gzip-compressed. A name ending in .html, .htm or .warc (+ .gz) says
 * the format; otherwise it is detected from the content after decompression: "WARC/1." is a
 * web archive, "<!doctype html" or "<html" a page, a first non-blank byte '{' JSON Lines (a
 * single JSON object spanning the whole file, as in a .json file, is read too), anything else
 * a .txt article. A NUL byte in the first 8 KiB makes an HTML page or a .txt article binary,
 * rejected at open; in JSON Lines a NUL rejects only the line it is in (NX_EINPUT, "NUL
 * character at byte N"), as it does anywhere in a .txt file; web archives may hold any byte.
 */

/* One article; strings are NUL-terminated UTF-8 (validated), borrowed until the next call.
 * Absent fields are NULL (JSON null counts as absent). `id` is NULL when the input had none:
 * the caller derives one from the content. */
typedef struct nx__rec {
    const char *id, *title, *date, *source, *url;
    const char *body;
    size_t body_len;
    unsigned long line;   /* line of the record in its file (1-based; 1 for .txt and HTML files,
                           * 0 for WARC, whose messages give byte offsets) */
    const char *captured; /* a web archive record's capture time (WARC-Date), else NULL */
} nx__rec;

typedef struct nx__reader nx__reader;

/*
 * Open `path` ("-": standard input). `txt_id` is the id for a .txt article or an HTML page (the
 * caller derives it from the file name; a WARC record's comes from its WARC-Target-URI); `map` may
 * be NULL. Codes as nx__compress_zfile_open, plus NX_EINPUT for a binary file.
 */
int nx__reader_open(nx__reader **out, const char *path, const char *txt_id,
                    const nx__fieldmap *map);
/*
 * Next article: NX_OK with *rec set, NX_DONE at the end. A bad item returns NX_EINPUT (malformed
 * JSON, a non-object, a missing or empty body, invalid UTF-8, a wrong field type) or NX_ELIMIT (a
 * line over NX__LINE_MAX, skipped up to its end without holding it in memory); the message says
 * what, nx__reader_line() says where, and the next call goes on with the next line (or, in a
 * web archive, the next record). NX_EIO or
 * NX_ECORRUPT (truncated gzip) end the file: articles already returned stand.
 */
int nx__reader_next(nx__reader *r, const nx__rec **rec);
/* True for a web archive, whose places are byte offsets in the messages: lines are 0. */
bool nx__reader_by_offset(const nx__reader *r);
/* Line number of the last record or problem reported. */
unsigned long nx__reader_line(const nx__reader *r);
/* Bytes consumed from the file so far (compressed size for gzip), for progress. */
uint64_t nx__reader_offset(const nx__reader *r);
/* Uncompressed bytes read so far. */
uint64_t nx__reader_bytes(const nx__reader *r);
/* Web archive records met so far that hold no article (not a response, not HTML, not 200);
 * 0 for other formats. */
uint64_t nx__reader_ignored(const nx__reader *r);
void nx__reader_free(nx__reader *r);

#endif
