/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_COMPRESS_H
#define NX_COMPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Everything zlib: stored-text compression and gzip input. No other module includes zlib. */

/* Append the zlib (deflate) compression of data to out. */
int nx__compress_deflate(const void *data, size_t len, nx__buf *out);
/* Append the decompression of a zlib stream to out. NX_ECORRUPT if damaged or truncated;
 * NX_ELIMIT if the output would pass max_out bytes. */
int nx__compress_inflate(const void *data, size_t len, size_t max_out, nx__buf *out);
/*
 * The same with a preset dictionary (dict_len 1 to 32768, the deflate window), the zlib format
 * (the header names the dictionary by its Adler-32, the trailer checks the data). Inflating needs
 * the same dictionary: another one, or none, is NX_ECORRUPT; a stream made without one inflates
 * as with nx__compress_inflate.
 */
int nx__compress_deflate_dict(const void *data, size_t len, const void *dict, size_t dict_len,
                              nx__buf *out);
/* The same for many streams with one dictionary, each started from a state that took the
 * dictionary once: the same output, without setting the dictionary again for each. */
typedef struct nx__deflater nx__deflater;
int nx__compress_deflater_new(nx__deflater **out, const void *dict, size_t dict_len);
void nx__compress_deflater_free(nx__deflater *d);
int nx__compress_deflater_run(nx__deflater *d, const void *data, size_t len, nx__buf *out);
int nx__compress_inflate_dict(const void *data, size_t len, const void *dict, size_t dict_len,
                              size_t max_out, nx__buf *out);
/* The first `want` bytes of a zlib stream's decompression (all of it when it is shorter),
 * appended to out. The rest is decompressed too, into a scratch buffer, and dropped, so that the
 * stream's checksum is verified: damage anywhere in it is NX_ECORRUPT, never garbled text. A
 * stream that asks for a preset dictionary gets `dict` (dict_len 0: none, NX_ECORRUPT if it
 * asks). */
int nx__compress_inflate_prefix(const void *data, size_t len, const void *dict, size_t dict_len,
                                size_t want, nx__buf *out);
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
