/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Registered with WILL_FAIL: if a failing assertion did not fail the run, ctest reports it. */
#include "testutil.h"

static void failing_assertion_fails_the_run(void **state)
{
    (void)state;
    assert_int_equal(1, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(failing_assertion_fails_the_run)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
