/* sync: connection strings are checked before anything connects — a password in any form
 * (keyword or URI) is refused with a pointer to .pgpass, a string libpq cannot parse is a usage
 * error, and a server that is not there is a plain failure naming what failed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sync/sync.h"

static void test_passwords_refused(void **state)
{
    (void)state;
    const char *with_password[] = {
        "host=db dbname=bridgehold user=clinic_a password=secret",
        "postgresql://clinic_a:secret@db.example/bridgehold",
        "postgres://clinic_a@db.example/bridgehold?password=secret",
        "host=db password='two words'",
    };
    for (size_t i = 0; i < sizeof with_password / sizeof with_password[0]; i++) {
        SyncError err = {0};
        assert_false(sync_conninfo_check(with_password[i], &err));
        assert_int_equal(err.kind, SYNC_E_USAGE);
        assert_non_null(strstr(err.msg, "password"));
        assert_non_null(strstr(err.msg, ".pgpass"));
        /* and connecting refuses before it tries */
        SyncError cerr = {0};
        assert_null(sync_connect(with_password[i], &cerr));
        assert_int_equal(cerr.kind, SYNC_E_USAGE);
    }
}

static void test_valid_and_invalid(void **state)
{
    (void)state;
    SyncError err = {0};
    assert_true(sync_conninfo_check("host=db dbname=bridgehold user=clinic_a sslmode=require",
                                    &err));
    assert_true(sync_conninfo_check("postgresql://clinic_a@db.example:5433/bridgehold", &err));
    assert_true(sync_conninfo_check("service=bridgehold", &err));
    assert_true(sync_conninfo_check("host=db password=", &err)); /* empty: none given */
    assert_false(sync_conninfo_check("host=db nosuchkeyword=1", &err));
    assert_int_equal(err.kind, SYNC_E_USAGE);
    assert_non_null(strstr(err.msg, "nosuchkeyword"));
    assert_false(sync_conninfo_check("host='unterminated", &err));
    assert_int_equal(err.kind, SYNC_E_USAGE);
    assert_false(sync_conninfo_check("", &err));
    assert_int_equal(err.kind, SYNC_E_USAGE);
}

static void test_no_server(void **state)
{
    (void)state;
    SyncError err = {0};
    /* a socket folder with no server in it: fails at once, says so */
    assert_null(sync_connect("host=/nonexistent-bridgehold-socket dbname=x user=clinic_a",
                             &err));
    assert_int_equal(err.kind, SYNC_E_SERVER);
    assert_non_null(strstr(err.msg, "cannot connect to the clinic server"));
    assert_non_null(strstr(err.msg, "/nonexistent-bridgehold-socket"));
    assert_null(strchr(err.msg, '\n')); /* one line */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passwords_refused),
        cmocka_unit_test(test_valid_and_invalid),
        cmocka_unit_test(test_no_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
