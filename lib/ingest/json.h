/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_JSON_H
#define NX_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* Reading JSON objects (one per input record). Everything jansson; no other module includes it. */

/* A parsed JSON object, reused from one record to the next. */
typedef struct nx__json nx__json;

int nx__json_new(nx__json **out);
void nx__json_free(nx__json *j);

/*
 * Parse text[0..len) as one JSON object (duplicate keys rejected), replacing the previous one.
 * NX_EINPUT with "invalid JSON: <what> (column N)" or "not a JSON object"; NX_ENOMEM.
 */
int nx__json_parse(nx__json *j, const char *text, size_t len);
/* True when the last failed parse ran out of input (an object continued on later lines). */
bool nx__json_incomplete(const nx__json *j);

/*
 * Look up n members of the parsed object: values[i] and lens[i] are its string (NUL-terminated
 * UTF-8), or NULL and 0 when the member is absent or null. Where bit i of `int_ok` is set an
 * integer is accepted and given as decimal text. Any other type is NX_EINPUT naming the member.
 * The strings are borrowed until the next parse or nx__json_free.
 */
int nx__json_strings(nx__json *j, const char *const *names, size_t n, unsigned int int_ok,
                     const char **values, size_t *lens);

/*
 * The first string member named `key` at any depth (objects and arrays, 16 levels at most) of
 * the JSON document text[0..len), as in a JSON-LD block's "datePublished": copied to out
 * (truncated to cap - 1 bytes, NUL-terminated). Returns true when found; a document that does
 * not parse has none.
 */
bool nx__json_find_string(const char *text, size_t len, const char *key, char *out, size_t cap);

#endif
