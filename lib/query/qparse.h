/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_QPARSE_H
#define NX_QPARSE_H

#include <stddef.h>

/*
 * The query language (docs/query.md), parsed into a tree; building the Xapian query from the
 * tree is qbuild's job. Grammar, lowest precedence first (keywords are upper-case only):
 *
 *   query    := or_expr
 *   or_expr  := and_expr ( "OR" and_expr )*
 *   and_expr := not_expr ( "AND" not_expr )*
 *   not_expr := list ( "NOT" list )*            a NOT b NOT c: a, minus b, minus c
 *   list     := near ( near )*                  adjacent items: NX__Q_LIST
 *   near     := unary ( ("NEAR" | "NEAR/" n) unary )*   default n = 10
 *   unary    := ("+" | "-") primary | primary
 *   primary  := WORD | PHRASE | FIELD ":" (WORD | PHRASE) | "date:" RANGE | "@" NAME
 *             | "(" or_expr ")"
 *   FIELD    := "title" | "source" | "actor" | "topic"
 *   RANGE    := DATE | DATE ".." DATE | DATE ".." | ".." DATE     (DATE: YYYY-MM-DD, or YYYY-MM,
 *               or YYYY, widened to the whole month/year)
 *
 * A WORD is a run of characters other than whitespace, '(', ')', '"'; a '+' or '-' counts as an
 * operator only at the start of a word. An unknown "name:" prefix is part of the word (so URLs
 * and "10:30" work). Unbalanced quotes close at the end of the query. Errors: NX_EQUERY with
 * "at byte N: expected X" (N 1-based); NX_ELIMIT for a query over NX__QUERY_MAX_BYTES bytes,
 * more than NX__QUERY_MAX_TERMS words, or parentheses nested deeper than NX__QUERY_MAX_DEPTH.
 *
 * An empty or all-blank query is NX_OK with *out NULL. Blanks are ASCII spaces and control
 * characters (NUL included); a '+' or '-' with nothing attached is punctuation and skipped.
 * A chain "a NEAR/3 b NEAR/5 c" nests where the window changes: NEAR/5(NEAR/3(a, b), c).
 * "-(+a)" keeps both modifiers with a one-kid NX__Q_LIST. Words inside phrases count toward
 * the word limit.
 */

enum { NX__QUERY_MAX_BYTES = 8192, NX__QUERY_MAX_TERMS = 256, NX__QUERY_MAX_DEPTH = 32 };
/* The work of positional matching grows with the terms a NEAR or a phrase checks together
 * and with the NEARs and phrases of a query (issue 25, defect 8: 256 words joined by NEAR/100
 * took 3.5 s, sixteen ORed 16-word NEAR chains 2.6 s on ukraine): at most NX__QUERY_MAX_NEAR
 * terms in one NEAR chain or phrase (words inside nested NEARs and phrases count for the
 * outermost), at most NX__QUERY_MAX_POSITIONAL in all of a query's NEARs and phrases, and a
 * NEAR window of at most NX__QUERY_MAX_WINDOW. Over a limit: NX_ELIMIT naming it and the byte
 * where the NEAR or phrase starts. */
enum { NX__QUERY_MAX_NEAR = 16, NX__QUERY_MAX_POSITIONAL = 32, NX__QUERY_MAX_WINDOW = 100 };

enum nx__qkind {
    NX__Q_WORD,   /* text: the word as typed */
    NX__Q_PHRASE, /* text: the words between quotes as typed */
    NX__Q_FIELD,  /* field + text (word or phrase; `phrase` says which) */
    NX__Q_DATE,   /* date_lo / date_hi ("" = open) */
    NX__Q_MACRO,  /* text: topic name after '@' */
    NX__Q_LIST,   /* kids: adjacent items */
    NX__Q_AND,
    NX__Q_OR,
    NX__Q_NOT,  /* kids[0] minus kids[1..] */
    NX__Q_NEAR, /* kids within `window` positions */
};

enum nx__qfield {
    NX__QF_NONE,
    NX__QF_TITLE,
    NX__QF_SOURCE,
    NX__QF_ACTOR,
    NX__QF_TOPIC,
    NX__QF_SPEAKER,
    NX__QF_SAID
};
enum nx__qmod { NX__QM_NONE, NX__QM_REQUIRE /* + */, NX__QM_EXCLUDE /* - */ };

typedef struct nx__qnode {
    int kind;   /* enum nx__qkind */
    int mod;    /* enum nx__qmod, from a leading + or - */
    int field;  /* enum nx__qfield, for NX__Q_FIELD */
    int phrase; /* NX__Q_FIELD: the value was quoted */
    char *text; /* NUL-terminated copy, for leaves */
    size_t len;
    unsigned int window;           /* NX__Q_NEAR */
    char date_lo[11], date_hi[11]; /* NX__Q_DATE: inclusive YYYY-MM-DD, "" when open */
    size_t offset;                 /* byte offset in the query where the node starts */
    struct nx__qnode **kids;
    size_t nkids;
} nx__qnode;

int nx__qparse(nx__qnode **out, const char *query, size_t len);
void nx__qparse_free(nx__qnode *n);

#endif
