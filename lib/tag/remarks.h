/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NX_REMARKS_H
#define NX_REMARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "tag/lexicon.h"
#include "text/tokenizer.h"

/*
 * Where an actor's own words are reported. News reports a statement by naming its speaker next
 * to a reporting verb: "Lavrov said", "said Jens Stoltenberg", "Kuleba, the foreign minister,
 * told reporters", "according to Peskov", "Vladimir Putin stressed that". A passage holding such
 * a mention answers "what did X say" where a passage that only names X (a photo caption, a list
 * of leaders) does not. The indexer tags such passages with the actor's remarks term (schema.h),
 * and so the passages of the actor's turns in a transcript (speaker.h).
 *
 * A mention counts when a reporting verb follows it within NX__REMARKS_WINDOW tokens in the same
 * sentence (positions never reach across sentences: tokenizer.h), or when one of the verbs that
 * also stand before their speaker ("said Stoltenberg", "according to Kuleba") comes at most
 * NX__REMARKS_BEFORE tokens before it. The verbs are a closed list of English reporting verbs
 * (said, told, stressed, warned, according...), matched on the folded word so that nouns of the
 * same stem ("the statement", "a warning") do not count. A name that is the object of a
 * preposition ("a call with Erdoğan and welcomed", "a spokesperson for President Erdoğan
 * said") does not count for a verb after it, unless "who" or "himself" follows the name, nor
 * for a verb before it ("said to Macron"), except "according to Kuleba"; "by" (the agent)
 * still counts. Nor does a possessive, on either side ("Putin's spokesman said", "said Putin's
 * spokesman", "Biden's proposed talks"). A verb after the name belongs to the nearest name
 * before it that may be its subject ("Greeting Erdogan, Putin noted" is Putin's; "Putin and
 * Macron spoke" both's; "Yermak, Zelenskyy's aide, said" Yermak's), and a passive reports
 * nobody's words ("Zelenskyy was informed"; not "Stoltenberg was speaking"). A double quotation
 * mark between the name and the verb puts them in different voices, and the verb does not count
 * (`"...even if Putin steps aside," said an analyst`, `he said: "Lavrov knows"`; the tokenizer
 * flags the token after one, NX__TOK_QUOTE).
 */

enum { NX__REMARKS_WINDOW = 6, NX__REMARKS_BEFORE = 2 };

/* Whether the folded word `t` is one of the reporting verbs. */
bool nx__remarks_verb(const char *t, size_t n);

/* Whether mention k of a passage's actor mentions m[0, n) (in token order, as
 * nx__lexmatch_actors gives them) is the speaker of a reporting verb within the window in its
 * sentence. */
bool nx__remarks_at(const nx__toklist *l, const nx__lexhit *m, size_t n, size_t k);

#endif
