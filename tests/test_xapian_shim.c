/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The C binding over Xapian: writing, reading and searching a small index built here.
 * Error paths (opening damaged indexes, locks, read-only writes...) are in
 * test_xapian_shim_errors.c. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsidx.h"
#include "store/xapian_shim.h"

enum { SLOT_ARTICLE = 0, SLOT_DATE = 1, SLOT_PLACES = 2 };

struct fixture {
    char *dir;
    char *path;
    struct nx__xdb *w; /* a writer on `path` holding the corpus below, committed */
};

/* Four passages of three articles; docids 1..4 in this order. */
static const struct {
    const char *text, *article, *date, *places;
} corpus[] = {
    {"the ceasefire talks resumed in geneva", "a1", "2024-03-01", "kyiv\nmoscow"},
    {"geneva talks on a ceasefire stalled", "a1", "2024-01-15", "moscow"},
    {"energy prices rose after the talks", "a2", "2024-02-10", "kyiv\n\nbrussels\n"},
    {"nato leaders met in brussels about energy today", "a3", "2023-12-31", ""},
};

/* Index `text` word by word with positions 1, 2, ...; the article id goes in as "Q" + id. */
static unsigned int add_doc(struct nx__xdb *db, const char *text, const char *article,
                            const char *date, const char *places)
{
    struct nx__xdoc *doc = NULL;
    assert_int_equal(nx__xdoc_new(&doc), NX_OK);
    uint32_t pos = 1;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " ");
        if (n > 0)
            assert_int_equal(nx__xdoc_posting(doc, p, n, pos++), NX_OK);
        p += n + (p[n] == ' ');
    }
    char q[64];
    snprintf(q, sizeof q, "Q%s", article);
    assert_int_equal(nx__xdoc_boolean(doc, q, strlen(q)), NX_OK);
    assert_int_equal(nx__xdoc_value(doc, SLOT_ARTICLE, article, strlen(article)), NX_OK);
    assert_int_equal(nx__xdoc_value(doc, SLOT_DATE, date, strlen(date)), NX_OK);
    assert_int_equal(nx__xdoc_value(doc, SLOT_PLACES, places, strlen(places)), NX_OK);
    assert_int_equal(nx__xdoc_data(doc, text, strlen(text)), NX_OK);
    unsigned int id = 0;
    assert_int_equal(nx__xdb_add(db, doc, &id), NX_OK);
    nx__xdoc_free(doc);
    return id;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = nxt_tmpdir();
    f->path = nxt_path(f->dir, "db");
    assert_int_equal(nx__xdb_open(&f->w, f->path, NX__XDB_WRITE | NX__XDB_CREATE), NX_OK);
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
        assert_int_equal(
            add_doc(f->w, corpus[i].text, corpus[i].article, corpus[i].date, corpus[i].places),
            i + 1);
    assert_int_equal(nx__xdb_commit(f->w), NX_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    nx__xdb_free(f->w);
    nxt_rmtree(f->dir);
    free(f->path);
    free(f->dir);
    free(f);
    return 0;
}

static struct nx__xdb *open_reader(const char *path)
{
    struct nx__xdb *r = NULL;
    assert_int_equal(nx__xdb_open(&r, path, NX__XDB_READ), NX_OK);
    return r;
}

/* ---- queries ---- */

static struct nx__xq *term(const char *t)
{
    struct nx__xq *q = NULL;
    assert_int_equal(nx__xq_term(&q, t, strlen(t), 1, 0), NX_OK);
    return q;
}

/* Combine and free two or three subqueries (the third may be NULL). */
static struct nx__xq *op(int o, struct nx__xq *a, struct nx__xq *b, struct nx__xq *c,
                         unsigned int param)
{
    struct nx__xq *subs[3] = {a, b, c}, *q = NULL;
    assert_int_equal(nx__xq_op(&q, o, subs, c ? 3 : 2, param), NX_OK);
    for (size_t i = 0; i < 3; i++)
        nx__xq_free(subs[i]);
    return q;
}

