/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_FSUTIL_H
#define NX_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Total size of the regular files directly in `path` (an index directory) and in its shard-*
 * folders (a sharded index), or of the file. */
uint64_t nx__fsutil_dir_bytes(const char *path);
/* "dir/name", newly allocated; NULL when out of memory. */
char *nx__fsutil_path_join(const char *dir, const char *name);
/* Remove a directory tree; a missing path is fine. */
void nx__fsutil_rmtree(const char *path);

/*
 * Expand one input argument into files: a regular file is itself; a directory is walked
 * recursively (no symlinked directories, hidden entries skipped, names in byte order) for files
 * ending in .txt .json .jsonl .ndjson .html .htm .warc, each optionally followed by .gz. For
 * each file, fn gets its path and the article id a .txt (or HTML) file has: its name without the extensions, whatever
 * folder it was found from (so the same file always gets the same id).
 * A directory that cannot be read is reported through `err` and skipped. An entry of a folder
 * named like an input but passed over (an empty file, a dangling symbolic link, a FIFO or other
 * special file) goes to `err` with code NX_OK and the reason. NX_ENOTFOUND if the argument does
 * not exist.
 */
typedef int (*nx__file_fn)(const char *path, const char *txt_id, uint64_t size, void *payload);
typedef void (*nx__walk_err_fn)(const char *path, int code, const char *message, void *payload);
int nx__fsutil_walk(const char *arg, nx__file_fn fn, nx__walk_err_fn err, void *payload);

#endif
