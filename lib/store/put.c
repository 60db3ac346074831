/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Adding, replacing, deleting and fetching single articles. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/article.h"
#include "store/db.h"
#include "store/docbuild.h"
#include "store/put.h"
#include "store/reread.h"
#include "store/schema.h"
#include "store/shard.h"
#include "text/passage.h"
#include "text/utf8.h"
#include "util/date.h"
#include "util/error.h"
#include "util/hash.h"

enum { ID_MAX = 200, BODY_MAX = NX__ARTICLE_MAX };

static int article_term(nx_db *db, const char *id)
{
    nx__buf_clear(&db->term);
    int rc = nx__buf_append(&db->term, NX__P_ARTICLE, strlen(NX__P_ARTICLE));
    return rc < 0 ? rc : nx__buf_append(&db->term, id, strlen(id));
}

int nx__put_article_docid(nx_db *db, const char *id, unsigned int *docid)
{
    size_t n = 0;
    *docid = 0;
    int rc = article_term(db, id);
    if (rc == NX_OK)
        rc = nx__xdb_postings(db->x, db->term.data, db->term.len, docid, 1, &n);
    if (rc == NX_OK && n == 0)
        *docid = 0;
    return rc;
}

int nx__put_article_load_at(nx_db *db, const char *id, unsigned int docid, size_t body_max,
                            nx_article **out)
{
    nx__buf data = NX__BUF_INIT;
    nx__passrec pr;
    *out = NULL;
    int rc = nx__xdb_doc_data(db->x, docid, &data);
    if (rc == NX_OK)
        rc = nx__docbuild_passrec_decode(&pr, data.data ? data.data : "", data.len);
    if (rc == NX_OK && !pr.blob)
        rc = nx__error_set(NX_ECORRUPT, "article '%s' in '%s' has no stored text", id, db->path);
    if (rc == NX_OK)
        rc = nx__article_decode_upto(out, pr.blob, pr.blob_len, body_max);
    nx__buf_release(&data);
    return rc;
}

int nx__put_article_load(nx_db *db, const char *id, size_t body_max, nx_article **out)
{
    unsigned int docid;
    *out = NULL;
    int rc = nx__put_article_docid(db, id, &docid);
    if (rc == NX_OK && docid == 0)
        rc = nx__error_set(NX_ENOTFOUND, "no article '%s' in '%s'", id, db->path);
    return rc < 0 ? rc : nx__put_article_load_at(db, id, docid, body_max, out);
}

/* An article's date is one day, "YYYY-MM-DD" (include/newsidx.h). */
static int check_date(const char *s)
{
    nx__date d;
    enum nx__date_check c = nx__date_parse(&d, s, strlen(s));
    if (c == NX__DATE_NO_SUCH)
        return nx__error_set(NX_EINPUT, "date '%.40s' is not a day of the calendar", s);
    if (c != NX__DATE_OK || d.day == 0)
        return nx__error_set(NX_EINPUT, "date '%.40s' is not a date like 2022-03-01", s);
    return NX_OK;
}

static int check_text(const char *name, const char *s, size_t len)
{
    size_t bad = nx__utf8_check(s, len);
    if (bad < len)
        return nx__error_set(NX_EINPUT, "invalid UTF-8 in '%s' at byte %zu", name, bad);
    return NX_OK;
}

static int validate(const nx_article *a, size_t body_len)
{
    if (!a->body || body_len == 0)
        return nx__error_set(NX_EINPUT, "article has no body");
    if (body_len > BODY_MAX)
        return nx__error_set(NX_ELIMIT, "article body of %zu bytes is over the %d-byte limit",
                             body_len, BODY_MAX);
    if (a->id && strlen(a->id) > ID_MAX)
        return nx__error_set(NX_ELIMIT, "article id longer than %d bytes", ID_MAX);
    int rc = a->date ? check_date(a->date) : NX_OK;
    if (rc < 0)
        return rc;
    const char *names[] = {"id", "title", "date", "source", "url"};
    const char *vals[] = {a->id, a->title, a->date, a->source, a->url};
    for (int i = 0; i < 5; i++) {
        rc = vals[i] ? check_text(names[i], vals[i], strlen(vals[i])) : NX_OK;
        if (rc < 0)
            return rc;
    }
    if (memchr(a->body, '\0', body_len))
        return nx__error_set(NX_EINPUT, "body contains a NUL byte (binary data)");
    return check_text("body", a->body, body_len);
}

void nx__put_derive_id(const nx_article *a, char out[18])
{
    const char *title = a->title ? a->title : "";
    uint64_t h = nx__hash_fnv1a(NX__FNV_INIT, title, strlen(title));
    h = nx__hash_fnv1a(nx__hash_fnv1a(h, "\n", 1), a->body, a->body_len);
    out[0] = 'h';
    nx__hash_hex64(h, out + 1);
}