static struct nx__xsearch defaults(void)
{
    struct nx__xsearch s = {0};
    s.limit = 10;
    s.collapse_slot = -1;
    s.collapse_max = 1;
    s.sort_slot = -1;
    s.k1 = 1.2, s.k2 = 0, s.k3 = 1, s.b = 0.75, s.min_normlen = 0.5;
    s.check_at_least = 100;
    return s;
}

static int by_id(const void *a, const void *b)
{
    unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;
    return (x > y) - (x < y);
}

/* Search and write the docids of the hits to `out` ("3,1,2"), in rank order or sorted. Frees q. */
static void hits(char *out, size_t cap, struct nx__xdb *db, struct nx__xq *q,
                 const struct nx__xsearch *s, bool sorted)
{
    struct nx__xmset *m = NULL;
    unsigned int ids[16];
    assert_int_equal(nx__xmset_search(&m, db, q, s), NX_OK);
    size_t n = nx__xmset_size(m);
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(nx__xmset_hit(m, i, &ids[i], NULL), NX_OK);
    if (sorted)
        qsort(ids, n, sizeof ids[0], by_id);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%u", i ? "," : "", ids[i]);
    nx__xmset_free(m);
    nx__xq_free(q);
}

static void term_query_finds_documents_with_the_term(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    hits(got, sizeof got, f->w, term("geneva"), &s, true);
    assert_string_equal(got, "1,2");
    hits(got, sizeof got, f->w, term("absent"), &s, true);
    assert_string_equal(got, "");
}

static void and_needs_every_term_or_needs_one(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    hits(got, sizeof got, f->w, op(NX__XQ_AND, term("talks"), term("energy"), NULL, 0), &s, true);
    assert_string_equal(got, "3");
    hits(got, sizeof got, f->w, op(NX__XQ_OR, term("nato"), term("prices"), NULL, 0), &s, true);
    assert_string_equal(got, "3,4");
}

static void phrase_needs_adjacent_positions_in_order(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    hits(got, sizeof got, f->w, op(NX__XQ_PHRASE, term("ceasefire"), term("talks"), NULL, 0), &s,
         true);
    assert_string_equal(got, "1");
    hits(got, sizeof got, f->w, op(NX__XQ_PHRASE, term("talks"), term("ceasefire"), NULL, 0), &s,
         true);
    assert_string_equal(got, "");
}

static void near_matches_within_the_window_only(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    /* "talks" and "geneva" are 1 apart in doc 2 and 3 apart in doc 1 */
    hits(got, sizeof got, f->w, op(NX__XQ_NEAR, term("geneva"), term("talks"), NULL, 2), &s, true);
    assert_string_equal(got, "2");
    hits(got, sizeof got, f->w, op(NX__XQ_NEAR, term("geneva"), term("talks"), NULL, 4), &s, true);
    assert_string_equal(got, "1,2");
}

static void synonym_matches_either_term_as_one(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    struct nx__xq *q = op(NX__XQ_SYNONYM, term("geneva"), term("brussels"), NULL, 0);
    nx__buf d = NX__BUF_INIT;
    assert_int_equal(nx__xq_describe(q, &d), NX_OK);
    assert_string_equal(d.data, "Query((geneva SYNONYM brussels))");
    nx__buf_release(&d);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "1,2,4");
}

static void and_not_subtracts_any_of_the_rest(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    struct nx__xq *q = op(NX__XQ_AND_NOT, term("the"), term("geneva"), term("nato"), 0);
    nx__buf d = NX__BUF_INIT;
    assert_int_equal(nx__xq_describe(q, &d), NX_OK);
    assert_string_equal(d.data, "Query((the AND_NOT (geneva OR nato)))");
    nx__buf_release(&d);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "3");
}

