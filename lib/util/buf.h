/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_BUF_H
#define NX_BUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growable byte buffer, always NUL-terminated once anything is appended. */
typedef struct nx__buf {
    char *data;
    size_t len;
    size_t cap;
} nx__buf;

#define NX__BUF_INIT                                                                               \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void nx__buf_init(nx__buf *b);
void nx__buf_release(nx__buf *b);
/* Make room for `extra` more bytes (plus the NUL). NX_OK or NX_ENOMEM with the error set. */
int nx__buf_reserve(nx__buf *b, size_t extra);
int nx__buf_append(nx__buf *b, const void *data, size_t len);
int nx__buf_putc(nx__buf *b, char c);
int nx__buf_printf(nx__buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append `v` as a LEB128 varint. */
int nx__buf_put_varint(nx__buf *b, unsigned long long v);
/* Append a varint length followed by the bytes. */
int nx__buf_put_bytes(nx__buf *b, const void *data, size_t len);
void nx__buf_clear(nx__buf *b);
/* Hand the buffer's memory to the caller (free() it; never NULL on success) and reset `b`. */
char *nx__buf_detach(nx__buf *b);

/* '\n'-separated lists of names (actor keys, query terms) kept in a buffer. */
/* The line of `list` at offset *at (0 for the first) in *line and *len, *at moved past it; false
 * at the end. */
bool nx__buf_next_line(const nx__buf *list, size_t *at, const char **line, size_t *len);
/* Whether `list` holds the line s[0, n). */
bool nx__buf_has_line(const nx__buf *list, const char *s, size_t n);
/* Append s[0, n) as a line of `list`. NX_OK or NX_ENOMEM. */
int nx__buf_add_line(nx__buf *list, const char *s, size_t n);

/* Room for element `n` of a growable array of `*cap` elements of `size` bytes at `items`: the
 * array itself while n < *cap, else the array reallocated to twice the elements (`first` when
 * empty) with *cap updated, or NULL with NX_ENOMEM set and the array and *cap unchanged. */
void *nx__buf_grow(void *items, size_t n, size_t *cap, size_t size, size_t first);

/* Reading what nx__buf_put_varint / nx__buf_put_bytes wrote. Each returns 0 or -1 when the
 * input is short or malformed; *p advances past what was read. */
int nx__buf_get_varint(const char **p, const char *end, unsigned long long *v);
int nx__buf_get_bytes(const char **p, const char *end, const char **data, size_t *len);

#endif
