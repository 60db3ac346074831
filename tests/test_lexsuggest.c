/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "tag/lexicon.h"
#include "tag/lexsuggest.h"

static const char text[] = "actor lavrov: Lavrov | Sergei Lavrov\n"
                           "actor kuleba: Kuleba | Dmytro Kuleba\n"
                           "actor lavrenko: Lavrenko\n"
                           "actor cavusoglu: Mevlüt Çavuşoğlu\n"
                           "topic ceasefire: ceasefire | truce\n"
                           "topic energy: energy | sanctions on oil\n";

static nx__lexicon *lexicon(void)
{
    nx__lexicon *lx = NULL;
    assert_int_equal(nx__lexicon_parse(&lx, text, sizeof text - 1, "test"), NX_OK);
    return lx;
}

/* The keys suggested for `name`, space-separated. */
static const char *suggest(nx__lexicon *lx, int kind, const char *name)
{
    static char out[200];
    size_t near[NX__LEXSUGGEST_MAX];
    size_t n = nx__lexsuggest_find(near, lx, kind, name, strlen(name));
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, nx__lexicon_key(lx, kind, near[i]));
    }
    return out;
}

static void near_keys_and_spellings_are_suggested(void **state)
{
    (void)state;
    nx__lexicon *lx = lexicon();
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "lavorv"), "lavrov");
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "Kulleba"), "kuleba");
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "Sergei Lavrow"), "lavrov");
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "cavusoglo"), "cavusoglu");      /* folded */
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "lavrenov"), "lavrov lavrenko"); /* ties */
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "lavrenkov"), "lavrenko");
    assert_string_equal(suggest(lx, NX__LEX_TOPIC, "sanctions"), "energy"); /* a word of one */
    assert_string_equal(suggest(lx, NX__LEX_TOPIC, "truse"), "ceasefire");
    nx__lexicon_free(lx);
}

static void far_names_get_nothing(void **state)
{
    (void)state;
    nx__lexicon *lx = lexicon();
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, "blair"), "");
    assert_string_equal(suggest(lx, NX__LEX_TOPIC, "lavrov"), ""); /* another kind's */
    assert_string_equal(suggest(lx, NX__LEX_ACTOR, ""), "");
    nx__lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(near_keys_and_spellings_are_suggested),
        cmocka_unit_test(far_names_get_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
