/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: parse the command line, serve the index over HTTP until SIGTERM or SIGINT. */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "dbarg.h"
#include "diag.h"
#include "parse.h"
#include "serve.h"

#define PROG "newsidx-serve"

enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };
enum {
    OPT_LISTEN = CHAR_MAX + 1,
    OPT_TOKEN,
    OPT_CORS,
    OPT_THREADS,
    OPT_MAX_CONN,
    OPT_TIMEOUT,
    OPT_MAX_TIME
};

static const struct option longopts[] = {
    {"db", required_argument, NULL, 'd'},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"write-token", required_argument, NULL, OPT_TOKEN},
    {"cors", required_argument, NULL, OPT_CORS},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"max-connections", required_argument, NULL, OPT_MAX_CONN},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-time", required_argument, NULL, OPT_MAX_TIME},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(FILE *f)
{
    fprintf(f,
            "Usage: " PROG " --db PATH [OPTIONS]\n"
            "Serve a newsidx index as an HTTP JSON API (man newsidx-serve; the API in\n"
            "full: share/doc/newsidx/serve.md). Prints the URL it listens on, then one\n"
            "line per request on stderr (method, path, status, milliseconds). SIGTERM or\n"
            "SIGINT finishes the requests in flight, commits and exits.\n"
            "\n"
            "Options:\n"
            "  -d, --db PATH            the index to serve (default: the environment's\n"
            "                           NEWSIDX_DB; one of them is required)\n"
            "      --listen HOST:PORT   numeric IPv4 address and port (default\n"
            "                           127.0.0.1:8080; port 0: any free port)\n"
            "      --write-token TOKEN  allow POST /articles and DELETE /articles/ID with\n"
            "                           'Authorization: Bearer TOKEN' (default: the\n"
            "                           environment's NEWSIDX_WRITE_TOKEN; none: read-only)\n"
            "      --cors ORIGIN        send Access-Control-Allow-Origin: ORIGIN and answer\n"
            "                           browsers' preflight OPTIONS requests\n"
            "      --threads N          worker threads, each with its own reader (default %u)\n"
            "      --max-connections N  open connections before 503 (default %u; beyond\n"
            "                           N+%u connections are refused)\n"
            "      --timeout SECS       close a connection idle this long (default %u)\n"
            "      --max-time SECS      answer 503 to a search running longer (default %g;\n"
            "                           fractions allowed, at most %g)\n"
            "  -h, --help               show this help and exit\n"
            "  -V, --version            show version information and exit\n"
            "\n"
            "Endpoints: GET / (the search page), /search, /articles/ID, /actors, /topics,\n"
            "/stats, /health; POST /articles (JSON Lines), DELETE /articles/ID (with the\n"
            "token).\n"
            "Limits: a body of %zu bytes (413 beyond), q of %zu bytes (414), limit %zu\n"
            "(400), request line and headers %zu bytes (414).\n"
            "\n"
            "Exit status:\n"
            "  0  stopped by SIGTERM or SIGINT, everything committed\n"
            "  1  failure: the index cannot be opened, the address cannot be bound, the\n"
            "     last commit failed\n"
            "  2  usage error\n",
            NXS_DEFAULT_THREADS, NXS_DEFAULT_CONNECTIONS, NXS_EXTRA_CONNECTIONS,
            NXS_DEFAULT_TIMEOUT, NXS_DEFAULT_MAX_TIME, NXS_MAX_MAX_TIME, NXS_MAX_BODY_BYTES,
            NXS_MAX_QUERY_BYTES, NXS_MAX_LIMIT, NXS_MAX_URI_BYTES);
}

/* HOST:PORT: host is kept in `buf`. */
static int parse_listen(struct nxs_config *cfg, const char *arg, char *buf, size_t size)
{
    const char *colon = strrchr(arg, ':');
    size_t port;

    if (!colon || colon == arg || (size_t)(colon - arg) >= size ||
        !nxc_parse_size(colon + 1, &port) || port > 65535)
        return nxc_usage_error("invalid --listen '%s': expected IPv4-ADDRESS:PORT", arg);
    memcpy(buf, arg, (size_t)(colon - arg));
    buf[colon - arg] = '\0';
    cfg->host = buf;
    cfg->port = (unsigned int)port;
    return 0;
}

static int parse_count(unsigned int *out, const char *name, const char *arg)
{
    size_t v;

    if (!nxc_parse_size(arg, &v) || v == 0 || v > 100000)
        return nxc_usage_error("invalid %s '%s': expected a positive number", name, arg);
    *out = (unsigned int)v;
    return 0;
}

