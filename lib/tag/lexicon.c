/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tag/lexicon.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "text/fold.h"
#include "util/buf.h"
#include "util/error.h"
#include "text/utf8.h"
#include "util/hash.h"

/* The file format is line-based; see docs/lexicon.md. Every syntax error names name:line. */

enum { LEXICON_MAX_BYTES = 16 << 20 };

typedef struct lexparse {
    nx__lexicon *lx;
    const char *name;
    size_t line;
    nx__tokenizer *tok;
    nx__toklist toks;
    int kind;       /* of the entry being read, -1 before the first */
    size_t cur;     /* its index among the entries of its kind */
    size_t base[2]; /* entries of the extended lexicon (nx__lexicon_extend): a key of one of
                     * them opens it again to add variants */
} lexparse;

static int perr(const lexparse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int perr(const lexparse *ps, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nx__error_set(NX_EINPUT, "%s:%zu: %s", ps->name, ps->line, msg);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && is_space(**s))
        (*s)++, (*len)--;
    while (*len > 0 && is_space((*s)[*len - 1]))
        (*len)--;
}

static int put_string(nx__buf *arena, const char *s, size_t len, size_t *off)
{
    *off = arena->len;
    int rc = nx__buf_append(arena, s, len);
    return rc < 0 ? rc : nx__buf_putc(arena, '\0');
}

static nx__lexentry *current(const lexparse *ps)
{
    return &ps->lx->e[ps->kind][ps->cur];
}

/* Whether entry e already has a variant of these words (an extension repeating one). */
static bool has_variant(const nx__lexicon *lx, const nx__lexentry *e, const nx__toklist *l)
{
    for (size_t j = 0; j < e->nv; j++)
        if (nx__lexmatch_terms_equal(lx->arena.data + e->v[j].terms, e->v[j].nterms, l))
            return true;
    return false;
}

static int add_variant(lexparse *ps, const char *s, size_t len)
{
    nx__lexicon *lx = ps->lx;
    nx__lexentry *e = current(ps);
    nx__lexvariant v = {0, 0, 0};
    int rc = nx__tokenizer_all(ps->tok, s, len, 0, &ps->toks);
    for (size_t i = 0; rc == NX_OK && i < ps->toks.n; i++)
        if (!(ps->toks.toks[i].flags & NX__TOK_JOINED))
            v.nterms++;
    if (rc < 0)
        return rc;
    if (v.nterms == 0)
        return perr(ps, "variant '%.*s' has no words", (int)len, s);
    if (v.nterms > NX__LEX_MAX_WORDS)
        return perr(ps, "variant '%.*s' has more than %d words", (int)len, s, NX__LEX_MAX_WORDS);
    if (ps->cur < ps->base[ps->kind] && has_variant(lx, e, &ps->toks))
        return NX_OK;
    nx__lexvariant *nv = nx__buf_grow(e->v, e->nv, &e->cap, sizeof *nv, 4);
    if (!nv)
        return NX_ENOMEM;
    e->v = nv;
    rc = put_string(&lx->arena, s, len, &v.text);
    v.terms = lx->arena.len;
    for (size_t i = 0; rc == NX_OK && i < ps->toks.n; i++)
        if (!(ps->toks.toks[i].flags & NX__TOK_JOINED))
            rc = nx__buf_append(&lx->arena, ps->toks.toks[i].term, ps->toks.toks[i].term_len + 1);
    if (rc == NX_OK)
        rc = nx__lexmatch_add(lx, ps->kind, ps->cur, e->nv, ps->line, &ps->toks);
    if (rc == NX_OK)
        e->v[e->nv++] = v;
    return rc;
}

enum { KIND_GIVEN = 2 }; /* a "given:" line: given names, no entry */

/* One given name: a single word, kept folded. */
static int add_given(lexparse *ps, const char *s, size_t len)
{
    int rc = nx__tokenizer_all(ps->tok, s, len, 0, &ps->toks);
    if (rc == NX_OK && ps->toks.n != 1)
        return perr(ps, "given name '%.*s' is not one word", (int)len, s);
    const nx__token *t = &ps->toks.toks[0];
    if (rc == NX_OK && !nx__buf_has_line(&ps->lx->given, t->term, t->term_len))
        rc = nx__buf_add_line(&ps->lx->given, t->term, t->term_len);
    return rc;
}

