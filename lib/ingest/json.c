/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ingest/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/error.h"
#include "newsidx.h"

struct nx__json {
    json_t *doc;
    bool incomplete;
};

int nx__json_new(nx__json **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
}

void nx__json_free(nx__json *j)
{
    if (!j)
        return;
    json_decref(j->doc);
    free(j);
}

int nx__json_parse(nx__json *j, const char *text, size_t len)
{
    json_decref(j->doc);
    j->doc = NULL;
    j->incomplete = false;
    json_error_t err;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!doc) {
        enum json_error_code code = json_error_code(&err);
        if (code == json_error_out_of_memory)
            return nx__error_set(NX_ENOMEM, "out of memory");
        j->incomplete = code == json_error_premature_end_of_input;
        return nx__error_set(NX_EINPUT, "invalid JSON: %s (column %d)", err.text, err.column);
    }
    j->doc = doc;
    if (!json_is_object(doc))
        return nx__error_set(NX_EINPUT, "not a JSON object");
    return NX_OK;
}

bool nx__json_incomplete(const nx__json *j)
{
    return j->incomplete;
}

/* Replace an integer member by its decimal text, so that the string lives as long as doc. */
static json_t *int_as_string(json_t *doc, const char *name, json_t *v)
{
    char text[32];
    snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    json_t *s = json_string(text);
    if (!s || json_object_set_new(doc, name, s) < 0)
        return NULL;
    return s;
}

int nx__json_strings(nx__json *j, const char *const *names, size_t n, unsigned int int_ok,
                     const char **values, size_t *lens)
{
    for (size_t i = 0; i < n; i++) {
        values[i] = NULL;
        lens[i] = 0;
    }
    if (!j->doc || !json_is_object(j->doc))
        return nx__error_set(NX_EINVAL, "no JSON object parsed");
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_object_get(j->doc, names[i]);
        bool ints = (int_ok >> i) & 1u;
        if (!v || json_is_null(v))
            continue;
        if (ints && json_is_integer(v) && !(v = int_as_string(j->doc, names[i], v)))
            return nx__error_set(NX_ENOMEM, "out of memory");
        if (!json_is_string(v))
            return nx__error_set(
                NX_EINPUT, ints ? "'%s' is not a string or an integer" : "'%s' is not a string",
                names[i]);
        values[i] = json_string_value(v);
        lens[i] = json_string_length(v);
    }
    return NX_OK;
}

static const char *find_string(json_t *v, const char *key, int depth)
{
    if (depth > 16)
        return NULL;
    if (json_is_object(v)) {
        json_t *m = json_object_get(v, key);
        if (json_is_string(m))
            return json_string_value(m);
        const char *k;
        json_t *child;
        json_object_foreach(v, k, child)
        {
            const char *s = find_string(child, key, depth + 1);
            if (s)
                return s;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *child;
        json_array_foreach(v, i, child)
        {
            const char *s = find_string(child, key, depth + 1);
            if (s)
                return s;
        }
    }
    return NULL;
}

bool nx__json_find_string(const char *text, size_t len, const char *key, char *out, size_t cap)
{
    json_t *doc = json_loadb(text, len, JSON_DECODE_ANY, NULL);
    const char *s = doc ? find_string(doc, key, 0) : NULL;
    if (s && cap) {
        size_t n = strlen(s) < cap - 1 ? strlen(s) : cap - 1;
        memcpy(out, s, n);
        out[n] = '\0';
    }
    json_decref(doc);
    return s && cap;
}
