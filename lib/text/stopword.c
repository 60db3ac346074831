/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The function words of stopword.h. */
#include "text/stopword.h"

#include <string.h>

static bool listed(const char *const *words, size_t count, const char *t, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(words[i]) == n && memcmp(words[i], t, n) == 0)
            return true;
    return false;
}

bool nx__stopword(const char *t, size_t n)
{
    static const char *const words[] = {
        "a",    "about", "after", "an",    "and",   "are",  "as",   "at",   "be",   "by",
        "did",  "do",    "does",  "for",   "from",  "has",  "have", "he",   "her",  "his",
        "how",  "in",    "is",    "it",    "its",   "of",   "on",   "or",   "say",  "said",
        "says", "she",   "that",  "the",   "their", "them", "they", "this", "to",   "was",
        "were", "what",  "when",  "where", "which", "who",  "why",  "will", "with", "would"};
    return listed(words, sizeof words / sizeof *words, t, n);
}

bool nx__stopword_stem(const char *t, size_t n)
{
    static const char *const stems[] = {"doe"};
    return nx__stopword(t, n) || listed(stems, sizeof stems / sizeof *stems, t, n);
}
