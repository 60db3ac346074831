/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reported speech next to an actor's name (remarks.h). */
#include "tag/remarks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Sorted (bsearch). Verb forms only where the form is rarely a noun: not "states" (the United
 * States), "calls", "claims", "notes" or "warning". */
static const char *const verbs[] = {
    "accused",   "acknowledged", "added",      "admitted",   "announced",  "answered",
    "argued",    "argues",       "asked",      "asserted",   "assured",    "believes",
    "called",    "cautioned",    "claimed",    "commented",  "conceded",   "condemned",
    "confirmed", "criticised",   "criticized", "declared",   "demanded",   "denied",
    "described", "dismissed",    "emphasised", "emphasized", "explained",  "expressed",
    "informed",  "insisted",     "insists",    "noted",      "pointed",    "praised",
    "predicted", "promised",     "proposed",   "recalled",   "reiterated", "rejected",
    "remarked",  "replied",      "responded",  "revealed",   "said",       "say",
    "saying",    "says",         "shared",     "speaking",   "spoke",      "stated",
    "stressed",  "stresses",     "suggested",  "tell",       "telling",    "tells",
    "thanked",   "threatened",   "told",       "tweeted",    "underlined", "underscored",
    "urged",     "urges",        "vowed",      "warned",     "warns",      "welcomed",
    "writes",    "wrote",
};

#define COUNT(a) (sizeof a / sizeof *a)

