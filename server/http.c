/* SPDX-License-Identifier: GPL-2.0-or-later */
/* newsidx-serve: the libmicrohttpd daemon, requests routed to the endpoints, one log line each. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

struct nxs_server {
    struct MHD_Daemon *d;
    struct nxs_config cfg;
    atomic_uint connections; /* open now */
    atomic_uint active;      /* requests begun and not yet answered */
    pthread_key_t reader;    /* each worker thread's nx_db */
};

/* One request: what the log line needs, and a body being received. */
struct request {
    struct timespec start;
    char *method, *path;
    unsigned int status;
    char *body;
    size_t len, cap;
    bool refused; /* answered before its body (413, 401...) */
};

static double ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

/* One line per request on stderr, written at once; control characters in the path as '?'. */
static void log_request(const struct request *rq)
{
    char line[600];
    int n = snprintf(line, sizeof line, "newsidx-serve: %s %.400s %u %.1f ms\n", rq->method,
                     rq->path, rq->status, ms_since(&rq->start));
    for (int i = 0; i < n - 1 && i < (int)sizeof line - 2; i++)
        if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
            line[i] = '?';
    fputs(line, stderr);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    struct nxs_server *s = cls;
    struct request *rq = *con_cls;

    (void)c;
    if (!rq)
        return;
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && rq->status == 0)
        rq->status = 499; /* the client went away or timed out before an answer */
    log_request(rq);
    atomic_fetch_sub(&s->active, 1);
    free(rq->method);
    free(rq->path);
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

static void connection(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe)
{
    struct nxs_server *s = cls;

    (void)c;
    (void)socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        atomic_fetch_add(&s->connections, 1);
    else
        atomic_fetch_sub(&s->connections, 1);
}

static enum MHD_Result send_reply(struct nxs_server *s, struct MHD_Connection *c,
                                  struct request *rq, struct nxs_reply *rp)
{
    static const char oom[] = "{\"error\":{\"code\":\"ENOMEM\",\"message\":\"out of memory\"}}\n";
    struct MHD_Response *resp;

    if (rp->f && !nxs_reply_end(rp)) {
        free(rp->body);
        rp->body = NULL;
    }
    if (rp->body) {
        resp = MHD_create_response_from_buffer(rp->len, rp->body, MHD_RESPMEM_MUST_FREE);
    } else {
        rp->status = 500;
        resp = MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) {
        free(rp->body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    if (rp->allow)
        MHD_add_response_header(resp, "Allow", rp->allow);
    if (s->cfg.cors) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", s->cfg.cors);
        MHD_add_response_header(resp, "Vary", "Origin");
    }
    if (rp->preflight) {
        MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, POST, DELETE");
        MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                                "Authorization, Content-Type");
        MHD_add_response_header(resp, "Access-Control-Max-Age", "600");
    }
    rq->status = rp->status;
    enum MHD_Result ret = MHD_queue_response(c, rp->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* This thread's reader, opened at its first request and reopened at each, so that every
 * commit made before the request is seen. NULL with the error answered. */
static nx_db *reader(struct nxs_server *s, struct nxs_reply *rp)
{
    nx_db *db = pthread_getspecific(s->reader);
    int rc;

    if (db)
        rc = nx_db_reopen(db);
    else if ((rc = nx_db_open(&db, s->cfg.db, NULL)) == NX_OK)
        pthread_setspecific(s->reader, db);
    if (rc < 0) {
        nxs_reply_nx(rp, rc);
        return NULL;
    }
    return db;
}

/* The query string's parameters, in order. */
struct params {
    struct nxs_param *v;
    size_t n, cap;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    struct params *ps = cls;

    (void)kind;
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 16;
        struct nxs_param *v = realloc(ps->v, cap * sizeof *v);
        if (!v)
            return MHD_NO;
        ps->v = v;
        ps->cap = cap;
    }
    ps->v[ps->n].name = key;
    ps->v[ps->n++].value = value;
    return MHD_YES;
}

static void get_search(struct nxs_server *s, struct MHD_Connection *c, struct nxs_reply *rp)
{
    struct params ps = {NULL, 0, 0};
    nx_db *db;

    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &ps);
    if ((db = reader(s, rp)))
        nxs_search(rp, db, s->cfg.max_time, ps.v, ps.n);
    free(ps.v);
}

