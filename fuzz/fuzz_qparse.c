/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The query parser (lib/query/qparse.c, qdate.c): any bytes, checked against qparse.h. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "newsidx.h"
#include "query/qparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const char *d)
{
    size_t n = strlen(d);
    FZ_CHECK(n == 0 || n == 10);
}

static void check_node(const nx__qnode *n, size_t size, unsigned int depth)
{
    FZ_CHECK(depth <= 2 * NX__QUERY_MAX_DEPTH + NX__QUERY_MAX_TERMS);
    FZ_CHECK(n->offset < size);
    switch (n->kind) {
    case NX__Q_WORD:
    case NX__Q_PHRASE:
    case NX__Q_MACRO:
    case NX__Q_FIELD:
        FZ_CHECK(n->text != NULL && n->text[n->len] == '\0' && n->nkids == 0);
        break;
    case NX__Q_DATE:
        check_date(n->date_lo);
        check_date(n->date_hi);
        break;
    case NX__Q_LIST:
    case NX__Q_AND:
    case NX__Q_OR:
    case NX__Q_NOT:
    case NX__Q_NEAR:
        FZ_CHECK(n->nkids >= 1 && n->kids != NULL);
        for (size_t i = 0; i < n->nkids; i++) {
            FZ_CHECK(n->kids[i] != NULL);
            check_node(n->kids[i], size, depth + 1);
        }
        break;
    default:
        FZ_CHECK(!"unknown node kind");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nx__qnode *q = (nx__qnode *)&q; /* poisoned: set on every return */
    int rc = nx__qparse(&q, size ? (const char *)data : "", size);
    if (rc == NX_OK) {
        if (q)
            check_node(q, size, 0);
        nx__qparse_free(q);
        return 0;
    }
    FZ_CHECK(q == NULL);
    FZ_CHECK(rc == NX_EQUERY || rc == NX_ELIMIT || rc == NX_ENOMEM);
    FZ_CHECK(nx_error_last()->code == rc && nx_error_last()->message[0] != '\0');
    return 0;
}