static void filter_restricts_by_all_of_the_rest_without_weight(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = op(NX__XQ_FILTER, term("talks"), term("Qa1"), term("geneva"), 0);
    nx__buf d = NX__BUF_INIT;
    assert_int_equal(nx__xq_describe(q, &d), NX_OK);
    assert_string_equal(d.data, "Query((talks FILTER (Qa1 AND geneva)))");
    nx__buf_release(&d);
    struct nx__xmset *filtered = NULL, *plain = NULL;
    struct nx__xq *t = term("talks");
    assert_int_equal(nx__xmset_search(&filtered, f->w, q, &s), NX_OK);
    assert_int_equal(nx__xmset_search(&plain, f->w, t, &s), NX_OK);
    assert_int_equal(nx__xmset_size(filtered), 2);
    for (size_t i = 0; i < 2; i++) {
        unsigned int fid = 0, pid = 0;
        double fw = 0, pw = 0;
        assert_int_equal(nx__xmset_hit(filtered, i, &fid, &fw), NX_OK);
        for (size_t j = 0; j < nx__xmset_size(plain) && pid != fid; j++)
            assert_int_equal(nx__xmset_hit(plain, j, &pid, &pw), NX_OK);
        assert_int_equal(pid, fid);
        assert_true(fw == pw); /* the filter terms added nothing */
    }
    nx__xmset_free(filtered);
    nx__xmset_free(plain);
    nx__xq_free(q);
    nx__xq_free(t);
}

static void and_maybe_ranks_documents_with_the_rest_first(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    char got[64];
    hits(got, sizeof got, f->w, op(NX__XQ_AND_MAYBE, term("talks"), term("energy"), NULL, 0), &s,
         false);
    assert_int_equal(got[0], '3');
    assert_int_equal(strlen(got), 5);
}

static void value_range_selects_by_string_order_with_open_ends(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL;
    char got[64];
    assert_int_equal(nx__xq_value_range(&q, SLOT_DATE, "2024-01-01", "2024-02-28"), NX_OK);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "2,3");
    assert_int_equal(nx__xq_value_range(&q, SLOT_DATE, "2024-02-01", NULL), NX_OK);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "1,3");
    assert_int_equal(nx__xq_value_range(&q, SLOT_DATE, NULL, "2023-12-31"), NX_OK);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "4");
    assert_int_equal(nx__xq_value_range(&q, SLOT_DATE, NULL, NULL), NX_OK);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "1,2,3,4");
}

static void empty_op_gives_the_empty_query_matching_nothing(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL, *all = NULL;
    char got[64];
    assert_int_equal(nx__xq_op(&q, NX__XQ_AND, NULL, 0, 0), NX_OK);
    assert_true(nx__xq_empty(q));
    assert_int_equal(nx__xq_match_all(&all), NX_OK);
    assert_false(nx__xq_empty(all));
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "");
    hits(got, sizeof got, f->w, all, &s, true);
    assert_string_equal(got, "1,2,3,4");
}

static void scale_multiplies_the_weight(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *t = term("nato"), *q = NULL;
    struct nx__xmset *m1 = NULL, *m3 = NULL;
    double w1 = 0, w3 = 0;
    assert_int_equal(nx__xq_scale(&q, t, 3.0), NX_OK);
    assert_int_equal(nx__xmset_search(&m1, f->w, t, &s), NX_OK);
    assert_int_equal(nx__xmset_search(&m3, f->w, q, &s), NX_OK);
    assert_int_equal(nx__xmset_hit(m1, 0, NULL, &w1), NX_OK);
    assert_int_equal(nx__xmset_hit(m3, 0, NULL, &w3), NX_OK);
    assert_true(w1 > 0);
    assert_true(w3 > 2.999 * w1 && w3 < 3.001 * w1);
    nx__xmset_free(m1);
    nx__xmset_free(m3);
    nx__xq_free(t);
    nx__xq_free(q);
}

static void collapse_keeps_collapse_max_per_key(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL;
    char got[64];
    s.collapse_slot = SLOT_ARTICLE;
    s.collapse_max = 1;
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "1,3,4"); /* equal weights: the lower docid of a1 stays */
    s.collapse_max = 2;
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    hits(got, sizeof got, f->w, q, &s, true);
    assert_string_equal(got, "1,2,3,4");
}

