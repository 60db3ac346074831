/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_SHARD_H
#define NX_SHARD_H

#include <stdbool.h>
#include <stddef.h>

#include "store/handle.h"

/* Sharded indexes and stubs: one handle over several databases. */
/* The shard of article `id` among n: FNV-1a 64 of the id's bytes, mod n. Stable: it changes
 * only with n. */
size_t nx__shard_of(const char *id, size_t n);
/* Open db->x for `db` (path, flags set) when it is a stub or a sharded index, or when a new
 * sharded index is asked for; *done tells whether it was one of those (else open it plainly). */
int nx__shard_open(nx_db *db, const nx_open_opts *o, bool *done);
/* Sharded writers: what the public calls do on every shard. */
int nx__shard_each(nx_db *db, int (*fn)(nx_db *));
int nx__shard_close(nx_db *db);
void nx__shard_free(nx_db *db);
/* Close the view over the shards (db->x): it goes before the writers it looks into. */
void nx__shard_drop_view(nx_db *db);
/* Open the sharded index at db->path again as this handle's writers (after a failed merge). */
int nx__shard_reopen(nx_db *db);

#endif
