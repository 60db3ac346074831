/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NXC_JSON_H
#define NXC_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The one JSON writer of the command-line programs. It puts commas and colons where they
 * belong, escapes strings (valid UTF-8 passes through unchanged, invalid bytes become U+FFFD,
 * control characters \u escapes), prints numbers the same in every locale, and ends each
 * top-level value with a newline, so consecutive values form JSON Lines.
 *
 *     nxc_json j;
 *     nxc_json_init(&j, stdout);
 *     nxc_json_begin_object(&j);
 *     nxc_json_key(&j, "format");
 *     nxc_json_uint(&j, 1);
 *     nxc_json_end_object(&j);      -> {"format":1}\n
 *
 * Write errors are left in the stream (ferror) for nxc_close_stdout() to report.
 */

#define NXC_JSON_MAX_DEPTH 32

typedef struct nxc_json {
    FILE *f;
    unsigned int depth;
    uint64_t has_items; /* bit d: the container at depth d already has a member */
    bool after_key;
} nxc_json;

void nxc_json_init(nxc_json *j, FILE *f);

void nxc_json_begin_object(nxc_json *j);
void nxc_json_end_object(nxc_json *j);
void nxc_json_begin_array(nxc_json *j);
void nxc_json_end_array(nxc_json *j);
/* The next member's name, inside an object. */
void nxc_json_key(nxc_json *j, const char *key);

/* A string; NULL writes null. */
void nxc_json_string(nxc_json *j, const char *s);
void nxc_json_string_n(nxc_json *j, const char *s, size_t len);
void nxc_json_uint(nxc_json *j, uint64_t v);
void nxc_json_int(nxc_json *j, int64_t v);
/* Shortest form that reads back as v; NaN and infinities are written as null. */
void nxc_json_double(nxc_json *j, double v);
void nxc_json_bool(nxc_json *j, bool v);
void nxc_json_null(nxc_json *j);

/* Key and value in one call, for flat objects. */
void nxc_json_kv_string(nxc_json *j, const char *key, const char *s);
void nxc_json_kv_uint(nxc_json *j, const char *key, uint64_t v);
void nxc_json_kv_double(nxc_json *j, const char *key, double v);

/* Format v as JSON into buf (at least 32 bytes) whatever the C locale's decimal point. */
void nxc_json_format_double(char *buf, size_t size, double v);

#endif