static void sort_orders_hits_by_value_both_ways(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL;
    char got[64];
    s.sort_slot = SLOT_DATE;
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    hits(got, sizeof got, f->w, q, &s, false);
    assert_string_equal(got, "4,2,3,1");
    s.sort_descending = true;
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    hits(got, sizeof got, f->w, q, &s, false);
    assert_string_equal(got, "1,3,2,4");
}

static void offset_and_limit_page_through_hits(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL;
    char got[64];
    s.sort_slot = SLOT_DATE;
    s.offset = 1;
    s.limit = 2;
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    hits(got, sizeof got, f->w, q, &s, false);
    assert_string_equal(got, "2,3");
}

static void facets_count_every_newline_separated_name(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL;
    struct nx__xmset *m = NULL;
    s.limit = 1; /* counting covers every match, not just the page */
    s.facet_slots[0] = SLOT_PLACES;
    s.facet_slots[1] = SLOT_ARTICLE;
    s.n_facets = 2;
    assert_int_equal(nx__xq_match_all(&q), NX_OK);
    assert_int_equal(nx__xmset_search(&m, f->w, q, &s), NX_OK);
    assert_int_equal(nx__xmset_size(m), 1);
    assert_int_equal(nx__xmset_estimated(m), 4);
    static const char *const places[] = {"brussels", "kyiv", "moscow"};
    static const uint64_t place_counts[] = {1, 2, 2};
    assert_int_equal(nx__xmset_facet_count(m, 0), 3);
    for (size_t i = 0; i < 3; i++) {
        const char *name = NULL;
        uint64_t count = 0;
        assert_int_equal(nx__xmset_facet(m, 0, i, &name, &count), NX_OK);
        assert_string_equal(name, places[i]);
        assert_int_equal(count, place_counts[i]);
    }
    const char *name = NULL;
    uint64_t count = 0;
    assert_int_equal(nx__xmset_facet_count(m, 1), 3);
    assert_int_equal(nx__xmset_facet(m, 1, 0, &name, &count), NX_OK);
    assert_string_equal(name, "a1");
    assert_int_equal(count, 2);
    assert_int_equal(nx__xmset_facet_count(m, 2), 0);
    assert_int_equal(nx__xmset_facet(m, 0, 3, &name, &count), NX_EINVAL);
    assert_null(name);
    nx__xmset_free(m);
    nx__xq_free(q);
}

/* Collects terms as "a,b,"; stops after `stop_after` of them, returning `stop_rc`. */
struct collect {
    char text[256];
    int calls, stop_after, stop_rc;
};

static int collect_term(const char *t, size_t len, void *payload)
{
    struct collect *c = payload;
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%.*s,", (int)len, t);
    return ++c->calls == c->stop_after ? c->stop_rc : 0;
}

static void hit_data_value_and_matching_terms_come_from_the_mset(void **state)
{
    struct fixture *f = *state;
    struct nx__xsearch s = defaults();
    struct nx__xq *q = NULL, *subs[3] = {term("geneva"), term("ceasefire"), term("energy")};
    struct nx__xmset *m = NULL;
    nx__buf b = NX__BUF_INIT;
    struct collect c = {{0}, 0, 0, 0};
    s.sort_slot = SLOT_DATE;
    s.sort_descending = true;
    assert_int_equal(nx__xq_op(&q, NX__XQ_OR, subs, 3, 0), NX_OK);
    assert_int_equal(nx__xmset_search(&m, f->w, q, &s), NX_OK);
    assert_int_equal(nx__xmset_size(m), 4);
    assert_int_equal(nx__xmset_data(m, 0, &b), NX_OK);
    assert_string_equal(b.data, corpus[0].text);
    nx__buf_clear(&b);
    assert_int_equal(nx__xmset_value(m, 0, SLOT_PLACES, &b), NX_OK);
    assert_string_equal(b.data, "kyiv\nmoscow");
    assert_int_equal(nx__xmset_matching_terms(m, 0, collect_term, &c), NX_OK);
    assert_string_equal(c.text, "ceasefire,geneva,");
    assert_int_equal(nx__xmset_hit(m, 4, NULL, NULL), NX_EINVAL);
    assert_int_equal(nx__xmset_data(m, 4, &b), NX_EINVAL);
    nx__buf_release(&b);
    nx__xmset_free(m);
    nx__xq_free(q);
    for (size_t i = 0; i < 3; i++)
        nx__xq_free(subs[i]);
}

