/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXS_SERVE_H
#define NXS_SERVE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "json.h"
#include "newsidx.h"

/* newsidx-serve: an HTTP JSON API over one index (docs/serve.md). */

/* Limits, documented in docs/serve.md and --help. */
#define NXS_MAX_BODY_BYTES ((size_t)8 << 20) /* a POST body: 413 beyond */
#define NXS_MAX_QUERY_BYTES ((size_t)4096)   /* the q parameter: 414 beyond */
#define NXS_MAX_URI_BYTES ((size_t)65536)    /* request line and headers: libmicrohttpd's 414 */
#define NXS_MAX_LIMIT ((size_t)100)          /* the limit parameter: 400 beyond */
#define NXS_MAX_ERRORS 100                   /* per-line errors listed in a POST's answer */
#define NXS_DEFAULT_CONNECTIONS 64u          /* open connections before 503 */
#define NXS_EXTRA_CONNECTIONS 16u            /* beyond those, connections are refused */
#define NXS_DEFAULT_TIMEOUT 30u              /* seconds a connection may stay idle */
#define NXS_DEFAULT_THREADS 4u               /* worker threads, each with its own reader */
#define NXS_DRAIN_SECONDS 10                 /* on SIGTERM: wait for requests in flight */
#define NXS_DEFAULT_MAX_TIME 10.0            /* seconds a search may run: 503 beyond */
#define NXS_MAX_MAX_TIME 3600.0              /* the largest --max-time */

struct nxs_config {
    const char *db;
    const char *host; /* numeric IPv4 address */
    unsigned int port;
    const char *token; /* NULL: writes are refused */
    const char *cors;  /* NULL: no CORS headers */
    unsigned int threads, max_connections, timeout;
    double max_time; /* seconds a search may run (nx_search_opts.time_limit) */
};

/* One answer being built: status and a JSON document in memory. */
struct nxs_reply {
    unsigned int status;
    char *body;
    size_t len;
    FILE *f; /* open while writing */
    nxc_json j;
    const char *allow; /* a 405's Allow header */
    bool preflight;    /* a CORS preflight: no body, the Access-Control-Allow-* headers */
};

/* Start a JSON answer with `status`; false when out of memory. */
bool nxs_reply_begin(struct nxs_reply *rp, unsigned int status);
/* {"error":{"code","message"}} with `status`; `code` as nxs_code_name gives. */
bool nxs_reply_error(struct nxs_reply *rp, unsigned int status, const char *code, const char *fmt,
                     ...) NXC_PRINTF(4, 5);
/* The library's last error as an answer: its status by code (nxs_status_of). */
bool nxs_reply_nx(struct nxs_reply *rp, int code);
/* Close the document: rp->body and rp->len hold it. */
bool nxs_reply_end(struct nxs_reply *rp);
/* "EQUERY" for NX_EQUERY ...; "ERROR" for an unknown code. */
const char *nxs_code_name(int code);
/* The HTTP status of a library error code. */
unsigned int nxs_status_of(int code);

/* One request's parameters: name/value pairs from the query string, in order. */
struct nxs_param {
    const char *name, *value; /* value NULL: "?name" without '=' */
};

struct nxc_search;
/* GET /search's parameters into s (nxc_search_init'ed), each checked by the rule of the
 * newsidx-query option of its name (docs/serve.md): true, or false with a 400 (414 for an
 * overlong q) answered in rp. `p[i].value` is borrowed by s. */
bool nxs_search_params(struct nxs_reply *rp, struct nxc_search *s, const struct nxs_param *p,
                       size_t n);

/* The read-only endpoints: db is this thread's reader, reopened. */
/* GET /search, given max_time seconds (503 ETIMEOUT beyond). */
void nxs_search(struct nxs_reply *rp, nx_db *db, double max_time, const struct nxs_param *p,
                size_t n);
void nxs_article(struct nxs_reply *rp, nx_db *db, const char *id);
void nxs_lexicon(struct nxs_reply *rp, const nx_db *db, nx_lex_kind kind);
void nxs_stats(struct nxs_reply *rp, const nx_db *db);
void nxs_health(struct nxs_reply *rp);

/* The writer thread: started only with a token; owns the one writer handle. */
bool nxs_writer_start(const char *db_path);
/* Run a job on the writer thread and wait for its answer: index a JSON Lines body, or delete
 * an article. */
void nxs_writer_post(struct nxs_reply *rp, const char *body, size_t len);
void nxs_writer_delete(struct nxs_reply *rp, const char *id);
/* Finish the queued jobs, close the writer (committing) and join the thread: its code. */
int nxs_writer_stop(void);

/* A file of the search page (server/page/): its bytes, compiled in, and its Content-Type. */
struct nxs_asset {
    const char *type;
    const unsigned char *data;
    size_t len;
};
/* The page file served at `url` ("/", "/page.js", "/page.css"): true with it in *out. */
bool nxs_page_find(struct nxs_asset *out, const char *url);

/* The daemon: listen, answer until stopped. */
struct nxs_server;
int nxs_server_start(struct nxs_server **out, const struct nxs_config *cfg);
/* The port listened on (the chosen one for port 0). */
unsigned int nxs_server_port(const struct nxs_server *s);
/* Stop accepting, wait up to NXS_DRAIN_SECONDS for requests in flight, stop. */
void nxs_server_stop(struct nxs_server *s);

#endif
