/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_STUB_H
#define NX_STUB_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Xapian stub database files, read and written in Xapian's own format so that Xapian's tools
 * (xapian-delve, xapian-tcpsrv, Xapian::Database(path)) open them too: one database a line,
 * "auto PATH" (also "glass PATH", "chert PATH") or "remote HOST:PORT"; blank lines and lines
 * starting with '#' are ignored; a relative PATH is relative to the stub's folder. A directory
 * holding a stub named XAPIANDB is a stub database too: a sharded newsidx index is such a
 * directory, with shard-0 .. shard-N-1 and an XAPIANDB listing them in order.
 *
 * newsidx reads stubs itself (rather than letting Xapian do it) so that remote shards get the
 * caller's timeout and a failing shard can be named.
 */

#define NX__STUB_NAME "XAPIANDB"

typedef struct nx__stub_entry {
    bool remote;
    char *path;        /* local: the path, resolved against the stub's folder */
    char *host;        /* remote */
    unsigned int port; /* remote */
    char *shown;       /* what messages name: the path as written, or HOST:PORT */
} nx__stub_entry;

typedef struct nx__stub {
    nx__stub_entry *e;
    size_t n;
} nx__stub;

/* The stub file `path` stands for: `path` itself if it is a regular file, path/XAPIANDB if
 * `path` is a directory holding one. *file is NULL (and NX_OK returned) for anything else. */
int nx__stub_locate(char **file, const char *path);
/* Parse stub `file`. NX_ECORRUPT for a line in no known form (the message names the line),
 * NX_EINVAL for forms newsidx does not open ("remote :PROGRAM", "inmemory"), NX_EIO. */
int nx__stub_parse(nx__stub *out, const char *file);
void nx__stub_release(nx__stub *s);
/* Follow the local databases of stub `file` that are stubs themselves, as Xapian will when it
 * opens them: NX_ECORRUPT for stubs that list each other (or themselves) in a loop, the message
 * naming the loop, or nested deeper than NX__STUB_MAX_DEPTH. Xapian recurses without a limit
 * and runs out of stack. */
int nx__stub_check_nesting(const char *file);

/* Deeper than any sane cluster of clusters; far below what exhausts a thread's stack. */
#define NX__STUB_MAX_DEPTH 16
/* N if the stub of directory `dir` lists exactly dir/shard-0 .. dir/shard-N-1 ("auto"), in
 * order: a newsidx sharded index. 0 for any other list. */
size_t nx__stub_shards(const nx__stub *s, const char *dir);
/* `fn(db, arg)` on the database at `path`, or on each shard of the sharded index there in turn
 * until one fails. A stub that is not a sharded index is NX_EINVAL ("'path' is a stub, not a
 * sharded index: `doing` each database it lists"), as are its parse errors. */
typedef int (*nx__stub_db_fn)(const char *db, void *arg);
int nx__stub_each_local(const char *path, const char *doing, nx__stub_db_fn fn, void *arg);
/* The path of shard k of sharded index `dir`, newly allocated; NULL when out of memory. */
char *nx__stub_shard_path(const char *dir, size_t k);
/* Create (or replace, atomically with rename) dir/XAPIANDB listing n shards. */
int nx__stub_write_shards(const char *dir, size_t n);

#endif
