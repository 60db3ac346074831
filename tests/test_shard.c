/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sharded indexes (lib/store/shard.c, lib/ingest/parallel.c): routing, layout, remembering N,
 * re-indexing and pruning, and searching the shards as one index. */
#include "testutil.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "newsidx.h"

/* FNV-1a 64 written out here, so that the expectation is not the code under test. */
static size_t expected_shard(const char *id, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return (size_t)(h % n);
}

static nx_db *open_sharded(const char *path, unsigned int shards, int *rc)
{
    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.flags = NX_OPEN_WRITE | NX_OPEN_CREATE;
    o.shards = shards;
    nx_db *db = (nx_db *)&db; /* poisoned: must be set or NULLed */
    *rc = nx_db_open(&db, path, &o);
    return db;
}

static void put(nx_db *db, const char *id, const char *body)
{
    nx_article a = {id, "Title", "2022-03-01", "Wire", NULL, body, 0};
    if (nx_db_put(NULL, NULL, db, &a) != NX_OK)
        fail_msg("put %s: %s", id, nx_error_last()->message);
}

static const char *const ids[] = {"a1", "b22", "c333", "d4444", "e5", "f66", "g777", "h8"};
enum { N_IDS = sizeof ids / sizeof *ids };

/* Is article `id` stored in the unsharded index at `path`? */
static bool holds(const char *path, const char *id)
{
    nx_db *db;
    if (nx_db_open(&db, path, NULL) != NX_OK)
        fail_msg("open %s: %s", path, nx_error_last()->message);
    nx_article *a = NULL;
    int rc = nx_db_get(&a, db, id);
    nx_free(a);
    nx_db_free(db);
    return rc == NX_OK;
}

static void puts_go_to_the_shard_of_the_id_hash(void **state)
{
    nxt_env *f = *state;
    int rc;
    nx_db *w = open_sharded(f->path, 3, &rc);
    assert_int_equal(rc, NX_OK);
    for (size_t i = 0; i < N_IDS; i++)
        put(w, ids[i], "Lavrov spoke about a ceasefire in Antalya.");
    put(w, "gone", "An article deleted through the sharded handle.");
    nx_article *a = NULL; /* the writer sees its uncommitted puts, whichever shard has them */
    assert_int_equal(nx_db_get(&a, w, "gone"), NX_OK);
    nx_free(a);
    assert_int_equal(nx_db_delete(w, "gone"), NX_OK);
    assert_int_equal(nx_db_delete(w, "gone"), NX_ENOTFOUND);
    assert_int_equal(nx_db_close(w), NX_OK);

    char *stub = nxt_path(f->path, "XAPIANDB");
    char *text = nxt_read(stub, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "auto shard-0\nauto shard-1\nauto shard-2\n"));
    for (size_t i = 0; i < N_IDS; i++)
        for (size_t k = 0; k < 3; k++) {
            char name[16];
            snprintf(name, sizeof name, "shard-%zu", k);
            char *shard = nxt_path(f->path, name);
            if (holds(shard, ids[i]) != (k == expected_shard(ids[i], 3)))
                fail_msg("article %s in shard %zu: wrong shard", ids[i], k);
            free(shard);
        }
    /* Read as one index: every article, each once. */
    assert_int_equal(nx_db_open(&f->db, f->path, NULL), NX_OK);
    nx_stats st;
    assert_int_equal(nx_db_stats(&st, f->db), NX_OK);
    assert_int_equal(st.articles, N_IDS);
    free(stub);
    free(text);
}

