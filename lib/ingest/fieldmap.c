/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The JSON field map: which member of a record holds which article field. */
#include "ingest/fieldmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "newsidx.h"

enum { NFIELDS = 6 };

static const char *const field_names[NFIELDS] = {"id", "title", "date", "source", "url", "body"};
static const size_t field_offsets[NFIELDS] = {
    offsetof(nx__fieldmap, id),     offsetof(nx__fieldmap, title), offsetof(nx__fieldmap, date),
    offsetof(nx__fieldmap, source), offsetof(nx__fieldmap, url),   offsetof(nx__fieldmap, body),
};

static char **field_slot(nx__fieldmap *m, size_t i)
{
    return (char **)((char *)m + field_offsets[i]);
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* One "field=name" of a field map spec. */
static int parse_pair(nx__fieldmap *m, const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0)
        return NX_OK;
    const char *eq = memchr(s, '=', n);
    if (!eq)
        return nx__error_set(NX_EINVAL, "missing '=' in field map entry '%.*s'", (int)n, s);
    const char *key = s, *val = eq + 1;
    size_t klen = (size_t)(eq - s), vlen = n - klen - 1;
    trim(&key, &klen);
    trim(&val, &vlen);
    size_t i = 0;
    while (i < NFIELDS && !(strlen(field_names[i]) == klen && !memcmp(field_names[i], key, klen)))
        i++;
    if (i == NFIELDS)
        return nx__error_set(NX_EINVAL,
                             "unknown field '%.*s' in field map (known: id, title, date, source, "
                             "url, body)",
                             (int)klen, key);
    if (vlen == 0)
        return nx__error_set(NX_EINVAL, "empty JSON name for field '%s'", field_names[i]);
    char *v = strndup(val, vlen);
    if (!v)
        return nx__error_set(NX_ENOMEM, "out of memory");
    free(*field_slot(m, i));
    *field_slot(m, i) = v;
    return NX_OK;
}

int nx__fieldmap_parse(nx__fieldmap *map, const char *spec)
{
    nx__fieldmap tmp = {0};
    const char *p = spec ? spec : "";
    int rc = NX_OK;
    while (*p && rc == NX_OK) {
        size_t n = strcspn(p, ",");
        rc = parse_pair(&tmp, p, n);
        p += n + (p[n] == ',');
    }
    if (rc < 0) {
        nx__fieldmap_release(&tmp);
        return rc;
    }
    for (size_t i = 0; i < NFIELDS; i++) {
        if (*field_slot(&tmp, i)) {
            free(*field_slot(map, i));
            *field_slot(map, i) = *field_slot(&tmp, i);
        }
    }
    return NX_OK;
}

void nx__fieldmap_release(nx__fieldmap *map)
{
    for (size_t i = 0; i < NFIELDS; i++) {
        free(*field_slot(map, i));
        *field_slot(map, i) = NULL;
    }
}
