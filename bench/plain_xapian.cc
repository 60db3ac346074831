/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plain_xapian: the baseline newsidx is measured against. What a developer writes with
 * Xapian's own defaults: TermGenerator (English stemmer, positions) over each passage,
 * QueryParser (English stemmer, STEM_SOME, default OR), BM25, MSet::snippet() to highlight.
 * Not product code: bench/ only, so it may use Xapian directly.
 *
 *   plain_xapian index DB passages.jsonl      one document per passage, one commit
 *   plain_xapian query DB queries.txt REPS    top 10 + highlight, warm; latency JSON
 *   plain_xapian run DB queries.jsonl         eval run (score.py format), top 100
 *
 * Document data is "article_id\tstart\tend\n" followed by the passage text (the text is kept
 * so that snippet() can highlight it, as FTS5 keeps its text and newsidx its articles).
 */
#include <jansson.h>
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "benchutil.h"

static int usage()
{
    std::fprintf(stderr, "usage: plain_xapian index DB passages.jsonl\n"
                         "       plain_xapian query DB queries.txt REPS\n"
                         "       plain_xapian run DB queries.jsonl\n");
    return 2;
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static int cmd_index(const char *db_path, const char *in_path)
{
    FILE *in = std::fopen(in_path, "r");
    if (!in) {
        std::fprintf(stderr, "plain_xapian: cannot open '%s'\n", in_path);
        return 1;
    }
    double w0 = bu_now(), c0 = bu_cpu();
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    char *line = nullptr;
    size_t cap = 0, n = 0, text_bytes = 0;
    unsigned long lineno = 0;
    while (bu_getline(&line, &cap, in) >= 0) {
        lineno++;
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o) {
            std::fprintf(stderr, "plain_xapian: %s:%lu: %s\n", in_path, lineno, err.text);
            continue;
        }
        const char *text = jstr(o, "text");
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        char head[512];
        std::snprintf(head, sizeof head, "%s\t%lld\t%lld\n", jstr(o, "article_id"),
                      json_integer_value(json_object_get(o, "start")),
                      json_integer_value(json_object_get(o, "end")));
        doc.set_data(std::string(head) + text);
        db.add_document(doc);
        text_bytes += std::strlen(text);
        n++;
        json_decref(o);
    }
    std::free(line);
    std::fclose(in);
    db.commit();
    db.close();
    std::printf("{\"format\": 1, \"system\": \"xapian\", \"wall\": %.4f, \"cpu\": %.4f, "
                "\"passages\": %zu, \"text_bytes\": %zu, \"maxrss_kb\": %ld}\n",
                bu_now() - w0, bu_cpu() - c0, n, text_bytes, bu_maxrss_kb());
    return 0;
}

struct searcher {
    Xapian::Database db;
    Xapian::Enquire enq;
    Xapian::QueryParser qp;
    Xapian::Stem stem{"english"};

    explicit searcher(const char *path) : db(path), enq(db)
    {
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_OR);
        enq.set_weighting_scheme(Xapian::BM25Weight());
    }
    Xapian::MSet search(const std::string &q, unsigned n)
    {
        enq.set_query(qp.parse_query(q));
        return enq.get_mset(0, n);
    }
};

/* Split stored data into its header fields and the passage text. */
static std::string passage_text(const std::string &data)
{
    size_t nl = data.find('\n');
    return nl == std::string::npos ? std::string() : data.substr(nl + 1);
}

/* One query as a user sees it: top 10 with each passage highlighted. Returns the hit count. */
static size_t query_once(searcher &s, const std::string &q, size_t *sink)
{
    Xapian::MSet m = s.search(q, 10);
    for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it) {
        std::string text = passage_text(it.get_document().get_data());
        std::string hl = m.snippet(text, text.size(), s.stem);
        *sink += hl.size();
    }
    return m.size();
}

static int cmd_query(const char *db_path, const char *q_path, size_t reps)
{
    size_t nq = 0, sink = 0;
    char **qs = bu_read_lines(q_path, &nq);
    if (!qs || !nq) {
        std::fprintf(stderr, "plain_xapian: no queries in '%s'\n", q_path);
        return 1;
    }
    searcher s(db_path);
    std::vector<double> lat(nq * reps);
    std::vector<size_t> hits(nq);
    for (size_t q = 0; q < nq; q++) /* warm-up pass: caches, page cache */
        hits[q] = query_once(s, qs[q], &sink);
    for (size_t r = 0; r < reps; r++)
        for (size_t q = 0; q < nq; q++) {
            double t0 = bu_now();
            query_once(s, qs[q], &sink);
            lat[q * reps + r] = bu_now() - t0;
        }
    bu_print_latency("xapian", qs, nq, reps, lat.data(), hits.data(), 0);
    bu_lines_free(qs, nq);
    (void)sink;
    return 0;
}

static int cmd_run(const char *db_path, const char *q_path)
{
    FILE *in = std::fopen(q_path, "r");
    if (!in) {
        std::fprintf(stderr, "plain_xapian: cannot open '%s'\n", q_path);
        return 1;
    }
    searcher s(db_path);
    char *line = nullptr;
    size_t cap = 0;
    while (bu_getline(&line, &cap, in) >= 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o)
            continue;
        Xapian::MSet m = s.search(jstr(o, "query"), 100);
        unsigned rank = 1;
        for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it, ++rank) {
            std::string data = it.get_document().get_data();
            char id[512];
            long long st = 0, en = 0;
            if (std::sscanf(data.c_str(), "%511[^\t]\t%lld\t%lld", id, &st, &en) != 3)
                continue;
            std::printf("{\"qid\": \"%s\", \"rank\": %u, \"article_id\": ", jstr(o, "qid"), rank);
            bu_json_str(stdout, id);
            std::printf(", \"start\": %lld, \"end\": %lld, \"score\": %.6f}\n", st, en,
                        it.get_weight());
        }
        json_decref(o);
    }
    std::free(line);
    std::fclose(in);
    return 0;
}

int main(int argc, char **argv)
{
    try {
        if (argc == 4 && !std::strcmp(argv[1], "index"))
            return cmd_index(argv[2], argv[3]);
        if (argc == 5 && !std::strcmp(argv[1], "query"))
            return cmd_query(argv[2], argv[3], std::strtoul(argv[4], nullptr, 10));
        if (argc == 4 && !std::strcmp(argv[1], "run"))
            return cmd_run(argv[2], argv[3]);
        return usage();
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "plain_xapian: %s\n", e.get_description().c_str());
        return 1;
    }
}