static void existing_index_keeps_its_shard_count(void **state)
{
    nxt_env *f = *state;
    int rc;
    nx_db *w = open_sharded(f->path, 3, &rc);
    assert_int_equal(rc, NX_OK);
    put(w, "one", "First body of text.");
    assert_int_equal(nx_db_close(w), NX_OK);

    w = open_sharded(f->path, 0, &rc); /* no count given: the index's own */
    assert_int_equal(rc, NX_OK);
    put(w, "two", "Second body of text.");
    assert_int_equal(nx_db_close(w), NX_OK);

    w = open_sharded(f->path, 4, &rc);
    assert_int_equal(rc, NX_EINVAL);
    assert_null(w);
    assert_non_null(strstr(nx_error_last()->message, "has 3 shards, not 4"));
    assert_non_null(strstr(nx_error_last()->message, "build a new index with 4 shards"));

    char *plain = nxt_path(f->dir, "plain");
    nx_db *p = nxt_open_writer(plain, 0);
    put(p, "one", "First body of text.");
    assert_int_equal(nx_db_close(p), NX_OK);
    w = open_sharded(plain, 2, &rc);
    assert_int_equal(rc, NX_EINVAL);
    assert_null(w);
    assert_non_null(strstr(nx_error_last()->message, "is an unsharded index"));
    free(plain);
}

static void second_writer_is_locked_out_of_the_whole_index(void **state)
{
    nxt_env *f = *state;
    int rc;
    nx_db *w = open_sharded(f->path, 2, &rc);
    assert_int_equal(rc, NX_OK);
    nx_db *again = open_sharded(f->path, 0, &rc);
    assert_int_equal(rc, NX_ELOCKED);
    assert_null(again);
    assert_int_equal(nx_db_close(w), NX_OK);
}

static const char *const jsonl =
    "{\"id\":\"a1\",\"title\":\"T\",\"body\":\"Lavrov met Kuleba in Antalya.\"}\n"
    "{\"id\":\"b22\",\"title\":\"T\",\"body\":\"Gas prices rose after the embargo.\"}\n"
    "{\"id\":\"c333\",\"title\":\"T\",\"body\":\"NATO ministers met in Brussels.\"}\n"
    "{\"id\":\"d4444\",\"title\":\"T\",\"body\":\"A ceasefire held in the south.\"}\n"
    "not json\n"
    "{\"id\":\"e5\",\"title\":\"T\",\"body\":\"Grain ships left Odesa.\"}\n";

static nx_ingest_stats ingest(const char *db_path, unsigned int shards, const char *input,
                              unsigned int flags, int expect)
{
    int rc;
    nx_db *w = open_sharded(db_path, shards, &rc);
    assert_int_equal(rc, NX_OK);
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.flags = flags;
    nx_ingest_stats st;
    const char *paths[] = {input};
    assert_int_equal(nx_db_ingest(&st, w, paths, 1, &io), expect);
    assert_int_equal(nx_db_close(w), NX_OK);
    return st;
}

static void ingest_sums_shards_and_reports_bad_lines_once(void **state)
{
    nxt_env *f = *state;
    char *in = nxt_path(f->dir, "in.jsonl");
    nxt_write(in, jsonl, (size_t)-1);
    nx_ingest_stats st = ingest(f->path, 3, in, 0, NX_EINPUT);
    assert_int_equal(st.articles_added, 5);
    assert_int_equal(st.skipped_json, 1); /* once, not once per shard */
    assert_int_equal(st.files, 1);
    assert_true(st.index_bytes > 10000); /* the shards' files are counted */

    st = ingest(f->path, 0, in, 0, NX_EINPUT); /* again: nothing moves, nothing is written */
    assert_int_equal(st.articles_added, 0);
    assert_int_equal(st.articles_unchanged, 5);

    nxt_write(in, strstr(jsonl, "{\"id\":\"c333\""), (size_t)-1); /* a1 and b22 are gone */
    st = ingest(f->path, 0, in, NX_INGEST_PRUNE, NX_EINPUT);
    assert_int_equal(st.articles_removed, 2);
    assert_int_equal(st.articles_unchanged, 3);
    assert_int_equal(nx_db_open(&f->db, f->path, NULL), NX_OK);
    nx_article *a = (nx_article *)&a;
    assert_int_equal(nx_db_get(&a, f->db, "b22"), NX_ENOTFOUND);
    assert_int_equal(nx_db_get(&a, f->db, "e5"), NX_OK);
    assert_string_equal(a->body, "Grain ships left Odesa.");
    nx_free(a);
    free(in);
}

