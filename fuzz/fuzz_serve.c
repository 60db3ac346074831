/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * newsidx-serve's request parsing and JSON writing (server/params.c, server/reply.c, cli/):
 * the input is a query string, split at '&' and '=' and percent-decoded as libmicrohttpd hands
 * it over. Every answer must be a JSON document jansson reads back: an error has a code and a
 * message; an accepted search has values within the documented limits, and a document written
 * from them (the strings the client sent) reads back to the same strings.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "search.h"
#include "serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_PARAMS = 64 };

static int hex(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* "%41+b" -> "A b", in place, as libmicrohttpd unescapes argument names and values. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '+')
            *o++ = ' ';
        else if (*s == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
            *o++ = (char)(hex(s[1]) * 16 + hex(s[2]));
            s += 2;
        } else
            *o++ = *s;
    }
    *o = '\0';
}

static json_t *read_back(const struct nxs_reply *rp)
{
    json_error_t err;
    json_t *doc = json_loadb(rp->body, rp->len, JSON_ALLOW_NUL, &err);
    if (!doc)
        fprintf(stderr, "not JSON (%s): %.*s\n", err.text, (int)rp->len, rp->body);
    FZ_CHECK(doc != NULL);
    return doc;
}

static void check_error(struct nxs_reply *rp)
{
    FZ_CHECK(nxs_reply_end(rp));
    FZ_CHECK(rp->status == 400 || rp->status == 414);
    json_t *doc = read_back(rp);
    json_t *e = json_object_get(doc, "error");
    FZ_CHECK(json_is_string(json_object_get(e, "code")));
    FZ_CHECK(json_string_length(json_object_get(e, "message")) > 0);
    json_decref(doc);
}

/* The accepted strings, written as a JSON document and read back unchanged (the writer's
 * escaping; a string that is not UTF-8 is written with U+FFFD in its place). */
static void check_accepted(const nxc_search *s)
{
    struct nxs_reply rp = {0};
    FZ_CHECK(s->limit >= 1 && s->limit <= NXS_MAX_LIMIT && s->per_article >= 1);
    FZ_CHECK(!s->query || strlen(s->query) <= NXS_MAX_QUERY_BYTES);
    if (!nxs_reply_begin(&rp, 200))
        return;
    nxc_json_begin_object(&rp.j);
    nxc_json_kv_string(&rp.j, "q", s->query);
    nxc_json_kv_string(&rp.j, "source", s->source);
    nxc_json_key(&rp.j, "actors");
    nxc_json_begin_array(&rp.j);
    for (size_t i = 0; i < s->n_actors; i++)
        nxc_json_string(&rp.j, s->actors[i]);
    nxc_json_end_array(&rp.j);
    nxc_json_end_object(&rp.j);
    FZ_CHECK(nxs_reply_end(&rp));
    json_t *doc = read_back(&rp);
    const char *q = json_string_value(json_object_get(doc, "q"));
    if (s->query && fz_utf8_ok(s->query, strlen(s->query)))
        FZ_CHECK(q && strcmp(q, s->query) == 0);
    json_t *actors = json_object_get(doc, "actors");
    FZ_CHECK(json_array_size(actors) == s->n_actors);
    json_decref(doc);
    free(rp.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *qs = malloc(size + 1);
    struct nxs_param p[MAX_PARAMS];
    const char *actors[MAX_PARAMS], *topics[MAX_PARAMS];
    size_t n = 0;

    if (!qs)
        return 0;
    memcpy(qs, data, size);
    qs[size] = '\0'; /* a NUL inside ends the query string, as it ends a request line */
    for (char *save = NULL, *part = strtok_r(qs, "&", &save); part && n < MAX_PARAMS;
         part = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(part, '=');
        if (eq)
            *eq++ = '\0';
        unescape(part);
        if (eq)
            unescape(eq);
        p[n].name = part;
        p[n++].value = eq;
    }
    nxc_search s;
    nxc_search_init(&s, actors, topics);
    struct nxs_reply rp = {0};
    if (nxs_search_params(&rp, &s, p, n))
        check_accepted(&s);
    else
        check_error(&rp);
    free(rp.body);
    free(qs);
    return 0;
}
