/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newsidx.h"

struct fixture {
    nxt_env *env; /* env->path: the index */
    char *in;     /* env->dir/in: the folder of input files */
    char diags[8192];
    int ndiags;
    size_t batch_bytes; /* the writer's; 0: the default */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->env = nxt_env_new();
    f->in = nxt_path(f->env->dir, "in");
    mkdir(f->in, 0700);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    free(f->in);
    nxt_env_free(f->env);
    free(f);
    return 0;
}

static void on_diag(const nx_diag *d, void *payload)
{
    struct fixture *f = payload;
    size_t n = strlen(f->diags);
    snprintf(f->diags + n, sizeof f->diags - n, "%s:%lu:%d: %s\n", d->path, d->line, d->code,
             d->message);
    f->ndiags++;
}

static void put_file(struct fixture *f, const char *name, const char *text)
{
    char *p = nxt_path(f->in, name);
    nxt_write(p, text, (size_t)-1);
    free(p);
}

static void gzip_file(struct fixture *f, const char *name)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "gzip -f '%s/%s'", f->in, name);
    assert_int_equal(system(cmd), 0);
}

static int ingest(struct fixture *f, unsigned int flags, nx_ingest_stats *st)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    o.batch_bytes = f->batch_bytes;
    nx_db *db;
    if (nx_db_open(&db, f->env->path, &o) != NX_OK)
        fail_msg("open: %s", nx_error_last()->message);
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.flags = flags;
    io.on_diag = on_diag;
    io.payload = f;
    const char *paths[] = {f->in};
    f->diags[0] = '\0';
    f->ndiags = 0;
    int rc = nx_db_ingest(st, db, paths, 1, &io);
    assert_int_equal(nx_db_close(db), NX_OK);
    return rc;
}

static uint64_t hits(struct fixture *f, const char *query)
{
    nx_db *db;
    assert_int_equal(nx_db_open(&db, f->env->path, NULL), NX_OK);
    uint64_t n = nxt_count(db, query);
    nx_db_free(db);
    return n;
}

static const char jsonl[] =
    "{\"id\": \"j1\", \"title\": \"Gas deal\", \"date\": \"2022-05-01\", \"source\": \"Wire\", "
    "\"url\": null, \"body\": \"The pipeline deal was signed.\\n\\nPrices fell at once.\"}\n"
    "{\"id\": \"j2\", \"title\": \"Truce\", \"date\": \"2022-05-02\", \"source\": \"Wire\", "
    "\"url\": null, \"body\": \"A truce began at dawn in the east.\"}\n";

static void folder_of_txt_jsonl_and_gz_is_indexed_and_rerun_changes_nothing(void **state)
{
    struct fixture *f = *state;
    put_file(f, "feed.jsonl", jsonl);
    put_file(f, "kyiv-1.txt", "Ministers meet\n\nThe ministers met in Kyiv on Friday.\n");
    char *sub = nxt_path(f->in, "older");
    mkdir(sub, 0700);
    free(sub);
    put_file(f, "older/odesa-2.txt", "Port reopens\n\nGrain ships left Odesa at noon.\n");
    gzip_file(f, "older/odesa-2.txt");
    put_file(f, "notes.md", "not an article: ignored by extension\n");
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_OK);
    assert_int_equal(f->ndiags, 0);
    assert_int_equal(st.files, 3);
    assert_int_equal(st.articles_added, 4);
    assert_int_equal(st.passages, 4);
    assert_true(st.input_bytes > 100);
    assert_true(st.index_bytes > 0);
    assert_int_equal(hits(f, "Odesa"), 1);
    assert_int_equal(hits(f, "pipeline"), 1);

    nx_db *db;
    assert_int_equal(nx_db_open(&db, f->env->path, NULL), NX_OK);
    nx_article *a;
    assert_int_equal(nx_db_get(&a, db, "odesa-2"), NX_OK); /* id: the file name */
    assert_string_equal(a->title, "Port reopens");
    nx_free(a);
    nx_db_free(db);

    char *table = nxt_path(f->env->path, "postlist.glass");
    struct stat before, after;
    assert_int_equal(stat(table, &before), 0);
    assert_int_equal(ingest(f, 0, &st), NX_OK);
    assert_int_equal(st.articles_unchanged, 4);
    assert_int_equal(st.articles_added + st.articles_replaced, 0);
    assert_int_equal(stat(table, &after), 0);
    assert_int_equal(before.st_size, after.st_size);
    assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec); /* not written, not touched */
    assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
    free(table);
}