/* A GET: the read-only endpoints. */
static void route_get(struct nxs_server *s, struct MHD_Connection *c, const char *url,
                      struct nxs_reply *rp)
{
    nx_db *db;

    if (strcmp(url, "/health") == 0) {
        nxs_health(rp);
    } else if (strcmp(url, "/search") == 0) {
        get_search(s, c, rp);
    } else if (!(db = reader(s, rp))) {
        return;
    } else if (strncmp(url, "/articles/", 10) == 0 && url[10]) {
        nxs_article(rp, db, url + 10);
    } else if (strcmp(url, "/actors") == 0) {
        nxs_lexicon(rp, db, NX_LEX_ACTOR);
    } else if (strcmp(url, "/topics") == 0) {
        nxs_lexicon(rp, db, NX_LEX_TOPIC);
    } else if (strcmp(url, "/stats") == 0) {
        nxs_stats(rp, db);
    }
}

/* Constant time in the token's content: a wrong guess learns nothing from the timing. */
static bool same_token(const char *given, const char *token)
{
    size_t a = strlen(given), b = strlen(token);
    unsigned char diff = a != b;

    for (size_t i = 0; i < b; i++)
        diff |= (unsigned char)(given[i < a ? i : 0] ^ token[i]);
    return diff == 0;
}

static bool authorized(const struct nxs_server *s, struct MHD_Connection *c, struct nxs_reply *rp)
{
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");

    if (!s->cfg.token)
        return !nxs_reply_error(rp, 401, "EAUTH",
                                "writes are off: start newsidx-serve with --write-token");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !same_token(auth + 7, s->cfg.token))
        return !nxs_reply_error(rp, 401, "EAUTH", "a matching 'Authorization: Bearer' is needed");
    return true;
}

enum route { R_NONE, R_READ, R_ARTICLES, R_ARTICLE };

static enum route route_of(const char *url)
{
    struct nxs_asset a;

    if (nxs_page_find(&a, url))
        return R_READ;
    if (strcmp(url, "/articles") == 0)
        return R_ARTICLES;
    if (strncmp(url, "/articles/", 10) == 0 && url[10])
        return R_ARTICLE;
    if (strcmp(url, "/search") == 0 || strcmp(url, "/actors") == 0 || strcmp(url, "/topics") == 0 ||
        strcmp(url, "/stats") == 0 || strcmp(url, "/health") == 0)
        return R_READ;
    return R_NONE;
}

/* Whatever can be answered before a body: unknown path, method, token, size, load. True with
 * the answer in rp. */
static bool refuse(struct nxs_server *s, struct MHD_Connection *c, const char *url,
                   const char *method, struct nxs_reply *rp)
{
    enum route r = route_of(url);
    bool get = strcmp(method, "GET") == 0;
    bool post = strcmp(method, "POST") == 0, del = strcmp(method, "DELETE") == 0;

    if (atomic_load(&s->connections) > s->cfg.max_connections)
        return nxs_reply_error(rp, 503, "EBUSY", "too many connections (over %u): try again",
                               s->cfg.max_connections);
    if (r == R_NONE)
        return nxs_reply_error(rp, 404, "ENOTFOUND", "no such endpoint '%s'", url);
    if (strcmp(method, "OPTIONS") == 0 && s->cfg.cors) { /* a browser asks before a write */
        rp->preflight = true;
        return nxs_reply_begin(rp, 204);
    }
    if (!(get && r != R_ARTICLES) && !(post && r == R_ARTICLES) && !(del && r == R_ARTICLE)) {
        rp->allow = r == R_ARTICLES ? "POST" : r == R_ARTICLE ? "GET, DELETE" : "GET";
        return nxs_reply_error(rp, 405, "EMETHOD", "%s is not allowed on '%s' (allowed: %s)",
                               method, url, rp->allow);
    }
    if ((post || del) && !authorized(s, c, rp))
        return true;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (post && cl && strtoull(cl, NULL, 10) > NXS_MAX_BODY_BYTES)
        return nxs_reply_error(rp, 413, "ELIMIT", "the body is over %zu bytes", NXS_MAX_BODY_BYTES);
    return false;
}

