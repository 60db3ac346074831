/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_WARC_H
#define NX_WARC_H

#include <stdint.h>

#include "ingest/html.h"
#include "ingest/lines.h"

/*
 * Articles from a WARC 1.0/1.1 web archive, read as a stream of records (gzip per record is
 * undone below, by the byte stream): each `response` record holding an HTML page with status
 * 200 is one article. At most one record's payload is held in memory.
 */
typedef struct nx__warc nx__warc;

/* Records met so far, by what became of them. */
typedef struct nx__warc_stats {
    uint64_t records;      /* every record, damaged ones too */
    uint64_t articles;     /* HTML pages returned */
    uint64_t not_response; /* request, metadata, warcinfo, resource ... records */
    uint64_t not_html;     /* responses of another content type */
    uint64_t not_ok;       /* responses with a status other than 200 */
    uint64_t damaged;      /* bad header, Content-Length or payload, truncated */
    uint64_t too_large;    /* payloads over NX__LINE_MAX, skipped */
} nx__warc_stats;

/* Read records from `lines` (borrowed; positioned at the first record). */
int nx__warc_new(nx__warc **out, nx__lines *lines);
void nx__warc_free(nx__warc *w);
/*
 * Next page: NX_OK with `page` filled and *id set to an id derived from WARC-Target-URI
 * (borrowed until the next call), or NX_DONE. A damaged record is NX_EINPUT, a record over
 * NX__LINE_MAX NX_ELIMIT, with "record at byte N: ..." in the message (N its offset in the
 * uncompressed stream); the next call goes on at the next line starting "WARC/1.". The
 * stream's own errors (NX_EIO, NX_ECORRUPT) end the archive.
 */
int nx__warc_next(nx__warc *w, nx__page *page, const char **id);
const nx__warc_stats *nx__warc_stats_get(const nx__warc *w);
/* The WARC-Date of the record read last ("" if it had none); borrowed until the next call. */
const char *nx__warc_date(const nx__warc *w);

#endif
