/* Reported speech next to an actor's name (remarks.h). */
#include "remarks.h"

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
    return listed(verbs, sizeof verbs / sizeof *verbs, t, n);
}

bool nx__remarks_at(const nx__toklist *l, size_t first, size_t ntok)
{
    if (ntok == 0 || first + ntok > l->n)
        return false;
    /* Signed distances: a compound's joined form follows its parts at the first part's
     * position, so positions are not quite monotonic. */
    int64_t from = l->toks[first].pos, to = l->toks[first + ntok - 1].pos;
    for (size_t i = first; i-- > 0 && from - l->toks[i].pos <= NX__REMARKS_BEFORE;)
        if (listed(inverted, sizeof inverted / sizeof *inverted, l->toks[i].term,
                   l->toks[i].term_len))
            return true;
    for (size_t i = first + ntok; i < l->n && (int64_t)l->toks[i].pos - to <= NX__REMARKS_WINDOW;
         i++)
        if (nx__remarks_verb(l->toks[i].term, l->toks[i].term_len))
            return true;
    return false;
}
