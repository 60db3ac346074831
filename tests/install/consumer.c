/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An outside program built against an installed libnewsidx: index one article, find it. */
#include <newsidx.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    nx_db *db;
    nx_article a = {"c1", "Truce talks", "2022-03-01", "Wire", NULL,
                    "Sergey Lavrov spoke about a ceasefire in Antalya.", 0};
    if (argc != 2 || nx_db_open(&db, argv[1], &o) < 0 || nx_db_put(NULL, NULL, db, &a) < 0 ||
        nx_db_commit(db) < 0)
        return fprintf(stderr, "consumer: %s\n", nx_error_last()->message), 1;
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "actor:lavrov ceasefire";
    nx_results *r;
    const nx_hit *h;
    if (nx_search(&r, db, &so) < 0 || nx_results_next(&h, r) != NX_OK)
        return fprintf(stderr, "consumer: no hit: %s\n", nx_error_last()->message), 1;
    printf("newsidx %s (headers %s): found '%s'\n", nx_version(), NX_VERSION_STRING, h->article_id);
    nx_results_free(r);
    return nx_db_close(db) < 0;
}
