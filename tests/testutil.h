#ifndef NX_TESTUTIL_H
#define NX_TESTUTIL_H

/* cmocka 1.1 needs these before <cmocka.h>. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

/* A fresh directory under $TMPDIR (or /tmp); free with nxt_rmtree + free. */
char *nxt_tmpdir(void);
/* Remove a directory tree (no error if missing). */
void nxt_rmtree(const char *path);
/* Join dir and name into a new string. */
char *nxt_path(const char *dir, const char *name);
/* Write len bytes (len (size_t)-1: strlen) to path; asserts on failure. */
void nxt_write(const char *path, const char *data, size_t len);
/* Read a whole file into a NUL-terminated string; *len may be NULL. NULL if unreadable. */
char *nxt_read(const char *path, size_t *len);
/* Sleep for ms milliseconds. */
void nxt_sleep_ms(long ms);
/* Path of a file in ../shared/corpus, or NULL (and a message) if the corpus is absent. */
const char *nxt_corpus(const char *name);

#endif