/* ---- reading ---- */

static void allterms_lists_a_prefix_in_byte_order_and_can_stop(void **state)
{
    struct fixture *f = *state;
    struct collect all = {{0}, 0, 0, 0}, first = {{0}, 0, 1, 1}, fail = {{0}, 0, 2, NX_EIO};
    assert_int_equal(nx__xdb_allterms(f->w, "Q", collect_term, &all), NX_OK);
    assert_string_equal(all.text, "Qa1,Qa2,Qa3,");
    assert_int_equal(nx__xdb_allterms(f->w, "Q", collect_term, &first), NX_OK);
    assert_string_equal(first.text, "Qa1,");
    assert_int_equal(nx__xdb_allterms(f->w, "Q", collect_term, &fail), NX_EIO);
    assert_string_equal(fail.text, "Qa1,Qa2,");
}

static void termfreq_postings_and_wdf_describe_the_index(void **state)
{
    struct fixture *f = *state;
    uint64_t tf = 99, wdf = 99, len = 99;
    unsigned int ids[4] = {0};
    size_t n = 99;
    assert_int_equal(nx__xdb_termfreq(f->w, "talks", 5, &tf), NX_OK);
    assert_int_equal(tf, 3);
    assert_int_equal(nx__xdb_termfreq(f->w, "absent", 6, &tf), NX_OK);
    assert_int_equal(tf, 0);
    assert_int_equal(nx__xdb_postings(f->w, "talks", 5, ids, 2, &n), NX_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[1], 2);
    assert_int_equal(nx__xdb_postings(f->w, "talks", 5, ids, 4, &n), NX_OK);
    assert_int_equal(n, 3);
    assert_int_equal(ids[2], 3);
    assert_int_equal(nx__xdb_doc_wdf(f->w, 1, "talks", 5, &wdf, &len), NX_OK);
    assert_int_equal(wdf, 1);
    assert_int_equal(len, 6); /* the boolean Q term adds nothing */
    assert_int_equal(nx__xdb_doc_wdf(f->w, 1, "nato", 4, &wdf, &len), NX_OK);
    assert_int_equal(wdf, 0);
}

static void doc_term_sets_wdf_without_positions(void **state)
{
    struct fixture *f = *state;
    struct nx__xdoc *doc = NULL;
    unsigned int id = 0;
    uint64_t wdf = 0, len = 0;
    assert_int_equal(nx__xdoc_new(&doc), NX_OK);
    assert_int_equal(nx__xdoc_term(doc, "ukraine", 7, 3), NX_OK);
    assert_int_equal(nx__xdoc_posting(doc, "war", 3, 1), NX_OK);
    assert_int_equal(nx__xdb_add(f->w, doc, &id), NX_OK);
    nx__xdoc_free(doc);
    assert_int_equal(id, 5);
    assert_int_equal(nx__xdb_doc_wdf(f->w, id, "ukraine", 7, &wdf, &len), NX_OK);
    assert_int_equal(wdf, 3);
    assert_int_equal(len, 4);
}

static void doc_data_and_value_append_what_was_stored(void **state)
{
    struct fixture *f = *state;
    nx__buf b = NX__BUF_INIT;
    assert_int_equal(nx__xdb_doc_data(f->w, 3, &b), NX_OK);
    assert_string_equal(b.data, corpus[2].text);
    nx__buf_clear(&b);
    assert_int_equal(nx__xdb_doc_value(f->w, 3, SLOT_DATE, &b), NX_OK);
    assert_string_equal(b.data, "2024-02-10");
    assert_int_equal(nx__xdb_doc_value(f->w, 3, 9, &b), NX_OK); /* unset: nothing appended */
    assert_string_equal(b.data, "2024-02-10");
    nx__buf_release(&b);
}

