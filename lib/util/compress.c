/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/compress.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "util/error.h"
#include "newsidx.h"

enum { IN_BLOCK = 64 * 1024 };

/* zlib counts in uInt: larger requests are served in slices of this size. */
#define ZSLICE ((size_t)1 << 30)

static int deflate_fail(int zr)
{
    if (zr == Z_MEM_ERROR)
        return nx__error_set(NX_ENOMEM, "out of memory");
    return nx__error_set(NX_ERROR, "zlib compression failed (%d)", zr);
}

/* A deflate stream set up with `level`. */
static int deflate_start(z_stream *zs, int level)
{
    memset(zs, 0, sizeof *zs);
    int zr = deflateInit(zs, level);
    return zr == Z_OK ? NX_OK : deflate_fail(zr);
}

/* Run the started stream `zs` over data to its end, appending the output to out; ends zs. */
static int deflate_run(z_stream *zs, const void *data, size_t len, nx__buf *out)
{
    uLong bound = deflateBound(zs, (uLong)len);
    int rc = nx__buf_reserve(out, bound);
    if (rc < 0) {
        deflateEnd(zs);
        return rc;
    }
    zs->next_in = (Bytef *)data;
    zs->next_out = (Bytef *)out->data + out->len;
    size_t in_left = len, out_left = bound;
    int zr;
    do {
        if (zs->avail_in == 0 && in_left > 0) {
            zs->avail_in = (uInt)(in_left < ZSLICE ? in_left : ZSLICE);
            in_left -= zs->avail_in;
        }
        if (zs->avail_out == 0 && out_left > 0) {
            zs->avail_out = (uInt)(out_left < ZSLICE ? out_left : ZSLICE);
            out_left -= zs->avail_out;
        }
        zr = deflate(zs, in_left == 0 ? Z_FINISH : Z_NO_FLUSH);
    } while (zr == Z_OK);
    size_t got = zs->total_out;
    deflateEnd(zs);
    if (zr != Z_STREAM_END)
        return deflate_fail(zr);
    out->len += got;
    out->data[out->len] = '\0';
    return NX_OK;
}

int nx__compress_deflate(const void *data, size_t len, nx__buf *out)
{
    z_stream zs;
    int rc = deflate_start(&zs, Z_DEFAULT_COMPRESSION);
    return rc < 0 ? rc : deflate_run(&zs, data, len, out);
}

/* One inflate step into out, at most `room` bytes; *zr is zlib's answer. */
static int inflate_step(z_stream *zs, nx__buf *out, size_t room, int *zr)
{
    int rc = nx__buf_reserve(out, room);
    if (rc < 0)
        return rc;
    zs->next_out = (Bytef *)out->data + out->len;
    zs->avail_out = (uInt)room;
    *zr = inflate(zs, Z_NO_FLUSH);
    out->len += room - zs->avail_out;
    return NX_OK;
}

/* windowBits as inflateInit2 takes them: 15 zlib, 15 + 32 zlib or gzip, -15 raw deflate. */
static int inflate_buf(const void *data, size_t len, size_t max_out, nx__buf *out, int bits)
{
    size_t start = out->len;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, bits) != Z_OK)
        return nx__error_set(NX_ENOMEM, "out of memory");
    const Bytef *in = data;
    size_t left = len;
    int rc = NX_OK, zr = Z_OK;
    while (zr != Z_STREAM_END) {
        if (zs.avail_in == 0) {
            if (left == 0) {
                rc = nx__error_set(NX_ECORRUPT, "compressed data is truncated");
                break;
            }
            zs.next_in = (Bytef *)in;
            zs.avail_in = (uInt)(left < ZSLICE ? left : ZSLICE);
            in += zs.avail_in;
            left -= zs.avail_in;
        }
        size_t produced = out->len - start;
        if (produced > max_out) {
            rc = nx__error_set(NX_ELIMIT, "decompressed data larger than %zu bytes", max_out);
            break;
        }
        /* One byte past the limit is enough to know it is passed. */
        size_t room = max_out - produced + 1;
        rc = inflate_step(&zs, out, room < IN_BLOCK ? room : IN_BLOCK, &zr);
        if (rc < 0)
            break;
        if (zr == Z_MEM_ERROR) {
            rc = nx__error_set(NX_ENOMEM, "out of memory");
            break;
        }
        /* Z_BUF_ERROR only means "no input left": the loop refills or reports truncation. */
        if (zr == Z_DATA_ERROR || zr == Z_STREAM_ERROR || zr == Z_NEED_DICT) {
            rc = nx__error_set(NX_ECORRUPT, "compressed data is damaged (%s)",
                               zr == Z_NEED_DICT ? "unexpected dictionary"
                               : zs.msg          ? zs.msg
                                                 : "unknown error");
            break;
        }
    }
    if (rc == NX_OK && out->len - start > max_out)
        rc = nx__error_set(NX_ELIMIT, "decompressed data larger than %zu bytes", max_out);
    else if (rc == NX_OK && (zs.avail_in > 0 || left > 0))
        rc = nx__error_set(NX_ECORRUPT, "compressed data is damaged (trailing bytes)");
    inflateEnd(&zs);
    if (rc < 0) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
    }
    return rc;
}

