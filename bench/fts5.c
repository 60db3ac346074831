/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fts5: the SQLite FTS5 baseline over the same passages as plain_xapian.
 * Table p(text, article_id UNINDEXED, start UNINDEXED, end UNINDEXED) with
 * tokenize='porter unicode61 remove_diacritics 2'; the text is stored (not contentless).
 *
 *   fts5 index DB passages.jsonl      all rows in one transaction
 *   fts5 compact DB                   'optimize' (merge b-trees) then VACUUM
 *   fts5 query DB queries.txt REPS    top 10 by bm25 with highlight(), warm; latency JSON
 *   fts5 run DB queries.jsonl         eval run (score.py format), top 100
 *
 * A user's query becomes an FTS5 expression as in the eval's pooling method 1: its words
 * (runs of letters and digits) quoted and joined with OR; a "quoted phrase" stays a phrase.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

static int usage(void)
{
    fprintf(stderr, "usage: fts5 index DB passages.jsonl\n"
                    "       fts5 compact DB\n"
                    "       fts5 query DB queries.txt REPS\n"
                    "       fts5 run DB queries.jsonl\n");
    return 2;
}

static int sql_fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "fts5: %s: %s\n", what, sqlite3_errmsg(db));
    sqlite3_close(db);
    return 1;
}

static int open_db(sqlite3 **db, const char *path, int flags)
{
    if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5: cannot open '%s': %s\n", path, sqlite3_errmsg(*db));
        sqlite3_close(*db);
        return 1;
    }
    return 0;
}

