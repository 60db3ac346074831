/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_TAPE_H
#define NX_TAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/reader.h"

/*
 * What the first pass of an ingest read, kept so that the second pass gets the same records,
 * problems (code, message, line) and progress offsets without reading and parsing the input
 * again. The tape holds at most `budget` bytes: past that, or out of memory, it gives up,
 * frees what it held and the second pass reads the files again. Replaying frees each record
 * once it is used.
 */
typedef struct nx__tape nx__tape;

int nx__tape_new(nx__tape **out, size_t budget);
void nx__tape_free(nx__tape *t);

/* Recording, file by file in the order of the second pass: the result of opening the file
 * (nx__reader_open's code; its message is nx_error_last()'s), each nx__reader_next result but
 * NX_DONE (rec NULL unless rc is NX_OK) with the reader's line and offset, then the reader's
 * byte and ignored counts when a file that opened is done. */
void nx__tape_file(nx__tape *t, int open_rc);
void nx__tape_next(nx__tape *t, int rc, const nx__rec *rec, unsigned long line, uint64_t offset);
void nx__tape_end(nx__tape *t, uint64_t bytes, uint64_t ignored);
/* True while the tape holds all that was recorded. */
bool nx__tape_whole(const nx__tape *t);

/* One input file for the second pass: the tape's record of it when the tape is whole, else
 * the file itself. The calls mirror nx__reader's, with the same codes and messages. */
struct nx__tape_ev;
typedef struct nx__source {
    nx__reader *r;
    nx__tape *t;
    struct nx__tape_ev *cur; /* the record last returned from the tape */
    unsigned long line;
    uint64_t offset, bytes, ignored;
} nx__source;

int nx__tape_source_open(nx__source *s, nx__tape *t, const char *path, const char *txt_id,
                         const nx__fieldmap *map);
int nx__tape_source_next(nx__source *s, const nx__rec **rec);
unsigned long nx__tape_source_line(const nx__source *s);
uint64_t nx__tape_source_offset(const nx__source *s);
uint64_t nx__tape_source_bytes(const nx__source *s);
uint64_t nx__tape_source_ignored(const nx__source *s);
void nx__tape_source_close(nx__source *s);

#endif
