/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_LEXICON_H
#define NX_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tag/lexmatch.h"
#include "text/tokenizer.h"

/*
 * Actors and topics as data. File format (docs/lexicon.md), UTF-8, one entry per line:
 *
 *     # comment
 *     actor lavrov: Lavrov | Sergei Lavrov | Sergey Lavrov | Лавров
 *     topic ceasefire: ceasefire | truce | humanitarian corridor | peace talks
 *       | armistice            <- a line starting with whitespace continues the entry
 *
 * Keys are lower-case ASCII letters, digits, '-' and '_'. Each variant is a word or phrase; it is
 * tokenized with the shared tokenizer. Actor variants match on folded terms (Çavuşoğlu and
 * Cavusoglu are one variant); topic variants match on stems (pipelines matches pipeline).
 * An actor's key is always one of its variants (appended last when no variant has its words).
 * Duplicate keys, empty variants, unknown kinds, a missing ':' and one variant in two entries
 * of the same kind are errors naming the file and line.
 */

/* Built-in lexicon (lib/lexicon_builtin.c). */
int nx__lexicon_builtin(nx__lexicon **out);
/* Load a lexicon file: NX_ENOTFOUND / NX_EIO if unreadable, NX_EINPUT with "path:line: ..." for
 * a syntax error. */
int nx__lexicon_load(nx__lexicon **out, const char *path);
/* Parse lexicon text; `name` is used in error messages. */
int nx__lexicon_parse(nx__lexicon **out, const char *text, size_t len, const char *name);
void nx__lexicon_free(nx__lexicon *lx);

/*
 * `base` extended by lexicon text (docs/lexicon.md, "Extending a lexicon"): an entry whose key
 * `base` has adds its variants to it (a variant it already has is skipped), other entries and
 * given names are added; everything else is as one file (a key twice in the text, one variant
 * in two entries of a kind: errors naming `name` and the line). `tagged`: the result tags an
 * index (a writer's); its id is "<base id>+file-<hash of text>". Else (a reader's query-time
 * extension) it keeps base's id, and the variants it adds are untagged
 * (nx__lexicon_variant_tagged). Its text is the merged lexicon in the file format.
 */
int nx__lexicon_extend(nx__lexicon **out, const nx__lexicon *base, const char *text, size_t len,
                       const char *name, bool tagged);
/* nx__lexicon_extend with the text of the file `path` (errors as nx__lexicon_load). */
int nx__lexicon_load_extend(nx__lexicon **out, const nx__lexicon *base, const char *path,
                            bool tagged);
/* Parse `text`; keep a copy when `copy`, else borrow it (static storage). id NULL: hash. */
int nx__lexicon_parse_ex(nx__lexicon **out, const char *text, size_t len, const char *name,
                         const char *id, bool copy);

/* A stable id naming the lexicon's content: "builtin-<n>" or "file-<16 hex digits of hash>". */
const char *nx__lexicon_id(const nx__lexicon *lx);
/* The whole lexicon as text in the file format (to store it in the index). */
const char *nx__lexicon_text(const nx__lexicon *lx, size_t *len);

size_t nx__lexicon_count(const nx__lexicon *lx, int kind);
const char *nx__lexicon_key(const nx__lexicon *lx, int kind, size_t i);
/* Index of the entry whose key or any variant (folded) is `name`; -1 if none. */
long nx__lexicon_find(const nx__lexicon *lx, int kind, const char *name, size_t len);
/* Number of variants of entry i, and the j-th as written in the lexicon. */
size_t nx__lexicon_variant_count(const nx__lexicon *lx, int kind, size_t i);
const char *nx__lexicon_variant(const nx__lexicon *lx, int kind, size_t i, size_t j);
/* How many of entry i's variants (the first ones) tagged the index; the others were added at
 * query time and are searched as their words. */
size_t nx__lexicon_variant_tagged(const nx__lexicon *lx, int kind, size_t i);

#endif
