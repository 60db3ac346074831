/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QBUILD_H
#define NX_QBUILD_H

#include "newsidx.h"
#include "query/qplan.h"

/*
 * From a search request (query language text plus actor/topic/date/source options) to one
 * Xapian query, and the set of things a hit should highlight (query/qplan.h). Ranking choices
 * live here, in qwords.c and in qremarks.c, and are documented in docs/ranking.md.
 */
int nx__qbuild_plan(nx__qplan *p, nx_db *db, const nx_search_opts *o);

#endif