/* Variants separated by '|'; an empty piece is allowed only at either end of the line. */
static int add_variants(lexparse *ps, const char *s, size_t len)
{
    const char *end = s + len;
    for (bool first = true;; first = false) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *p = s;
        size_t n = (size_t)((bar ? bar : end) - s);
        trim(&p, &n);
        if (n > 0) {
            int rc = ps->kind == KIND_GIVEN ? add_given(ps, p, n) : add_variant(ps, p, n);
            if (rc < 0)
                return rc;
        } else if (!first && bar) {
            return perr(ps, "empty variant");
        }
        if (!bar)
            return NX_OK;
        s = bar + 1;
    }
}

static bool key_ok(const char *k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '-' ||
              k[i] == '_'))
            return false;
    return n > 0;
}

static int new_entry(lexparse *ps, int kind, const char *key, size_t klen)
{
    nx__lexicon *lx = ps->lx;
    for (size_t i = 0; i < lx->n[kind]; i++) {
        const nx__lexentry *o = &lx->e[kind][i];
        if (strlen(lx->arena.data + o->key) != klen ||
            memcmp(lx->arena.data + o->key, key, klen) != 0)
            continue;
        if (i < ps->base[kind] && o->line == 0) { /* the extended lexicon's: more variants */
            lx->e[kind][i].line = ps->line;
            ps->kind = kind;
            ps->cur = i;
            return NX_OK;
        }
        return perr(ps, "duplicate %s '%.*s' (first on line %zu)",
                    kind == NX__LEX_ACTOR ? "actor" : "topic", (int)klen, key, o->line);
    }
    nx__lexentry *all = nx__buf_grow(lx->e[kind], lx->n[kind], &lx->cap[kind], sizeof *all, 16);
    if (!all)
        return NX_ENOMEM;
    lx->e[kind] = all;
    nx__lexentry *e = &lx->e[kind][lx->n[kind]];
    memset(e, 0, sizeof *e);
    e->line = ps->line;
    int rc = put_string(&lx->arena, key, klen, &e->key);
    if (rc < 0)
        return rc;
    ps->cur = lx->n[kind]++;
    ps->kind = kind;
    return NX_OK;
}

/* "kind key: variants" */
static int header_line(lexparse *ps, const char *s, size_t len)
{
    size_t k = 0;
    while (k < len && !is_space(s[k]) && s[k] != ':')
        k++;
    int kind = k == 5 && memcmp(s, "actor", 5) == 0   ? NX__LEX_ACTOR
               : k == 5 && memcmp(s, "topic", 5) == 0 ? NX__LEX_TOPIC
               : k == 5 && memcmp(s, "given", 5) == 0 ? KIND_GIVEN
                                                      : -1;
    if (kind < 0)
        return perr(ps, "unknown kind '%.*s' (expected 'actor', 'topic' or 'given')", (int)k, s);
    if (kind == KIND_GIVEN && k < len && s[k] == ':') {
        ps->kind = KIND_GIVEN;
        return add_variants(ps, s + k + 1, len - k - 1);
    }
    if (kind == KIND_GIVEN)
        return perr(ps, "expected ':' right after 'given'");
    const char *colon = memchr(s + k, ':', len - k), *key = s + k;
    if (!colon)
        return perr(ps, "expected ':' after the key");
    size_t klen = (size_t)(colon - key);
    trim(&key, &klen);
    if (klen == 0)
        return perr(ps, "missing key before ':'");
    if (!key_ok(key, klen))
        return perr(ps, "key '%.*s' may only hold a-z, 0-9, '-' and '_'", (int)klen, key);
    int rc = new_entry(ps, kind, key, klen);
    return rc < 0 ? rc : add_variants(ps, colon + 1, (size_t)(s + len - colon - 1));
}

/* An actor's key is one of its variants (added last unless listed); a topic needs variants. */
static int finish_entry(lexparse *ps)
{
    if (ps->kind < 0 || ps->kind == KIND_GIVEN)
        return NX_OK;
    const nx__lexicon *lx = ps->lx;
    const nx__lexentry *e = current(ps);
    const char *key = lx->arena.data + e->key;
    size_t saved = ps->line;
    int rc = NX_OK;
    ps->line = e->line;
    if (ps->kind == NX__LEX_TOPIC && e->nv == 0)
        rc = perr(ps, "topic '%s' has no variants", key);
    if (ps->kind == NX__LEX_ACTOR)
        rc = nx__tokenizer_all(ps->tok, key, strlen(key), 0, &ps->toks);
    for (size_t i = 0; ps->kind == NX__LEX_ACTOR && rc == NX_OK && i <= e->nv; i++) {
        if (i == e->nv) {
            char *copy = strdup(key); /* the arena may move under add_variant */
            rc = copy ? add_variant(ps, copy, strlen(copy))
                      : nx__error_set(NX_ENOMEM, "out of memory");
            free(copy);
            break;
        } else if (nx__lexmatch_terms_equal(lx->arena.data + e->v[i].terms, e->v[i].nterms,
                                            &ps->toks)) {
            break;
        }
    }
    ps->line = saved;
    return rc;
}

