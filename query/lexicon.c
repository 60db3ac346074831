/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-query --list actors|topics: the index's lexicon, each entry's key, name, spellings. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "output.h"

/* An entry's name: an actor's first spelling of two or more words ("Sergei Lavrov"), else the
 * first spelling ("NATO"). */
static const char *entry_name(const nx_db *db, nx_lex_kind kind, size_t i)
{
    size_t n = nx_db_lexicon_variant_count(db, kind, i);
    for (size_t j = 0; kind == NX_LEX_ACTOR && j < n; j++) {
        const char *v = nx_db_lexicon_variant(db, kind, i, j);
        if (strchr(v, ' '))
            return v;
    }
    return n ? nx_db_lexicon_variant(db, kind, i, 0) : nx_db_lexicon_key(db, kind, i);
}

static void text_entry(FILE *f, const nx_db *db, nx_lex_kind kind, size_t i)
{
    fprintf(f, "%-16s ", nx_db_lexicon_key(db, kind, i));
    nxc_puts_safe(f, entry_name(db, kind, i));
    fputs("\n    ", f);
    for (size_t j = 0; j < nx_db_lexicon_variant_count(db, kind, i); j++) {
        fputs(j ? " | " : "", f);
        nxc_puts_safe(f, nx_db_lexicon_variant(db, kind, i, j));
    }
    fputc('\n', f);
}

static void json_entries(const nx_db *db, nx_lex_kind kind, const char *what)
{
    nxc_json j;
    nxc_json_init(&j, stdout);
    nxc_json_begin_object(&j);
    nxc_json_kv_uint(&j, "format", 1);
    nxc_json_kv_string(&j, "type", "lexicon");
    nxc_json_kv_string(&j, "kind", what);
    nxc_json_key(&j, "entries");
    nxc_json_begin_array(&j);
    for (size_t i = 0; i < nx_db_lexicon_count(db, kind); i++) {
        nxc_json_begin_object(&j);
        nxc_json_kv_string(&j, "key", nx_db_lexicon_key(db, kind, i));
        nxc_json_kv_string(&j, "name", entry_name(db, kind, i));
        nxc_json_key(&j, "variants");
        nxc_json_begin_array(&j);
        for (size_t v = 0; v < nx_db_lexicon_variant_count(db, kind, i); v++)
            nxc_json_string(&j, nx_db_lexicon_variant(db, kind, i, v));
        nxc_json_end_array(&j);
        nxc_json_end_object(&j);
    }
    nxc_json_end_array(&j);
    nxc_json_end_object(&j);
}

void print_lexicon(const nx_db *db, bool topics, bool json)
{
    nx_lex_kind kind = topics ? NX_LEX_TOPIC : NX_LEX_ACTOR;
    if (json) {
        json_entries(db, kind, topics ? "topics" : "actors");
        return;
    }
    for (size_t i = 0; i < nx_db_lexicon_count(db, kind); i++)
        text_entry(stdout, db, kind, i);
}
