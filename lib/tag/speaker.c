/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Speaker labels of transcripts and the turns they start (speaker.h). */
#include "tag/speaker.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "text/utf8.h"
#include "newsidx.h"

enum { LABEL_MAX_WORDS = 16, ABBREV_MAX_LETTERS = 3 };

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Does the word at s start with a capital letter: ASCII, Latin-1 and Cyrillic capitals (the
 * scripts of the lexicon's names); other scripts never start a label. */
static bool capitalized(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[0] >= 'A' && s[0] <= 'Z')
        return true;
    size_t len;
    int32_t cp = n >= 2 ? nx__utf8_decode(s, n, &len) : -1;
    return (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) || (cp >= 0x400 && cp <= 0x42f);
}

static bool connector(const char *s, size_t n)
{
    static const char *const words[] = {"of", "the", "and", "for", "de", "von", "van", "al", "bin"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return true;
    return false;
}

/* Does the word end a sentence: . ! ? or an ellipsis, maybe followed by closing quotes or
 * brackets. */
static bool ends_sentence(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] == ']'))
        n--;
    if (n >= 3 && memcmp(s + n - 3, "\xe2\x80\x9d", 3) == 0) /* ” */
        return ends_sentence(s, n - 3);
    if (n >= 3 && memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0) /* … */
        return true;
    return n > 0 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* "Ms.", "DR.", "Gen.": a capitalized abbreviation that does not end a sentence. */
static bool abbreviation(const char *s, size_t n)
{
    if (n < 2 || n > ABBREV_MAX_LETTERS + 1 || s[n - 1] != '.')
        return false;
    for (size_t i = 0; i + 1 < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
            return false;
    return s[0] >= 'A' && s[0] <= 'Z';
}

/* The start of the label ending at the ':' at `colon`, or SIZE_MAX if the words before it are
 * not a label. Walks back word by word. */
static size_t label_start(const char *s, size_t colon)
{
    size_t end = colon, start = SIZE_MAX;
    for (int words = 0;; words++) {
        size_t we = end;
        if (we == 0 || is_space((unsigned char)s[we - 1]))
            return words == 0 ? SIZE_MAX : start; /* "x :" is no label; else the line start */
        size_t ws = we;
        while (ws > 0 && !is_space((unsigned char)s[ws - 1]))
            ws--;
        const char *w = s + ws;
        size_t n = we - ws;
        bool cap = capitalized((const unsigned char *)w, n);
        bool inside_ok =
            words == 0 ? !ends_sentence(w, n) : !ends_sentence(w, n) || abbreviation(w, n);
        if (words > 0 && w[n - 1] == ':') /* the label before ends there */
            return start;
        if (!(cap || (words > 0 && connector(w, n))) || !inside_ok) {
            /* not part of the label: it must end the sentence before it */
            return words > 0 && ends_sentence(w, n) ? start : SIZE_MAX;
        }
        if (words == LABEL_MAX_WORDS)
            return SIZE_MAX;
        if (cap)
            start = ws; /* a label starts with a capitalized word */
        if (ws == 0 || s[ws - 1] == '\n')
            return start == ws ? start : SIZE_MAX;
        end = ws;
        while (end > 0 && s[end - 1] == ' ')
            end--;
        if (end > 0 && is_space((unsigned char)s[end - 1])) /* a line break: the label's start */
            return start == ws ? start : SIZE_MAX;
    }
}

struct last_actor {
    const nx__toklist *toks;
    long actor;
};

static int on_actor(const nx__lexhit *hit, void *payload)
{
    struct last_actor *la = payload;
    if (hit->kind == NX__LEX_ACTOR && hit->first + hit->ntok == la->toks->n)
        la->actor = (long)hit->entry;
    return 0;
}

static int push(nx__turns *out, size_t label, size_t from, long actor)
{
    nx__turn *t = nx__buf_grow(out->t, out->n, &out->cap, sizeof *t, 16);
    if (!t)
        return NX_ENOMEM;
    out->t = t;
    out->t[out->n].label = label;
    out->t[out->n].from = from;
    out->t[out->n].actor = actor;
    out->n++;
    return NX_OK;
}

int nx__speaker_turns(const nx__lexicon *lex, nx__tokenizer *tok, nx__toklist *scratch,
                      const char *body, size_t len, nx__turns *out)
{
    out->n = 0;
    for (const char *p = body; (p = memchr(p, ':', (size_t)(body + len - p))) != NULL; p++) {
        size_t colon = (size_t)(p - body);
        if (colon + 1 >= len || !is_space((unsigned char)body[colon + 1]))
            continue;
        size_t start = label_start(body, colon);
        if (start == SIZE_MAX)
            continue;
        size_t end = colon; /* "Emmanuel Macron (retranslated)": the name before the note */
        if (body[end - 1] == ')') {
            size_t open = end - 1;
            while (open > start && body[open] != '(')
                open--;
            if (open > start)
                end = open;
        }
        int rc = nx__tokenizer_all(tok, body + start, end - start, 1, scratch);
        struct last_actor la = {scratch, -1};
        if (rc == NX_OK)
            rc = nx__lexmatch_scan(lex, scratch, on_actor, &la);
        if (rc == NX_OK)
            rc = push(out, start, colon + 1, la.actor);
        if (rc < 0)
            return rc;
    }
    if (out->n < 2)
        out->n = 0;
    return NX_OK;
}

/* How many turns have their label starting at or before `at` (labels are in body order). */
static size_t turns_begun(const nx__turns *turns, size_t at)
{
    size_t lo = 0, hi = turns->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (turns->t[mid].label <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

long nx__speaker_at(const nx__turns *turns, size_t at)
{
    size_t i = turns_begun(turns, at);
    return i ? turns->t[i - 1].actor : -1;
}

size_t nx__speaker_in_span(const nx__turns *turns, size_t start, size_t end, long *out, size_t max)
{
    size_t n = 0, i = turns_begun(turns, start);
    long first = i ? turns->t[i - 1].actor : -1; /* the turn running at start */
    if (first >= 0 && max > 0)
        out[n++] = first;
    for (; i < turns->n && turns->t[i].label < end; i++) {
        long a = turns->t[i].actor;
        if (a < 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen |= out[k] == a;
        if (!seen && n < max)
            out[n++] = a;
    }
    return n;
}

void nx__speaker_release(nx__turns *turns)
{
    free(turns->t);
    turns->t = NULL;
    turns->n = turns->cap = 0;
}