static int parse_value(struct nxs_config *cfg, int c, const char *arg, char *host, size_t size)
{
    switch (c) {
    case 'd':
        cfg->db = arg;
        return 0;
    case OPT_LISTEN:
        return parse_listen(cfg, arg, host, size);
    case OPT_TOKEN:
        cfg->token = arg;
        return 0;
    case OPT_CORS:
        cfg->cors = arg;
        return 0;
    case OPT_THREADS:
        return parse_count(&cfg->threads, "--threads", arg);
    case OPT_MAX_CONN:
        return parse_count(&cfg->max_connections, "--max-connections", arg);
    case OPT_TIMEOUT:
        return parse_count(&cfg->timeout, "--timeout", arg);
    case OPT_MAX_TIME:
        if (!nxc_parse_seconds(arg, &cfg->max_time) || cfg->max_time <= 0.0 ||
            cfg->max_time > NXS_MAX_MAX_TIME)
            return nxc_usage_error("invalid --max-time '%s': expected seconds above 0, at most %g",
                                   arg, NXS_MAX_MAX_TIME);
        return 0;
    }
    return nxc_try_help(); /* getopt_long has said what is wrong */
}

/* -1 to go on, or the exit code (help, version, usage error). */
static int parse_args(struct nxs_config *cfg, int argc, char **argv, char *host, size_t size)
{
    int c;

    while ((c = getopt_long(argc, argv, "d:hV", longopts, NULL)) != -1) {
        if (c == 'h') {
            print_help(stdout);
            return EXIT_SUCCESS;
        }
        if (c == 'V') {
            printf(PROG " %s (libnewsidx %s)\n", NX_VERSION_STRING, nx_version());
            return EXIT_SUCCESS;
        }
        int rc = parse_value(cfg, c, optarg, host, size);
        if (rc != 0)
            return rc;
    }
    if (optind < argc)
        return nxc_usage_error("unexpected argument '%s'", argv[optind]);
    if (nxc_db_arg(&cfg->db) != 0)
        return EXIT_USAGE;
    if (cfg->token && !*cfg->token)
        return nxc_usage_error("an empty --write-token would let anyone write");
    return -1;
}

/* The index must open before anything listens: a wrong path is an error now, not per request. */
static bool index_opens(const char *path)
{
    nx_db *db;

    if (nx_db_open(&db, path, NULL) < 0) {
        nxc_error("%s", nx_error_last()->message);
        return false;
    }
    nx_db_free(db);
    return true;
}

static int serve(const struct nxs_config *cfg)
{
    struct nxs_server *s;
    sigset_t set;
    int sig;

    /* Blocked here, so in every thread started below: sigwait takes them. */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!index_opens(cfg->db))
        return EXIT_FAIL;
    if (cfg->token && !nxs_writer_start(cfg->db)) {
        nxc_error("cannot start the writer thread");
        return EXIT_FAIL;
    }
    if (nxs_server_start(&s, cfg) < 0) {
        nxc_error("cannot listen on %s:%u", cfg->host, cfg->port);
        nxs_writer_stop();
        return EXIT_FAIL;
    }
    printf("http://%s:%u/\n", cfg->host, nxs_server_port(s));
    fflush(stdout);
    sigwait(&set, &sig);
    nxs_server_stop(s);
    if (nxs_writer_stop() < 0) {
        nxc_error("%s", nx_error_last()->message);
        return EXIT_FAIL;
    }
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    struct nxs_config cfg = {NULL,
                             "127.0.0.1",
                             8080,
                             NULL,
                             NULL,
                             NXS_DEFAULT_THREADS,
                             NXS_DEFAULT_CONNECTIONS,
                             NXS_DEFAULT_TIMEOUT,
                             NXS_DEFAULT_MAX_TIME};
    char host[64];

    nxc_set_progname(PROG);
    if (argc > 0)
        argv[0] = (char *)PROG;
    cfg.token = getenv("NEWSIDX_WRITE_TOKEN");
    if (cfg.token && !*cfg.token)
        cfg.token = NULL;
    int code = parse_args(&cfg, argc, argv, host, sizeof host);
    if (code < 0)
        code = serve(&cfg);
    if (!nxc_close_stdout() && code == EXIT_SUCCESS)
        code = EXIT_FAIL;
    return code;
}
