/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qperson.h"

#include <stdlib.h>
#include <string.h>

#include "query/qwords.h"
#include "store/db.h"
#include "store/handle.h"
#include "store/schema.h"
#include "util/error.h"

/* The full name in at least this share of the surname's passages makes the surname alone a
 * mention of the person: "Tony Blair" in 0.35 of the passages holding "blair" on general. */
#ifndef NX_PERSON_SURNAME_SHARE
#define NX_PERSON_SURNAME_SHARE 0.2
#endif

/* Put before a surname (folded words): honorifics and the titles news text writes names with.
 * "Mr." is "Mr" to the sentence splitter (text/sentence.c), so "Mr. Blair" is a phrase too. */
static const char *const titles[] = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "dame",
    "president",
    "prime minister",
    "chancellor",
    "minister",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "general",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "professor",
    "foreign minister",
};

/* The stems of `text`'s words as a phrase (one word: its stem), noted for highlighting. */
static struct nx__xq *phrase(struct nx__qb *b, const nx__toklist *words, const char *title)
{
    nx__toklist tl;
    nx__tokenizer_list_init(&tl);
    int rc = title ? nx__tokenizer_all(b->db->tok, title, strlen(title), 1, &tl) : NX_OK;
    size_t n = tl.n + words->n, k = 0;
    struct nx__xq **subs = calloc(n ? n : 1, sizeof *subs);
    if (rc == NX_OK && !subs)
        rc = nx__error_set(NX_ENOMEM, "out of memory");
    int saved = b->negated;
    for (size_t i = 0; rc == NX_OK && i < n; i++) {
        const nx__token *t = i < tl.n ? &tl.toks[i] : &words->toks[i - tl.n];
        b->negated = saved || i < tl.n; /* the name is highlighted, not "Mr" */
        if (!(t->flags & NX__TOK_JOINED))
            subs[k++] = nx__qwords_term(b, NX__P_STEM, t->stem, t->stem_len, 's');
    }
    b->negated = saved;
    nx__tokenizer_list_release(&tl);
    if (rc < 0) {
        free(subs);
        return nx__qwords_fail(b, rc);
    }
    return nx__qwords_combine(b, k > 1 ? NX__XQ_PHRASE : NX__XQ_OR, subs, k, 0);
}

/* Passages matching q (consumed): exact, as a match spy would see them all. */
static uint64_t passages(struct nx__qb *b, struct nx__xq *q)
{
    struct nx__xsearch xs;
    struct nx__xmset *m = NULL;
    memset(&xs, 0, sizeof xs);
    xs.collapse_slot = -1;
    xs.sort_slot = -1;
    xs.k1 = 1.2, xs.b = 0.75, xs.k3 = 1;
    xs.check_at_least = 0xffffffffu;
    uint64_t n = 0;
    int rc = q ? nx__xmset_search(&m, b->db->x, q, &xs) : NX_OK;
    if (rc == NX_OK && m)
        n = nx__xmset_estimated(m);
    nx__xmset_free(m);
    nx__xq_free(q);
    nx__qwords_fail(b, rc);
    return n;
}

/* Whether every word of the name is in some passage. */
static bool in_archive(struct nx__qb *b, const nx__toklist *words)
{
    nx__buf t = NX__BUF_INIT;
    bool all = words->n > 0;
    for (size_t i = 0; all && i < words->n && b->rc == NX_OK; i++) {
        uint64_t df = 0;
        t.len = 0;
        int rc = nx__buf_append(&t, NX__P_STEM, strlen(NX__P_STEM));
        if (rc == NX_OK)
            rc = nx__buf_append(&t, words->toks[i].stem, words->toks[i].stem_len);
        if (rc == NX_OK)
            rc = nx__xdb_termfreq(b->db->x, t.data, t.len, &df);
        nx__qwords_fail(b, rc);
        all = rc == NX_OK && df > 0;
    }
    nx__buf_release(&t);
    return all;
}

/* Whether the surname alone names the person in this archive (NX_PERSON_SURNAME_SHARE). */
static bool surname_unambiguous(struct nx__qb *b, const nx__toklist *words)
{
    nx__toklist last = *words;
    last.toks = &words->toks[words->n - 1];
    last.n = 1;
    int saved = b->negated;
    b->negated = 1; /* counting only: nothing is noted for highlighting */
    uint64_t full = passages(b, phrase(b, words, NULL));
    uint64_t sur = passages(b, phrase(b, &last, NULL));
    b->negated = saved;
    return sur > 0 && (double)full >= NX_PERSON_SURNAME_SHARE * (double)sur;
}

static int note_person(struct nx__qb *b, const char *name, size_t len)
{
    nx__buf *people = &b->p->people;
    int rc = nx__buf_append(people, name, len);
    return rc == NX_OK ? nx__buf_putc(people, '\0') : rc;
}

struct nx__xq *nx__qperson_query(struct nx__qb *b, const char *name, size_t len)
{
    nx__toklist words;
    nx__tokenizer_list_init(&words);
    int rc = nx__tokenizer_all(b->db->tok, name, len, 1, &words);
    size_t k = 0;
    struct nx__xq **forms = NULL;
    if (rc == NX_OK && in_archive(b, &words) && b->rc == NX_OK) {
        size_t n = 2 + sizeof titles / sizeof *titles;
        forms = calloc(n, sizeof *forms);
        rc = forms ? NX_OK : nx__error_set(NX_ENOMEM, "out of memory");
    }
    if (forms && rc == NX_OK) {
        nx__toklist last = words;
        last.toks = &words.toks[words.n - 1];
        last.n = 1;
        forms[k++] = phrase(b, &words, NULL);
        /* The surname alone holds the titled forms: they are counted once, not twice. */
        if (words.n > 1 && surname_unambiguous(b, &words))
            forms[k++] = phrase(b, &last, NULL);
        else if (words.n > 1)
            for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
                forms[k++] = phrase(b, &last, titles[i]);
        if (!b->negated)
            rc = note_person(b, name, len);
    }
    nx__tokenizer_list_release(&words);
    if (rc < 0) {
        for (size_t i = 0; forms && i < k; i++)
            nx__xq_free(forms[i]);
        free(forms);
        return nx__qwords_fail(b, rc);
    }
    return forms ? nx__qwords_combine(b, NX__XQ_SYNONYM, forms, k, 0) : NULL;
}
