#ifndef NX_LEXICON_INT_H
#define NX_LEXICON_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "tag/lexicon.h"
#include "text/tokenizer.h"

/*
 * Inside the lexicon module: lexicon.c parses the file format and answers look-ups,
 * lexmatch.c keeps the variants as token patterns and scans token lists for them. Strings
 * live in one arena and are named by offsets while it grows; lexmatch resolves them into
 * pointers once parsing is complete.
 */

enum { NX__LEX_MAX_WORDS = 32 }; /* tokens in one variant: bounds the work per scanned token */

typedef struct nx__lexvariant {
    size_t text;  /* arena offset: the variant as written */
    size_t terms; /* arena offset: folded terms without joined forms, NUL-terminated, in a row */
    size_t nterms;
} nx__lexvariant;

typedef struct nx__lexentry {
    size_t key;  /* arena offset */
    size_t line; /* where the entry starts, for messages */
    nx__lexvariant *v;
    size_t nv, cap;
} nx__lexentry;

/* One token sequence that mentions an entry: terms for actors, stems for topics. */
typedef struct nx__lexpat {
    size_t off;    /* arena offset of the terms while parsing ... */
    const char *s; /* ... and a pointer once the arena is final */
    size_t nterms;
    size_t entry, variant, line;
    int kind;
} nx__lexpat;

typedef struct nx__lexslot {
    size_t first, count; /* patterns[first, first + count) share kind and first term */
} nx__lexslot;

struct nx__lexicon {
    const char *text; /* the source text: text_owned, or static for the built-in */
    char *text_owned;
    size_t text_len;
    char id[24];
    nx__buf arena;
    nx__lexentry *e[2];
    size_t n[2], cap[2];
    nx__lexpat *pats;
    size_t npats, cappats;
    nx__lexslot *slots; /* open addressing on (kind, first term); count 0: empty */
    size_t nslots;
};

/* Parse `text`; keep a copy when `copy`, else borrow it (static storage). id NULL: hash. */
int nx__lexicon_parse_ex(nx__lexicon **out, const char *text, size_t len, const char *name,
                         const char *id, bool copy);

/* Add the patterns of variant (kind, entry, variant) from its tokens. */
int nx__lexpat_add(nx__lexicon *lx, int kind, size_t entry, size_t variant, size_t line,
                   const nx__toklist *toks);
/* Resolve, de-duplicate and index the patterns. NX_EINPUT "name:line: ..." when one token
 * sequence belongs to two entries of one kind. */
int nx__lexpat_finish(nx__lexicon *lx, const char *name);

/* Whether the folded words of l (joined forms left out) are the n terms stored at `terms`. */
bool nx__lexterms_equal(const char *terms, size_t n, const nx__toklist *l);

#endif
