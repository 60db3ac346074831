/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_PARALLEL_H
#define NX_PARALLEL_H

#include "ingest/state.h"

/* The second pass of a sharded index: this thread reads and parses the input once and hands
 * each article to the writer thread of its shard; the shards' stats are added to in->st. */
int nx__parallel_ingest(struct ingest *in);

#endif
