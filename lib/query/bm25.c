#include "query/bm25.h"

#include <math.h>

double nx__bm25(const struct nx__xsearch *xs, double n_docs, double tf, double wdf, double len,
                double avlen)
{
    if (wdf <= 0 || tf <= 0)
        return 0;
    double idf = (n_docs - tf + 0.5) / (tf + 0.5);
    if (idf < 2)
        idf = idf * 0.5 + 1; /* Xapian's floor for terms in most documents */
    double normlen = avlen > 0 ? len / avlen : 1;
    if (normlen < xs->min_normlen)
        normlen = xs->min_normlen;
    double k = xs->k1 * (normlen * xs->b + (1 - xs->b));
    return log(idf) * (xs->k1 + 1) * wdf / (k + wdf);
}
