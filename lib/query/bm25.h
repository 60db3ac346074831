/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_BM25_H
#define NX_BM25_H

#include "store/xapian_shim.h"

/* Xapian's BM25Weight for one term in one document (k2 = 0, query frequency 1) with the
 * parameters of `xs`: n_docs and avlen are the index's, tf the term's document frequency. The
 * one copy of the formula newsidx computes outside Xapian (--explain, feedback re-ranking). */
double nx__bm25(const struct nx__xsearch *xs, double n_docs, double tf, double wdf, double len,
                double avlen);
/* Its two factors: the term's idf weight, log((N - n + 0.5) / (n + 0.5)) with Xapian's floor,
 * and the saturated, length-normalised frequency, (k1 + 1) wdf / (K + wdf). Proximity
 * (query/rank.cc) saturates a pair's closeness as a frequency. */
double nx__bm25_idf(double n_docs, double tf);
double nx__bm25_tf(const struct nx__xsearch *xs, double wdf, double len, double avlen);

#endif
