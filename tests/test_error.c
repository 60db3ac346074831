/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"

#include <string.h>

#include "util/error.h"

/* A message may quote the last one: "context (previous message)". */
static void a_message_may_quote_the_last_one(void **state)
{
    (void)state;
    nx__error_set(NX_EIO, "'idx': EOF reading block %d", 414);
    assert_int_equal(
        nx__error_set(NX_ECORRUPT, "cannot repair: %s (%s)", "'idx'", nx_error_last()->message),
        NX_ECORRUPT);
    assert_string_equal(nx_error_last()->message,
                        "cannot repair: 'idx' ('idx': EOF reading block 414)");
    assert_int_equal(nx_error_last()->code, NX_ECORRUPT);
}

/* A message longer than the buffer is cut, never overrun. */
static void a_long_message_is_cut(void **state)
{
    (void)state;
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    nx__error_set(NX_EINVAL, "%s", big);
    size_t len = strlen(nx_error_last()->message);
    assert_true(len > 500 && len < sizeof big - 1);
    nx__error_set(NX_EINVAL, "again: %s", nx_error_last()->message);
    assert_int_equal(strncmp(nx_error_last()->message, "again: xxx", 10), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_message_may_quote_the_last_one),
        cmocka_unit_test(a_long_message_is_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
