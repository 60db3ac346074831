/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error.h"
#include "newsidx.h"

char *nx__fsutil_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

uint64_t nx__fsutil_dir_bytes(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return (uint64_t)st.st_size;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    uint64_t total = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *p = e->d_name[0] == '.' ? NULL : nx__fsutil_path_join(path, e->d_name);
        if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode))
            total += (uint64_t)st.st_size;
        else if (p && S_ISDIR(st.st_mode) && strncmp(e->d_name, "shard-", 6) == 0)
            total += nx__fsutil_dir_bytes(p); /* a sharded index: its shards */
        free(p);
    }
    closedir(d);
    return total;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void nx__fsutil_rmtree(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *const exts[] = {".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".warc"};

/* Length of `name` without a known extension (and .gz), or 0 when it has none. */
static size_t stem_len(const char *name, bool require)
{
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
        n -= 3;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strncmp(name + n - e, exts[i], e) == 0)
            return n - e;
    }
    return require ? 0 : n;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

struct walk {
    nx__file_fn fn;
    nx__walk_err_fn err;
    void *payload;
};

static int visit(struct walk *w, const char *path, int depth);

static int visit_dir(struct walk *w, const char *path, int depth)
{
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot read folder: %s", strerror(errno));
        if (w->err)
            w->err(path, NX_EIO, msg, w->payload);
        return NX_OK;
    }
    int rc = NX_OK;
    for (int i = 0; i < n; i++) {
        char *p = names[i]->d_name[0] == '.' ? NULL : nx__fsutil_path_join(path, names[i]->d_name);
        if (p && rc == NX_OK)
            rc = visit(w, p, depth + 1);
        free(p);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* An entry named like an input but passed over: told to `err` with code NX_OK. */
static int passed_over(struct walk *w, const char *path, const char *reason)
{
    if (w->err)
        w->err(path, NX_OK, reason, w->payload);
    return NX_OK;
}

static int visit(struct walk *w, const char *path, int depth)
{
    struct stat st;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (lstat(path, &st) != 0)
        return NX_OK; /* vanished while walking */
    if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
        return stem_len(base, true) ? passed_over(w, path, "dangling symbolic link") : NX_OK;
    if (S_ISDIR(st.st_mode)) {
        /* Symlinked folders are not followed: they can loop. */
        struct stat lst;
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
            return NX_OK;
        return visit_dir(w, path, depth);
    }
    if (stem_len(base, true) == 0)
        return NX_OK;
    if (S_ISFIFO(st.st_mode))
        return passed_over(w, path, "named pipe (FIFO), not a regular file");
    if (!S_ISREG(st.st_mode))
        return passed_over(w, path, "not a regular file");
    if (st.st_size == 0)
        return passed_over(w, path, "empty file");
    char *id = strndup(base, stem_len(base, true));
    if (!id)
        return nx__error_set(NX_ENOMEM, "out of memory");
    int rc = w->fn(path, id, (uint64_t)st.st_size, w->payload);
    free(id);
    return rc;
}

int nx__fsutil_walk(const char *arg, nx__file_fn fn, nx__walk_err_fn err, void *payload)
{
    struct stat st;
    if (strcmp(arg, "-") == 0)
        return fn(arg, "-", 0, payload);
    if (stat(arg, &st) != 0)
        return nx__error_set(errno == ENOENT ? NX_ENOTFOUND : NX_EIO, "'%s': %s", arg,
                             strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        const char *base = strrchr(arg, '/');
        base = base ? base + 1 : arg;
        char *id = strndup(base, stem_len(base, false));
        if (!id)
            return nx__error_set(NX_ENOMEM, "out of memory");
        int rc = fn(arg, id, (uint64_t)st.st_size, payload);
        free(id);
        return rc;
    }
    size_t n = strlen(arg);
    while (n > 1 && arg[n - 1] == '/')
        n--;
    struct walk w = {fn, err, payload};
    char *root = strndup(arg, n);
    if (!root)
        return nx__error_set(NX_ENOMEM, "out of memory");
    int rc = visit_dir(&w, root, 0);
    free(root);
    return rc;
}
