/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qparse.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "newsidx.h"
#include "query/qdate.h"
#include "text/utf8.h"

/*
 * Recursive descent over bytes. Every level of the grammar is one call of parse_level(), so
 * the C stack grows by a fixed number of frames per parenthesis; the nesting limit is checked
 * before descending into a '(' and the depth of the stack is therefore bounded.
 */

enum { DEFAULT_WINDOW = 10, MAX_WINDOW = NX__QUERY_MAX_WINDOW };
enum level { L_OR, L_AND, L_NOT, L_LIST, L_NEAR, L_UNARY };
enum op { OP_NONE, OP_AND, OP_OR, OP_NOT, OP_NEAR };

typedef struct parser {
    const char *q;
    size_t len, pos;
    size_t words;            /* words seen so far, for NX__QUERY_MAX_TERMS */
    int depth;               /* open parentheses */
    size_t ctx_pos, ctx_len; /* the operator just read, for "expected a term after 'X'" */
} parser;

static const struct {
    const char *name;
    size_t len;
    int field;
} fields[] = {
    {"title:", 6, NX__QF_TITLE}, {"source:", 7, NX__QF_SOURCE},   {"actor:", 6, NX__QF_ACTOR},
    {"topic:", 6, NX__QF_TOPIC}, {"speaker:", 8, NX__QF_SPEAKER}, {"said:", 5, NX__QF_SAID},
};

/* ASCII blanks and all control characters (NUL included) separate words. */
static bool is_blank(unsigned char c)
{
    return c <= 0x20 || c == 0x7f;
}

static bool is_wordc(unsigned char c)
{
    return !is_blank(c) && c != '(' && c != ')' && c != '"';
}

static bool is_mod(const parser *p, size_t i)
{
    return i < p->len && (p->q[i] == '+' || p->q[i] == '-');
}

/* A '+' or '-' with nothing attached ("Kyiv - Moscow") is punctuation: skipped like a blank. */
static void skip_blanks(parser *p)
{
    while (p->pos < p->len) {
        size_t i = p->pos;
        bool lone = is_mod(p, i) &&
                    (i + 1 == p->len || is_blank((unsigned char)p->q[i + 1]) || p->q[i + 1] == ')');
        if (is_blank((unsigned char)p->q[i]) || lone)
            p->pos++;
        else
            break;
    }
}

static size_t word_end(const parser *p, size_t i)
{
    while (i < p->len && is_wordc((unsigned char)p->q[i]))
        i++;
    return i;
}

static int expected(size_t at, const char *what)
{
    return nx__error_set(NX_EQUERY, "at byte %zu: expected %s", at + 1, what);
}

/* The operator keyword at p->pos, if any; *end is where it ends. Bad "NEAR/x" is an error. */
static int read_op(const parser *p, int *op, unsigned int *window, size_t *end)
{
    size_t i = p->pos, e = word_end(p, i), n = e - i;
    const char *w = p->q + i;
    *op = OP_NONE;
    *end = e;
    *window = DEFAULT_WINDOW;
    if (n == 3 && memcmp(w, "AND", 3) == 0)
        *op = OP_AND;
    else if (n == 2 && memcmp(w, "OR", 2) == 0)
        *op = OP_OR;
    else if (n == 3 && memcmp(w, "NOT", 3) == 0)
        *op = OP_NOT;
    else if (n == 4 && memcmp(w, "NEAR", 4) == 0)
        *op = OP_NEAR;
    else if (n >= 5 && memcmp(w, "NEAR/", 5) == 0) {
        unsigned int v = 0;
        for (size_t k = 5; k < n && v <= MAX_WINDOW; k++) {
            if (w[k] < '0' || w[k] > '9') {
                v = 0;
                break;
            }
            v = v * 10 + (unsigned int)(w[k] - '0');
        }
        if (v < 1 || v > MAX_WINDOW)
            return expected(i + 5, "a number from 1 to 100 after 'NEAR/'");
        *op = OP_NEAR;
        *window = v;
    }
    return NX_OK;
}

