/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-index: parse the command line, hand the inputs to nx_db_ingest, report. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbarg.h"
#include "diag.h"
#include "json.h"
#include "newsidx.h"
#include "parse.h"
#include "progress.h"
#include "report.h"
#include "stats.h"

#define PROG "newsidx-index"
#define WAIT_FOREVER 1e9 /* --wait without a value: about 31 years */

enum { EXIT_INPUT = 1, EXIT_FATAL = 2 };

struct options {
    const char *db;
    bool quiet, verbose, json, prune, compact, no_compact, merge, check, repair, stats, wait,
        no_verify, lexicon_only;
    double lock_timeout;
    const char *lexicon, *fields;
    size_t batch, shards;
    const char *const *inputs;
    size_t n_inputs;
};

enum {
    OPT_JSON = CHAR_MAX + 1,
    OPT_PRUNE,
    OPT_COMPACT,
    OPT_MERGE,
    OPT_LEXICON,
    OPT_FIELDS,
    OPT_WAIT,
    OPT_BATCH,
    OPT_CHECK,
    OPT_STATS,
    OPT_SHARDS,
    OPT_NO_VERIFY,
    OPT_REPAIR,
    OPT_NO_COMPACT,
    OPT_LEXICON_ONLY,
};

static const struct option longopts[] = {
    {"db", required_argument, NULL, 'd'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"json", no_argument, NULL, OPT_JSON},
    {"prune", no_argument, NULL, OPT_PRUNE},
    {"compact", no_argument, NULL, OPT_COMPACT},
    {"no-compact", no_argument, NULL, OPT_NO_COMPACT},
    {"merge", no_argument, NULL, OPT_MERGE},
    {"lexicon", required_argument, NULL, OPT_LEXICON},
    {"lexicon-only", no_argument, NULL, OPT_LEXICON_ONLY},
    {"fields", required_argument, NULL, OPT_FIELDS},
    {"wait", optional_argument, NULL, OPT_WAIT},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"check", no_argument, NULL, OPT_CHECK},
    {"repair", no_argument, NULL, OPT_REPAIR},
    {"stats", no_argument, NULL, OPT_STATS},
    {"shards", required_argument, NULL, OPT_SHARDS},
    {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(FILE *f)
{
    fputs("Usage: " PROG " [OPTIONS] --db PATH INPUT...\n"
          "Index news articles into a newsidx passage index, creating it if needed.\n"
          "\n"
          "Each INPUT is a .txt, .json, .jsonl, .html, .htm or .warc file (gzip-compressed\n"
          "or not; HTML and WARC are also recognised by content), a folder (searched\n"
          "recursively), or - for JSON Lines on standard input. Re-indexing replaces\n"
          "changed articles and leaves unchanged ones alone.\n"
          "\n"
          "Options:\n"
          "  -d, --db PATH       the index to create or update (default: the\n"
          "                      environment's NEWSIDX_DB; one of them is required)\n"
          "      --prune         remove indexed articles not seen in this run's inputs\n"
          "      --compact       compact the index after indexing (no INPUT: only that)\n"
          "      --no-compact    do not compact after a bulk load (a run that created\n"
          "                      the index or at least doubled its articles compacts\n"
          "                      it at the end by default)\n"
          "      --merge         merge a sharded index into one compacted index after\n"
          "                      indexing (no INPUT: only that); unsharded from then on\n"
          "      --lexicon FILE  more actors, topics and spellings to tag: the built-in\n"
          "                      lexicon extended by FILE (an entry with a built-in key\n"
          "                      adds spellings to it)\n"
          "      --lexicon-only  with --lexicon: tag with FILE alone, not the built-in\n"
          "      --fields MAP    JSON field names, e.g. id=uid,body=text\n"
          "      --batch N       commit after every N articles (default 2000)\n"
          "      --shards N      build a new index as N shards, indexed in parallel\n"
          "                      (an existing index keeps the number it has)\n"
          "      --wait[=SECS]   wait for another writer to release the index\n"
          "                      (no value: as long as it takes)\n"
          "      --check         check the index's consistency instead of indexing\n"
          "      --repair        with --check: if the index is damaged, rebuild it from\n"
          "                      the articles stored in it; the damaged one is kept as\n"
          "                      PATH.damaged\n"
          "      --no-verify     write without checking the existing index first\n"
          "      --stats         print the index's article, passage and term counts\n"
          "                      instead of indexing\n"
          "      --json          print the summary on stdout as one JSON object with\n"
          "                      \"format\": 1 (and the progress line as usual)\n"
          "  -q, --quiet         no progress line and no summary\n"
          "  -v, --verbose       also list files of a folder passed over (empty, dangling\n"
          "                      symbolic link, FIFO) as '" PROG ": path: skipped: reason'\n"
          "  -h, --help          show this help and exit\n"
          "  -V, --version       show version information and exit\n"
          "\n"
          "Progress is shown on stderr when it is a terminal; problems with single files\n"
          "or lines are reported as '" PROG ": path:line: message' and skipped.\n"
          "\n"
          "Exit status:\n"
          "  0  success: every input was indexed (--check: the index is consistent;\n"
          "     --repair: it is, or it was rebuilt with every stored article)\n"
          "  1  some input was skipped, the index is damaged (--check), some damaged\n"
          "     documents were left out (--repair), or the output could not be written\n"
          "  2  usage error, or the index could not be opened, locked, written or\n"
          "     repaired (then it is left as it was)\n"
          "\n"
          "More in man newsidx-index; input formats and the index in share/doc/newsidx/.\n",
          f);
}

static void print_version(FILE *f)
{
    fprintf(f, PROG " %s (libnewsidx %s)\n", NX_VERSION_STRING, nx_version());
}

/* One option with a value; returns 0, or 2 after a usage error. */
static int parse_value(struct options *o, int c, const char *arg)
{
    switch (c) {
    case 'd':
        o->db = arg;
        return 0;
    case OPT_LEXICON:
        o->lexicon = arg;
        return 0;
    case OPT_FIELDS:
        o->fields = arg;
        return 0;
    case OPT_WAIT:
        o->wait = true;
        o->lock_timeout = WAIT_FOREVER;
        if (arg && !nxc_parse_seconds(arg, &o->lock_timeout))
            return nxc_usage_error("invalid --wait '%s': expected a number of seconds", arg);
        return 0;
    case OPT_SHARDS:
        if (!nxc_parse_size(arg, &o->shards) || o->shards == 0 || o->shards > 256)
            return nxc_usage_error("invalid --shards '%s': expected a number from 1 to 256", arg);
        return 0;
    case OPT_BATCH:
        if (!nxc_parse_size(arg, &o->batch) || o->batch == 0)
            return nxc_usage_error("invalid --batch '%s': expected a positive number", arg);
        return 0;
    }
    return nxc_try_help();
}

/* Returns -1 to go on, or the exit code (help, version, usage error). */
static int parse_args(struct options *o, int argc, char **argv)
{
    int c;

    while ((c = getopt_long(argc, argv, "d:qvhV", longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'q':
            o->quiet = true;
            break;
        case 'v':
            o->verbose = true;
            break;
        case OPT_JSON:
            o->json = true;
            break;
        case OPT_PRUNE:
            o->prune = true;
            break;
        case OPT_NO_VERIFY:
            o->no_verify = true;
            break;
        case OPT_LEXICON_ONLY:
            o->lexicon_only = true;
            break;
        case OPT_COMPACT:
            o->compact = true;
            break;
        case OPT_NO_COMPACT:
            o->no_compact = true;
            break;
        case OPT_MERGE:
            o->merge = true;
            break;
        case OPT_CHECK:
            o->check = true;
            break;
        case OPT_REPAIR:
            o->repair = true;
            break;
        case OPT_STATS:
            o->stats = true;
            break;
        case 'h':
            print_help(stdout);
            return EXIT_SUCCESS;
        case 'V':
            print_version(stdout);
            return EXIT_SUCCESS;
        default:
            rc = parse_value(o, c, optarg);
            break;
        }
        if (rc != 0)
            return rc;
    }
    int rc = nxc_db_arg(&o->db);
    if (rc != 0)
        return rc;
    o->inputs = (const char *const *)(argv + optind);
    o->n_inputs = (size_t)(argc - optind);
    if (o->lexicon_only && !o->lexicon)
        return nxc_usage_error("--lexicon-only goes with --lexicon FILE");
    if (o->lexicon_only && o->repair)
        return nxc_usage_error("--lexicon-only does not go with --repair (without --lexicon the "
                               "repair keeps the lexicon the index recorded)");
    if (o->repair && !o->check)
        return nxc_usage_error("--repair goes with --check");
    if (o->check && o->stats)
        return nxc_usage_error("--check and --stats cannot be combined");
    if ((o->check || o->stats) && o->n_inputs > 0)
        return nxc_usage_error("%s takes no INPUT", o->check ? "--check" : "--stats");
    if (o->compact && o->no_compact)
        return nxc_usage_error("--compact and --no-compact cannot be combined");
    if (o->prune && o->n_inputs == 0)
        return nxc_usage_error("--prune needs the INPUTs of the archive");
    if (!o->check && !o->stats && !o->compact && !o->merge && o->n_inputs == 0)
        return nxc_usage_error("no INPUT given (a file, a folder, or - for standard input)");
    return -1;
}

/* The --json outcome of a whole-index operation: {"type": type, "db", "ok", "error"}. */
static void status_json(const char *type, const char *db, int rc, const char *message)
{
    nxc_json j;
    report_json_begin(&j, type, db);
    nxc_json_key(&j, "ok");
    nxc_json_bool(&j, rc == NX_OK);
    nxc_json_kv_string(&j, "error", rc == NX_OK ? NULL : message);
    nxc_json_end_object(&j);
}

/* --check --repair on a damaged index: rebuilt from its stored articles, the old one kept. */
static int run_repair(const struct options *o)
{
    nx_repair_stats st;
    int rc = nx_db_repair(&st, o->db, o->lexicon);
    const char *message = rc < 0 ? nx_error_last()->message : NULL;
    if (o->json) {
        nxc_json j;
        report_json_begin(&j, "repair", o->db);
        nxc_json_key(&j, "ok");
        nxc_json_bool(&j, rc == NX_OK);
        nxc_json_kv_uint(&j, "articles", st.articles);
        nxc_json_kv_uint(&j, "passages", st.passages);
        nxc_json_kv_uint(&j, "damaged", st.damaged);
        nxc_json_kv_string(&j, "error", message);
        nxc_json_end_object(&j);
    }
    if (rc < 0) {
        nxc_error("cannot repair: %s", message);
        return EXIT_FATAL;
    }
    if (!o->json && !o->quiet) {
        nxc_puts_safe(stdout, o->db);
        printf(": repaired: %llu articles (%llu passages) rebuilt from the text stored in it; "
               "the damaged index is kept as '",
               (unsigned long long)st.articles, (unsigned long long)st.passages);
        nxc_puts_safe(stdout, o->db);
        fputs(".damaged'\n", stdout);
    }
    if (st.damaged)
        nxc_error("%llu damaged documents were left out: index their articles again from the "
                  "archive (newsidx-index --db PATH ARCHIVE adds what is missing)",
                  (unsigned long long)st.damaged);
    return st.damaged ? EXIT_INPUT : EXIT_SUCCESS;
}

static int run_check(const struct options *o)
{
    int rc = nx_db_check(o->db);
    const char *message = rc < 0 ? nx_error_last()->message : NULL;

    if (o->json && !(o->repair && rc == NX_ECORRUPT))
        status_json("check", o->db, rc, message);
    if (rc < 0) {
        nxc_error("%s", message);
        if (o->repair && rc == NX_ECORRUPT)
            return run_repair(o);
        return rc == NX_ECORRUPT ? EXIT_INPUT : EXIT_FATAL;
    }
    if (!o->json && !o->quiet) {
        nxc_puts_safe(stdout, o->db);
        fputs(o->repair ? ": ok (nothing to repair)\n" : ": ok\n", stdout);
    }
    return EXIT_SUCCESS;
}

static int open_index(nx_db **db, const struct options *o)
{
    nx_open_opts oo = NX_OPEN_OPTS_INIT;
    oo.flags = NX_OPEN_WRITE | (o->n_inputs ? NX_OPEN_CREATE : 0u) /* else: only maintain */
               | (o->lexicon_only ? NX_OPEN_LEXICON_ONLY : 0u);
    oo.lock_timeout = o->wait ? o->lock_timeout : 0.0;
    oo.lexicon_path = o->lexicon;
    oo.batch_articles = o->batch;
    oo.shards = (unsigned int)o->shards;

    int rc = nx_db_open(db, o->db, &oo);
    if ((rc == NX_ELOCKED || rc == NX_ETIMEOUT) && !o->wait)
        nxc_error("'%s' is locked by another writer (use --wait to wait for it)", o->db);
    else if (rc == NX_ELOCKED || rc == NX_ETIMEOUT)
        nxc_error("'%s' is still locked by another writer after %g seconds", o->db,
                  o->lock_timeout);
    else if (rc < 0)
        nxc_error("%s", nx_error_last()->message);
    /* Glass reads blocks lazily: a writer meets damage only where it happens to read, and went
     * on adding to a damaged index (or crashed inside libxapian committing to one). The check
     * runs with the lock held, so no other writer changes the index under it. */
    if (rc == NX_OK && !o->no_verify && (rc = nx_db_check(o->db)) < 0) {
        nxc_error("%s (not writing to it; --check tells more)", nx_error_last()->message);
        nx_db_free(*db);
        *db = NULL;
    }
    return rc;
}

/* Close the writer after its work, or, when that `failed`, let it go without committing: the
 * last commit is intact and committing after a failed write could only fail again. Negative
 * (reported; the close's code) on failure. */
static int finish_index(nx_db *db, bool failed)
{
    int rc = failed ? -1 : nx_db_close(db);
    if (rc < 0)
        nxc_error("%s", nx_error_last()->message);
    if (failed)
        nx_db_free(db);
    return rc;
}

static int run_ingest(const struct options *o)
{
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    nx_ingest_stats st;
    struct ingest_ui ui;
    nx_db *db;

    if (open_index(&db, o) < 0)
        return EXIT_FATAL;
    memset(&st, 0, sizeof st);
    ui_init(&ui, !o->quiet);
    ui.verbose = o->verbose;
    io.flags = (o->prune ? NX_INGEST_PRUNE : 0u) | (o->compact ? NX_INGEST_COMPACT : 0u) |
               (o->merge ? NX_INGEST_MERGE : 0u);
    io.field_map = o->fields;
    io.on_diag = ui_diag;
    io.on_progress = ui_progress;
    io.payload = &ui;

    nx_stats before;
    uint64_t had = nx_db_stats(&before, db) == NX_OK ? before.articles : 0;
    int rc = nx_db_ingest(&st, db, o->inputs, o->n_inputs, &io);
    /* A bulk load leaves half-full blocks behind (7x the text on ukraine, 3.7x compacted):
     * a run that created the index or at least doubled it compacts it, as --compact does. */
    bool bulk = (rc == NX_OK || rc == NX_EINPUT) && !o->compact && !o->merge && !o->no_compact &&
                st.articles_added > 0 && st.articles_added >= had;
    if (bulk) {
        nx_stats after;
        int crc = nx_db_compact(db);
        if (crc < 0)
            nxc_error("%s (the index is whole, only not compacted)", nx_error_last()->message);
        else if (nx_db_stats(&after, db) == NX_OK)
            st.index_bytes = after.index_bytes;
        bulk = crc == NX_OK;
    }
    ui_end(&ui);
    if (finish_index(db, rc < 0 && rc != NX_EINPUT) < 0)
        return EXIT_FATAL;
    double seconds = nxc_now() - ui.started;
    if (o->json)
        summary_json(stdout, &st, bulk, seconds);
    else if (!o->quiet)
        summary_text(stderr, &st, bulk, seconds);
    return rc == NX_EINPUT ? EXIT_INPUT : EXIT_SUCCESS;
}

/* --compact or --merge without INPUT: only that, on an existing index. */
static int run_maintenance(const struct options *o)
{
    const char *type = o->merge ? "merge" : "compact";
    nx_db *db;
    int rc = open_index(&db, o);
    if (rc == NX_OK)
        rc = o->merge ? nx_db_merge(db) : nx_db_compact(db);
    bool failed = rc < 0;
    if (db && !failed)
        rc = finish_index(db, false); /* the close's error, if any, stays the last one */
    if (o->json)
        status_json(type, o->db, rc, rc < 0 ? nx_error_last()->message : NULL);
    if (db && failed)
        finish_index(db, true); /* after: freeing the handle may replace the last error */
    if (rc < 0)
        return EXIT_FATAL;
    if (!o->json && !o->quiet) {
        nxc_puts_safe(stderr, o->db);
        fputs(o->merge ? ": merged into one compacted index\n" : ": compacted\n", stderr);
    }
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    struct options o;

    memset(&o, 0, sizeof o);
    nxc_set_progname(PROG);
    /* getopt_long names the program in its messages as argv[0]: make that the short name. */
    if (argc > 0)
        argv[0] = (char *)PROG;
    int code = parse_args(&o, argc, argv);
    if (code < 0)
        code = o.check           ? run_check(&o)
               : o.stats         ? run_stats(o.db, o.json)
               : o.n_inputs == 0 ? run_maintenance(&o)
                                 : run_ingest(&o);
    if (!nxc_close_stdout() && code == EXIT_SUCCESS)
        code = EXIT_INPUT;
    return code;
}
