/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE /* memfd_create */
#include "fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "newsidx.h"
#include "ingest/reader.h"
#include "text/utf8.h"

void fz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    __builtin_trap();
}

int fz_utf8_ok(const char *s, size_t len)
{
    return nx__utf8_check(s, len) == len;
}

/* One in-memory file for the whole run, rewritten for each input; the reader opens it by its
 * /proc path, as it would any file. A temporary file when memfd is not available. */
static int file_fd = -1;
static char file_path[64];

static void file_setup(void)
{
    if (file_fd >= 0)
        return;
    file_fd = memfd_create("nx-fuzz", 0);
    if (file_fd >= 0) {
        snprintf(file_path, sizeof file_path, "/proc/self/fd/%d", file_fd);
        return;
    }
    const char *dir = getenv("TMPDIR");
    snprintf(file_path, sizeof file_path, "%s/nx-fuzz-XXXXXX", dir && *dir ? dir : "/tmp");
    file_fd = mkstemp(file_path);
    FZ_CHECK(file_fd >= 0);
    unlink(file_path);
    snprintf(file_path, sizeof file_path, "/proc/self/fd/%d", file_fd);
}

static void file_put(const uint8_t *data, size_t size)
{
    file_setup();
    FZ_CHECK(ftruncate(file_fd, 0) == 0);
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(file_fd, data + done, size - done, (off_t)done);
        FZ_CHECK(n > 0);
        done += (size_t)n;
    }
}

static void check_string(const char *s)
{
    if (s)
        FZ_CHECK(fz_utf8_ok(s, strlen(s)));
}

static void check_rec(const nx__rec *rec, unsigned long *last_line, bool by_offset)
{
    FZ_CHECK(rec->body != NULL);
    FZ_CHECK(rec->body_len > 0);
    FZ_CHECK(rec->body[rec->body_len] == '\0');
    FZ_CHECK(fz_utf8_ok(rec->body, rec->body_len));
    check_string(rec->id);
    check_string(rec->title);
    check_string(rec->date);
    check_string(rec->source);
    check_string(rec->url);
    /* A web archive's places are byte offsets, given in messages; its records have no line. */
    FZ_CHECK(by_offset ? rec->line == 0 : rec->line >= 1 && rec->line >= *last_line);
    *last_line = rec->line;
}

void fz_read_all(const uint8_t *data, size_t size)
{
    file_put(data, size);
    nx__reader *r = (nx__reader *)&r; /* poisoned: must come back NULL on failure */
    int rc = nx__reader_open(&r, file_path, "fuzz.txt", NULL);
    if (rc < 0) {
        FZ_CHECK(r == NULL);
        FZ_CHECK(nx_error_last()->code == rc && nx_error_last()->message[0] != '\0');
        return;
    }
    unsigned long last_line = 0;
    for (uint64_t calls = 1;; calls++) {
        const nx__rec *rec = (const nx__rec *)&rec;
        rc = nx__reader_next(r, &rec);
        /* Every call but the last consumes at least one line, so at least one byte. */
        FZ_CHECK(calls <= nx__reader_bytes(r) + 3);
        if (rc == NX_OK) {
            check_rec(rec, &last_line, nx__reader_by_offset(r));
            continue;
        }
        FZ_CHECK(rec == NULL);
        if (rc == NX_DONE)
            break;
        FZ_CHECK(rc == NX_EINPUT || rc == NX_ELIMIT || rc == NX_ECORRUPT || rc == NX_EIO ||
                 rc == NX_ENOMEM);
        FZ_CHECK(nx_error_last()->code == rc && nx_error_last()->message[0] != '\0');
        FZ_CHECK(nx__reader_by_offset(r) ? nx__reader_line(r) == 0 : nx__reader_line(r) >= 1);
    }
    /* After the end, the end again. */
    const nx__rec *rec;
    FZ_CHECK(nx__reader_next(r, &rec) == NX_DONE && rec == NULL);
    nx__reader_free(r);
}