static void stats_count_documents_and_lengths(void **state)
{
    struct fixture *f = *state;
    struct nx__xstats st;
    assert_int_equal(nx__xdb_stats(f->w, &st), NX_OK);
    assert_int_equal(st.doccount, 4);
    assert_int_equal(st.lastdocid, 4);
    assert_int_equal(st.total_length, 6 + 6 + 6 + 8);
    assert_true(st.avlength == 6.5);
}

static void metadata_round_trips_and_empty_value_removes(void **state)
{
    struct fixture *f = *state;
    nx__buf b = NX__BUF_INIT;
    assert_int_equal(nx__xdb_set_metadata(f->w, "lexicon", "builtin-1\0x", 11), NX_OK);
    assert_int_equal(nx__xdb_commit(f->w), NX_OK);
    struct nx__xdb *r = open_reader(f->path);
    assert_int_equal(nx__xdb_get_metadata(r, "lexicon", &b), NX_OK);
    assert_int_equal(b.len, 11);
    assert_memory_equal(b.data, "builtin-1\0x", 11);
    assert_int_equal(nx__xdb_set_metadata(f->w, "lexicon", "", 0), NX_OK);
    assert_int_equal(nx__xdb_commit(f->w), NX_OK);
    assert_int_equal(nx__xdb_reopen(r), NX_OK);
    nx__buf_clear(&b);
    assert_int_equal(nx__xdb_get_metadata(r, "lexicon", &b), NX_OK);
    assert_int_equal(b.len, 0);
    nx__buf_release(&b);
    nx__xdb_free(r);
}

/* ---- writing ---- */

static void delete_term_removes_every_document_it_indexes(void **state)
{
    struct fixture *f = *state;
    uint64_t tf = 99;
    struct nx__xstats st;
    assert_int_equal(nx__xdb_delete_term(f->w, "Qa1", 3), NX_OK);
    assert_int_equal(nx__xdb_termfreq(f->w, "Qa1", 3, &tf), NX_OK);
    assert_int_equal(tf, 0);
    assert_int_equal(nx__xdb_termfreq(f->w, "geneva", 6, &tf), NX_OK);
    assert_int_equal(tf, 0);
    assert_int_equal(nx__xdb_stats(f->w, &st), NX_OK);
    assert_int_equal(st.doccount, 2);
}

static uint64_t reader_termfreq(const char *path, const char *t)
{
    struct nx__xdb *r = open_reader(path);
    uint64_t tf = 99;
    assert_int_equal(nx__xdb_termfreq(r, t, strlen(t), &tf), NX_OK);
    nx__xdb_free(r);
    return tf;
}

static void cancelled_transaction_leaves_nothing_behind(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(nx__xdb_begin(f->w), NX_OK);
    add_doc(f->w, "zebra crossing", "z1", "2024-05-05", "");
    assert_int_equal(nx__xdb_cancel_tx(f->w), NX_OK);
    assert_int_equal(nx__xdb_commit(f->w), NX_OK);
    assert_int_equal(reader_termfreq(f->path, "zebra"), 0);
    assert_int_equal(reader_termfreq(f->path, "talks"), 3);
}

static void committed_transaction_is_visible_to_a_new_reader(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(nx__xdb_begin(f->w), NX_OK);
    add_doc(f->w, "zebra crossing", "z1", "2024-05-05", "");
    assert_int_equal(reader_termfreq(f->path, "zebra"), 0);
    assert_int_equal(nx__xdb_commit_tx(f->w), NX_OK);
    assert_int_equal(reader_termfreq(f->path, "zebra"), 1);
}

