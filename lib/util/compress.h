/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_COMPRESS_H
#define NX_COMPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Everything zlib: compression, gzip input and HTTP bodies. No other module includes zlib. */

/* Append the zlib (deflate) compression of data to out. */
int nx__compress_deflate(const void *data, size_t len, nx__buf *out);
/* Append the decompression of a zlib stream to out. NX_ECORRUPT if damaged or truncated;
 * NX_ELIMIT if the output would pass max_out bytes. */
int nx__compress_inflate(const void *data, size_t len, size_t max_out, nx__buf *out);
/* The same for an HTTP body sent with Content-Encoding gzip or deflate (zlib or raw deflate). */
int nx__compress_inflate_http(const void *data, size_t len, size_t max_out, nx__buf *out);

/*
 * A byte stream from a file, transparently gunzipped when it starts with the gzip magic
 * (concatenated members are read in turn). Reads with read(2) in 64 KiB blocks.
 */
typedef struct nx__zfile nx__zfile;
/* Open `path` ("-" is standard input). NX_ENOTFOUND / NX_EIO (unreadable, a directory), with the
 * path in the message. */
int nx__compress_zfile_open(nx__zfile **out, const char *path);
/* Read up to `cap` bytes: *n = 0 at the end. NX_EIO for a read error, NX_ECORRUPT for damaged
 * or truncated gzip ("'path': truncated gzip data"), after which reading stops: the bytes before
 * the damage come first, then every later call gives the same error. */
int nx__compress_zfile_read(nx__zfile *z, void *dst, size_t cap, size_t *n);
int nx__compress_zfile_is_gzip(const nx__zfile *z);
/* Bytes consumed from the underlying file so far (compressed bytes for gzip). */
uint64_t nx__compress_zfile_offset(const nx__zfile *z);
void nx__compress_zfile_free(nx__zfile *z);

/* CRC-32 of data (for content hashes), continuing from crc (start with 0). */
uint32_t nx__compress_crc32(uint32_t crc, const void *data, size_t len);

#endif