/* Body bytes as they come; false when over the limit. */
static bool receive(struct request *rq, const char *data, size_t size)
{
    if (size > NXS_MAX_BODY_BYTES - rq->len)
        return false;
    if (rq->len + size > rq->cap) {
        size_t cap = rq->cap ? rq->cap : 65536;
        while (cap < rq->len + size)
            cap *= 2;
        char *b = realloc(rq->body, cap);
        if (!b)
            return false;
        rq->body = b;
        rq->cap = cap;
    }
    memcpy(rq->body + rq->len, data, size);
    rq->len += size;
    return true;
}

static struct request *request_new(struct nxs_server *s, const char *method, const char *url)
{
    struct request *rq = calloc(1, sizeof *rq);

    if (!rq)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &rq->start);
    rq->method = strdup(method);
    rq->path = strdup(url);
    atomic_fetch_add(&s->active, 1);
    return rq;
}

/* A file of the search page: nothing but this server's own files may run in it. */
static enum MHD_Result send_asset(struct MHD_Connection *c, struct request *rq,
                                  const struct nxs_asset *a)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);

    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", a->type);
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    rq->status = MHD_HTTP_OK;
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void answer(struct nxs_server *s, struct MHD_Connection *c, const char *url,
                   const char *method, struct request *rq, struct nxs_reply *rp)
{
    if (strcmp(method, "GET") == 0)
        route_get(s, c, url, rp);
    else if (strcmp(method, "DELETE") == 0)
        nxs_writer_delete(rp, url + 10);
    else if (rq->len == 0)
        nxs_reply_error(rp, 400, "EINPUT",
                        "the body is empty: send JSON Lines, one article "
                        "per line");
    else
        nxs_writer_post(rp, rq->body, rq->len);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_size, void **con_cls)
{
    struct nxs_server *s = cls;
    struct request *rq = *con_cls;
    struct nxs_reply rp = {0};

    (void)version;
    if (!rq) {
        if (!(rq = *con_cls = request_new(s, method, url)))
            return MHD_NO;
        if (!rq->method || !rq->path)
            return MHD_NO;
        if (refuse(s, c, url, method, &rp)) {
            rq->refused = true;
            return send_reply(s, c, rq, &rp);
        }
        if (strcmp(method, "POST") == 0)
            return MHD_YES; /* the body comes in the next calls */
    } else if (*upload_size) {
        if (rq->refused) { /* answered already: the body is dropped */
            *upload_size = 0;
            return MHD_YES;
        }
        if (!receive(rq, upload_data, *upload_size))
            return MHD_NO; /* over the limit without a Content-Length: the connection ends */
        *upload_size = 0;
        return MHD_YES;
    }
    if (rq->refused)
        return MHD_YES;
    struct nxs_asset page;
    if (strcmp(method, "GET") == 0 && nxs_page_find(&page, url))
        return send_asset(c, rq, &page);
    answer(s, c, url, method, rq, &rp);
    return send_reply(s, c, rq, &rp);
}

static void reader_free(void *db)
{
    nx_db_free(db);
}

static bool listen_addr(struct sockaddr_in *sa, const struct nxs_config *cfg)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)cfg->port);
    return inet_pton(AF_INET, cfg->host, &sa->sin_addr) == 1;
}

int nxs_server_start(struct nxs_server **out, const struct nxs_config *cfg)
{
    struct nxs_server *s = calloc(1, sizeof *s);
    struct sockaddr_in sa;

    *out = NULL;
    if (!s)
        return -1;
    s->cfg = *cfg;
    if (!listen_addr(&sa, cfg) || pthread_key_create(&s->reader, reader_free) != 0) {
        free(s);
        return -1;
    }
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_AUTO, 0, NULL, NULL, handle, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections + NXS_EXTRA_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        NXS_MAX_URI_BYTES, MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_NOTIFY_CONNECTION,
        connection, s, MHD_OPTION_END);
    if (!s->d) {
        pthread_key_delete(s->reader);
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

unsigned int nxs_server_port(const struct nxs_server *s)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

void nxs_server_stop(struct nxs_server *s)
{
    /* No new connections. The listening socket is ours to close, but only once the daemon's
     * threads are gone: they may still be taking it out of their epoll sets. */
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (int i = 0; i < NXS_DRAIN_SECONDS * 100 && atomic_load(&s->active) > 0; i++)
        nanosleep(&tick, NULL);
    MHD_stop_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    pthread_key_delete(s->reader);
    free(s);
}
