#ifndef NX_BM25_H
#define NX_BM25_H

#include "store/xapian_shim.h"

/* Xapian's BM25Weight for one term in one document (k2 = 0, query frequency 1) with the
 * parameters of `xs`: n_docs and avlen are the index's, tf the term's document frequency. The
 * one copy of the formula newsidx computes outside Xapian (--explain, feedback re-ranking). */
double nx__bm25(const struct nx__xsearch *xs, double n_docs, double tf, double wdf, double len,
                double avlen);

#endif
