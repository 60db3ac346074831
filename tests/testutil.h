/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_TESTUTIL_H
#define NX_TESTUTIL_H

/* cmocka 1.1 needs these before <cmocka.h>. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

#include "newsidx.h"

/* A fresh directory, an index path inside it (not created), and a handle the test may set. */
typedef struct nxt_env {
    char *dir, *path;
    nx_db *db;
} nxt_env;
nxt_env *nxt_env_new(void);
/* Free env->db (without committing), remove the directory, free everything. */
void nxt_env_free(nxt_env *env);
/* cmocka setup/teardown making *state an nxt_env. */
int nxt_env_setup(void **state);
int nxt_env_teardown(void **state);
/* Open (creating) a writer; the test fails with the library's message if it cannot.
 * batch_articles 0: the default. */
nx_db *nxt_open_writer(const char *path, size_t batch_articles);
/* The same for a new index of `shards` shards (0: an existing index's own layout). */
nx_db *nxt_open_sharded(const char *path, unsigned int shards);
/* A new index of its own holding `arts` (committed), open for reading as env->db. */
nxt_env *nxt_index_of(const nx_article *arts, size_t n);

/* A fresh directory and two paths in it (neither created): path is dir/in, gz is dir/in.gz.
 * The fixture of the tests that read one input file. */
typedef struct nxt_input {
    char *dir, *path, *gz;
} nxt_input;
/* cmocka setup/teardown making *state an nxt_input. */
int nxt_input_setup(void **state);
int nxt_input_teardown(void **state);
/* How many articles a search (with exact counts) for query finds in db; the test fails if the
 * search does. */
uint64_t nxt_count(nx_db *db, const char *query);
/* nx_results_passages / nx_results_articles of r; the test fails if counting does. */
uint64_t nxt_passages(const nx_results *r);
uint64_t nxt_articles(const nx_results *r);

/* The index format the index at path records (its nx:format metadata); 0 if none. */
int nxt_stored_format(const char *path);
/* Make the index at path record `format`, to stand in for an index of another version. */
void nxt_stamp_format(const char *path, const char *format);

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