static void changed_article_is_replaced_and_prune_removes_vanished(void **state)
{
    struct fixture *f = *state;
    put_file(f, "feed.jsonl", jsonl);
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_OK);
    put_file(f, "feed.jsonl",
             "{\"id\": \"j1\", \"title\": \"Gas deal\", \"body\": \"The deal collapsed.\"}\n");
    assert_int_equal(ingest(f, 0, &st), NX_OK);
    assert_int_equal(st.articles_replaced, 1);
    assert_int_equal(st.articles_removed, 0);
    assert_int_equal(hits(f, "pipeline"), 0);
    assert_int_equal(hits(f, "collapsed"), 1);
    assert_int_equal(hits(f, "truce"), 1); /* j2 is gone from the file, still indexed */
    assert_int_equal(ingest(f, NX_INGEST_PRUNE, &st), NX_OK);
    assert_int_equal(st.articles_removed, 1);
    assert_int_equal(st.articles_unchanged, 1);
    assert_int_equal(hits(f, "truce"), 0);
}

static void check_bad_input(struct fixture *f)
{
    put_file(f, "a.jsonl",
             "{\"id\": \"g1\", \"body\": \"Good line one about the harbour.\"}\n"
             "{\"id\": \"bad\", \"body\": \n"
             "{\"id\": \"g2\", \"body\": \"Good line three about the bridge.\"}\n"
             "{\"id\": \"u\", \"body\": \"broken \xff utf8\"}\n"
             "{\"id\": \"d\", \"date\": \"someday\", \"body\": \"A bad date here.\"}\n");
    put_file(f, "b.jsonl", ""); /* empty: a notice (code NX_OK), no complaint */
    char *bin = nxt_path(f->in, "c.txt");
    nxt_write(bin,
              "\x7f"
              "ELF\0\0\0binary\0",
              14);
    free(bin);
    put_file(f, "d.jsonl", jsonl);
    gzip_file(f, "d.jsonl");
    char *gz = nxt_path(f->in, "d.jsonl.gz");
    size_t len;
    char *data = nxt_read(gz, &len);
    nxt_write(gz, data, len / 2); /* truncated gzip */
    free(data);
    free(gz);
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_EINPUT);
    assert_int_equal(hits(f, "harbour"), 1);
    assert_int_equal(hits(f, "bridge"), 1);
    assert_non_null(strstr(f->diags, "a.jsonl:2:"));
    assert_non_null(strstr(f->diags, "a.jsonl:4:"));
    assert_non_null(strstr(f->diags, "a.jsonl:5:"));
    assert_non_null(strstr(f->diags, "someday"));
    assert_non_null(strstr(f->diags, "c.txt:0:"));
    assert_non_null(strstr(f->diags, "d.jsonl.gz:"));
    assert_non_null(strstr(f->diags, "b.jsonl:0:0: skipped: empty file\n"));
    assert_int_equal(st.files_skipped, 1);
    assert_int_equal(st.skipped_json, 2);       /* malformed line and bad date */
    assert_int_equal(st.skipped_encoding, 2);   /* invalid UTF-8 line and the binary file */
    assert_int_equal(st.skipped_unreadable, 1); /* the truncated .gz */
    assert_int_equal(st.articles_skipped, 4);
    assert_int_equal(st.articles_added, 2);
    assert_int_equal(f->ndiags, 6); /* each once, and the notice */
}

static void bad_input_is_reported_with_file_and_line_and_skipped(void **state)
{
    check_bad_input(*state);
}

/* The second pass replays what the first read when it fits the writer's batch budget; past it,
 * the files are read again, with the same results and reports. */
