/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "stats.h"

#include <inttypes.h>
#include <stdio.h>

#include "diag.h"
#include "json.h"
#include "newsidx.h"
#include "report.h"

static void stats_json(const char *path, const nx_stats *st)
{
    nxc_json j;
    report_json_begin(&j, "stats", path);
    nxc_json_kv_uint(&j, "articles", st->articles);
    nxc_json_kv_uint(&j, "passages", st->passages);
    nxc_json_kv_uint(&j, "terms", st->terms);
    nxc_json_kv_uint(&j, "index_bytes", st->index_bytes);
    nxc_json_kv_double(&j, "avg_passage_len", st->avg_passage_len);
    nxc_json_kv_string(&j, "lexicon", st->lexicon);
    nxc_json_end_object(&j);
}

static void stats_text(const nx_stats *st)
{
    printf("articles: %" PRIu64 "\npassages: %" PRIu64 "\nterms: %" PRIu64 "\nindex bytes: %" PRIu64
           "\naverage passage: %.1f tokens\nlexicon: ",
           st->articles, st->passages, st->terms, st->index_bytes, st->avg_passage_len);
    nxc_puts_safe(stdout, st->lexicon);
    putchar('\n');
}

int run_stats(const char *path, bool json)
{
    nx_db *db;
    nx_stats st;
    int rc = nx_db_open(&db, path, NULL);
    if (rc == NX_OK)
        rc = nx_db_stats(&st, db);
    if (rc < 0) {
        nxc_error("%s", nx_error_last()->message);
        nx_db_free(db);
        return 2;
    }
    if (json)
        stats_json(path, &st);
    else
        stats_text(&st);
    nx_db_free(db);
    return 0;
}