static const char *hash_salt(const nx_db *db, char *buf, size_t size)
{
    snprintf(buf, size, "%s/p%d/t%d/f%d", nx__lexicon_id(db->lex), NX__PASSAGE_VERSION,
             NX__TAGS_VERSION, NX__FORMAT);
    return buf;
}

/* Is the stored copy of the article at `docid` the same content? */
static int same_hash(nx_db *db, unsigned int docid, uint64_t hash, bool *same)
{
    nx__buf v = NX__BUF_INIT;
    char hex[17];
    nx__hash_hex64(hash, hex);
    int rc = nx__xdb_doc_value(db->x, docid, NX__SLOT_HASH, &v);
    *same = rc == NX_OK && v.len == 16 && memcmp(v.data, hex, 16) == 0;
    nx__buf_release(&v);
    return rc;
}

static int put(nx_db *db, nx_article *a, nx_put_outcome *outcome, size_t *passages)
{
    char salt[128], idbuf[18];
    if (!a->id || !*a->id) {
        nx__put_derive_id(a, idbuf);
        a->id = idbuf;
    }
    uint64_t hash = nx__article_hash(a, hash_salt(db, salt, sizeof salt));
    unsigned int docid;
    bool same = false;
    int rc = nx__put_article_docid(db, a->id, &docid);
    if (rc == NX_OK && docid)
        rc = same_hash(db, docid, hash, &same);
    if (rc == NX_OK && same) { /* its passages: those holding its article term */
        uint64_t n = 0;
        *outcome = NX_PUT_UNCHANGED;
        rc = nx__xdb_termfreq(db->x, db->term.data, db->term.len, &n);
        *passages = (size_t)n;
        return rc;
    }
    if (rc < 0)
        return rc; /* nothing written yet */
    if (docid)
        rc = nx__xdb_delete_term(db->x, db->term.data, db->term.len);
    size_t dropped = 0;
    if (rc == NX_OK)
        rc = nx__docbuild_article(db, a, hash, passages, &dropped);
    if (rc < 0)
        return nx__db_drop_batch(db, rc);
    *outcome = docid ? NX_PUT_REPLACED : NX_PUT_ADDED;
    db->pending_articles++;
    db->pending_bytes += a->body_len;
    return nx__db_maybe_commit(db);
}

int nx_db_put(nx_put_outcome *outcome, size_t *passages, nx_db *db, const nx_article *a)
{
    nx_put_outcome oc = NX_PUT_UNCHANGED;
    size_t np = 0;
    if (!db || !a)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no index handle or article"));
    if (!nx__db_writable(db))
        return nx__db_fail(
            db, nx__error_set(NX_EINVAL, "'%s' is open read-only: cannot add", db->path));
    nx_article copy = *a;
    copy.body_len = a->body && !a->body_len ? strlen(a->body) : a->body_len;
    int rc = validate(&copy, copy.body_len);
    char idbuf[18];
    if (rc == NX_OK && db->n_shards && (!copy.id || !*copy.id)) {
        nx__put_derive_id(&copy, idbuf);
        copy.id = idbuf;
    }
    if (rc == NX_OK && db->n_shards)
        rc = nx_db_put(&oc, &np, db->shards[nx__shard_of(copy.id, db->n_shards)], &copy);
    else if (rc == NX_OK)
        rc = put(db, &copy, &oc, &np);
    if (outcome)
        *outcome = oc;
    if (passages)
        *passages = np;
    return nx__db_fail(db, rc);
}

int nx_db_delete(nx_db *db, const char *id)
{
    if (!db || !id)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no index handle or id"));
    if (!nx__db_writable(db))
        return nx__db_fail(
            db, nx__error_set(NX_EINVAL, "'%s' is open read-only: cannot delete", db->path));
    if (db->n_shards)
        return nx__db_fail(db, nx_db_delete(db->shards[nx__shard_of(id, db->n_shards)], id));
    unsigned int docid;
    int rc = nx__put_article_docid(db, id, &docid);
    if (rc == NX_OK && !docid)
        rc = nx__error_set(NX_ENOTFOUND, "no article '%s' in '%s'", id, db->path);
    if (rc == NX_OK) {
        rc = nx__xdb_delete_term(db->x, db->term.data, db->term.len);
        if (rc < 0)
            rc = nx__db_drop_batch(db, rc);
    }
    if (rc == NX_OK) {
        db->pending_articles++;
        rc = nx__db_maybe_commit(db);
    }
    return nx__db_fail(db, rc);
}

int nx_db_get(nx_article **out, nx_db *db, const char *id)
{
    if (!out)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no place for the article"));
    *out = NULL;
    if (!db || !id)
        return nx__db_fail(db, nx__error_set(NX_EINVAL, "no index handle or id"));
    int rc;
    for (nx__reread rr = NX__REREAD_INIT;;) {
        uint64_t gen = nx__xdb_generation(db->x);
        rc = nx__put_article_load(db, id, SIZE_MAX, out);
        if (rc >= 0 || !nx__reread_again(db, gen, rc, &rr))
            break;
    }
    return nx__db_fail(db, rc);
}
