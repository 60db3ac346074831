/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The inputs of a bulk ingest: files and folders walked into in->files, standard input copied
 * to a file so that both passes can read it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/inputs.h"

#include "util/buf.h"
#include "util/error.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/u64set.h"

/* The diagnostic names the file already: drop a leading "'path': " from the message. */
static const char *without_path(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (msg[0] == '\'' && strncmp(msg + 1, path, n) == 0 && strncmp(msg + 1 + n, "': ", 3) == 0)
        return msg + n + 4;
    return msg;
}

void nx__inputs_diag(struct ingest *in, const char *path, unsigned long line, int code,
                     const char *msg)
{
    in->skipped = true;
    msg = without_path(msg, path);
    if (in->o->on_diag) {
        nx_diag d = {path, line, code, msg};
        in->o->on_diag(&d, in->o->payload);
    }
}

/* A .txt or HTML file: one article, the file name its id. */
static bool is_txt(const char *path)
{
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
        n -= 3;
    return (n > 4 && strncmp(path + n - 4, ".txt", 4) == 0) ||
           (n > 5 && strncmp(path + n - 5, ".html", 5) == 0) ||
           (n > 4 && strncmp(path + n - 4, ".htm", 4) == 0);
}

static int add_file(const char *path, const char *txt_id, uint64_t size, void *payload)
{
    struct ingest *in = payload;
    if (is_txt(path)) {
        uint64_t h = nx__hash_fnv1a(NX__FNV_INIT, txt_id, strlen(txt_id));
        if (nx__u64set_has(&in->txt_ids, h)) {
            char msg[512];
            snprintf(msg, sizeof msg,
                     "another .txt or HTML file of this run is also named '%s' (the file name "
                     "is the article id): skipped",
                     txt_id);
            in->st->skipped_duplicate++;
            nx__inputs_diag(in, path, 0, NX_EINPUT, msg);
            return NX_OK;
        }
        int rc = nx__u64set_add(&in->txt_ids, h);
        if (rc < 0)
            return rc;
    }
    struct file *files = nx__buf_grow(in->files, in->n, &in->cap, sizeof *files, 64);
    if (!files)
        return NX_ENOMEM;
    in->files = files;
    struct file *f = &in->files[in->n];
    f->path = strdup(path);
    f->shown = strdup(path);
    f->txt_id = strdup(txt_id);
    f->size = size;
    if (!f->path || !f->shown || !f->txt_id) {
        free(f->path);
        free(f->shown);
        free(f->txt_id);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    in->n++;
    in->pr.files_total++;
    in->pr.bytes_total += size;
    return NX_OK;
}

static void walk_error(const char *path, int code, const char *message, void *payload)
{
    struct ingest *in = payload;
    if (code == NX_OK) { /* passed over, not a problem: counted, told, no effect on the result */
        char msg[256];
        snprintf(msg, sizeof msg, "skipped: %s", message);
        in->st->files_skipped++;
        if (in->o->on_diag) {
            nx_diag d = {path, 0, NX_OK, msg};
            in->o->on_diag(&d, in->o->payload);
        }
        return;
    }
    in->st->skipped_unreadable++;
    nx__inputs_diag(in, path, 0, code, message);
}

/* Copy standard input to an unlinked-on-exit temporary file. */
static int spool_stdin(struct ingest *in, struct file *f)
{
    const char *dir = getenv("TMPDIR");
    size_t n = strlen(dir && *dir ? dir : "/tmp") + 32;
    in->spool = malloc(n);
    if (!in->spool)
        return nx__error_set(NX_ENOMEM, "out of memory");
    snprintf(in->spool, n, "%s/newsidx-stdin-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(in->spool);
    if (fd < 0)
        return nx__error_set(NX_EIO, "'%s': cannot create a temporary file", in->spool);
    char buf[65536];
    ssize_t got;
    int rc = NX_OK;
    while (rc == NX_OK && (got = read(STDIN_FILENO, buf, sizeof buf)) > 0)
        if (write(fd, buf, (size_t)got) != got)
            rc = nx__error_set(NX_EIO, "'%s': cannot write the copy of standard input", in->spool);
    if (close(fd) != 0 && rc == NX_OK)
        rc = nx__error_set(NX_EIO, "'%s': cannot write the copy of standard input", in->spool);
    free(f->path);
    f->path = strdup(in->spool);
    return f->path ? rc : nx__error_set(NX_ENOMEM, "out of memory");
}

int nx__inputs_collect(struct ingest *in, const char *const *paths, size_t n_paths)
{
    for (size_t i = 0; i < n_paths; i++) {
        size_t before = in->n;
        int rc = nx__fsutil_walk(paths[i], add_file, walk_error, in);
        if (rc == NX_ENOTFOUND || rc == NX_EIO) {
            in->st->skipped_unreadable++;
            nx__inputs_diag(in, paths[i], 0, rc, nx_error_last()->message);
            continue;
        }
        if (rc < 0)
            return rc;
        if (strcmp(paths[i], "-") == 0 && in->n > before && !in->spool) {
            rc = spool_stdin(in, &in->files[before]);
            if (rc < 0)
                return rc;
        }
    }
    return NX_OK;
}
