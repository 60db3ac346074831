/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"
#include "newsidx.h"
#include "util/u64set.h"

static void varints_round_trip_and_reject_truncation(void **state)
{
    (void)state;
    nx__buf b = NX__BUF_INIT;
    unsigned long long vals[] = {0, 1, 127, 128, 300, 1ULL << 35, ~0ULL};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(nx__buf_put_varint(&b, vals[i]), NX_OK);
    assert_int_equal(nx__buf_put_bytes(&b, "xyz", 3), NX_OK);
    const char *p = b.data, *end = b.data + b.len;
    for (size_t i = 0; i < 7; i++) {
        unsigned long long v;
        assert_int_equal(nx__buf_get_varint(&p, end, &v), 0);
        assert_true(v == vals[i]);
    }
    const char *data;
    size_t len;
    assert_int_equal(nx__buf_get_bytes(&p, end, &data, &len), 0);
    assert_int_equal(len, 3);
    assert_memory_equal(data, "xyz", 3);
    unsigned long long v;
    const char *two = b.data + 3; /* 128 is two bytes at offset 3: cut after the first */
    assert_int_equal(nx__buf_get_varint(&two, b.data + 4, &v), -1);
    nx__buf_release(&b);
}

static void printf_and_detach(void **state)
{
    (void)state;
    nx__buf b = NX__BUF_INIT;
    assert_int_equal(nx__buf_printf(&b, "%s-%d", "a", 42), NX_OK);
    assert_int_equal(nx__buf_printf(&b, "%0500d", 7), NX_OK);
    assert_int_equal(b.len, 504);
    char *s = nx__buf_detach(&b);
    assert_int_equal(strncmp(s, "a-4200", 6), 0);
    assert_null(b.data);
    nx_free(s);
}

static void grow_doubles_and_refuses_overflow(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 100; n++) {
        int *g = nx__buf_grow(a, n, &cap, sizeof *g, 4);
        assert_non_null(g);
        a = g;
        a[n] = (int)n;
        assert_true(cap > n);
    }
    assert_int_equal(cap, 128); /* 4, 8, ... 128 */
    for (size_t n = 0; n < 100; n++)
        assert_int_equal(a[n], (int)n);
    assert_ptr_equal(nx__buf_grow(a, 100, &cap, sizeof *a, 4), a); /* room left: no realloc */
    size_t huge = (size_t)-1 / 2;
    assert_null(nx__buf_grow(a, huge, &huge, sizeof *a, 4)); /* the doubled size would overflow */
    assert_int_equal(nx_error_last()->code, NX_ENOMEM);
    assert_int_equal(huge, (size_t)-1 / 2);
    assert_int_equal(a[99], 99); /* the array is untouched */
    free(a);
}

static void u64set_holds_zero_and_many(void **state)
{
    (void)state;
    nx__u64set s;
    nx__u64set_init(&s);
    assert_false(nx__u64set_has(&s, 0));
    assert_int_equal(nx__u64set_add(&s, 0), NX_OK);
    for (uint64_t i = 1; i <= 10000; i++)
        assert_int_equal(nx__u64set_add(&s, i * 7919), NX_OK);
    assert_int_equal(nx__u64set_add(&s, 7919), NX_OK); /* again */
    assert_int_equal(nx__u64set_size(&s), 10001);
    assert_true(nx__u64set_has(&s, 0));
    assert_true(nx__u64set_has(&s, 5000 * 7919));
    assert_false(nx__u64set_has(&s, 5));
    nx__u64set_release(&s);
}

/* A '\n'-separated list: lines in order, whole-line membership (no prefix or substring match),
 * an empty list has no line, an empty line is a line. */
static void line_lists(void **state)
{
    (void)state;
    nx__buf l = NX__BUF_INIT;
    size_t at = 0, len;
    const char *line;
    assert_false(nx__buf_next_line(&l, &at, &line, &len));
    assert_false(nx__buf_has_line(&l, "putin", 5));
    assert_int_equal(nx__buf_add_line(&l, "putin", 5), NX_OK);
    assert_int_equal(nx__buf_add_line(&l, "lavrov", 6), NX_OK);
    assert_int_equal(nx__buf_add_line(&l, "", 0), NX_OK);
    assert_string_equal(l.data, "putin\nlavrov\n");
    assert_true(nx__buf_has_line(&l, "lavrov", 6));
    assert_false(nx__buf_has_line(&l, "lav", 3));
    assert_false(nx__buf_has_line(&l, "putin\nlavrov", 12));
    const char *want[] = {"putin", "lavrov"};
    for (int i = 0; i < 2; i++) {
        assert_true(nx__buf_next_line(&l, &at, &line, &len));
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(line, want[i], len);
    }
    /* The trailing empty line: the list ends with '\n', so there is nothing after it. */
    assert_false(nx__buf_next_line(&l, &at, &line, &len));
    nx__buf_release(&l);
}

static void hex_and_fnv_are_stable(void **state)
{
    (void)state;
    char hex[17];
    nx__hash_hex64(0x0123456789abcdefULL, hex);
    assert_string_equal(hex, "0123456789abcdef");
    /* FNV-1a 64 of "a", a published test vector */
    assert_true(nx__hash_fnv1a(NX__FNV_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(varints_round_trip_and_reject_truncation),
        cmocka_unit_test(printf_and_detach),
        cmocka_unit_test(grow_doubles_and_refuses_overflow),
        cmocka_unit_test(u64set_holds_zero_and_many),
        cmocka_unit_test(hex_and_fnv_are_stable),
        cmocka_unit_test(line_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
