/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/tokscan.h"

#include <string.h>

#include "text/fold.h"
#include "text/utf8.h"
#include "newsidx.h"

typedef const unsigned char uchar;

enum cls { C_SEP, C_WORD, C_DIGIT, C_APOS, C_HYPHEN, C_DOT, C_COMMA, C_SHY };

static bool is_alpha(unsigned int c)
{
    return (c | 0x20u) - 'a' < 26u;
}

static bool is_digit(unsigned int c)
{
    return c - '0' < 10u;
}

static bool is_apos_cp(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

/* Class of the character at s[i] and its length. Non-ASCII digits count as C_WORD: number
 * rules ('.' and ',' inside) are for ASCII digits only. */
static enum cls cls_at(uchar *s, size_t len, size_t i, size_t *n)
{
    unsigned int c = s[i];
    if (c < 0x80) {
        *n = 1;
        if (is_alpha(c))
            return C_WORD;
        if (is_digit(c))
            return C_DIGIT;
        switch (c) {
        case '\'':
            return C_APOS;
        case '-':
            return C_HYPHEN;
        case '.':
            return C_DOT;
        case ',':
            return C_COMMA;
        default:
            return C_SEP;
        }
    }
    int32_t cp = nx__utf8_decode(s + i, len - i, n);
    if (cp < 0)
        return C_SEP;
    if (is_apos_cp(cp))
        return C_APOS;
    if (cp == 0x2010 || cp == 0x2011) /* hyphen, non-breaking hyphen; not en/em dashes */
        return C_HYPHEN;
    if (cp == 0xAD)
        return C_SHY;
    return nx__fold_cp_props(cp) & NX__CP_WORD ? C_WORD : C_SEP;
}

static bool is_wordcls(enum cls c)
{
    return c == C_WORD || c == C_DIGIT;
}

size_t nx__tokscan_skip(const char *text, size_t len, size_t i)
{
    uchar *s = (uchar *)text;
    while (i < len) {
        if (s[i] < 0x80) {
            if (is_alpha(s[i]) || is_digit(s[i]))
                return i;
            i++;
            continue;
        }
        size_t n;
        if (cls_at(s, len, i, &n) == C_WORD)
            return i;
        i += n;
    }
    return len;
}

/* Does the joiner `c` at s[i] (length n, after a word character `prev`) join? */
static bool joins(uchar *s, size_t len, size_t i, size_t n, enum cls c, enum cls prev)
{
    if (i + n >= len)
        return false;
    size_t n2;
    enum cls next = cls_at(s, len, i + n, &n2);
    switch (c) {
    case C_APOS:
        return next == C_WORD;
    case C_DOT:
    case C_COMMA:
        return prev == C_DIGIT && next == C_DIGIT;
    case C_SHY:
        return is_wordcls(next);
    default:
        return false;
    }
}

void nx__tokscan_part(const char *text, size_t len, size_t i, nx__part *pt)
{
    uchar *s = (uchar *)text;
    size_t apos = 0, apos_end = 0, n;
    enum cls prev = C_SEP;
    pt->start = i;
    pt->numeric = is_digit(s[i]);
    while (i < len) {
        if (is_alpha(s[i])) { /* the common case, without the call */
            pt->numeric = false;
            prev = C_WORD;
            i++;
            continue;
        }
        enum cls c = cls_at(s, len, i, &n);
        if (!is_wordcls(c)) {
            if (!is_wordcls(prev) || !joins(s, len, i, n, c, prev))
                break;
            if (c == C_APOS) {
                apos = i;
                apos_end = i + n;
                pt->numeric = false;
            }
        } else if (c == C_WORD) {
            pt->numeric = false;
        }
        prev = c;
        i += n;
    }
    pt->end = pt->term_end = i;
    if (apos_end && apos_end + 1 == i && (s[apos_end] | 0x20) == 's')
        pt->term_end = apos; /* possessive: Ukraine’s -> ukraine */
}

bool nx__tokscan_acronym(const char *s, size_t len, size_t i, size_t *end)
{
    size_t letters = 0;
    while (i + 1 < len && s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] == '.') {
        letters++;
        i += 2;
    }
    if (letters < 2 || (i < len && (is_alpha((uchar)s[i]) || is_digit((uchar)s[i]))))
        return false;
    *end = i;
    return true;
}

bool nx__tokscan_hyphen(const char *text, size_t len, size_t i, size_t *next)
{
    uchar *s = (uchar *)text;
    size_t n, n2;
    if (i >= len || cls_at(s, len, i, &n) != C_HYPHEN || i + n >= len)
        return false;
    if (!is_wordcls(cls_at(s, len, i + n, &n2)))
        return false;
    *next = i + n;
    return true;
}

bool nx__tokscan_numeric_compound(const char *s, size_t len, size_t i, size_t *end)
{
    size_t q;
    nx__part pt;
    while (nx__tokscan_hyphen(s, len, i, &q)) {
        nx__tokscan_part(s, len, q, &pt);
        if (!pt.numeric)
            return false;
        i = pt.end;
    }
    *end = i;
    return true;
}

static size_t url_char_len(uchar *s, size_t len, size_t i)
{
    if (s[i] < 0x80)
        return s[i] > 0x20 && s[i] < 0x7F && !strchr("<>\"`{}|\\^", s[i]) ? 1 : 0;
    size_t n;
    int32_t cp = nx__utf8_decode(s + i, len - i, &n);
    return cp >= 0 && (nx__fold_cp_props(cp) & NX__CP_WORD) ? n : 0;
}

