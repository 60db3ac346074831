/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "query/qtypos.h"

#include <string.h>

#include "query/qparse.h"
#include "store/db.h"
#include "store/schema.h"
#include "tag/lexicon.h"
#include "text/editdist.h"
#include "text/stopword.h"
#include "text/tokenizer.h"
#include "util/error.h"

/* The walk over the stems of one letter: the best stem near `stem`. */
struct walk {
    nx_db *db;
    const char *stem;
    size_t len, max;
    uint64_t floor;   /* a correction must be in more passages than this */
    nx__buf best;     /* "Z" + stem of the best so far */
    size_t best_dist; /* its distance */
    uint64_t best_freq;
};

static int near_stem(const char *term, size_t len, void *payload)
{
    struct walk *w = payload;
    const char *s = term + strlen(NX__P_STEM);
    size_t n = len - strlen(NX__P_STEM);
    if (n == 0 || (*s >= 'A' && *s <= 'Z')) /* another prefix: title stems (ZT) */
        return NX_OK;
    if ((n > w->len ? n - w->len : w->len - n) > w->max)
        return NX_OK;
    size_t d = nx__editdist_within(w->stem, w->len, s, n, w->max);
    if (d == 0 || d > w->max || d > w->best_dist)
        return NX_OK;
    uint64_t freq = 0;
    int rc = nx__xdb_termfreq(w->db->x, term, len, &freq);
    if (rc < 0)
        return rc;
    if (freq <= w->floor || (d == w->best_dist && freq <= w->best_freq))
        return NX_OK;
    w->best_dist = d;
    w->best_freq = freq;
    nx__buf_clear(&w->best);
    return nx__buf_append(&w->best, term, len);
}

/* The correction of one token into *out (nothing appended when none). */
static int correct_token(nx__buf *out, nx_db *db, const nx__token *t)
{
    nx__buf term = NX__BUF_INIT;
    struct walk w = {db, t->stem,      t->stem_len, t->stem_len >= 8 ? 2 : 1,
                     0,  NX__BUF_INIT, SIZE_MAX,    0};
    uint64_t freq = 0;
    int rc = nx__buf_printf(&term, "%s%.*s", NX__P_STEM, (int)t->stem_len, t->stem);
    if (rc == NX_OK)
        rc = nx__xdb_termfreq(db->x, term.data, term.len, &freq);
    if (rc == NX_OK && freq < NX__QTYPOS_RARE) {
        w.floor = freq ? freq * NX__QTYPOS_RATIO - 1 : 0;
        nx__buf_clear(&term); /* the stems of the same first byte */
        rc = nx__buf_printf(&term, "%s%c", NX__P_STEM, t->stem[0]);
        if (rc == NX_OK)
            rc = nx__xdb_allterms(db->x, term.data, near_stem, &w);
    }
    if (rc == NX_OK && w.best.len) {
        const char *stem = w.best.data + strlen(NX__P_STEM);
        size_t n = w.best.len - strlen(NX__P_STEM);
        bool ending = t->term_len > t->stem_len && memcmp(t->term, t->stem, t->stem_len) == 0;
        rc = nx__buf_append(out, stem, n);
        if (rc == NX_OK && ending) /* "ceasfir" + "e": the typed word's ending */
            rc = nx__buf_append(out, t->term + t->stem_len, t->term_len - t->stem_len);
    }
    nx__buf_release(&term);
    nx__buf_release(&w.best);
    return rc;
}

/* A word worth correcting: one plain token, a word of letters not known as an actor. */
static bool candidate(nx_db *db, const nx__toklist *l)
{
    if (l->n != 1)
        return false;
    const nx__token *t = &l->toks[0];
    return t->stem_len >= 4 && !(t->flags & (NX__TOK_NUMBER | NX__TOK_URL | NX__TOK_EMAIL)) &&
           !nx__stopword(t->term, t->term_len) &&
           nx__lexicon_find(db->lex, NX__LEX_ACTOR, t->term, t->term_len) < 0;
}

struct fix {
    nx_db *db;
    const char *query;
    nx__toklist tl;
    nx__buf word, out;
    size_t copied; /* query bytes up to here are in out */
    bool changed;
};

static int visit(struct fix *f, const nx__qnode *n)
{
    int rc = NX_OK;
    for (size_t i = 0; i < n->nkids && rc == NX_OK; i++)
        rc = visit(f, n->kids[i]);
    if (rc < 0 || n->kind != NX__Q_WORD)
        return rc;
    rc = nx__tokenizer_all(f->db->tok, n->text, n->len, 1, &f->tl);
    if (rc < 0 || !candidate(f->db, &f->tl))
        return rc;
    nx__buf_clear(&f->word);
    rc = correct_token(&f->word, f->db, &f->tl.toks[0]);
    if (rc < 0 || f->word.len == 0)
        return rc;
    size_t at = n->offset + (n->mod != NX__QM_NONE); /* after a + or - */
    rc = nx__buf_append(&f->out, f->query + f->copied, at - f->copied);
    if (rc == NX_OK)
        rc = nx__buf_append(&f->out, f->word.data, f->word.len);
    f->copied = at + n->len;
    f->changed = true;
    return rc;
}

int nx__qtypos_correct(nx__buf *out, nx_db *db, const char *query)
{
    nx__qnode *tree = NULL;
    struct fix f = {db, query, {0}, NX__BUF_INIT, NX__BUF_INIT, 0, false};
    nx__buf_clear(out);
    nx__tokenizer_list_init(&f.tl);
    int rc = query ? nx__qparse(&tree, query, strlen(query)) : NX_OK;
    if (rc == NX_OK && tree)
        rc = visit(&f, tree);
    if (rc == NX_OK && f.changed)
        rc = nx__buf_append(&f.out, query + f.copied, strlen(query) - f.copied);
    if (rc == NX_OK && f.changed)
        rc = nx__buf_append(out, f.out.data, f.out.len);
    nx__qparse_free(tree);
    nx__tokenizer_list_release(&f.tl);
    nx__buf_release(&f.word);
    nx__buf_release(&f.out);
    return rc;
}