/* What the callbacks of one ingest saw. */
struct heard {
    size_t n;
    unsigned long line[8];
    int code[8];
    int wrong_path;
    nx_progress last;
    const char *path;
};

static void hear_diag(const nx_diag *d, void *payload)
{
    struct heard *h = payload;
    h->wrong_path += strcmp(d->path, h->path) != 0;
    if (h->n < 8) {
        h->line[h->n] = d->line;
        h->code[h->n] = d->code;
    }
    h->n++;
}

static void hear_progress(const nx_progress *p, void *payload)
{
    ((struct heard *)payload)->last = *p;
}

static void sharded_ingest_reports_each_problem_once_in_input_order(void **state)
{
    nxt_env *f = *state;
    char *in = nxt_path(f->dir, "in.jsonl");
    nxt_write(in,
              "{\"id\":\"a1\",\"body\":\"First version of the Antalya talks.\"}\n"
              "not json\n"
              "{\"id\":\"b22\",\"date\":\"2022-13-01\",\"body\":\"A bad date.\"}\n"
              "{\"id\":\"c333\",\"body\":\"NATO ministers met in Brussels.\"}\n"
              "{\"id\":\"a1\",\"body\":\"Second version of the Antalya talks.\"}\n"
              "{\"id\":\"d4444\",\"body\":\"A ceasefire held in the south.\"}\n",
              (size_t)-1);
    int rc;
    nx_db *w = open_sharded(f->path, 2, &rc);
    assert_int_equal(rc, NX_OK);
    struct heard h = {.path = in};
    nx_ingest_opts io = NX_INGEST_OPTS_INIT;
    io.on_diag = hear_diag;
    io.on_progress = hear_progress;
    io.payload = &h;
    nx_ingest_stats st;
    const char *paths[] = {in};
    assert_int_equal(nx_db_ingest(&st, w, paths, 1, &io), NX_EINPUT);
    assert_int_equal(nx_db_close(w), NX_OK);
    /* the reader reports the bad line, the writer of b22's shard the bad date: once each */
    assert_int_equal(h.n, 2);
    assert_int_equal(h.wrong_path, 0);
    assert_int_equal(h.line[0] + h.line[1], 2 + 3);
    assert_true(h.line[0] == 2 || h.line[0] == 3);
    assert_int_equal(h.code[0], NX_EINPUT);
    assert_int_equal(h.code[1], NX_EINPUT);
    assert_int_equal(st.skipped_json, 2);
    assert_int_equal(st.articles_added, 3);
    assert_int_equal(st.articles_replaced, 1);
    assert_int_equal(st.files, 1);
    /* the last progress has every writer's articles, all files and bytes */
    assert_int_equal(h.last.articles, 4);
    assert_int_equal(h.last.files_done, 1);
    assert_int_equal(h.last.bytes_done, h.last.bytes_total);
    /* a1's shard got its two versions in input order: the second stands */
    assert_int_equal(nx_db_open(&f->db, f->path, NULL), NX_OK);
    nx_article *a = (nx_article *)&a;
    assert_int_equal(nx_db_get(&a, f->db, "a1"), NX_OK);
    assert_string_equal(a->body, "Second version of the Antalya talks.");
    nx_free(a);
    free(in);
}

/* ---- the same answers as one index ---- */

enum { TOP = 20 };

struct hitrec {
    double score;
    char key[512]; /* article, passage, fields, matches: all that must be equal */
};

static int by_score_key(const void *a, const void *b)
{
    const struct hitrec *x = a, *y = b;
    if (x->score != y->score && fabs(x->score - y->score) > 1e-9 * fabs(x->score))
        return x->score > y->score ? -1 : 1;
    return strcmp(x->key, y->key);
}

