/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_DBARG_H
#define NXC_DBARG_H

/* The environment variable naming the index when --db is not given. */
#define NXC_DB_ENV "NEWSIDX_DB"

/*
 * The index a program works on: *db as --db set it, else NEWSIDX_DB from the environment (set
 * and not empty). Returns 0 with *db set, or the usage error's exit code 2 when neither names
 * an index ("missing --db PATH").
 */
int nxc_db_arg(const char **db);

#endif
