/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text/sentence.h"

#include <stdbool.h>
#include <string.h>

#include "text/fold.h"
#include "text/utf8.h"

typedef const unsigned char uchar;

static bool hspace(unsigned int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_alpha(unsigned int c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Length of the whitespace character at s[i] (a blank, a line break or a Unicode space:
 * U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), or 0. */
static size_t space_len(uchar *s, size_t len, size_t i)
{
    if (s[i] < 0x80)
        return hspace(s[i]) || s[i] == '\n' ? 1 : 0;
    if (s[i] == 0xC2)
        return i + 1 < len && s[i + 1] == 0xA0 ? 2 : 0;
    if (i + 2 >= len || (s[i] != 0xE1 && s[i] != 0xE2 && s[i] != 0xE3))
        return 0;
    unsigned int c1 = s[i + 1], c2 = s[i + 2];
    if (s[i] == 0xE1)
        return c1 == 0x9A && c2 == 0x80 ? 3 : 0;
    if (s[i] == 0xE3)
        return c1 == 0x80 && c2 == 0x80 ? 3 : 0;
    if (c1 == 0x80)
        return (c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF ? 3 : 0;
    return c1 == 0x81 && c2 == 0x9F ? 3 : 0;
}

/* s[i] is '\n': does a line holding only blanks follow it? */
static bool blank_line_after(uchar *s, size_t len, size_t i)
{
    for (i++; i < len && hspace(s[i]); i++)
        ;
    return i < len && s[i] == '\n';
}

/* Length of the sentence terminator at s[i] ('.', '!', '?', '…'), or 0. */
static size_t terminator_len(uchar *s, size_t len, size_t i)
{
    if (s[i] == '.' || s[i] == '!' || s[i] == '?')
        return 1;
    return i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0xA6 ? 3 : 0;
}

/* Length of the closing quote or bracket at s[i], or 0: " ' ) ] } ” “ ’ » › */
static size_t closer_len(uchar *s, size_t len, size_t i)
{
    if (strchr("\"')]}", s[i]) && s[i])
        return 1;
    if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xBB)
        return 2;
    if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x9D || s[i + 2] == 0x9C || s[i + 2] == 0x99 || s[i + 2] == 0xBA))
        return 3;
    return 0;
}

/* Length of the opening quote or bracket at s[i], or 0: " ' ( [ “ ‘ « ‹ „ */
static size_t opener_len(uchar *s, size_t len, size_t i)
{
    if (strchr("\"'([{", s[i]) && s[i])
        return 1;
    if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xAB)
        return 2;
    if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x9C || s[i + 2] == 0x98 || s[i + 2] == 0xB9 || s[i + 2] == 0x9E))
        return 3;
    return 0;
}

/* Abbreviations that never end a sentence: titles before a name, months before a day. Others
 * (etc., Inc., e.g., p.m.) follow the general rule: no end before a lower-case word. */
static const char *const never_end[] = {
    "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "St",   "Gen", "Lt",  "Col", "Sgt", "Capt",
    "Maj", "Adm", "Gov", "Sen", "Rep",  "Rev",  "Hon", "Mt",  "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep",  "Sept", "Oct", "Nov", "Dec", "vs",  "Gens",
};

static bool is_never_end(uchar *w, size_t wlen)
{
    for (size_t i = 0; i < sizeof(never_end) / sizeof(*never_end); i++)
        if (strlen(never_end[i]) == wlen && memcmp(never_end[i], w, wlen) == 0)
            return true;
    return false;
}

enum abbrev { AB_NONE, AB_NEVER, AB_NUMBER };

