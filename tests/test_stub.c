/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Xapian stub files (lib/store/stub.c): the forms Xapian documents, comments, relative paths, the
 * shard list of a sharded index, and the errors. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/stub.h"

static char *write_stub(const nxt_env *f, const char *text)
{
    mkdir(f->dir, 0777);
    char *file = nxt_path(f->dir, "cluster.stub");
    nxt_write(file, text, (size_t)-1);
    return file;
}

static void parses_local_and_remote_lines(void **state)
{
    nxt_env *f = *state;
    char *file = write_stub(f, "# a comment\n\n  auto shards/shard-0  \nglass /abs/db\n"
                               "remote 10.0.0.2:7001\r\nchert rel\n");
    nx__stub s;
    assert_int_equal(nx__stub_parse(&s, file), NX_OK);
    assert_int_equal(s.n, 4);
    char *want = nxt_path(f->dir, "shards/shard-0"); /* relative to the stub's folder */
    assert_false(s.e[0].remote);
    assert_string_equal(s.e[0].path, want);
    assert_string_equal(s.e[0].shown, "shards/shard-0");
    assert_string_equal(s.e[1].path, "/abs/db");
    assert_true(s.e[2].remote);
    assert_string_equal(s.e[2].host, "10.0.0.2");
    assert_int_equal(s.e[2].port, 7001);
    assert_string_equal(s.e[2].shown, "10.0.0.2:7001");
    assert_false(s.e[3].remote);
    nx__stub_release(&s);
    free(want);
    free(file);
}

static void bad_lines_are_named(void **state)
{
    nxt_env *f = *state;
    nx__stub s;
    char *file = write_stub(f, "auto a\nremote host-without-port\n");
    assert_int_equal(nx__stub_parse(&s, file), NX_ECORRUPT);
    assert_non_null(
        strstr(nx_error_last()->message, "cluster.stub':2: expected 'remote HOST:PORT'"));
    assert_int_equal(s.n, 0);
    free(file);
    file = write_stub(f, "remote h:99999\n");
    assert_int_equal(nx__stub_parse(&s, file), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "bad port in 'h:99999'"));
    free(file);
    file = write_stub(f, "remote :xapian-progsrv db\n");
    assert_int_equal(nx__stub_parse(&s, file), NX_EINVAL);
    free(file);
    file = write_stub(f, "# nothing\n");
    assert_int_equal(nx__stub_parse(&s, file), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "lists no database"));
    free(file);
    char *missing = nxt_path(f->dir, "absent.stub");
    assert_int_equal(nx__stub_parse(&s, missing), NX_EIO);
    free(missing);
}

static void written_shard_stub_reads_back_as_shards(void **state)
{
    nxt_env *f = *state;
    mkdir(f->path, 0777);
    assert_int_equal(nx__stub_write_shards(f->path, 3), NX_OK);
    char *file = NULL;
    assert_int_equal(nx__stub_locate(&file, f->path), NX_OK); /* the directory's XAPIANDB */
    assert_non_null(file);
    nx__stub s;
    assert_int_equal(nx__stub_parse(&s, file), NX_OK);
    assert_int_equal(nx__stub_shards(&s, f->path), 3);
    assert_int_equal(nx__stub_shards(&s, f->dir), 0); /* shards of another folder: no */
    nx__stub_release(&s);
    free(file);

    char *other = write_stub(f, "auto idx/shard-1\nauto idx/shard-0\n"); /* out of order */
    assert_int_equal(nx__stub_parse(&s, other), NX_OK);
    assert_int_equal(nx__stub_shards(&s, f->path), 0);
    nx__stub_release(&s);
    free(other);

    char *plain = nxt_path(f->dir, "plain");
    mkdir(plain, 0777);
    file = (char *)&file;
    assert_int_equal(nx__stub_locate(&file, plain), NX_OK); /* a folder without XAPIANDB */
    assert_null(file);
    free(plain);
}

static char *write_named(const nxt_env *f, const char *name, const char *text)
{
    char *file = nxt_path(f->dir, name);
    nxt_write(file, text, (size_t)-1);
    return file;
}

/* Opening a stub in a loop is NX_ECORRUPT with the loop named, not a stack overflow in Xapian,
 * which follows stubs without a limit. */
static void assert_open_refused(const char *file, const char *why)
{
    nx_db *db = (nx_db *)&db;
    assert_int_equal(nx_db_open(&db, file, NULL), NX_ECORRUPT);
    assert_null(db);
    if (!strstr(nx_error_last()->message, why))
        fail_msg("message lacks \"%s\": %s", why, nx_error_last()->message);
}

static void stubs_in_a_loop_are_refused_naming_the_loop(void **state)
{
    const nxt_env *f = *state;
    char *self = write_named(f, "loop.stub", "auto loop.stub\n");
    assert_open_refused(self, "lists itself");
    assert_open_refused(self, "loop.stub");
    char *a = write_named(f, "a.stub", "auto b.stub\n");
    char *b = write_named(f, "b.stub", "auto a.stub\n");
    assert_open_refused(a, "stub files in a loop: ");
    assert_open_refused(a, "a.stub' lists '");
    assert_open_refused(a, "b.stub', which lists '");
    char *sub = nxt_path(f->dir, "sub"), *xdb = nxt_path(f->dir, "sub/XAPIANDB");
    mkdir(sub, 0777);
    nxt_write(xdb, "auto ../sub\n", (size_t)-1); /* a folder whose XAPIANDB lists the folder */
    assert_open_refused(sub, "lists itself");
    free(self);
    free(a);
    free(b);
    free(sub);
    free(xdb);
}

static void stubs_nested_too_deep_are_refused(void **state)
{
    const nxt_env *f = *state;
    char name[32], text[64];
    for (int i = 0; i <= NX__STUB_MAX_DEPTH + 1; i++) {
        snprintf(name, sizeof name, "s%d.stub", i);
        snprintf(text, sizeof text, "auto s%d.stub\n", i + 1);
        free(write_named(f, name, text));
    }
    char *first = nxt_path(f->dir, "s0.stub");
    assert_int_equal(nx__stub_check_nesting(first), NX_ECORRUPT);
    assert_non_null(strstr(nx_error_last()->message, "nested more than"));
    assert_open_refused(first, "s0.stub': stub files nested more than");
    char *ok = nxt_path(f->dir, "s10.stub"); /* 8 deep, then a missing database */
    assert_int_equal(nx__stub_check_nesting(ok), NX_OK);
    free(first);
    free(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(parses_local_and_remote_lines, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(bad_lines_are_named, nxt_env_setup, nxt_env_teardown),
        cmocka_unit_test_setup_teardown(written_shard_stub_reads_back_as_shards, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(stubs_in_a_loop_are_refused_naming_the_loop, nxt_env_setup,
                                        nxt_env_teardown),
        cmocka_unit_test_setup_teardown(stubs_nested_too_deep_are_refused, nxt_env_setup,
                                        nxt_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