static int missing_term(const parser *p)
{
    if (p->ctx_len == 0)
        return expected(p->pos, "a query");
    return nx__error_set(NX_EQUERY, "at byte %zu: expected a term after '%.*s'", p->pos + 1,
                         (int)p->ctx_len, p->q + p->ctx_pos);
}

static int count_words(parser *p, size_t n)
{
    p->words += n;
    if (p->words > NX__QUERY_MAX_TERMS)
        return nx__error_set(NX_ELIMIT, "query has more than %d words", NX__QUERY_MAX_TERMS);
    return NX_OK;
}

static int new_node(nx__qnode **out, int kind, size_t offset)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return nx__error_set(NX_ENOMEM, "out of memory");
    (*out)->kind = kind;
    (*out)->offset = offset;
    return NX_OK;
}

static int new_leaf(nx__qnode **out, int kind, size_t offset, const char *s, size_t len)
{
    int rc = new_node(out, kind, offset);
    if (rc < 0)
        return rc;
    (*out)->text = malloc(len + 1);
    if (!(*out)->text) {
        nx__qparse_free(*out);
        *out = NULL;
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    memcpy((*out)->text, s, len);
    (*out)->text[len] = '\0';
    (*out)->len = len;
    return NX_OK;
}

/* Takes ownership of kid, also on failure. */
static int add_kid(nx__qnode *n, nx__qnode *kid)
{
    if ((n->nkids & (n->nkids - 1)) == 0) { /* 0, 1, 2, 4...: grow to the next power of two */
        size_t cap = n->nkids ? n->nkids * 2 : 2;
        nx__qnode **k = realloc(n->kids, cap * sizeof *k);
        if (!k) {
            nx__qparse_free(kid);
            return nx__error_set(NX_ENOMEM, "out of memory");
        }
        n->kids = k;
    }
    n->kids[n->nkids++] = kid;
    return NX_OK;
}

/* `start` is the opening quote; a missing closing quote is taken to be at the end. */
static int parse_phrase(parser *p, nx__qnode **out, size_t start, int kind)
{
    size_t a = start + 1, e = a, words = 0;
    while (e < p->len && p->q[e] != '"')
        e++;
    p->pos = e < p->len ? e + 1 : e;
    for (size_t i = a; i < e; i++)
        if (!is_blank((unsigned char)p->q[i]) && (i == a || is_blank((unsigned char)p->q[i - 1])))
            words++;
    if (words == 0)
        return expected(start, "words between the quotes");
    int rc = count_words(p, words);
    return rc < 0 ? rc : new_leaf(out, kind, start, p->q + a, e - a);
}

static int parse_field(parser *p, nx__qnode **out, size_t start, int field, size_t name_len)
{
    size_t v = start + name_len, e = word_end(p, v);
    int rc;
    if (v < p->len && p->q[v] == '"') {
        rc = parse_phrase(p, out, v, NX__Q_FIELD);
        if (rc == NX_OK)
            (*out)->phrase = 1;
    } else if (e > v) {
        rc = count_words(p, 1);
        if (rc == NX_OK)
            rc = new_leaf(out, NX__Q_FIELD, start, p->q + v, e - v);
        p->pos = e;
    } else {
        return nx__error_set(NX_EQUERY, "at byte %zu: expected a word after '%.*s'", v + 1,
                             (int)name_len, p->q + start);
    }
    if (rc < 0)
        return rc;
    (*out)->field = field;
    (*out)->offset = start;
    return NX_OK;
}

static int parse_date(parser *p, nx__qnode **out, size_t start, size_t end)
{
    size_t v = start + 5; /* after "date:" */
    char lo[11], hi[11];
    int rc = nx__qdate_range(p->q, v, end, lo, hi);
    if (rc < 0)
        return rc;
    rc = count_words(p, 1);
    if (rc == NX_OK)
        rc = new_leaf(out, NX__Q_DATE, start, p->q + v, end - v);
    if (rc < 0)
        return rc;
    memcpy((*out)->date_lo, lo, sizeof lo);
    memcpy((*out)->date_hi, hi, sizeof hi);
    p->pos = end;
    return NX_OK;
}

static int parse_macro(parser *p, nx__qnode **out, size_t start, size_t end)
{
    size_t i = start + 1;
    for (; i < end; i++) {
        char c = p->q[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            break;
    }
    if (i < end || i == start + 1)
        return expected(i, "a topic name of a-z, 0-9, '-' or '_' after '@'");
    int rc = count_words(p, 1);
    if (rc == NX_OK)
        rc = new_leaf(out, NX__Q_MACRO, start, p->q + start + 1, end - start - 1);
    p->pos = end;
    return rc;
}

static int parse_level(parser *p, nx__qnode **out, int level);

static int parse_group(parser *p, nx__qnode **out, size_t start)
{
    if (p->depth >= NX__QUERY_MAX_DEPTH)
        return nx__error_set(NX_ELIMIT, "at byte %zu: parentheses nested deeper than %d", start + 1,
                             NX__QUERY_MAX_DEPTH);
    p->pos = start + 1;
    p->ctx_len = 0;
    p->depth++;
    int rc = parse_level(p, out, L_OR);
    p->depth--;
    if (rc < 0)
        return rc;
    skip_blanks(p);
    if (p->pos >= p->len || p->q[p->pos] != ')') {
        nx__qparse_free(*out);
        *out = NULL;
        return expected(p->pos, "')'");
    }
    p->pos++;
    return NX_OK;
}

/* A primary starting exactly at p->pos (blanks and modifiers already read). */
static int parse_primary(parser *p, nx__qnode **out)
{
    size_t start = p->pos, end = word_end(p, start);
    if (start >= p->len || p->q[start] == ')' || is_blank((unsigned char)p->q[start]))
        return missing_term(p);
    p->ctx_len = 0;
    if (p->q[start] == '(')
        return parse_group(p, out, start);
    if (p->q[start] == '"')
        return parse_phrase(p, out, start, NX__Q_PHRASE);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (end - start >= fields[i].len &&
            memcmp(p->q + start, fields[i].name, fields[i].len) == 0)
            return parse_field(p, out, start, fields[i].field, fields[i].len);
    if (end - start >= 5 && memcmp(p->q + start, "date:", 5) == 0)
        return parse_date(p, out, start, end);
    if (p->q[start] == '@')
        return parse_macro(p, out, start, end);
    int rc = count_words(p, 1);
    if (rc == NX_OK)
        rc = new_leaf(out, NX__Q_WORD, start, p->q + start, end - start);
    p->pos = end;
    return rc;
}

static int parse_unary(parser *p, nx__qnode **out)
{
    skip_blanks(p);
    size_t start = p->pos, end;
    int mod = NX__QM_NONE, op, rc;
    unsigned int window;
    if (is_mod(p, start)) {
        mod = p->q[start] == '+' ? NX__QM_REQUIRE : NX__QM_EXCLUDE;
        p->ctx_pos = start;
        p->ctx_len = 1;
        p->pos++;
    } else if (start < p->len) {
        rc = read_op(p, &op, &window, &end);
        if (rc < 0)
            return rc;
        if (op != OP_NONE)
            return missing_term(p);
    }
    rc = parse_primary(p, out);
    if (rc < 0 || mod == NX__QM_NONE)
        return rc;
    if ((*out)->mod != NX__QM_NONE) { /* -(+a): the inner node keeps its own modifier */
        nx__qnode *wrap;
        rc = new_node(&wrap, NX__Q_LIST, start);
        if (rc == NX_OK)
            rc = add_kid(wrap, *out);
        else
            nx__qparse_free(*out);
        *out = rc < 0 ? NULL : wrap;
        if (rc < 0)
            return rc;
    }
    (*out)->mod = mod;
    (*out)->offset = start;
    return NX_OK;
}

/* Whether the next item continues the chain of `level`: 1 (its operator is read), 0, or <0. */
static int next_joins(parser *p, int level, unsigned int *window)
{
    static const int level_op[] = {OP_OR, OP_AND, OP_NOT, OP_NONE, OP_NEAR};
    int op;
    size_t end;
    skip_blanks(p);
    if (p->pos >= p->len || p->q[p->pos] == ')')
        return 0;
    int rc = read_op(p, &op, window, &end);
    if (rc < 0)
        return rc;
    if (level == L_LIST)
        return op == OP_NONE;
    if (op != level_op[level])
        return 0;
    p->ctx_pos = p->pos;
    p->ctx_len = end - p->pos;
    p->pos = end;
    return 1;
}

/* Adds kid to the chain in *acc, starting a new node when needed; takes ownership of kid. */
static int attach(nx__qnode **acc, bool *chained, nx__qnode *kid, int level, unsigned int window)
{
    static const int level_kind[] = {NX__Q_OR, NX__Q_AND, NX__Q_NOT, NX__Q_LIST, NX__Q_NEAR};
    if (*chained && (*acc)->window == window)
        return add_kid(*acc, kid);
    nx__qnode *n;
    int rc = new_node(&n, level_kind[level], (*acc)->offset);
    if (rc < 0) {
        nx__qparse_free(kid);
        return rc;
    }
    n->window = level == L_NEAR ? window : 0;
    n->kids = malloc(2 * sizeof *n->kids);
    if (!n->kids) {
        nx__qparse_free(n);
        nx__qparse_free(kid);
        return nx__error_set(NX_ENOMEM, "out of memory");
    }
    n->kids[0] = *acc;
    n->kids[1] = kid;
    n->nkids = 2;
    *acc = n;
    *chained = true;
    return NX_OK;
}

static int parse_level(parser *p, nx__qnode **out, int level)
{
    nx__qnode *acc = NULL, *kid = NULL;
    bool chained = false;
    unsigned int window = 0;
    *out = NULL;
    if (level == L_UNARY)
        return parse_unary(p, out);
    int rc = parse_level(p, &acc, level + 1);
    while (rc == NX_OK) {
        rc = next_joins(p, level, &window);
        if (rc <= 0)
            break;
        rc = parse_level(p, &kid, level + 1);
        if (rc == NX_OK)
            rc = attach(&acc, &chained, kid, level, level == L_NEAR ? window : 0);
    }
    if (rc < 0) {
        nx__qparse_free(acc);
        return rc;
    }
    *out = acc;
    return NX_OK;
}

static size_t words_in(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_blank((unsigned char)s[i]) && (i == 0 || is_blank((unsigned char)s[i - 1])))
            n++;
    return n;
}

/* The terms `n` puts into one positional match: each word, each word of a phrase. */
static size_t positional_terms(const nx__qnode *n)
{
    if (n->kind == NX__Q_WORD || n->kind == NX__Q_MACRO)
        return 1;
    if (n->kind == NX__Q_PHRASE || (n->kind == NX__Q_FIELD && n->phrase))
        return words_in(n->text, n->len);
    if (n->kind == NX__Q_FIELD)
        return 1;
    size_t t = 0;
    for (size_t i = 0; i < n->nkids; i++)
        t += positional_terms(n->kids[i]);
    return t;
}

/* The first NEAR in the subtrees of n's kids, or NULL: Xapian's NEAR takes only leaves. */
static const nx__qnode *inner_near(const nx__qnode *n)
{
    for (size_t i = 0; i < n->nkids; i++) {
        if (n->kids[i]->kind == NX__Q_NEAR)
            return n->kids[i];
        const nx__qnode *in = inner_near(n->kids[i]);
        if (in)
            return in;
    }
    return NULL;
}

/* The first phrase of more than one word under n, or NULL: Xapian's NEAR takes only single
 * terms (libxapian 1.4: "OP_NEAR and OP_PHRASE only currently support leaf subqueries"). */
static const nx__qnode *inner_phrase(const nx__qnode *n)
{
    for (size_t i = 0; i < n->nkids; i++) {
        const nx__qnode *k = n->kids[i];
        if ((k->kind == NX__Q_PHRASE || (k->kind == NX__Q_FIELD && k->phrase)) &&
            words_in(k->text, k->len) > 1)
            return k;
        const nx__qnode *in = inner_phrase(k);
        if (in)
            return in;
    }
    return NULL;
}

/* The limits on positional work (qparse.h): each outermost NEAR or phrase, and their sum. */
static int check_positional(const nx__qnode *n, size_t *total)
{
    bool positional =
        n->kind == NX__Q_NEAR || n->kind == NX__Q_PHRASE || (n->kind == NX__Q_FIELD && n->phrase);
    if (!positional) {
        for (size_t i = 0; i < n->nkids; i++) {
            int rc = check_positional(n->kids[i], total);
            if (rc < 0)
                return rc;
        }
        return NX_OK;
    }
    size_t t = positional_terms(n);
    const char *what = n->kind == NX__Q_NEAR ? "NEAR" : "phrase";
    if (t > NX__QUERY_MAX_NEAR)
        return nx__error_set(NX_ELIMIT, "at byte %zu: more than %d words in one %s (%zu)",
                             n->offset + 1, NX__QUERY_MAX_NEAR, what, t);
    *total += t;
    if (*total > NX__QUERY_MAX_POSITIONAL)
        return nx__error_set(NX_ELIMIT,
                             "at byte %zu: more than %d words in the NEARs and phrases of a query",
                             n->offset + 1, NX__QUERY_MAX_POSITIONAL);
    const nx__qnode *in = n->kind == NX__Q_NEAR ? inner_near(n) : NULL;
    if (in)
        return nx__error_set(NX_EQUERY,
                             "at byte %zu: a NEAR inside another NEAR (one chain takes one window)",
                             in->offset + 1);
    in = n->kind == NX__Q_NEAR ? inner_phrase(n) : NULL;
    if (in)
        return nx__error_set(NX_EQUERY,
                             "at byte %zu: a phrase of several words inside NEAR (NEAR takes "
                             "single words: join the phrase's words by NEAR too, or AND the "
                             "phrase with the NEAR)",
                             in->offset + 1);
    return NX_OK;
}

int nx__qparse(nx__qnode **out, const char *query, size_t len)
{
    parser p = {query, len, 0, 0, 0, 0, 0};
    if (!out)
        return nx__error_set(NX_EINVAL, "no place for the parsed query");
    *out = NULL;
    if (!query && len > 0)
        return nx__error_set(NX_EINVAL, "query text is missing");
    if (len > NX__QUERY_MAX_BYTES)
        return nx__error_set(NX_ELIMIT, "query is longer than %d bytes", NX__QUERY_MAX_BYTES);
    size_t bad = nx__utf8_check(query, len);
    if (bad < len)
        return nx__error_set(NX_EQUERY, "at byte %zu: invalid UTF-8", bad + 1);
    skip_blanks(&p);
    if (p.pos == len)
        return NX_OK;
    nx__qnode *root;
    int rc = parse_level(&p, &root, L_OR);
    if (rc < 0)
        return rc;
    skip_blanks(&p);
    if (p.pos < len) { /* only an unmatched ')' stops the top level early */
        nx__qparse_free(root);
        return expected(p.pos, "'(' before this ')'");
    }
    size_t positional = 0;
    rc = check_positional(root, &positional);
    if (rc < 0) {
        nx__qparse_free(root);
        return rc;
    }
    *out = root;
    return NX_OK;
}

void nx__qparse_free(nx__qnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        nx__qparse_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}