static int check_line(lexparse *ps, const char *s, size_t len)
{
    for (size_t i = 0, n; i < len; i += n) {
        if (s[i] == '\0')
            return perr(ps, "NUL byte");
        if (nx__utf8_decode((const unsigned char *)s + i, len - i, &n) < 0)
            return perr(ps, "invalid UTF-8");
    }
    return NX_OK;
}

static int one_line(lexparse *ps, const char *s, size_t len)
{
    const char *p = s;
    size_t n = len;
    int rc = check_line(ps, s, len);
    trim(&p, &n);
    if (rc < 0 || n == 0 || p[0] == '#')
        return rc;
    if (p != s) { /* indented: continues the entry above */
        if (ps->kind < 0)
            return perr(ps, "continuation line without an entry");
        return add_variants(ps, p, n);
    }
    rc = finish_entry(ps);
    return rc < 0 ? rc : header_line(ps, p, n);
}

/* The lines of `text` into ps->lx; messages name `name` and the line. */
static int parse_text(lexparse *ps, const char *text, size_t len, const char *name)
{
    int rc = NX_OK;
    ps->name = name;
    ps->line = 0;
    ps->kind = -1;
    for (size_t at = 0; rc == NX_OK && at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        ps->line++;
        rc = one_line(ps, text + at, end - at);
        at = end + 1;
    }
    return rc == NX_OK ? finish_entry(ps) : rc;
}

/* Every variant so far tagged the index (the lexicon it was built with). */
static void all_tagged(nx__lexicon *lx)
{
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < lx->n[k]; i++)
            lx->e[k][i].nv_tagged = lx->e[k][i].nv;
}

/* Parse `text` into lx; with `base`, first the text of the lexicon it extends (base_name). */
static int parse_all(nx__lexicon *lx, const char *base, size_t base_len, const char *base_name,
                     const char *text, size_t len, const char *name)
{
    lexparse ps = {lx, name, 0, NULL, {NULL, 0, 0, NX__BUF_INIT}, -1, 0, {0, 0}};
    nx__tokenizer_list_init(&ps.toks);
    int rc = nx__tokenizer_new(&ps.tok);
    if (rc == NX_OK && base) {
        rc = parse_text(&ps, base, base_len, base_name);
        all_tagged(lx);
        for (size_t i = 0; i < lx->npats; i++)
            lx->pats[i].line = 0;
        for (int k = 0; k < 2; k++) /* line 0: not named by the extension yet */
            for (size_t i = 0; i < lx->n[k]; i++)
                lx->e[k][i].line = 0;
        ps.base[0] = lx->n[0];
        ps.base[1] = lx->n[1];
    }
    if (rc == NX_OK)
        rc = parse_text(&ps, text, len, name);
    if (rc == NX_OK && !base)
        all_tagged(lx);
    if (rc == NX_OK)
        rc = nx__lexmatch_finish(lx, name);
    nx__tokenizer_list_release(&ps.toks);
    nx__tokenizer_free(ps.tok);
    return rc;
}

/* An empty lexicon for `len` bytes of text, NX_EINPUT when that is too much. */
static int new_lexicon(nx__lexicon **out, size_t len, const char *name)
{
    if (len > LEXICON_MAX_BYTES)
        return nx__error_set(NX_EINPUT, "lexicon '%s' is larger than %d bytes", name,
                             LEXICON_MAX_BYTES);
    nx__lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return nx__error_set(NX_ENOMEM, "out of memory");
    nx__buf_init(&lx->arena);
    nx__buf_init(&lx->given);
    *out = lx;
    return NX_OK;
}

