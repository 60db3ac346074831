/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QREMARKS_H
#define NX_QREMARKS_H

#include "query/qwords.h"

/* The boost of the asked-for actors' words, for AND_MAYBE over the whole query:
 * their remarks terms (schema.h) at NX_REMARKS_WEIGHT, only in passages that also hold one of
 * the query's words or topics when it has any. NULL when no actor was asked for. */
struct nx__xq *nx__qremarks_boost(struct nx__qb *b);

#endif
