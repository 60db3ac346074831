/* A short passage shown with the sentences that follow it (passage.h: nx__passage_continue). */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "text/passage.h"
#include "query/results.h"
#include "store/schema.h"

enum { NEXT_SCAN_MAX = 4096 }; /* an article's passages looked through, at most */

/* The passage after passage number `index` (`docid`) of article `id`: an article's passages are
 * added in order, to one shard, so its article term lists their docids in passage order and the
 * next one is entry index + 1; its record confirms it. *next is 0 when there is none. */
static int next_passage(nx_results *r, const char *id, unsigned int docid, uint64_t index,
                        unsigned int *next, nx__passrec *pr)
{
    *next = 0;
    if (index + 2 > NEXT_SCAN_MAX)
        return NX_OK;
    size_t want = (size_t)index + 2, n = 0;
    nx__buf term = NX__BUF_INIT, data = NX__BUF_INIT;
    unsigned int *ids = malloc(want * sizeof *ids);
    int rc = ids ? nx__buf_append(&term, NX__P_ARTICLE, strlen(NX__P_ARTICLE))
                 : nx__error_set(NX_ENOMEM, "out of memory");
    if (rc == NX_OK)
        rc = nx__buf_append(&term, id, strlen(id));
    if (rc == NX_OK)
        rc = nx__xdb_postings(r->db->x, term.data, term.len, ids, want, &n);
    if (rc == NX_OK && n == want && ids[index] == docid)
        rc = nx__xdb_doc_data(r->db->x, ids[index + 1], &data);
    if (rc == NX_OK && data.len)
        rc = nx__passrec_decode(pr, data.data, data.len);
    if (rc == NX_OK && data.len && pr->index == index + 1)
        *next = ids[index + 1];
    pr->blob = NULL; /* it pointed into data */
    nx__buf_release(&data);
    nx__buf_release(&term);
    free(ids);
    return rc;
}

/* Whether passage `docid` is a hit of this page ranked above hit i: the reader has seen it,
 * and hit i does not repeat it as its continuation. (One ranked below is not looked for: the
 * lead is worth reading with it, and a deep page must not change what a top hit shows.) */
static bool shown_above(const nx_results *r, size_t i, unsigned int docid)
{
    for (size_t j = 0; j < i; j++) {
        unsigned int d = 0;
        if (nx__xmset_hit(r->m, j, &d, NULL) == NX_OK && d == docid)
            return true;
    }
    return false;
}

int nx__hit_continue(nx_results *r, size_t i, unsigned int docid, const nx__passrec *pr,
                     size_t *end)
{
    *end = (size_t)pr->end;
    if ((r->flags & NX_SEARCH_PASSAGE_ONLY) ||
        !nx__passage_short(r->art->body, (size_t)pr->start, (size_t)pr->end))
        return NX_OK;
    nx__buf id = NX__BUF_INIT; /* r->art is replaced when more of its body is needed */
    nx__passrec np = {0, 0, 0, NULL, 0};
    unsigned int next = 0;
    int rc = nx__buf_append(&id, r->art->id, strlen(r->art->id) + 1);
    if (rc == NX_OK)
        rc = next_passage(r, id.data, docid, pr->index, &next, &np);
    if (rc == NX_OK && next && np.start >= pr->end && !shown_above(r, i, next)) {
        rc = nx__hit_article(r, i, id.data, (size_t)np.end);
        if (rc == NX_OK && np.end <= r->art->body_len) /* else damaged: the hit as it is */
            *end = nx__passage_continue(r->art->body, (size_t)pr->start, (size_t)pr->end,
                                        (size_t)np.start, (size_t)np.end);
    }
    nx__buf_release(&id);
    return rc;
}