/* The URL body starts at `body`: its end without trailing punctuation (a ')' or ']' stays
 * when it closes a bracket inside: .../Kyiv_(city)), or 0 when no letter or digit is left. */
static size_t url_body_end(uchar *s, size_t len, size_t body)
{
    size_t e = body, n;
    long paren = 0, bracket = 0; /* opened minus closed */
    while (e < len && (n = url_char_len(s, len, e)) > 0) {
        paren += (s[e] == '(') - (s[e] == ')');
        bracket += (s[e] == '[') - (s[e] == ']');
        e += n;
    }
    for (; e > body; e--) {
        unsigned int c = s[e - 1];
        long *depth = c == ')' ? &paren : c == ']' ? &bracket : NULL;
        if (depth && *depth >= 0)
            break; /* it closes a bracket of the URL */
        if (depth)
            ++*depth;
        else if (!strchr(".,;:!?'*", (int)c))
            break;
    }
    for (size_t i = body; i < e; i++)
        if (is_alpha(s[i]) || is_digit(s[i]) || s[i] >= 0x80)
            return e;
    return 0;
}

size_t nx__tokscan_url(const char *text, size_t len, size_t start, size_t part_end)
{
    uchar *s = (uchar *)text;
    if (part_end >= len)
        return 0;
    if (s[part_end] == '.' && part_end - start == 3 && (s[start] | 0x20) == 'w' &&
        (s[start + 1] | 0x20) == 'w' && (s[start + 2] | 0x20) == 'w')
        return url_body_end(s, len, part_end + 1);
    if (s[part_end] != ':' || len - part_end < 4 || memcmp(s + part_end, "://", 3) != 0)
        return 0;
    for (size_t i = start; i < part_end; i++) /* a scheme: ASCII letters and digits */
        if (!is_alpha(s[i]) && !is_digit(s[i]))
            return 0;
    return url_body_end(s, len, part_end + 3);
}

static bool is_local_char(unsigned int c)
{
    return is_alpha(c) || is_digit(c) || (c && strchr("._%+-", c));
}

size_t nx__tokscan_email(const char *text, size_t len, size_t start, size_t *miss)
{
    uchar *s = (uchar *)text;
    size_t at = start;
    while (at < len && is_local_char(s[at]))
        at++;
    *miss = at + 1;
    if (at >= len || s[at] != '@')
        return 0;
    size_t i = at + 1, end = 0, labels = 0;
    for (;;) {
        size_t label = i;
        while (i < len && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '-'))
            i++;
        if (i == label)
            break;
        labels++;
        end = i;
        if (i + 1 >= len || s[i] != '.' || !(is_alpha(s[i + 1]) || is_digit(s[i + 1])))
            break;
        i++;
    }
    return labels >= 2 ? end : 0;
}

/* Write the folded form of the character at s[i] (its length goes to *n) to dst, which has
 * room for NX__FOLD_MAX bytes; return the number of bytes written. */
static size_t fold_one(uchar *s, size_t len, size_t i, size_t *n, int mode, char *dst)
{
    unsigned int c = s[i];
    *n = 1;
    if (c < 0x80) {
        if (mode == NX__BUILD_TERM && (c == '\'' || c == ','))
            return 0;
        if (c < 0x20 || c == 0x7F) /* controls (NUL included) only occur between words */
            c = ' ';
        dst[0] = (char)(c - 'A' < 26u ? c + ('a' - 'A') : c);
        return 1;
    }
    int32_t cp = nx__utf8_decode(s + i, len - i, n);
    if (cp < 0) {
        dst[0] = ' ';
        return 1;
    }
    if (is_apos_cp(cp)) {
        dst[0] = '\'';
        return mode == NX__BUILD_TERM ? 0 : 1;
    }
    if (cp == 0x2010 || cp == 0x2011) {
        dst[0] = '-';
        return 1;
    }
    return nx__fold_cp(cp, dst);
}

int nx__tokscan_build(nx__buf *out, const char *text, size_t a, size_t b, int mode, size_t limit,
                      unsigned int *script)
{
    uchar *s = (uchar *)text;
    size_t base = out->len, n;
    for (size_t i = a; i < b; i += n) {
        if (out->cap - out->len < NX__FOLD_MAX + 1) {
            int rc = nx__buf_reserve(out, NX__FOLD_MAX + 1);
            if (rc < 0)
                return rc;
        }
        char *dst = out->data + out->len;
        unsigned int c = s[i];
        size_t k;
        if (is_alpha(c)) {
            *dst = (char)(c | 0x20);
            *script |= NX__SCRIPT_LATIN;
            n = k = 1;
        } else {
            k = fold_one(s, b, i, &n, mode, dst);
            if (k == 0)
                continue;
            c = (unsigned char)dst[0];
            if (is_alpha(c))
                *script |= NX__SCRIPT_LATIN;
            else if (c >= 0xD0 && c <= 0xD3) /* U+0400..U+04FF */
                *script |= NX__SCRIPT_CYRILLIC;
        }
        out->len += k;
        if (out->len - base > limit) {
            out->data[out->len] = '\0';
            return 1;
        }
    }
    if (out->data)
        out->data[out->len] = '\0';
    return NX_OK;
}