static size_t run_query(nx_db *db, const nx_search_opts *so, struct hitrec *out, char *facets,
                        size_t fcap)
{
    nx_results *r;
    if (nx_search(&r, db, so) != NX_OK)
        fail_msg("search: %s", nx_error_last()->message);
    const nx_hit *h;
    size_t n = 0;
    while (nx_results_next(&h, r) == NX_OK && n < TOP) {
        int len = snprintf(out[n].key, sizeof out[n].key, "%s %zu-%zu %s|%s|%s|%s a%zu t%zu m",
                           h->article_id, h->start, h->end, h->title ? h->title : "",
                           h->date ? h->date : "", h->source ? h->source : "", h->url ? h->url : "",
                           h->n_actors, h->n_topics);
        for (size_t m = 0; m < h->n_matches && len < 400; m++)
            len += snprintf(out[n].key + len, sizeof out[n].key - (size_t)len, " %zu",
                            h->matches[m].start);
        out[n++].score = h->score;
    }
    size_t used = (size_t)snprintf(facets, fcap, "%llu/%llu", (unsigned long long)nxt_articles(r),
                                   (unsigned long long)nxt_passages(r));
    for (nx_facet fct = NX_FACET_ACTOR; fct < 4; fct++)
        for (size_t i = 0; i < nx_results_facet_count(r, fct) && used < fcap - 64; i++) {
            const char *name;
            uint64_t c;
            assert_int_equal(nx_results_facet(&name, &c, r, fct, i), NX_OK);
            used += (size_t)snprintf(facets + used, fcap - used, " %s=%llu", name,
                                     (unsigned long long)c);
        }
    nx_results_free(r);
    return n;
}

/* Top results as sets per score (ties may come in another order), scores within 1e-9. Hits
 * tied with the last one may differ in which of them made the cut, so they are left out. */
static void compare(nx_db *one, nx_db *many, const nx_search_opts *so, const char *what)
{
    static struct hitrec a[TOP], b[TOP];
    static char fa[8192], fb[8192];
    size_t na = run_query(one, so, a, fa, sizeof fa), nb = run_query(many, so, b, fb, sizeof fb);
    if (na != nb)
        fail_msg("%s: %zu hits unsharded, %zu sharded", what, na, nb);
    if (na == 0)
        fail_msg("%s: no hits: the comparison would prove nothing", what);
    qsort(a, na, sizeof *a, by_score_key);
    qsort(b, nb, sizeof *b, by_score_key);
    double cut = a[na - 1].score;
    for (size_t i = 0; i < na; i++) {
        if (fabs(a[i].score - b[i].score) > 1e-9 * fabs(a[i].score))
            fail_msg("%s: hit %zu scores %.12g unsharded, %.12g sharded", what, i, a[i].score,
                     b[i].score);
        if (na == TOP && fabs(a[i].score - cut) <= 1e-9 * fabs(cut))
            continue;
        if (strcmp(a[i].key, b[i].key) != 0)
            fail_msg("%s: hit %zu differs:\n  %s\n  %s", what, i, a[i].key, b[i].key);
    }
    if (strcmp(fa, fb) != 0)
        fail_msg("%s: counts or facets differ:\n  %s\n  %s", what, fa, fb);
}

static void sharded_corpus_answers_like_one_index(void **state)
{
    nxt_env *f = *state;
    const char *src = nxt_corpus("ukraine.jsonl");
    if (!src)
        skip();
    char *one_path = nxt_path(f->dir, "one");
    ingest(one_path, 0, src, 0, NX_OK);
    ingest(f->path, 3, src, 0, NX_OK);
    nx_db *one, *many;
    assert_int_equal(nx_db_open(&one, one_path, NULL), NX_OK);
    assert_int_equal(nx_db_open(&many, f->path, NULL), NX_OK);

    const char *lavrov[] = {"lavrov"}, *energy[] = {"energy"}, *nato[] = {"nato"};
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.limit = TOP;
    so.query = "ceasefire talks";
    compare(one, many, &so, "words");
    so.query = "\"humanitarian corridor\"";
    compare(one, many, &so, "phrase");
    so.query = NULL;
    so.actors = lavrov;
    so.n_actors = 1;
    compare(one, many, &so, "--actor lavrov");
    so.actors = NULL;
    so.n_actors = 0;
    so.topics = energy;
    so.n_topics = 1;
    so.query = "oil embargo";
    compare(one, many, &so, "--topic energy 'oil embargo'");
    so.topics = nato;
    so.query = NULL;
    so.flags = NX_SEARCH_FACETS;
    compare(one, many, &so, "--topic nato --facets");
    so.topics = NULL;
    so.n_topics = 0;
    so.flags = 0;
    so.query = "Mariupol";
    so.per_article = 3;
    compare(one, many, &so, "Mariupol --per-article 3");
    nx_db_free(one);
    nx_db_free(many);
    free(one_path);
}