static void reopen_makes_a_later_commit_visible(void **state)
{
    struct fixture *f = *state;
    struct nx__xdb *r = open_reader(f->path);
    uint64_t tf = 99;
    assert_false(nx__xdb_writable(r));
    assert_true(nx__xdb_writable(f->w));
    add_doc(f->w, "zebra crossing", "z1", "2024-05-05", "");
    assert_int_equal(nx__xdb_commit(f->w), NX_OK);
    assert_int_equal(nx__xdb_termfreq(r, "zebra", 5, &tf), NX_OK);
    assert_int_equal(tf, 0);
    assert_int_equal(nx__xdb_reopen(r), NX_OK);
    assert_int_equal(nx__xdb_termfreq(r, "zebra", 5, &tf), NX_OK);
    assert_int_equal(tf, 1);
    nx__xdb_free(r);
}

static void free_discards_and_close_commits_uncommitted_writes(void **state)
{
    struct fixture *f = *state;
    add_doc(f->w, "zebra crossing", "z1", "2024-05-05", "");
    nx__xdb_free(f->w);
    f->w = NULL;
    assert_int_equal(reader_termfreq(f->path, "zebra"), 0);
    assert_int_equal(nx__xdb_open(&f->w, f->path, NX__XDB_WRITE), NX_OK);
    add_doc(f->w, "zebra crossing", "z1", "2024-05-05", "");
    assert_int_equal(nx__xdb_begin(f->w), NX_OK);
    add_doc(f->w, "lion king", "z2", "2024-05-06", "");
    assert_int_equal(nx__xdb_close(f->w), NX_OK);
    f->w = NULL;
    assert_int_equal(reader_termfreq(f->path, "zebra"), 1);
    assert_int_equal(reader_termfreq(f->path, "lion"), 1);
    assert_int_equal(nx__xdb_close(NULL), NX_OK);
}

/* ---- maintenance ---- */

static void compact_writes_a_new_index_that_opens(void **state)
{
    struct fixture *f = *state;
    char *dst = nxt_path(f->dir, "compacted");
    struct nx__xstats st;
    assert_int_equal(nx__xdb_compact(f->path, dst), NX_OK);
    struct nx__xdb *r = open_reader(dst);
    assert_int_equal(nx__xdb_stats(r, &st), NX_OK);
    assert_int_equal(st.doccount, 4);
    nx__xdb_free(r);
    assert_int_equal(nx__xdb_compact(f->path, dst), NX_EINVAL);
    assert_non_null(strstr(nx_error_last()->message, "already exists"));
    free(dst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(term_query_finds_documents_with_the_term),
        T(and_needs_every_term_or_needs_one),
        T(phrase_needs_adjacent_positions_in_order),
        T(near_matches_within_the_window_only),
        T(synonym_matches_either_term_as_one),
        T(and_not_subtracts_any_of_the_rest),
        T(filter_restricts_by_all_of_the_rest_without_weight),
        T(and_maybe_ranks_documents_with_the_rest_first),
        T(value_range_selects_by_string_order_with_open_ends),
        T(empty_op_gives_the_empty_query_matching_nothing),
        T(scale_multiplies_the_weight),
        T(collapse_keeps_collapse_max_per_key),
        T(sort_orders_hits_by_value_both_ways),
        T(offset_and_limit_page_through_hits),
        T(facets_count_every_newline_separated_name),
        T(hit_data_value_and_matching_terms_come_from_the_mset),
        T(allterms_lists_a_prefix_in_byte_order_and_can_stop),
        T(termfreq_postings_and_wdf_describe_the_index),
        T(doc_term_sets_wdf_without_positions),
        T(doc_data_and_value_append_what_was_stored),
        T(stats_count_documents_and_lengths),
        T(metadata_round_trips_and_empty_value_removes),
        T(delete_term_removes_every_document_it_indexes),
        T(cancelled_transaction_leaves_nothing_behind),
        T(committed_transaction_is_visible_to_a_new_reader),
        T(reopen_makes_a_later_commit_visible),
        T(free_discards_and_close_commits_uncommitted_writes),
        T(compact_writes_a_new_index_that_opens),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