static void input_over_the_budget_is_read_again_with_the_same_reports(void **state)
{
    struct fixture *f = *state;
    f->batch_bytes = 300;
    check_bad_input(f);
}

static void huge_line_is_skipped_and_the_next_line_read(void **state)
{
    struct fixture *f = *state;
    size_t big = 50u * 1024 * 1024;
    char *line = malloc(big + 200);
    assert_non_null(line);
    strcpy(
        line,
        "{\"id\": \"good\", \"body\": \"A short good article.\"}\n{\"id\": \"big\", \"body\": \"");
    size_t n = strlen(line);
    memset(line + n, 'a', big);
    strcpy(line + n + big,
           "\"}\n{\"id\": \"after\", \"body\": \"The article after the huge one.\"}\n");
    char *p = nxt_path(f->in, "big.jsonl");
    nxt_write(p, line, (size_t)-1);
    free(p);
    free(line);
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_EINPUT);
    assert_int_equal(st.skipped_too_large, 1);
    assert_int_equal(st.articles_added, 2);
    assert_non_null(strstr(f->diags, "big.jsonl:2:"));
    assert_int_equal(hits(f, "huge"), 1);
}

static void unreadable_file_and_missing_path_are_reported(void **state)
{
    struct fixture *f = *state;
    put_file(f, "ok.jsonl", jsonl);
    put_file(f, "locked.jsonl", jsonl);
    char *p = nxt_path(f->in, "locked.jsonl");
    chmod(p, 0);
    bool root = geteuid() == 0; /* root reads it anyway */
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    nx_db *db;
    assert_int_equal(nx_db_open(&db, f->env->path, &o), NX_OK);
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.on_diag = on_diag;
    io.payload = f;
    char *missing = nxt_path(f->env->dir, "no-such-folder");
    const char *paths[] = {f->in, missing};
    nx_ingest_stats st;
    assert_int_equal(nx_db_ingest(&st, db, paths, 2, &io), NX_EINPUT);
    assert_int_equal(nx_db_close(db), NX_OK);
    assert_non_null(strstr(f->diags, "no-such-folder"));
    if (!root)
        assert_non_null(strstr(f->diags, "locked.jsonl:0:"));
    assert_int_equal(st.skipped_unreadable, root ? 1 : 2);
    chmod(p, 0600);
    free(p);
    free(missing);
}

/* Issue 25: files of a folder passed over are counted and told (code NX_OK), not an error. */
static void empty_files_dangling_links_and_fifos_are_counted_and_told(void **state)
{
    struct fixture *f = *state;
    put_file(f, "ok.jsonl", jsonl);
    put_file(f, "empty.jsonl", "");
    put_file(f, "notes", ""); /* not named like an input: ignored, not told */
    char *link = nxt_path(f->in, "gone.txt"), *fifo = nxt_path(f->in, "pipe.jsonl");
    assert_int_equal(symlink("no-such-file.txt", link), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_OK);
    assert_int_equal(st.files_skipped, 3);
    assert_int_equal(st.articles_skipped, 0);
    assert_int_equal(st.articles_added, 2);
    assert_int_equal(f->ndiags, 3);
    char want[8192];
    snprintf(want, sizeof want,
             "%s/empty.jsonl:0:0: skipped: empty file\n"
             "%s:0:0: skipped: dangling symbolic link\n"
             "%s:0:0: skipped: named pipe (FIFO), not a regular file\n",
             f->in, link, fifo);
    assert_string_equal(f->diags, want);
    free(link);
    free(fifo);
}

static void repeated_paragraphs_are_boilerplate(void **state)
{
    struct fixture *f = *state;
    char line[512], *all = calloc(1, 16384);
    for (int i = 0; i < 12; i++) {
        snprintf(line, sizeof line,
                 "{\"id\": \"n%d\", \"body\": \"Story %d tells of shelling near village number "
                 "%d in the east.\\n\\nSign up to our free morning briefing newsletter\"}\n",
                 i, i, i);
        strcat(all, line);
    }
    put_file(f, "news.jsonl", all);
    free(all);
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_OK);
    assert_int_equal(st.articles_added, 12);
    assert_int_equal(st.passages, 12);
    assert_int_equal(st.boilerplate_paragraphs, 1);
    assert_int_equal(hits(f, "newsletter"), 0);
    assert_int_equal(hits(f, "shelling"), 12);
}