int nx__compress_inflate(const void *data, size_t len, size_t max_out, nx__buf *out)
{
    return inflate_buf(data, len, max_out, out, 15);
}

int nx__compress_inflate_http(const void *data, size_t len, size_t max_out, nx__buf *out)
{
    int rc = inflate_buf(data, len, max_out, out, 15 + 32);
    const unsigned char *p = data;
    bool gzip = len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
    /* "deflate" from some servers is raw deflate data, without the zlib wrapper. */
    if (rc == NX_ECORRUPT && !gzip)
        rc = inflate_buf(data, len, max_out, out, -15);
    return rc;
}

uint32_t nx__compress_crc32(uint32_t crc, const void *data, size_t len)
{
    return (uint32_t)crc32_z(crc, data, len);
}

struct nx__zfile {
    int fd;
    bool gzip;
    bool eof;        /* the file has no more bytes */
    bool in_member;  /* inside a gzip member (its end not yet seen) */
    int err;         /* the error that ended reading: every later read reports it again */
    int err_errno;   /* for NX_EIO */
    const char *why; /* for NX_ECORRUPT (a static string) */
    z_stream zs;     /* for plain files only next_in/avail_in: bytes read ahead at open */
    uint64_t offset;
    char *path;
    unsigned char in[IN_BLOCK];
};

static int io_error(const nx__zfile *z, int err)
{
    return nx__error_set(NX_EIO, "'%s': %s", z->path, strerror(err));
}

/* Refill the input block; sets eof at the end of the file. */
static int refill(nx__zfile *z)
{
    ssize_t got;
    do
        got = read(z->fd, z->in, sizeof z->in);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        z->err_errno = errno;
        return io_error(z, errno);
    }
    z->offset += (uint64_t)got;
    z->eof = got == 0;
    z->zs.next_in = z->in;
    z->zs.avail_in = (uInt)got;
    return NX_OK;
}

