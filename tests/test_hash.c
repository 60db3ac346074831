/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "util/hash.h"

static uint64_t fnv(const char *s)
{
    return nx__hash_fnv1a(NX__FNV_INIT, s, strlen(s));
}

/* The published 64-bit FNV-1a test vectors (Fowler, Noll, Vo: "FNV hash test vectors"). */
static void fnv1a_gives_the_published_values(void **state)
{
    (void)state;
    assert_true(fnv("") == 0xcbf29ce484222325ULL);
    assert_true(fnv("a") == 0xaf63dc4c8601ec8cULL);
    assert_true(fnv("b") == 0xaf63df4c8601f1a5ULL);
    assert_true(fnv("foobar") == 0x85944171f73967e8ULL);
}

static void fnv1a_continues_from_a_previous_value(void **state)
{
    (void)state;
    uint64_t h = nx__hash_fnv1a(NX__FNV_INIT, "foo", 3);
    assert_true(nx__hash_fnv1a(h, "bar", 3) == fnv("foobar"));
    assert_true(nx__hash_fnv1a(NX__FNV_INIT, "a\0b", 3) !=
                fnv("a")); /* the length counts, not NUL */
}

static void hex64_writes_sixteen_lower_case_digits(void **state)
{
    (void)state;
    char out[17];
    nx__hash_hex64(0x85944171f73967e8ULL, out);
    assert_string_equal(out, "85944171f73967e8");
    nx__hash_hex64(0, out);
    assert_string_equal(out, "0000000000000000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fnv1a_gives_the_published_values),
        cmocka_unit_test(fnv1a_continues_from_a_previous_value),
        cmocka_unit_test(hex64_writes_sixteen_lower_case_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