/* Classify the word ending just before the single '.' at s[dot]. */
static enum abbrev abbrev_before(uchar *s, size_t dot)
{
    size_t b = dot;
    while (b > 0 && dot - b < 8 && is_alpha(s[b - 1]))
        b--;
    size_t wlen = dot - b;
    if (wlen == 0) {
        /* a single non-ASCII capital: a Cyrillic or accented initial (В. В. Путин) */
        size_t n = 0;
        int32_t cp = dot >= 2 ? nx__utf8_decode(s + dot - 2, 2, &n) : -1;
        if (cp < 0 || n != 2)
            return AB_NONE;
        if (dot > 2 && (is_alpha(s[dot - 3]) || s[dot - 3] >= 0x80))
            return AB_NONE;
        return nx__fold_cp_props(cp) & NX__CP_UPPER ? AB_NEVER : AB_NONE;
    }
    if (b > 0 && (s[b - 1] >= 0x80 || is_alpha(s[b - 1]) || (s[b - 1] >= '0' && s[b - 1] <= '9')))
        return AB_NONE; /* part of a longer word */
    if (wlen == 1)      /* an initial: V. Putin, U.S. */
        return s[b] <= 'Z' ? AB_NEVER : AB_NONE;
    if (wlen == 2 && s[b] == 'N' && s[b + 1] == 'o')
        return AB_NUMBER;
    return is_never_end(s + b, wlen) ? AB_NEVER : AB_NONE;
}

enum next_kind { NK_END, NK_LOWER, NK_DIGIT, NK_OTHER };

/* What follows the whitespace and opening quotes at s[i..]. (A blank line in between needs no
 * care: the caller's scan stops there anyway.) */
static enum next_kind next_kind(uchar *s, size_t len, size_t i)
{
    size_t n;
    while (i < len && ((n = space_len(s, len, i)) > 0 || (n = opener_len(s, len, i)) > 0))
        i += n;
    if (i == len)
        return NK_END;
    if (s[i] < 0x80)
        return s[i] >= 'a' && s[i] <= 'z'   ? NK_LOWER
               : s[i] >= '0' && s[i] <= '9' ? NK_DIGIT
                                            : NK_OTHER;
    int32_t cp = nx__utf8_decode(s + i, len - i, &n);
    return cp >= 0 && (nx__fold_cp_props(cp) & NX__CP_LOWER) ? NK_LOWER : NK_OTHER;
}

/* Does the terminator run s[t..e) (closers included) end a sentence? */
static bool ends_sentence(uchar *s, size_t len, size_t t, size_t e)
{
    if (e < len && !space_len(s, len, e))
        return false; /* 3.5, U.S, www.x.org, end.Next */
    enum next_kind nk = next_kind(s, len, e);
    if (nk == NK_END)
        return true;
    enum abbrev ab = AB_NONE;
    if (s[t] == '.' && (t + 1 == len || s[t + 1] != '.'))
        ab = abbrev_before(s, t);
    if (ab == AB_NEVER || (ab == AB_NUMBER && nk == NK_DIGIT))
        return false;
    return nk != NK_LOWER;
}

size_t nx__sentence_next(const char *text, size_t len, size_t from)
{
    uchar *s = (uchar *)text;
    size_t content_end = from;
    bool seen = false; /* anything but whitespace since `from` */
    size_t i = from;
    while (i < len) {
        unsigned int c = s[i];
        if (c > ' ' && c < 0x7F && c != '.' && c != '!' && c != '?') { /* plain ASCII */
            content_end = ++i;
            seen = true;
            continue;
        }
        size_t n = terminator_len(s, len, i);
        if (n > 0) {
            size_t t = i, e = i;
            while (e < len &&
                   ((n = terminator_len(s, len, e)) > 0 || (n = closer_len(s, len, e)) > 0))
                e += n;
            if (ends_sentence(s, len, t, e))
                return e;
            i = content_end = e;
            seen = true;
            continue;
        }
        if (s[i] == '\n' && seen && blank_line_after(s, len, i))
            return content_end;
        n = space_len(s, len, i);
        if (n == 0) {
            nx__utf8_decode(s + i, len - i, &n);
            content_end = i + n;
            seen = true;
        }
        i += n;
    }
    return len;
}