/* Read ahead until the two magic bytes are known (pipes may deliver less). */
static int sniff(nx__zfile *z)
{
    ssize_t got = 0;
    size_t have = 0;
    while (have < 2) {
        got = read(z->fd, z->in + have, sizeof z->in - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return io_error(z, errno);
        if (got == 0) {
            z->eof = true;
            break;
        }
        have += (size_t)got;
    }
    z->offset = have;
    z->zs.next_in = z->in;
    z->zs.avail_in = (uInt)have;
    z->gzip = have >= 2 && z->in[0] == 0x1f && z->in[1] == 0x8b;
    if (!z->gzip)
        return NX_OK;
    z->in_member = true;
    /* 15 + 16: a gzip wrapper, the largest window. */
    if (inflateInit2(&z->zs, 15 + 16) != Z_OK) {
        z->gzip = false;
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    return NX_OK;
}

static int open_fd(nx__zfile *z, const char *path)
{
    if (strcmp(path, "-") == 0) {
        z->fd = STDIN_FILENO;
        return NX_OK;
    }
    z->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (z->fd < 0) {
        int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            return nx__error_set(NX_ENOTFOUND, "'%s': no such file", path);
        return io_error(z, err);
    }
    struct stat st;
    if (fstat(z->fd, &st) < 0)
        return io_error(z, errno);
    if (S_ISDIR(st.st_mode))
        return nx__error_set(NX_EIO, "'%s': is a directory", path);
    return NX_OK;
}

int nx__compress_zfile_open(nx__zfile **out, const char *path)
{
    *out = NULL;
    nx__zfile *z = calloc(1, sizeof *z);
    if (!z)
        return nx__error_set(NX_ENOMEM, "out of memory");
    z->fd = -1;
    z->path = strdup(path);
    int rc = z->path ? open_fd(z, path) : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK)
        rc = sniff(z);
    if (rc < 0) {
        nx__compress_zfile_free(z);
        return rc;
    }
    *out = z;
    return NX_OK;
}

/* The error that ended reading, with its message. */
static int report(const nx__zfile *z)
{
    if (z->err == NX_EIO)
        return io_error(z, z->err_errno);
    if (z->err == NX_ECORRUPT)
        return nx__error_set(NX_ECORRUPT, "'%s': %s", z->path, z->why);
    return nx__error_set(z->err, "out of memory");
}

/* Reading ends with an error: reported now, or by the next call if this one produced output. */
static int zfail(nx__zfile *z, int code, const char *why, size_t produced)
{
    z->err = code;
    z->why = why;
    return produced > 0 ? NX_OK : report(z);
}

static int gz_read(nx__zfile *z, void *dst, size_t cap, size_t *n)
{
    z->zs.next_out = dst;
    z->zs.avail_out = (uInt)cap;
    int code = NX_OK; /* an error that ends the stream */
    const char *why = NULL;
    while (z->zs.avail_out > 0) {
        if (z->zs.avail_in == 0 && !z->eof && (code = refill(z)) < 0)
            break;
        if (z->zs.avail_in == 0 && z->eof) {
            if (z->in_member) {
                code = NX_ECORRUPT;
                why = "truncated gzip data";
            }
            break;
        }
        if (!z->in_member) { /* another member follows the one that ended */
            inflateReset(&z->zs);
            z->in_member = true;
        }
        int zr = inflate(&z->zs, Z_NO_FLUSH);
        if (zr == Z_STREAM_END) {
            z->in_member = false;
        } else if (zr == Z_MEM_ERROR) {
            code = nx__error_set(NX_ENOMEM, "out of memory");
            break;
        } else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT || zr == Z_STREAM_ERROR) {
            code = NX_ECORRUPT;
            why = "damaged gzip data";
            break;
        }
    }
    *n = cap - z->zs.avail_out;
    return code < 0 ? zfail(z, code, why, *n) : NX_OK;
}

int nx__compress_zfile_read(nx__zfile *z, void *dst, size_t cap, size_t *n)
{
    *n = 0;
    if (z->err)
        return report(z);
    if (cap == 0)
        return NX_OK;
    if (cap > ZSLICE)
        cap = ZSLICE;
    if (z->gzip)
        return gz_read(z, dst, cap, n);
    if (z->zs.avail_in > 0) {
        size_t k = z->zs.avail_in < cap ? z->zs.avail_in : cap;
        memcpy(dst, z->zs.next_in, k);
        z->zs.next_in += k;
        z->zs.avail_in -= (uInt)k;
        *n = k;
        return NX_OK;
    }
    if (z->eof)
        return NX_OK;
    ssize_t got;
    do
        got = read(z->fd, dst, cap);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        z->err_errno = errno;
        return zfail(z, NX_EIO, NULL, 0);
    }
    z->eof = got == 0;
    z->offset += (uint64_t)got;
    *n = (size_t)got;
    return NX_OK;
}

int nx__compress_zfile_is_gzip(const nx__zfile *z)
{
    return z->gzip;
}

uint64_t nx__compress_zfile_offset(const nx__zfile *z)
{
    return z->offset;
}

void nx__compress_zfile_free(nx__zfile *z)
{
    if (!z)
        return;
    if (z->gzip)
        inflateEnd(&z->zs);
    if (z->fd > STDIN_FILENO)
        close(z->fd);
    free(z->path);
    free(z);
}
