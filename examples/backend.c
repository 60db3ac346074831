/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Embedding libnewsidx in an archive backend: create an index, feed it articles held in
 * memory, search for what one actor said on one topic, and print the passages.
 *
 *   cc backend.c $(pkg-config --cflags --libs newsidx) -o backend && ./backend /tmp/idx
 */
#include <newsidx.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const nx_article feed[] = {
    {"desk-101", "Talks in Antalya", "2022-03-10", "Example Wire", "https://example.org/101",
     "Foreign ministers met in the Turkish resort on Thursday.\n\n"
     "Sergey Lavrov said no ceasefire had been agreed and that talks would go on.",
     0},
    {"desk-102", "Gas flows", "2022-06-14", "Example Wire", NULL,
     "Pipeline deliveries to the north were cut by a third, the operator said.", 0},
    {"desk-103", "Corridors", "2022-03-08", "Example Daily", NULL,
     "Dmytro Kuleba urged a truce so that civilians could leave.\n\n"
     "Лавров заявил, что прекращения огня не будет.",
     0},
};

static int fail(const char *what)
{
    fprintf(stderr, "backend: %s: %s\n", what, nx_error_last()->message);
    return EXIT_FAILURE;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "backend-example.nx";
    nx_open_opts oo = NX_OPEN_OPTS_INIT;
    oo.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    nx_db *db;
    if (nx_db_open(&db, path, &oo) < 0)
        return fail("open");
    for (size_t i = 0; i < sizeof feed / sizeof *feed; i++)
        if (nx_db_put(NULL, NULL, db, &feed[i]) < 0)
            return fail(feed[i].id);
    if (nx_db_commit(db) < 0)
        return fail("commit");

    const char *actors[] = {"lavrov"}, *topics[] = {"ceasefire"};
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.actors = actors;
    so.n_actors = 1;
    so.topics = topics;
    so.n_topics = 1;
    nx_results *r;
    uint64_t n;
    if (nx_search(&r, db, &so) < 0 || nx_results_passages(&n, r) < 0)
        return fail("search");
    printf("%llu passages about lavrov and ceasefire\n", (unsigned long long)n);
    const nx_hit *h;
    nx_snippet_opts sn = NX_SNIPPET_OPTS_INIT;
    sn.max_bytes = 200;
    while (nx_results_next(&h, r) == NX_OK) {
        char *text;
        if (nx_snippet(&text, h, &sn) < 0)
            return fail("snippet");
        printf("%zu. %s (%s) [%s]\n   %s\n", h->rank + 1, h->title, h->date, h->article_id, text);
        for (size_t i = 0; i < h->n_actors; i++) {
            bool speaks = false;
            for (size_t k = 0; k < h->n_speakers; k++)
                speaks |= strcmp(h->speakers[k], h->actors[i]) == 0;
            printf("   actor %s, written '%s'%s\n", h->actors[i], h->actor_spellings[i],
                   speaks ? ", speaking (a transcript turn)" : "");
        }
        nx_free(text);
    }
    nx_results_free(r);
    return nx_db_close(db) < 0 ? fail("close") : EXIT_SUCCESS;
}