static int compare(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

/* The verbs that also report a statement standing before its speaker: "said Stoltenberg",
 * "according to Kuleba". Before a name, the others mostly have another subject and the name as
 * their object ("Truss called Kuleba", "Biden told Zelenskyy"). Sorted. */
static const char *const inverted[] = {"according", "added", "said", "says", "tweeted", "wrote"};

static bool listed(const char *const *list, size_t count, const char *t, size_t n)
{
    char word[16];
    if (n == 0 || n >= sizeof word)
        return false;
    memcpy(word, t, n);
    word[n] = '\0';
    return bsearch(word, list, count, sizeof *list, compare) != NULL;
}

bool nx__remarks_verb(const char *t, size_t n)
{
    return listed(verbs, COUNT(verbs), t, n);
}

/* Prepositions that make the name after them an object: "a call with Erdoğan and welcomed",
 * "a spokesperson for Erdoğan, said", "approaches to Vladimir Putin ... stressed". Not "by" (a
 * statement made by Zelenskyy is his) and not "according" (inverted above). Sorted. */
static const char *const prepositions[] = {"about",   "against", "among",  "at", "between",
                                           "for",     "of",      "on",     "to", "toward",
                                           "towards", "with",    "without"};

/* Titles that may stand between the preposition and the name: "with President Zelenskyy",
 * "with Chancellor Olaf Scholz". Not "state" or a country: "Secretary of State Antony Blinken
 * said" and "President of Ukraine Volodymyr Zelenskyy said" are the speaker's words. "US" only
 * before another title ("with US President Joe Biden"): alone it is the pronoun. Sorted. */
static const char *const titles[] = {"chancellor", "dr", "foreign",   "general", "minister", "mr",
                                     "mrs",        "ms", "president", "prime",   "secretary"};

static bool word(const nx__token *t, const char *const *list, size_t count)
{
    return listed(list, count, t->term, t->term_len);
}

static bool is(const nx__token *t, const char *w)
{
    return t->term_len == strlen(w) && memcmp(t->term, w, t->term_len) == 0;
}

/* Words after a name that make it the subject of what follows, object of a preposition or
 * not: "a meeting with Erdoğan, who said", "look at Putin himself saying". Sorted. */
static const char *const subject_next[] = {"herself", "himself", "who"};

/* Whether the mention in tokens [first, first + ntok) is the object of a preposition: the
 * preposition, any titles and the name follow each other with one space between them (a
 * comma or a closing quote means the name starts a clause of its own: `for us," Zelenskyy
 * said`), and no "who" or "himself" follows the name. */
static bool object_of_preposition(const nx__toklist *l, size_t first, size_t ntok)
{
    if (first + ntok < l->n && word(&l->toks[first + ntok], subject_next, COUNT(subject_next)))
        return false;
    size_t i = first;
    while (i > 0 && l->toks[i - 1].end + 1 == l->toks[i].start) {
        const nx__token *t = &l->toks[i - 1];
        bool us_title = i < first && is(t, "us");
        if (!us_title && !word(t, titles, COUNT(titles)))
            return word(t, prepositions, COUNT(prepositions));
        i--;
    }
    return false;
}

/* Whether the mention is a possessive: "Zelensky's office said", "Putin's spokesman, Dmitry
 * Peskov, said" report somebody else's words (the office's, Peskov's), and a verb form right
 * after it is an adjective ("Biden's proposed talks", "Zelenskyy's stated openness"). */
static bool owner(const nx__toklist *l, size_t first, size_t ntok)
{
    return l->toks[first + ntok - 1].flags & NX__TOK_POSSESSIVE;
}

/* Forms of "be": before a participle they make it passive ("Zelenskyy was informed", "Macron is
 * said to be seeking"): the name is not the speaker. Before an -ing form they do not ("Putin is
 * speaking", "Stoltenberg was speaking"). Sorted. */
static const char *const be[] = {"am", "are", "be", "been", "being", "is", "was", "were"};

static bool passive(const nx__toklist *l, size_t verb, size_t after)
{
    const nx__token *v = &l->toks[verb];
    bool ing = v->term_len > 3 && memcmp(v->term + v->term_len - 3, "ing", 3) == 0;
    return !ing && verb > after && word(&l->toks[verb - 1], be, COUNT(be));
}

/* Whether mention b follows mention a as a second subject of the same verb: "Vladimir Putin and
 * (President) Emmanuel Macron also spoke". */
static bool coordinated(const nx__toklist *l, size_t a_end, size_t b_first)
{
    if (b_first <= a_end || !is(&l->toks[a_end], "and"))
        return false;
    for (size_t i = a_end + 1; i < b_first; i++)
        if (!word(&l->toks[i], titles, COUNT(titles)))
            return false;
    return true;
}

/* Whether a quotation mark opens or closes before token i: a verb across it is in another voice
 * than the name (`"...even if Putin steps aside," said Hanna Notte`, `he said: "Putin..."`). */
static bool quote(const nx__toklist *l, size_t i)
{
    return l->toks[i].flags & NX__TOK_QUOTE;
}

/* Whether a mention may be the subject of a verb after it: not an object, not a possessive. */
static bool subject(const nx__toklist *l, const nx__lexhit *m)
{
    return !owner(l, m->first, m->ntok) && !object_of_preposition(l, m->first, m->ntok);
}

bool nx__remarks_at(const nx__toklist *l, const nx__lexhit *m, size_t n, size_t k)
{
    if (k >= n || m[k].ntok == 0 || m[k].first + m[k].ntok > l->n)
        return false;
    size_t first = m[k].first, ntok = m[k].ntok, end = first + ntok;
    if (owner(l, first, ntok)) /* "said Putin's spokesman" is not Putin either */
        return false;
    /* Signed distances: a compound's joined form follows its parts at the first part's
     * position, so positions are not quite monotonic. */
    int64_t from = l->toks[first].pos, to = l->toks[end - 1].pos;
    /* An object is nobody's speaker on either side ("said to Macron"), but for the one
     * inverted verb that takes a preposition: "according to Kuleba". */
    bool object = object_of_preposition(l, first, ntok);
    for (size_t i = first;
         i-- > 0 && from - l->toks[i].pos <= NX__REMARKS_BEFORE && !quote(l, i + 1);)
        if (object ? is(&l->toks[i], "according") : word(&l->toks[i], inverted, COUNT(inverted)))
            return true;
    if (object)
        return false;
    /* A verb after the name, up to the next name that may be its subject: in "With Alexander
     * Lukashenko, Vladimir Putin said" the words are Putin's. */
    size_t next = k + 1;
    for (size_t i = end;
         i < l->n && (int64_t)l->toks[i].pos - to <= NX__REMARKS_WINDOW && !quote(l, i); i++) {
        while (next < n && m[next].first + m[next].ntok <= i)
            next++;
        if (next < n && m[next].first == i && subject(l, &m[next]) &&
            !coordinated(l, end, m[next].first))
            return false;
        if (nx__remarks_verb(l->toks[i].term, l->toks[i].term_len) && !passive(l, i, end))
            return true;
    }
    return false;
}