int nx__lexicon_parse_ex(nx__lexicon **out, const char *text, size_t len, const char *name,
                         const char *id, bool copy)
{
    *out = NULL;
    if (!text && len > 0)
        return nx__error_set(NX_EINVAL, "lexicon text is missing");
    nx__lexicon *lx = NULL;
    int made = new_lexicon(&lx, len, name);
    if (made < 0)
        return made;
    lx->text = text ? text : "";
    lx->text_len = len;
    if (copy) {
        lx->text = lx->text_owned = malloc(len + 1);
        if (!lx->text_owned) {
            nx__lexicon_free(lx);
            return nx__error_set(NX_ENOMEM, "out of memory");
        }
        if (len)
            memcpy(lx->text_owned, text, len);
        lx->text_owned[len] = '\0';
    }
    if (id) {
        snprintf(lx->id, sizeof lx->id, "%s", id);
    } else {
        char hex[17];
        nx__hash_hex64(nx__hash_fnv1a(NX__FNV_INIT, lx->text, len), hex);
        snprintf(lx->id, sizeof lx->id, "file-%s", hex);
    }
    int rc = parse_all(lx, NULL, 0, NULL, lx->text, len, name ? name : "lexicon");
    if (rc < 0) {
        nx__lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return NX_OK;
}

int nx__lexicon_parse(nx__lexicon **out, const char *text, size_t len, const char *name)
{
    return nx__lexicon_parse_ex(out, text, len, name, NULL, true);
}

static int read_file(const char *path, nx__buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOENT)
        return nx__error_set(NX_ENOTFOUND, "lexicon '%s' does not exist", path);
    if (!f)
        return nx__error_set(NX_EIO, "lexicon '%s' is unreadable: %s", path, strerror(errno));
    char chunk[8192];
    size_t n;
    int rc = NX_OK;
    while (rc == NX_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        rc = b->len + n > LEXICON_MAX_BYTES
                 ? nx__error_set(NX_EINPUT, "lexicon '%s' is larger than %d bytes", path,
                                 LEXICON_MAX_BYTES)
                 : nx__buf_append(b, chunk, n);
    }
    if (rc == NX_OK && ferror(f))
        rc = nx__error_set(NX_EIO, "lexicon '%s' is unreadable: %s", path, strerror(errno));
    fclose(f);
    return rc;
}

int nx__lexicon_load(nx__lexicon **out, const char *path)
{
    nx__buf b = NX__BUF_INIT;
    *out = NULL;
    if (!path)
        return nx__error_set(NX_EINVAL, "no lexicon path");
    int rc = read_file(path, &b);
    if (rc == NX_OK)
        rc = nx__lexicon_parse(out, b.data, b.len, path);
    nx__buf_release(&b);
    return rc;
}

/* lx in the file format: what an index stores for an extended lexicon (parsed alone, it gives
 * the same entries, variants and given names). */
static int format(const nx__lexicon *lx, nx__buf *b)
{
    static const char *const kinds[2] = {"actor", "topic"};
    int rc = NX_OK;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; rc == NX_OK && i < lx->n[k]; i++) {
            const nx__lexentry *e = &lx->e[k][i];
            rc = nx__buf_printf(b, "%s %s:", kinds[k], lx->arena.data + e->key);
            for (size_t j = 0; rc == NX_OK && j < e->nv; j++)
                rc = nx__buf_printf(b, "%s %s", j ? " |" : "", lx->arena.data + e->v[j].text);
            if (rc == NX_OK)
                rc = nx__buf_putc(b, '\n');
        }
    const char *name;
    size_t n;
    for (size_t at = 0; rc == NX_OK && nx__buf_next_line(&lx->given, &at, &name, &n);)
        rc = nx__buf_printf(b, "given: %.*s\n", (int)n, name);
    return rc;
}

int nx__lexicon_extend(nx__lexicon **out, const nx__lexicon *base, const char *text, size_t len,
                       const char *name, bool tagged)
{
    *out = NULL;
    nx__lexicon *lx = NULL;
    int made = new_lexicon(&lx, len, name);
    if (made < 0)
        return made;
    nx__buf merged = NX__BUF_INIT;
    int rc = parse_all(lx, base->text, base->text_len, "the extended lexicon", text ? text : "",
                       len, name);
    if (rc == NX_OK)
        rc = format(lx, &merged);
    if (rc == NX_OK && !merged.data && (rc = nx__buf_reserve(&merged, 0)) == NX_OK)
        merged.data[0] = '\0';
    if (rc < 0) {
        nx__buf_release(&merged);
        nx__lexicon_free(lx);
        return rc;
    }
    lx->text_len = merged.len;
    lx->text = lx->text_owned = nx__buf_detach(&merged);
    if (tagged) {
        char hex[17];
        all_tagged(lx);
        nx__hash_hex64(nx__hash_fnv1a(NX__FNV_INIT, text, len), hex);
        snprintf(lx->id, sizeof lx->id, "%.40s+file-%s", base->id, hex);
    } else {
        snprintf(lx->id, sizeof lx->id, "%s", base->id);
    }
    *out = lx;
    return NX_OK;
}

