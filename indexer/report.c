/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "report.h"

#include <inttypes.h>

#include "diag.h"
#include "json.h"

void ui_init(struct ingest_ui *ui, bool want)
{
    nxc_progress_init(&ui->progress, stderr, want);
    ui->started = nxc_now();
}

void ui_end(struct ingest_ui *ui)
{
    nxc_progress_clear(&ui->progress);
}

void ui_diag(const nx_diag *diag, void *payload)
{
    struct ingest_ui *ui = payload;
    if (diag->code == NX_OK && !ui->verbose)
        return;
    nxc_progress_clear(&ui->progress);
    nxc_diag(diag->path, diag->line, diag->message);
}

/* "1:02:03" or "2:03". */
static void format_duration(char *buf, size_t size, double seconds)
{
    unsigned long s = seconds > 0 && seconds < 1e7 ? (unsigned long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%lu:%02lu", s / 60, s % 60);
}

void ui_progress(const nx_progress *pr, void *payload)
{
    struct ingest_ui *ui = payload;
    double elapsed = nxc_now() - ui->started;
    double rate = elapsed > 0 ? (double)pr->bytes_done / elapsed : 0.0;
    char eta[32] = "";

    if (pr->bytes_total > pr->bytes_done && rate > 0) {
        char left[24];
        format_duration(left, sizeof left, (double)(pr->bytes_total - pr->bytes_done) / rate);
        snprintf(eta, sizeof eta, ", ETA %s", left);
    }
    nxc_progress_show(&ui->progress, false,
                      "files %" PRIu64 "/%" PRIu64 ", %" PRIu64 " articles, %" PRIu64
                      " passages, %.1f MB/s%s",
                      pr->files_done, pr->files_total, pr->articles, pr->passages, rate / 1e6, eta);
}

/* "812 bytes", "35.2 KiB", "1.4 MiB", "2.0 GiB". */
static void format_size(char *buf, size_t size, uint64_t bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double v = (double)bytes;
    size_t u = 0;

    if (bytes < 1024) {
        snprintf(buf, size, "%" PRIu64 " bytes", bytes);
        return;
    }
    v /= 1024;
    while (v >= 1024 && u + 1 < sizeof units / sizeof *units) {
        v /= 1024;
        u++;
    }
    snprintf(buf, size, "%.1f %s", v, units[u]);
}

static void skipped_text(FILE *f, const nx_ingest_stats *st)
{
    const struct {
        uint64_t n;
        const char *what;
    } reasons[] = {
        {st->skipped_json, "malformed JSON, no body or damaged WARC record"},
        {st->skipped_encoding, "not UTF-8 or binary"},
        {st->skipped_too_large, "too large"},
        {st->skipped_unreadable, "unreadable"},
        {st->skipped_duplicate, "duplicate file name"},
    };
    const char *sep = " (";

    fprintf(f, "%" PRIu64 " skipped", st->articles_skipped);
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        if (reasons[i].n == 0)
            continue;
        fprintf(f, "%s%" PRIu64 " %s", sep, reasons[i].n, reasons[i].what);
        sep = ", ";
    }
    if (sep[0] == ',')
        fputc(')', f);
    if (st->records_ignored)
        fprintf(f, "; %" PRIu64 " web archive records without an article ignored",
                st->records_ignored);
    if (st->files_skipped)
        fprintf(f, "; %" PRIu64 " files skipped (empty or not regular; --verbose lists them)",
                st->files_skipped);
}

void summary_text(FILE *f, const nx_ingest_stats *st, bool auto_compacted, double seconds)
{
    char index[32], input[32];

    fprintf(f,
            "articles: %" PRIu64 " added, %" PRIu64 " replaced, %" PRIu64 " unchanged, %" PRIu64
            " removed, ",
            st->articles_added, st->articles_replaced, st->articles_unchanged,
            st->articles_removed);
    skipped_text(f, st);
    fprintf(f, "\npassages: %" PRIu64 " (%" PRIu64 " boilerplate paragraphs left out)\n",
            st->passages, st->boilerplate_paragraphs);
    format_size(index, sizeof index, st->index_bytes);
    format_size(input, sizeof input, st->input_bytes);
    fprintf(f, "index: %s for %s of text", index, input);
    if (st->input_bytes > 0)
        fprintf(f, " (ratio %.2f)", (double)st->index_bytes / (double)st->input_bytes);
    if (auto_compacted)
        fputs(", compacted after a bulk load (--no-compact skips it)", f);
    fprintf(f, ", %" PRIu64 " files in %.1f s\n", st->files, seconds);
}

static void skipped_json(nxc_json *j, const nx_ingest_stats *st)
{
    nxc_json_key(j, "skipped");
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "json", st->skipped_json);
    nxc_json_kv_uint(j, "encoding", st->skipped_encoding);
    nxc_json_kv_uint(j, "too_large", st->skipped_too_large);
    nxc_json_kv_uint(j, "unreadable", st->skipped_unreadable);
    nxc_json_kv_uint(j, "duplicate", st->skipped_duplicate);
    nxc_json_end_object(j);
}

void summary_json(FILE *f, const nx_ingest_stats *st, bool auto_compacted, double seconds)
{
    nxc_json j;

    nxc_json_init(&j, f);
    nxc_json_begin_object(&j);
    nxc_json_kv_uint(&j, "format", 1);
    nxc_json_kv_uint(&j, "articles_added", st->articles_added);
    nxc_json_kv_uint(&j, "articles_replaced", st->articles_replaced);
    nxc_json_kv_uint(&j, "articles_unchanged", st->articles_unchanged);
    nxc_json_kv_uint(&j, "articles_removed", st->articles_removed);
    nxc_json_kv_uint(&j, "articles_skipped", st->articles_skipped);
    skipped_json(&j, st);
    nxc_json_kv_uint(&j, "records_ignored", st->records_ignored);
    nxc_json_kv_uint(&j, "files_skipped", st->files_skipped);
    nxc_json_kv_uint(&j, "passages", st->passages);
    nxc_json_kv_uint(&j, "boilerplate_paragraphs", st->boilerplate_paragraphs);
    nxc_json_kv_uint(&j, "input_bytes", st->input_bytes);
    nxc_json_kv_uint(&j, "index_bytes", st->index_bytes);
    nxc_json_key(&j, "index_ratio");
    if (st->input_bytes > 0)
        nxc_json_double(&j, (double)st->index_bytes / (double)st->input_bytes);
    else
        nxc_json_null(&j);
    nxc_json_key(&j, "auto_compacted");
    nxc_json_bool(&j, auto_compacted);
    nxc_json_kv_uint(&j, "files", st->files);
    /* milliseconds are enough, and keep the line short */
    nxc_json_kv_double(&j, "seconds", (double)(uint64_t)(seconds * 1000 + 0.5) / 1000);
    nxc_json_end_object(&j);
}

void report_json_begin(nxc_json *j, const char *type, const char *db)
{
    nxc_json_init(j, stdout);
    nxc_json_begin_object(j);
    nxc_json_kv_uint(j, "format", 1);
    nxc_json_kv_string(j, "type", type);
    nxc_json_kv_string(j, "db", db);
}
