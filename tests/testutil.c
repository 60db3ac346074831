/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/xapian_shim.h"

char *nxt_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl = nxt_path(base && *base ? base : "/tmp", "newsidx-test-XXXXXX");
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700);
    return remove(path) == 0 || errno == ENOENT ? 0 : 0;
}

void nxt_rmtree(const char *path)
{
    if (path)
        nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *nxt_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void nxt_write(const char *path, const char *data, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(data);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *nxt_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

const char *nxt_corpus(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", NX_CORPUS_DIR, name);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "corpus file '%s' is absent: skipping\n", path);
        return NULL;
    }
    return path;
}

void nxt_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

#if defined(__SANITIZE_ADDRESS__)
/* libxapian 1.4.22's Database::check() deletes a table object through a base pointer of
 * another size (a sized-delete mismatch inside the library, harmless with glibc malloc). Every
 * test program links this file, so the one exception is made here, once. */
const char *__asan_default_options(void);
__attribute__((visibility("default"))) const char *__asan_default_options(void)
{
    return "new_delete_type_mismatch=0";
}
#endif

/* Remove a fresh directory and free its name and that of the path made in it. */
static void remove_scratch(char *dir, char *path)
{
    nxt_rmtree(dir);
    free(dir);
    free(path);
}

nxt_env *nxt_env_new(void)
{
    nxt_env *e = calloc(1, sizeof *e);
    assert_non_null(e);
    e->dir = nxt_tmpdir();
    e->path = nxt_path(e->dir, "idx");
    return e;
}

void nxt_env_free(nxt_env *e)
{
    if (!e)
        return;
    nx_db_free(e->db);
    remove_scratch(e->dir, e->path);
    free(e);
}

int nxt_env_setup(void **state)
{
    *state = nxt_env_new();
    return 0;
}

int nxt_env_teardown(void **state)
{
    nxt_env_free(*state);
    return 0;
}

uint64_t nxt_count(nx_db *db, const char *query)
{
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = query;
    so.flags = NX_SEARCH_EXACT;
    nx_results *r;
    assert_int_equal(nx_search(&r, db, &so), NX_OK);
    uint64_t n = nxt_articles(r);
    nx_results_free(r);
    return n;
}

uint64_t nxt_passages(const nx_results *r)
{
    uint64_t n = UINT64_MAX;
    if (nx_results_passages(&n, r) != NX_OK)
        fail_msg("counting passages: %s", nx_error_last()->message);
    return n;
}

uint64_t nxt_articles(const nx_results *r)
{
    uint64_t n = UINT64_MAX;
    if (nx_results_articles(&n, r) != NX_OK)
        fail_msg("counting articles: %s", nx_error_last()->message);
    return n;
}

int nxt_input_setup(void **state)
{
    nxt_input *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = nxt_tmpdir();
    f->path = nxt_path(f->dir, "in");
    f->gz = nxt_path(f->dir, "in.gz");
    *state = f;
    return 0;
}

int nxt_input_teardown(void **state)
{
    nxt_input *f = *state;
    free(f->gz);
    remove_scratch(f->dir, f->path);
    free(f);
    return 0;
}

static nx_db *open_writer(const char *path, size_t batch_articles, unsigned int shards)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    o.batch_articles = batch_articles;
    o.shards = shards;
    nx_db *db = NULL;
    if (nx_db_open(&db, path, &o) != NX_OK)
        fail_msg("cannot open a writer on '%s': %s", path, nx_error_last()->message);
    return db;
}

nx_db *nxt_open_writer(const char *path, size_t batch_articles)
{
    return open_writer(path, batch_articles, 0);
}

nx_db *nxt_open_sharded(const char *path, unsigned int shards)
{
    return open_writer(path, 0, shards);
}

nxt_env *nxt_index_of(const nx_article *arts, size_t n)
{
    nxt_env *g = nxt_env_new();
    nx_db *w = nxt_open_writer(g->path, 0);
    for (size_t i = 0; i < n; i++)
        if (nx_db_put(NULL, NULL, w, &arts[i]) != NX_OK)
            fail_msg("put %s: %s", arts[i].id, nx_error_last()->message);
    assert_int_equal(nx_db_close(w), NX_OK);
    assert_int_equal(nx_db_open(&g->db, g->path, NULL), NX_OK);
    return g;
}

int nxt_stored_format(const char *path)
{
    struct nx__xdb *x;
    nx__buf v = NX__BUF_INIT;
    assert_int_equal(nx__xdb_open(&x, path, NX__XDB_READ), NX_OK);
    assert_int_equal(nx__xdb_get_metadata(x, "nx:format", &v), NX_OK);
    int format = v.len ? atoi(v.data) : 0;
    nx__xdb_free(x);
    nx__buf_release(&v);
    return format;
}

void nxt_stamp_format(const char *path, const char *format)
{
    struct nx__xdb *x;
    assert_int_equal(nx__xdb_open(&x, path, NX__XDB_WRITE), NX_OK);
    assert_int_equal(nx__xdb_set_metadata(x, "nx:format", format, strlen(format)), NX_OK);
    assert_int_equal(nx__xdb_close(x), NX_OK);
}