static int insert_line(sqlite3_stmt *ins, const char *line, size_t *text_bytes)
{
    json_error_t err;
    json_t *o = json_loads(line, 0, &err);
    const char *text;
    int rc;
    if (!o)
        return SQLITE_OK;
    text = json_string_value(json_object_get(o, "text"));
    text = text ? text : "";
    sqlite3_bind_text(ins, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, json_string_value(json_object_get(o, "article_id")), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(ins, 3, json_integer_value(json_object_get(o, "start")));
    sqlite3_bind_int64(ins, 4, json_integer_value(json_object_get(o, "end")));
    rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    *text_bytes += strlen(text);
    json_decref(o);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int cmd_index(const char *path, const char *in_path)
{
    sqlite3 *db;
    sqlite3_stmt *ins;
    FILE *in = fopen(in_path, "r");
    char *line = NULL;
    size_t cap = 0, n = 0, text_bytes = 0;
    double w0 = bu_now(), c0 = bu_cpu();
    if (!in) {
        fprintf(stderr, "fts5: cannot open '%s'\n", in_path);
        return 1;
    }
    remove(path);
    if (open_db(&db, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
        return 1;
    if (sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE p USING fts5(text, article_id UNINDEXED, "
                     "start UNINDEXED, \"end\" UNINDEXED, "
                     "tokenize='porter unicode61 remove_diacritics 2');"
                     "BEGIN;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(db, "create");
    if (sqlite3_prepare_v2(db, "INSERT INTO p VALUES (?, ?, ?, ?)", -1, &ins, NULL))
        return sql_fail(db, "prepare");
    while (bu_getline(&line, &cap, in) >= 0) {
        if (insert_line(ins, line, &text_bytes) != SQLITE_OK) {
            sqlite3_finalize(ins);
            return sql_fail(db, "insert");
        }
        n++;
    }
    free(line);
    fclose(in);
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(db, "commit");
    sqlite3_close(db);
    printf("{\"format\": 1, \"system\": \"fts5\", \"wall\": %.4f, \"cpu\": %.4f, "
           "\"passages\": %zu, \"text_bytes\": %zu, \"maxrss_kb\": %ld}\n",
           bu_now() - w0, bu_cpu() - c0, n, text_bytes, bu_maxrss_kb());
    return 0;
}

static int cmd_compact(const char *path)
{
    sqlite3 *db;
    double w0 = bu_now(), c0 = bu_cpu();
    if (open_db(&db, path, SQLITE_OPEN_READWRITE))
        return 1;
    if (sqlite3_exec(db, "INSERT INTO p(p) VALUES('optimize'); VACUUM;", NULL, NULL, NULL))
        return sql_fail(db, "optimize");
    sqlite3_close(db);
    printf("{\"format\": 1, \"system\": \"fts5\", \"wall\": %.4f, \"cpu\": %.4f}\n",
           bu_now() - w0, bu_cpu() - c0);
    return 0;
}

/* Append s[0..n) to the growable string *out. */
static void append(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *out = realloc(*out, *cap);
    }
    memcpy(*out + *len, s, n);
    *len += n;
    (*out)[*len] = '\0';
}

/* The FTS5 expression for a user's query (see the file comment); malloc'd. */
static char *fts_expr(const char *q)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    int in_phrase = 0, words_in_phrase = 0;
    append(&out, &len, &cap, "", 0);
    for (const unsigned char *p = (const unsigned char *)q; *p;) {
        if (*p == '"') {
            if (in_phrase && words_in_phrase)
                append(&out, &len, &cap, "\"", 1);
            in_phrase = !in_phrase;
            words_in_phrase = 0;
            p++;
        } else if (isalnum(*p) || *p >= 0x80) {
            const unsigned char *s = p;
            while (*p && (isalnum(*p) || *p >= 0x80))
                p++;
            if (!(in_phrase && words_in_phrase))
                append(&out, &len, &cap, len ? " OR \"" : "\"", len ? 5 : 1);
            else
                append(&out, &len, &cap, " ", 1);
            append(&out, &len, &cap, (const char *)s, (size_t)(p - s));
            if (!in_phrase)
                append(&out, &len, &cap, "\"", 1);
            else
                words_in_phrase++;
        } else {
            p++;
        }
    }
    if (in_phrase && words_in_phrase)
        append(&out, &len, &cap, "\"", 1);
    return out;
}

static const char top_sql[] =
    "SELECT article_id, start, \"end\", highlight(p, 0, '[', ']'), bm25(p) "
    "FROM p WHERE p MATCH ? ORDER BY rank LIMIT ?";

/* Run q, calling back nothing: the user-facing work is fetching each row and its highlight. */
static size_t query_once(sqlite3_stmt *st, const char *expr, size_t *sink)
{
    size_t n = 0;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, 10);
    while (sqlite3_step(st) == SQLITE_ROW) {
        *sink += (size_t)sqlite3_column_bytes(st, 3);
        n++;
    }
    sqlite3_reset(st);
    return n;
}

static int cmd_query(const char *path, const char *q_path, size_t reps)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    size_t nq = 0, sink = 0;
    char **qs = bu_read_lines(q_path, &nq), **ex;
    double *lat;
    size_t *hits;
    if (!qs || !nq) {
        fprintf(stderr, "fts5: no queries in '%s'\n", q_path);
        return 1;
    }
    if (open_db(&db, path, SQLITE_OPEN_READONLY))
        return 1;
    if (sqlite3_prepare_v2(db, top_sql, -1, &st, NULL) != SQLITE_OK)
        return sql_fail(db, "prepare");
    ex = calloc(nq, sizeof *ex);
    lat = calloc(nq * reps, sizeof *lat);
    hits = calloc(nq, sizeof *hits);
    for (size_t q = 0; q < nq; q++) { /* warm-up pass */
        ex[q] = fts_expr(qs[q]);
        hits[q] = query_once(st, ex[q], &sink);
    }
    for (size_t r = 0; r < reps; r++)
        for (size_t q = 0; q < nq; q++) {
            double t0 = bu_now();
            query_once(st, ex[q], &sink);
            lat[q * reps + r] = bu_now() - t0;
        }
    bu_print_latency("fts5", qs, nq, reps, lat, hits, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    bu_lines_free(ex, nq);
    bu_lines_free(qs, nq);
    free(lat);
    free(hits);
    return 0;
}

static void run_query(sqlite3_stmt *st, const char *qid, const char *query)
{
    char *expr = fts_expr(query);
    int rank = 1;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, 100);
    while (sqlite3_step(st) == SQLITE_ROW) {
        printf("{\"qid\": ");
        bu_json_str(stdout, qid);
        printf(", \"rank\": %d, \"article_id\": ", rank++);
        bu_json_str(stdout, (const char *)sqlite3_column_text(st, 0));
        printf(", \"start\": %lld, \"end\": %lld, \"score\": %.6f}\n",
               (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 2),
               -sqlite3_column_double(st, 4));
    }
    sqlite3_reset(st);
    free(expr);
}

static int cmd_run(const char *path, const char *q_path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    FILE *in = fopen(q_path, "r");
    char *line = NULL;
    size_t cap = 0;
    if (!in) {
        fprintf(stderr, "fts5: cannot open '%s'\n", q_path);
        return 1;
    }
    if (open_db(&db, path, SQLITE_OPEN_READONLY))
        return 1;
    if (sqlite3_prepare_v2(db, top_sql, -1, &st, NULL) != SQLITE_OK)
        return sql_fail(db, "prepare");
    while (bu_getline(&line, &cap, in) >= 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o)
            continue;
        run_query(st, json_string_value(json_object_get(o, "qid")),
                  json_string_value(json_object_get(o, "query")));
        json_decref(o);
    }
    free(line);
    fclose(in);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "index"))
        return cmd_index(argv[2], argv[3]);
    if (argc == 3 && !strcmp(argv[1], "compact"))
        return cmd_compact(argv[2]);
    if (argc == 5 && !strcmp(argv[1], "query"))
        return cmd_query(argv[2], argv[3], strtoul(argv[4], NULL, 10));
    if (argc == 4 && !strcmp(argv[1], "run"))
        return cmd_run(argv[2], argv[3]);
    return usage();
}
