/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_DOCBUILD_H
#define NX_DOCBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "store/handle.h"
#include "util/buf.h"

/* The passage record at the start of a document's data. */
typedef struct nx__passrec {
    uint64_t index, start, end;
    const char *blob; /* the stored article (first passage only), else NULL */
    size_t blob_len;
} nx__passrec;
int nx__docbuild_passrec_encode(nx__buf *out, uint64_t index, uint64_t start, uint64_t end);
int nx__docbuild_passrec_decode(nx__passrec *r, const char *data, size_t len);

/*
 * Index one validated article (id set, body_len filled) as passage documents; the first passage
 * carries the stored article and `hash`. *npassages and *dropped (boilerplate paragraphs) are
 * set. Does not delete an older version: the caller does.
 */
int nx__docbuild_article(nx_db *db, const nx_article *a, uint64_t hash, size_t *npassages,
                         size_t *dropped);

#endif
