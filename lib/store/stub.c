/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Xapian stub database files: reading the list of databases, writing a sharded index's. */
#include "store/stub.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/fsutil.h"
#include "newsidx.h"

int nx__stub_locate(char **file, const char *path)
{
    struct stat st;
    *file = NULL;
    if (stat(path, &st) != 0)
        return NX_OK;
    if (S_ISREG(st.st_mode))
        *file = strdup(path);
    else if (S_ISDIR(st.st_mode)) {
        char *p = nx__fsutil_path_join(path, NX__STUB_NAME);
        if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode))
            *file = p;
        else if (p) {
            free(p);
            return NX_OK;
        }
    } else
        return NX_OK;
    return *file ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
}

/* The folder relative paths in `file` are relative to. */
static char *folder_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        return strdup(".");
    return strndup(file, slash == file ? 1 : (size_t)(slash - file));
}

static int add_entry(nx__stub *s, const nx__stub_entry *e)
{
    nx__stub_entry *ne = realloc(s->e, (s->n + 1) * sizeof *ne);
    if (!ne)
        return nx__error_set(NX_ENOMEM, "out of memory");
    s->e = ne;
    s->e[s->n++] = *e;
    return NX_OK;
}

static int parse_remote(nx__stub_entry *e, const char *file, unsigned long line, const char *arg)
{
    const char *colon = strrchr(arg, ':');
    char *end;
    if (arg[0] == ':')
        return nx__error_set(
            NX_EINVAL, "'%s':%lu: remote programs are not supported, only HOST:PORT", file, line);
    if (!colon || colon == arg)
        return nx__error_set(NX_ECORRUPT, "'%s':%lu: expected 'remote HOST:PORT'", file, line);
    errno = 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (errno || *end || end == colon + 1 || port == 0 || port > 65535)
        return nx__error_set(NX_ECORRUPT, "'%s':%lu: bad port in '%s'", file, line, arg);
    e->remote = true;
    e->port = (unsigned int)port;
    e->host = strndup(arg, (size_t)(colon - arg));
    e->shown = strdup(arg);
    return e->host && e->shown ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
}

static int parse_local(nx__stub_entry *e, const char *dir, const char *arg)
{
    e->path = arg[0] == '/' ? strdup(arg) : nx__fsutil_path_join(dir, arg);
    e->shown = strdup(arg);
    return e->path && e->shown ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
}

static void entry_release(nx__stub_entry *e)
{
    free(e->path);
    free(e->host);
    free(e->shown);
}

/* One line, already trimmed and not a comment: "TYPE ARG". */
static int parse_line(nx__stub *s, const char *file, const char *dir, unsigned long line,
                      char *text)
{
    char *arg = text + strcspn(text, " \t");
    if (*arg)
        *arg++ = '\0';
    arg += strspn(arg, " \t");
    nx__stub_entry e = {0};
    int rc;
    if (strcmp(text, "remote") == 0)
        rc = parse_remote(&e, file, line, arg);
    else if (*arg && (strcmp(text, "auto") == 0 || strcmp(text, "glass") == 0 ||
                      strcmp(text, "chert") == 0))
        rc = parse_local(&e, dir, arg);
    else if (strcmp(text, "inmemory") == 0)
        rc =
            nx__error_set(NX_EINVAL, "'%s':%lu: in-memory databases are not supported", file, line);
    else
        rc = nx__error_set(NX_ECORRUPT, "'%s':%lu: not a line of a Xapian stub file", file, line);
    if (rc == NX_OK)
        rc = add_entry(s, &e);
    if (rc < 0)
        entry_release(&e);
    return rc;
}

static char *trim(char *p)
{
    p += strspn(p, " \t");
    size_t n = strlen(p);
    while (n && strchr(" \t\r\n", p[n - 1]))
        p[--n] = '\0';
    return p;
}

int nx__stub_parse(nx__stub *out, const char *file)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(file, "r");
    if (!f)
        return nx__error_set(NX_EIO, "'%s': cannot read the stub file", file);
    char *dir = folder_of(file), *buf = NULL;
    size_t cap = 0;
    unsigned long line = 0;
    int rc = dir ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
    while (rc == NX_OK && getline(&buf, &cap, f) >= 0) {
        char *text = trim(buf);
        line++;
        if (*text && *text != '#')
            rc = parse_line(out, file, dir, line, text);
    }
    if (rc == NX_OK && out->n == 0)
        rc = nx__error_set(NX_ECORRUPT, "'%s': the stub file lists no database", file);
    free(buf);
    free(dir);
    fclose(f);
    if (rc < 0)
        nx__stub_release(out);
    return rc;
}

void nx__stub_release(nx__stub *s)
{
    for (size_t i = 0; i < s->n; i++)
        entry_release(&s->e[i]);
    free(s->e);
    s->e = NULL;
    s->n = 0;
}

/* The stubs being followed, outermost first: the file as named, and its real path. */
struct chain {
    const char *shown[NX__STUB_MAX_DEPTH + 1];
    char *real[NX__STUB_MAX_DEPTH + 1];
    size_t n;
};