static void two_txt_files_with_one_name_are_reported(void **state)
{
    struct fixture *f = *state;
    char *sub = nxt_path(f->in, "b");
    mkdir(sub, 0700);
    free(sub);
    put_file(f, "a.txt", "First\n\nThe first text about the harbour.\n");
    put_file(f, "b/a.txt", "Second\n\nThe second text about the bridge.\n");
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_EINPUT);
    assert_int_equal(st.articles_added, 1);
    assert_int_equal(st.skipped_duplicate, 1);
    assert_non_null(strstr(f->diags, "b/a.txt:0:"));
    assert_non_null(strstr(f->diags, "also named 'a'"));
    assert_int_equal(hits(f, "harbour"), 1);
}

/* nx_db_put takes a day; a JSON date with a time is indexed as its day, other text after the
 * day is a bad date. */
static void timestamps_are_indexed_as_their_day(void **state)
{
    struct fixture *f = *state;
    put_file(
        f, "t.jsonl",
        "{\"id\": \"t1\", \"date\": \"2022-03-01T10:15:00Z\", \"body\": \"The ferry sailed.\"}\n"
        "{\"id\": \"t2\", \"date\": \"2022-03-02 junk\", \"body\": \"The ferry docked.\"}\n");
    nx_ingest_stats st;
    assert_int_equal(ingest(f, 0, &st), NX_EINPUT);
    assert_int_equal(st.articles_added, 1);
    assert_int_equal(st.skipped_json, 1);
    assert_int_equal(f->ndiags, 1);
    assert_non_null(strstr(f->diags, "t.jsonl:2:"));
    assert_non_null(strstr(f->diags, "'2022-03-02 junk'"));
    nx_db *db;
    nx_article *a;
    assert_int_equal(nx_db_open(&db, f->env->path, NULL), NX_OK);
    assert_int_equal(nx_db_get(&a, db, "t1"), NX_OK);
    assert_string_equal(a->date, "2022-03-01");
    nx_free(a);
    nx_db_free(db);
    assert_int_equal(hits(f, "ferry date:2022-03-01"), 1);
}

static void derived_ids_and_field_maps(void **state)
{
    struct fixture *f = *state;
    put_file(f, "x.jsonl", "{\"headline\": \"Port\", \"text\": \"Ships left the port.\"}\n");
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    nx_db *db;
    assert_int_equal(nx_db_open(&db, f->env->path, &o), NX_OK);
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.field_map = "title=headline,body=text";
    const char *paths[] = {f->in};
    nx_ingest_stats st;
    assert_int_equal(nx_db_ingest(&st, db, paths, 1, &io), NX_OK);
    assert_int_equal(st.articles_added, 1);
    assert_int_equal(nx_db_ingest(&st, db, paths, 1, &io), NX_OK);
    assert_int_equal(st.articles_unchanged, 1);
    io.field_map = "colour=red";
    assert_int_equal(nx_db_ingest(&st, db, paths, 1, &io), NX_EINVAL);
    assert_int_equal(nx_db_close(db), NX_OK);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(folder_of_txt_jsonl_and_gz_is_indexed_and_rerun_changes_nothing),
        T(changed_article_is_replaced_and_prune_removes_vanished),
        T(bad_input_is_reported_with_file_and_line_and_skipped),
        T(input_over_the_budget_is_read_again_with_the_same_reports),
        T(huge_line_is_skipped_and_the_next_line_read),
        T(unreadable_file_and_missing_path_are_reported),
        T(empty_files_dangling_links_and_fifos_are_counted_and_told),
        T(repeated_paragraphs_are_boilerplate),
        T(two_txt_files_with_one_name_are_reported),
        T(timestamps_are_indexed_as_their_day),
        T(derived_ids_and_field_maps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
