/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "search.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define MATCH "\033[1;33m"
#define RESET "\033[0m"

/*
 * nx_snippet turns control characters of the text into spaces, so these two can only be the
 * markers we asked for: the text is printed safely and the markers become colour or brackets.
 */
#define MARK_OPEN "\002"
#define MARK_CLOSE "\003"

static void header(FILE *f, const nx_hit *hit, size_t rank, bool color)
{
    const char *parts[] = {hit->title, hit->date, hit->source};
    const char *sep = "";

    fprintf(f, "%s%zu. ", color ? BOLD : "", rank);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        fputs(sep, f);
        nxc_puts_safe(f, parts[i]);
        sep = " \xe2\x80\x94 "; /* em dash */
    }
    fprintf(f, "%s\n", color ? RESET : "");
}

static void where(FILE *f, const nx_hit *hit, bool color)
{
    fprintf(f, "   %s", color ? DIM : "");
    nxc_puts_safe(f, hit->article_id);
    if (hit->url && *hit->url) {
        fputs("  ", f);
        nxc_puts_safe(f, hit->url);
    }
    fprintf(f, "%s\n", color ? RESET : "");
}

static void snippet(FILE *f, const char *s, bool color)
{
    fputs("   ", f);
    while (*s) {
        size_t n = strcspn(s, MARK_OPEN MARK_CLOSE);
        nxc_write_safe(f, s, n);
        s += n;
        if (*s == MARK_OPEN[0])
            fputs(color ? MATCH : "[[", f);
        else if (*s == MARK_CLOSE[0])
            fputs(color ? RESET : "]]", f);
        if (*s)
            s++;
    }
    fputc('\n', f);
}

static bool listed(const char *const *keys, size_t n, const char *actor)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], actor) == 0)
            return true;
    return false;
}

/* "actor: putin (Vladimir Putin)", "(Vladimir Putin; speaking)" in the turn that names him,
 * "(speaking; not named in this passage)" in one that does not, "(Sergei Lavrov; own words)"
 * where the passage reports what he said. */
static void tags(FILE *f, const nx_hit *hit)
{
    for (size_t i = 0; i < hit->n_actors; i++) {
        const char *spelling = hit->actor_spellings ? hit->actor_spellings[i] : NULL;
        bool named = spelling && *spelling && strcmp(spelling, hit->actors[i]) != 0;
        bool speaks = listed(hit->speakers, hit->n_speakers, hit->actors[i]);
        bool said = listed(hit->said, hit->n_said, hit->actors[i]);
        fputs("   actor: ", f);
        nxc_puts_safe(f, hit->actors[i]);
        if (named) {
            fputs(" (", f);
            nxc_puts_safe(f, spelling);
            fputs(speaks ? "; speaking)" : said ? "; own words)" : ")", f);
        } else if (speaks) {
            fputs(" (speaking; not named in this passage)", f);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < hit->n_topics; i++) {
        fputs(i == 0 ? "   topics: " : ", ", f);
        nxc_puts_safe(f, hit->topics[i]);
    }
    if (hit->n_topics > 0)
        fputc('\n', f);
}

/* "also in: Reuters 2022-03-02, AP 2022-03-02": the source and date of each copy; its id in
 * brackets when it has no date. */
static void also_in(FILE *f, const nx_hit *hit)
{
    for (size_t i = 0; i < hit->n_also_in; i++) {
        const nx_copy *c = &hit->also_in[i];
        bool source = c->source && *c->source, date = c->date && *c->date;
        fputs(i == 0 ? "   also in: " : ", ", f);
        if (source)
            nxc_puts_safe(f, c->source);
        if (source && date)
            fputc(' ', f);
        if (date)
            nxc_puts_safe(f, c->date);
        if (!date) {
            fputs(source ? " (" : "(", f);
            nxc_puts_safe(f, c->article_id);
            fputc(')', f);
        }
    }
    if (hit->n_also_in > 0)
        fputc('\n', f);
}

static void explain(FILE *f, const char *text)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        fputs("   | ", f);
        nxc_write_safe(f, text, n);
        fputc('\n', f);
        text += n;
        if (*text)
            text++;
    }
}

/* One hit; `first` of its article with the article's header, else under it with its rank. */
static int hit_block(FILE *f, const nx_hit *hit, size_t rank, const struct text_style *style,
                     bool first)
{
    nx_snippet_opts so = NX_SNIPPET_OPTS_INIT;
    char *text = NULL;

    so.open = MARK_OPEN;
    so.close = MARK_CLOSE;
    so.max_bytes = style->max_bytes;
    int rc = nx_snippet(&text, hit, &so);
    if (rc < 0)
        return rc;
    if (first) {
        header(f, hit, rank, style->color);
        where(f, hit, style->color);
    } else {
        fprintf(f, "   %s%zu. (same article)%s\n", style->color ? BOLD : "", rank,
                style->color ? RESET : "");
    }
    snippet(f, text, style->color);
    nx_free(text);
    tags(f, hit);
    also_in(f, hit);
    if (hit->explain)
        explain(f, hit->explain);
    fputc('\n', f);
    return 0;
}

