/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ingest/tape.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "newsidx.h"

enum { NSTR = 7 }; /* id, title, date, source, url, captured, body */

/* A file's start (its open code, byte and ignored counts) or one result of nx__reader_next;
 * strings are copied right after the struct. */
struct nx__tape_ev {
    struct nx__tape_ev *next;
    bool file;
    int rc;
    unsigned long line;
    uint64_t offset, ignored; /* a file's start: offset holds the bytes read */
    size_t size;
    nx__rec rec;     /* rc NX_OK */
    const char *msg; /* rc < 0 */
};

struct nx__tape {
    struct nx__tape_ev *head, *tail;
    struct nx__tape_ev *file; /* recording: the current file's start */
    size_t budget, used;
    bool given_up;
};

int nx__tape_new(nx__tape **out, size_t budget)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return nx__error_set(NX_ENOMEM, "out of memory");
    (*out)->budget = budget;
    return NX_OK;
}

static void free_events(nx__tape *t)
{
    for (struct nx__tape_ev *e = t->head, *next; e; e = next) {
        next = e->next;
        free(e);
    }
    t->head = t->tail = t->file = NULL;
    t->used = 0;
}

void nx__tape_free(nx__tape *t)
{
    if (!t)
        return;
    free_events(t);
    free(t);
}

bool nx__tape_whole(const nx__tape *t)
{
    return t && !t->given_up;
}

/* A new event with `extra` bytes for its strings, or NULL when the tape has given up. */
static struct nx__tape_ev *add(nx__tape *t, size_t extra)
{
    if (t->given_up)
        return NULL;
    size_t size = sizeof(struct nx__tape_ev) + extra;
    struct nx__tape_ev *e = t->used + size <= t->budget ? malloc(size) : NULL;
    if (!e) {
        free_events(t);
        t->given_up = true;
        return NULL;
    }
    *e = (struct nx__tape_ev){.size = size};
    t->used += size;
    *(t->tail ? &t->tail->next : &t->head) = e;
    t->tail = e;
    return e;
}

static const char *copy(char **p, const char *s, size_t len)
{
    memcpy(*p, s, len);
    (*p)[len] = '\0';
    const char *at = *p;
    *p += len + 1;
    return at;
}

void nx__tape_file(nx__tape *t, int open_rc)
{
    const char *msg = open_rc < 0 ? nx_error_last()->message : "";
    struct nx__tape_ev *e = add(t, strlen(msg) + 1);
    if (!e)
        return;
    char *p = (char *)(e + 1);
    e->file = true;
    e->rc = open_rc;
    e->msg = copy(&p, msg, strlen(msg));
    t->file = e;
}

void nx__tape_next(nx__tape *t, int rc, const nx__rec *rec, unsigned long line, uint64_t offset)
{
    const char *msg = rc < 0 ? nx_error_last()->message : "";
    const char *from[NSTR] = {NULL};
    size_t len[NSTR] = {0}, extra = strlen(msg) + 1;
    if (rc == NX_OK) {
        const char *f[NSTR] = {rec->id,  rec->title,    rec->date, rec->source,
                               rec->url, rec->captured, rec->body};
        memcpy(from, f, sizeof from);
        for (int i = 0; i < NSTR; i++)
            extra += len[i] = !from[i] ? 0 : i == NSTR - 1 ? rec->body_len : strlen(from[i]);
        extra += NSTR;
    }
    struct nx__tape_ev *e = add(t, extra);
    if (!e)
        return;
    char *p = (char *)(e + 1);
    e->rc = rc;
    e->line = line;
    e->offset = offset;
    e->msg = copy(&p, msg, strlen(msg));
    if (rc != NX_OK)
        return;
    const char **to[NSTR] = {&e->rec.id,  &e->rec.title,    &e->rec.date, &e->rec.source,
                             &e->rec.url, &e->rec.captured, &e->rec.body};
    for (int i = 0; i < NSTR; i++)
        *to[i] = from[i] ? copy(&p, from[i], len[i]) : NULL;
    e->rec.body_len = rec->body_len;
    e->rec.line = rec->line;
}

void nx__tape_end(nx__tape *t, uint64_t bytes, uint64_t ignored)
{
    if (t->given_up || !t->file)
        return;
    t->file->offset = bytes;
    t->file->ignored = ignored;
}

/* ---- replay --------------------------------------------------------------------------- */

static struct nx__tape_ev *pop(nx__tape *t)
{
    struct nx__tape_ev *e = t->head;
    t->head = e->next;
    if (!t->head)
        t->tail = NULL;
    t->used -= e->size;
    return e;
}

int nx__tape_source_open(nx__source *s, nx__tape *t, const char *path, const char *txt_id,
                         const nx__fieldmap *map)
{
    *s = (nx__source){0};
    if (!nx__tape_whole(t) || !t->head)
        return nx__reader_open(&s->r, path, txt_id, map);
    struct nx__tape_ev *e = pop(t);
    s->t = t;
    s->bytes = e->offset;
    s->ignored = e->ignored;
    int rc = e->rc < 0 ? nx__error_set(e->rc, "%s", e->msg) : e->rc;
    free(e);
    return rc;
}

int nx__tape_source_next(nx__source *s, const nx__rec **rec)
{
    *rec = NULL;
    if (s->r) {
        int rc = nx__reader_next(s->r, rec);
        s->line = nx__reader_line(s->r);
        s->offset = nx__reader_offset(s->r);
        return rc;
    }
    free(s->cur);
    s->cur = NULL;
    if (!s->t->head || s->t->head->file)
        return NX_DONE;
    struct nx__tape_ev *e = pop(s->t);
    s->line = e->line;
    s->offset = e->offset;
    if (e->rc != NX_OK) {
        int rc = nx__error_set(e->rc, "%s", e->msg);
        free(e);
        return rc;
    }
    s->cur = e;
    *rec = &e->rec;
    return NX_OK;
}

unsigned long nx__tape_source_line(const nx__source *s)
{
    return s->line;
}

uint64_t nx__tape_source_offset(const nx__source *s)
{
    return s->offset;
}

uint64_t nx__tape_source_bytes(const nx__source *s)
{
    return s->r ? nx__reader_bytes(s->r) : s->bytes;
}

uint64_t nx__tape_source_ignored(const nx__source *s)
{
    return s->r ? nx__reader_ignored(s->r) : s->ignored;
}

/* A file left before its end (the ingest failed) leaves no records behind for the next. */
void nx__tape_source_close(nx__source *s)
{
    nx__reader_free(s->r);
    free(s->cur);
    while (s->t && s->t->head && !s->t->head->file)
        free(pop(s->t));
    *s = (nx__source){0};
}