/* ---- a remote shard that stops answering after the index was opened ---- */

static pid_t server = -1; /* xapian-tcpsrv's process group, killed by the teardown too */

static void stop_server(void)
{
    if (server > 0) {
        kill(-server, SIGKILL);
        waitpid(server, NULL, 0);
    }
    server = -1;
}

static int server_teardown(void **state)
{
    stop_server();
    return nxt_env_teardown(state);
}

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static bool accepts(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bool ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

/* xapian-tcpsrv in a session of its own (it kills its process group on SIGTERM). */
static bool serve(int port, const char *path)
{
    char p[16];
    snprintf(p, sizeof p, "%d", port);
    server = fork();
    if (server == 0) {
        setsid();
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execlp("xapian-tcpsrv", "xapian-tcpsrv", "--port", p, "--interface", "127.0.0.1", path,
               (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 100 && server > 0; i++, nxt_sleep_ms(50))
        if (accepts(port))
            return true;
    return false;
}

static void remote_that_stalls_mid_search_is_named(void **state)
{
    nxt_env *f = *state;
    if (system("command -v xapian-tcpsrv >/dev/null") != 0)
        skip(); /* Debian: xapian-tools */
    int rc;
    nx_db *w = open_sharded(f->path, 2, &rc);
    assert_int_equal(rc, NX_OK);
    for (size_t i = 0; i < N_IDS; i++)
        put(w, ids[i], "Lavrov spoke about a ceasefire in Antalya.");
    assert_int_equal(nx_db_close(w), NX_OK);
    int port = free_port();
    char *shard1 = nxt_path(f->path, "shard-1"), *stub = nxt_path(f->dir, "cluster.stub");
    char text[128];
    snprintf(text, sizeof text, "auto idx/shard-0\nremote 127.0.0.1:%d\n", port);
    nxt_write(stub, text, (size_t)-1);
    assert_true(serve(port, shard1));

    nx_open_opts o = NX_OPEN_OPTS_INIT;
    o.timeout = 0.5;
    assert_int_equal(nx_db_open(&f->db, stub, &o), NX_OK);
    nx_search_opts so = NX_SEARCH_OPTS_INIT;
    so.query = "ceasefire";
    nx_results *r = (nx_results *)&r;
    assert_int_equal(nx_search(&r, f->db, &so), NX_OK);
    nx_results_free(r);

    kill(-server, SIGSTOP); /* the server and its connection's child stop answering */
    assert_int_equal(nx_search(&r, f->db, &so), NX_ETIMEOUT);
    assert_null(r);
    char want[64];
    snprintf(want, sizeof want, "shard '127.0.0.1:%d' of '", port);
    assert_non_null(strstr(nx_error_last()->message, want));
    assert_non_null(strstr(nx_error_last()->message, "NetworkTimeoutError"));
    stop_server();
    free(shard1);
    free(stub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(puts_go_to_the_shard_of_the_id_hash, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(existing_index_keeps_its_shard_count, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(second_writer_is_locked_out_of_the_whole_index,
                                        nxt_env_setup, nxt_env_teardown),
        cmocka_unit_test_setup_teardown(sharded_ingest_reports_each_problem_once_in_input_order,
                                        nxt_env_setup, nxt_env_teardown),
        cmocka_unit_test_setup_teardown(ingest_sums_shards_and_reports_bad_lines_once,
                                        nxt_env_setup, nxt_env_teardown),
        cmocka_unit_test_setup_teardown(sharded_corpus_answers_like_one_index, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(remote_that_stalls_mid_search_is_named, nxt_env_setup,
                                        server_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