int text_hit(FILE *f, const nx_hit *hit, size_t rank, const struct text_style *style)
{
    return hit_block(f, hit, rank, style, true);
}

/* Each group is allocated on its own: its stream writes to its text and len. */
struct text_group {
    char *id, *text; /* the article; its hits as printed */
    size_t len;
    FILE *out;
};

int text_groups_add(struct text_groups *t, const nx_hit *hit, size_t rank,
                    const struct text_style *style)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->g[i]->id, hit->article_id) == 0)
            return hit_block(t->g[i]->out, hit, rank, style, false);
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        struct text_group **more = realloc(t->g, cap * sizeof *more);
        if (!more)
            return NX_ENOMEM;
        t->g = more;
        t->cap = cap;
    }
    struct text_group *g = calloc(1, sizeof *g);
    if (g && (g->id = strdup(hit->article_id)) != NULL)
        g->out = open_memstream(&g->text, &g->len);
    if (!g || !g->out) {
        if (g)
            free(g->id);
        free(g);
        return NX_ENOMEM;
    }
    t->g[t->n++] = g;
    return hit_block(g->out, hit, rank, style, true);
}

void text_groups_print(FILE *f, struct text_groups *t)
{
    for (size_t i = 0; i < t->n; i++) {
        struct text_group *g = t->g[i];
        fclose(g->out);
        fwrite(g->text, 1, g->len, f);
        free(g->text);
        free(g->id);
        free(g);
    }
    free(t->g);
    *t = (struct text_groups){0};
}

/* Said after counts of articles that counted copies once (docs/duplicates.md). */
#define ONCE " (copies counted once)"

void text_count(FILE *f, uint64_t articles, uint64_t passages, bool stories)
{
    fprintf(f, "%" PRIu64 " article%s, %" PRIu64 " passage%s%s\n", articles,
            articles == 1 ? "" : "s", passages, passages == 1 ? "" : "s", stories ? ONCE : "");
}

void text_total(FILE *f, const struct total *t)
{
    if (t->lo != t->hi)
        fprintf(f, "about %" PRIu64 " articles match (between %" PRIu64 " and %" PRIu64 "; ",
                t->articles, t->lo, t->hi);
    else
        fprintf(f, "%" PRIu64 " article%s match%s (", t->articles, t->articles == 1 ? "" : "s",
                t->articles == 1 ? "es" : "");
    if (t->last >= t->first)
        fprintf(f, "showing %zu-%zu)\n", t->first, t->last);
    else
        fprintf(f, "none shown)\n");
}

enum { BAR_COLUMNS = 50 };

void text_timeline(FILE *f, const nx_results *r, nx_facet period, uint64_t articles, bool stories)
{
    size_t n = nx_results_facet_count(r, period);
    uint64_t max = 0, dated = 0;
    const char *name;
    uint64_t count;

    for (size_t i = 0; i < n; i++)
        if (nx_results_facet(&name, &count, r, period, i) == NX_OK) {
            max = count > max ? count : max;
            dated += count;
        }
    int width = snprintf(NULL, 0, "%" PRIu64, max);
    for (size_t i = 0; i < n; i++) {
        if (nx_results_facet(&name, &count, r, period, i) < 0)
            continue;
        /* A period with any article gets at least one column, so it never looks empty. */
        uint64_t cols = max ? (count * BAR_COLUMNS + max - 1) / max : 0;
        fprintf(f, "%-10s %*" PRIu64 "%s", name, width, count, cols ? " " : "");
        for (uint64_t c = 0; c < cols; c++)
            fputc('#', f);
        fputc('\n', f);
    }
    fprintf(f,
            "%" PRIu64 " article%s match: %" PRIu64 " dated (by %s above), %" PRIu64
            " without a date%s\n",
            articles, articles == 1 ? "" : "s", dated, nxc_search_period_name(period),
            articles > dated ? articles - dated : 0, stories ? ONCE : "");
}

void text_facets(FILE *f, const nx_results *r, bool passages, bool stories)
{
    static const char *const names[] = {"actor", "topic", "source", "month", "whose words (said)"};

    for (nx_facet which = NX_FACET_ACTOR; which <= NX_FACET_SAID; which++) {
        size_t n = nx_results_facet_count(r, which);
        fprintf(f, "%s by %s%s:%s\n", passages ? "passages" : "articles", names[which],
                stories && !passages ? ONCE : "", n == 0 ? " none" : "");
        for (size_t i = 0; i < n; i++) {
            const char *name = NULL;
            uint64_t count = 0;
            if (nx_results_facet(&name, &count, r, which, i) < 0)
                continue;
            fprintf(f, "%8" PRIu64 "  ", count);
            nxc_puts_safe(f, name);
            fputc('\n', f);
        }
    }
}