/* "'A' lists 'B', which lists 'A'", from the stub at chain position `from` to `again`. */
static int loop_error(const struct chain *c, size_t from, const char *again)
{
    if (c->n - from == 1)
        return nx__error_set(NX_ECORRUPT, "stub file '%s' lists itself: stub files in a loop",
                             c->shown[from]);
    nx__buf b = NX__BUF_INIT;
    int rc = nx__buf_printf(&b, "'%s' lists", c->shown[from]);
    for (size_t i = from + 1; rc == NX_OK && i < c->n; i++)
        rc = nx__buf_printf(&b, " '%s', which lists", c->shown[i]);
    if (rc == NX_OK)
        rc = nx__error_set(NX_ECORRUPT, "stub files in a loop: %s '%s'", b.data, again);
    nx__buf_release(&b);
    return rc;
}

static int follow(struct chain *c, const char *file)
{
    char *real = realpath(file, NULL);
    if (!real)
        return NX_OK; /* gone or unreadable: Xapian's open names it */
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->real[i], real) == 0) {
            free(real);
            return loop_error(c, i, file);
        }
    if (c->n > NX__STUB_MAX_DEPTH) {
        free(real);
        return nx__error_set(NX_ECORRUPT, "'%s': stub files nested more than %d deep", c->shown[0],
                             NX__STUB_MAX_DEPTH);
    }
    nx__stub s;
    int rc = nx__stub_parse(&s, file);
    if (rc < 0) { /* a nested stub Xapian may read otherwise: leave it to Xapian */
        free(real);
        return c->n ? NX_OK : rc;
    }
    c->shown[c->n] = file;
    c->real[c->n++] = real;
    for (size_t i = 0; rc == NX_OK && i < s.n; i++) {
        char *sub = NULL;
        if (!s.e[i].remote)
            rc = nx__stub_locate(&sub, s.e[i].path);
        if (rc == NX_OK && sub)
            rc = follow(c, sub);
        free(sub);
    }
    c->n--;
    free(real);
    nx__stub_release(&s);
    return rc;
}

int nx__stub_check_nesting(const char *file)
{
    struct chain c = {.n = 0};
    return follow(&c, file);
}

char *nx__stub_shard_path(const char *dir, size_t k)
{
    char name[32];
    snprintf(name, sizeof name, "shard-%zu", k);
    return nx__fsutil_path_join(dir, name);
}

size_t nx__stub_shards(const nx__stub *s, const char *dir)
{
    for (size_t k = 0; k < s->n; k++) {
        char *want = nx__stub_shard_path(dir, k);
        bool ok = want && !s->e[k].remote && strcmp(s->e[k].path, want) == 0;
        free(want);
        if (!ok)
            return 0;
    }
    return s->n;
}

int nx__stub_each_local(const char *path, const char *doing, nx__stub_db_fn fn, void *arg)
{
    char *file;
    nx__stub s;
    int rc = nx__stub_locate(&file, path);
    if (rc < 0 || !file)
        return rc < 0 ? rc : fn(path, arg);
    rc = nx__stub_parse(&s, file);
    free(file);
    if (rc < 0)
        return rc;
    size_t n = nx__stub_shards(&s, path);
    if (n == 0)
        rc = nx__error_set(NX_EINVAL,
                           "'%s' is a stub, not a sharded index: %s each database it lists", path,
                           doing);
    for (size_t k = 0; rc == NX_OK && k < n; k++)
        rc = fn(s.e[k].path, arg);
    nx__stub_release(&s);
    return rc;
}

int nx__stub_write_shards(const char *dir, size_t n)
{
    nx__buf text = NX__BUF_INIT;
    int rc = nx__buf_printf(&text, "# newsidx sharded index: Xapian stub, one shard a line\n");
    for (size_t k = 0; rc == NX_OK && k < n; k++)
        rc = nx__buf_printf(&text, "auto shard-%zu\n", k);
    char *tmp = nx__fsutil_path_join(dir, NX__STUB_NAME ".tmp"),
         *file = nx__fsutil_path_join(dir, NX__STUB_NAME);
    if (rc == NX_OK && (!tmp || !file))
        rc = nx__error_set(NX_ENOMEM, "out of memory");
    FILE *f = rc == NX_OK ? fopen(tmp, "w") : NULL;
    if (rc == NX_OK && !f)
        rc = nx__error_set(NX_EIO, "'%s': cannot write the stub file", tmp);
    if (f && (fwrite(text.data, 1, text.len, f) != text.len) + (fclose(f) != 0))
        rc = nx__error_set(NX_EIO, "'%s': cannot write the stub file", tmp);
    if (rc == NX_OK && rename(tmp, file) != 0)
        rc = nx__error_set(NX_EIO, "'%s': cannot rename the stub file into place", file);
    free(tmp);
    free(file);
    nx__buf_release(&text);
    return rc;
}
