/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/bm25.h"

#include <math.h>

double nx__bm25_idf(double n_docs, double tf)
{
    double idf = (n_docs - tf + 0.5) / (tf + 0.5);
    if (idf < 2)
        idf = idf * 0.5 + 1; /* Xapian's floor for terms in most documents */
    return log(idf);
}

/* K = k1 ((1 - b) + b L), L the length normalised, floored at min_normlen. */
static double saturation(const struct nx__xsearch *xs, double len, double avlen)
{
    double normlen = avlen > 0 ? len / avlen : 1;
    if (normlen < xs->min_normlen)
        normlen = xs->min_normlen;
    return xs->k1 * (normlen * xs->b + (1 - xs->b));
}

double nx__bm25_tf(const struct nx__xsearch *xs, double wdf, double len, double avlen)
{
    return (xs->k1 + 1) * wdf / (saturation(xs, len, avlen) + wdf);
}

double nx__bm25(const struct nx__xsearch *xs, double n_docs, double tf, double wdf, double len,
                double avlen)
{
    if (wdf <= 0 || tf <= 0)
        return 0;
    return nx__bm25_idf(n_docs, tf) * (xs->k1 + 1) * wdf / (saturation(xs, len, avlen) + wdf);
}
