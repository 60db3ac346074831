/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "json.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"

void nxc_json_init(nxc_json *j, FILE *f)
{
    j->f = f;
    j->depth = 0;
    j->has_items = 0;
    j->after_key = false;
}

/* Separator before a value or a key: a comma unless it is the first in its container. */
static void before_value(nxc_json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0) {
        uint64_t bit = (uint64_t)1 << j->depth;
        if (j->has_items & bit)
            fputc(',', j->f);
        j->has_items |= bit;
    }
}

/* Top-level values end with a newline: one value per line. */
static void after_value(nxc_json *j)
{
    if (j->depth == 0)
        fputc('\n', j->f);
}

static void begin(nxc_json *j, int c)
{
    before_value(j);
    fputc(c, j->f);
    assert(j->depth + 1 < NXC_JSON_MAX_DEPTH);
    j->depth++;
    j->has_items &= ~((uint64_t)1 << j->depth);
}

static void end(nxc_json *j, int c)
{
    assert(j->depth > 0 && !j->after_key);
    j->depth--;
    fputc(c, j->f);
    after_value(j);
}

void nxc_json_begin_object(nxc_json *j)
{
    begin(j, '{');
}

void nxc_json_end_object(nxc_json *j)
{
    end(j, '}');
}

void nxc_json_begin_array(nxc_json *j)
{
    begin(j, '[');
}

void nxc_json_end_array(nxc_json *j)
{
    end(j, ']');
}

static void write_escaped(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    fputc('"', f);
    while (i < len) {
        uint32_t cp;
        size_t n = nx_utf8_decode(&cp, (const char *)p + i, len - i);
        if (n == 0) {
            fputs("\\ufffd", f);
            i++;
            continue;
        }
        if (cp == '"' || cp == '\\') {
            fputc('\\', f);
            fputc((int)cp, f);
        } else if (cp == '\n') {
            fputs("\\n", f);
        } else if (cp == '\t') {
            fputs("\\t", f);
        } else if (cp == '\r') {
            fputs("\\r", f);
        } else if (cp < 0x20) {
            fprintf(f, "\\u%04x", (unsigned int)cp);
        } else {
            fwrite(p + i, 1, n, f);
        }
        i += n;
    }
    fputc('"', f);
}

void nxc_json_key(nxc_json *j, const char *key)
{
    assert(j->depth > 0 && !j->after_key);
    before_value(j);
    write_escaped(j->f, key, strlen(key));
    fputc(':', j->f);
    j->after_key = true;
}

void nxc_json_string_n(nxc_json *j, const char *s, size_t len)
{
    before_value(j);
    write_escaped(j->f, s, len);
    after_value(j);
}

void nxc_json_string(nxc_json *j, const char *s)
{
    if (s)
        nxc_json_string_n(j, s, strlen(s));
    else
        nxc_json_null(j);
}

void nxc_json_uint(nxc_json *j, uint64_t v)
{
    before_value(j);
    fprintf(j->f, "%" PRIu64, v);
    after_value(j);
}

void nxc_json_int(nxc_json *j, int64_t v)
{
    before_value(j);
    fprintf(j->f, "%" PRId64, v);
    after_value(j);
}

/*
 * printf follows LC_NUMERIC, which may use ',' (or a multibyte sign) as the decimal point:
 * keep digits, signs and exponent marks, and turn whatever else came out into one '.'.
 */
static void normalize_number(char *buf)
{
    char *out = buf;
    bool in_point = false;

    for (const char *p = buf; *p; p++) {
        bool plain = (*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == 'e';
        if (plain) {
            *out++ = *p;
            in_point = false;
        } else if (!in_point) {
            *out++ = '.';
            in_point = true;
        }
    }
    *out = '\0';
}

void nxc_json_format_double(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return;
    }
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
    normalize_number(buf);
}

void nxc_json_double(nxc_json *j, double v)
{
    char buf[64];
    nxc_json_format_double(buf, sizeof buf, v);
    before_value(j);
    fputs(buf, j->f);
    after_value(j);
}

void nxc_json_bool(nxc_json *j, bool v)
{
    before_value(j);
    fputs(v ? "true" : "false", j->f);
    after_value(j);
}

void nxc_json_null(nxc_json *j)
{
    before_value(j);
    fputs("null", j->f);
    after_value(j);
}

void nxc_json_kv_string(nxc_json *j, const char *key, const char *s)
{
    nxc_json_key(j, key);
    nxc_json_string(j, s);
}

void nxc_json_kv_uint(nxc_json *j, const char *key, uint64_t v)
{
    nxc_json_key(j, key);
    nxc_json_uint(j, v);
}

void nxc_json_kv_double(nxc_json *j, const char *key, double v)
{
    nxc_json_key(j, key);
    nxc_json_double(j, v);
}