int nx__lexicon_load_extend(nx__lexicon **out, const nx__lexicon *base, const char *path,
                            bool tagged)
{
    nx__buf b = NX__BUF_INIT;
    *out = NULL;
    if (!path)
        return nx__error_set(NX_EINVAL, "no lexicon path");
    int rc = read_file(path, &b);
    if (rc == NX_OK)
        rc = nx__lexicon_extend(out, base, b.data, b.len, path, tagged);
    nx__buf_release(&b);
    return rc;
}

void nx__lexicon_free(nx__lexicon *lx)
{
    if (!lx)
        return;
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < lx->n[k]; i++)
            free(lx->e[k][i].v);
        free(lx->e[k]);
    }
    nx__buf_release(&lx->arena);
    nx__buf_release(&lx->given);
    free(lx->pats);
    free(lx->slots);
    free(lx->text_owned);
    free(lx);
}

static bool kind_ok(int kind)
{
    return kind == NX__LEX_ACTOR || kind == NX__LEX_TOPIC;
}

const char *nx__lexicon_id(const nx__lexicon *lx)
{
    return lx->id;
}

const char *nx__lexicon_text(const nx__lexicon *lx, size_t *len)
{
    if (len)
        *len = lx->text_len;
    return lx->text;
}

size_t nx__lexicon_count(const nx__lexicon *lx, int kind)
{
    return kind_ok(kind) ? lx->n[kind] : 0;
}

const char *nx__lexicon_key(const nx__lexicon *lx, int kind, size_t i)
{
    return kind_ok(kind) && i < lx->n[kind] ? lx->arena.data + lx->e[kind][i].key : NULL;
}

size_t nx__lexicon_variant_count(const nx__lexicon *lx, int kind, size_t i)
{
    return kind_ok(kind) && i < lx->n[kind] ? lx->e[kind][i].nv : 0;
}

const char *nx__lexicon_variant(const nx__lexicon *lx, int kind, size_t i, size_t j)
{
    if (!kind_ok(kind) || i >= lx->n[kind] || j >= lx->e[kind][i].nv)
        return NULL;
    return lx->arena.data + lx->e[kind][i].v[j].text;
}

size_t nx__lexicon_variant_tagged(const nx__lexicon *lx, int kind, size_t i)
{
    return kind_ok(kind) && i < lx->n[kind] ? lx->e[kind][i].nv_tagged : 0;
}

static long find_key(const nx__lexicon *lx, int kind, const char *s, size_t len)
{
    for (size_t i = 0; i < lx->n[kind]; i++) {
        const char *key = lx->arena.data + lx->e[kind][i].key;
        if (strlen(key) == len && memcmp(key, s, len) == 0)
            return (long)i;
    }
    return -1;
}

/* An entry with a variant whose words (folded, unstemmed) are the words of l. */
static long find_variant(const nx__lexicon *lx, int kind, const nx__toklist *l)
{
    for (size_t i = 0; i < lx->n[kind]; i++) {
        const nx__lexentry *e = &lx->e[kind][i];
        for (size_t j = 0; j < e->nv; j++)
            if (nx__lexmatch_terms_equal(lx->arena.data + e->v[j].terms, e->v[j].nterms, l))
                return (long)i;
    }
    return -1;
}

long nx__lexicon_find(const nx__lexicon *lx, int kind, const char *name, size_t len)
{
    if (!lx || !kind_ok(kind) || !name || len == 0)
        return -1;
    long found = find_key(lx, kind, name, len); /* the common case: a key read from the index */
    if (found >= 0)
        return found;
    nx__buf folded = NX__BUF_INIT;
    nx__tokenizer *t = NULL;
    nx__toklist l;
    nx__tokenizer_list_init(&l);
    /* An allocation failure reads as "not found": the caller reports an unknown name. */
    if (nx__tokenizer_fold(name, len, &folded) == NX_OK)
        found = find_key(lx, kind, folded.data, folded.len);
    if (found < 0 && nx__tokenizer_new(&t) == NX_OK &&
        nx__tokenizer_all(t, name, len, 0, &l) == NX_OK)
        found = find_variant(lx, kind, &l);
    nx__tokenizer_free(t);
    nx__tokenizer_list_release(&l);
    nx__buf_release(&folded);
    return found;
}
