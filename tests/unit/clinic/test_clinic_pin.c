/* clinic: the clinician PIN — what is acceptable, that only an Argon2id hash is stored, that a
 * right PIN opens and a wrong one is refused, and that wrong attempts are slowed increasingly
 * with the count kept in the database, so another process (a restart) is slowed the same.
 * Times are passed in (milliseconds), so the test never sleeps; the slowing test stores a
 * minimum-cost Argon2id hash so its eight checks stay fast (the first test uses the real cost). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clinic/clinic.h"
#include "store_test_util.h"

#define PIN "246810"
#define T0 ((int64_t)1780000000000)
/* A wrong PIN's wait runs from the end of its check: the minimum-cost hash takes well under
 * this on any machine, so the waits below are exact up to it. */
#define SLACK_MS 500

typedef struct Fixture {
    char *dir;
    Store *s;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->s = tu_store_fresh(&f->dir);
    if (!f->s)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    tu_store_drop(f->s, f->dir);
    free(f);
    return 0;
}

static bool contains(const unsigned char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    }
    return false;
}

static ClinicPinResult check(Fixture *f, const char *pin, int64_t at, int64_t *wait)
{
    char msg[256];
    return clinic_pin_check(f->s, pin, at, wait, msg, sizeof msg);
}

static long long failures(Fixture *f)
{
    return tu_sql_int(store_path(f->s), "SELECT failures FROM clinician");
}

static void test_delay_policy(void **state)
{
    (void)state;
    assert_int_equal(clinic_pin_delay_ms(0), 0);
    assert_int_equal(clinic_pin_delay_ms(1), 1000);
    assert_int_equal(clinic_pin_delay_ms(2), 2000);
    assert_int_equal(clinic_pin_delay_ms(3), 4000);
    assert_int_equal(clinic_pin_delay_ms(5), 16000);
    assert_int_equal(clinic_pin_delay_ms(6), 30000);
    assert_int_equal(clinic_pin_delay_ms(1000), 30000);
}

static void test_acceptable_and_hashed(void **state)
{
    Fixture *f = *state;
    char msg[256];
    int64_t wait;
    assert_int_equal(check(f, PIN, T0, &wait), CLINIC_PIN_NOT_SET);
    assert_false(clinic_pin_acceptable("12345", msg, sizeof msg));
    assert_non_null(strstr(msg, "at least 6"));
    assert_false(clinic_pin_acceptable("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", msg,
                                       sizeof msg)); /* five characters in ten bytes */
    assert_false(clinic_pin_acceptable("12345\t6", msg, sizeof msg));
    assert_true(clinic_pin_acceptable("correct horse", msg, sizeof msg));
    assert_false(clinic_pin_set(f->s, "Dr Lee", "123", msg, sizeof msg));
    bool set = true;
    assert_true(clinic_pin_is_set(f->s, &set));
    assert_false(set);

    assert_true(clinic_pin_set(f->s, "Dr Lee", PIN, msg, sizeof msg));
    assert_true(clinic_pin_is_set(f->s, &set));
    assert_true(set);
    /* only the Argon2id string is stored, never the PIN */
    const char *db = store_path(f->s);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM clinician WHERE pin_hash LIKE "
                                    "'$argon2id$%' AND instr(pin_hash, '" PIN "') = 0"),
                     1);
    size_t n;
    unsigned char *raw = tu_read_file(db, &n);
    assert_non_null(raw);
    assert_false(contains(raw, n, PIN));
    free(raw);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM audit_log WHERE action = 'pin_set' "
                                    "AND actor = 'Dr Lee'"),
                     1);
    assert_int_equal(check(f, PIN, T0, &wait), CLINIC_PIN_OK);
    assert_int_equal(failures(f), 0);
}

/* Runs one PIN check in a new process with its own connection; returns the result. */
static int check_in_child(const char *dir, const char *pin, int64_t at)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        StoreError err;
        Store *s = store_open(dir, &err);
        if (!s)
            _exit(100);
        char msg[256];
        int64_t wait;
        ClinicPinResult r = clinic_pin_check(s, pin, at, &wait, msg, sizeof msg);
        store_close(s);
        _exit((int)r);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_wrong_attempts_slowed(void **state)
{
    Fixture *f = *state;
    char msg[256];
    int64_t wait;
    assert_true(
        clinic_pin_set_cost(f->s, "Dr Lee", PIN, CLINIC_PIN_COST_TEST_MINIMUM, msg, sizeof msg));
    /* first wrong: refused, and the next try must wait 1 s */
    assert_int_equal(clinic_pin_check(f->s, "111111", T0, &wait, msg, sizeof msg),
                     CLINIC_PIN_WRONG);
    assert_int_equal(wait, 1000);
    assert_non_null(strstr(msg, "wrong PIN"));
    /* too soon: refused unchecked — even the right PIN — and not counted */
    assert_int_equal(check(f, PIN, T0 + 400, &wait), CLINIC_PIN_WAIT);
    assert_in_range(wait, 600, 600 + SLACK_MS); /* from the end of the wrong check */
    assert_int_equal(failures(f), 1);
    /* the second wrong one doubles the wait, the third doubles it again */
    assert_int_equal(check(f, "222222", T0 + 1000 + SLACK_MS, &wait), CLINIC_PIN_WRONG);
    assert_int_equal(wait, 2000);
    assert_int_equal(check(f, PIN, T0 + 3400, &wait), CLINIC_PIN_WAIT);
    assert_in_range(wait, 100, 100 + SLACK_MS);
    assert_int_equal(check(f, "333333", T0 + 3500 + SLACK_MS, &wait), CLINIC_PIN_WRONG);
    assert_int_equal(wait, 4000);
    assert_int_equal(failures(f), 3);

    /* another process (a restart) is held to the same wait: the count is in the database */
    assert_int_equal(check_in_child(f->dir, PIN, T0 + 7000), CLINIC_PIN_WAIT);
    assert_int_equal(check_in_child(f->dir, "444444", T0 + 8000 + 2 * SLACK_MS),
                     CLINIC_PIN_WRONG);
    assert_int_equal(failures(f), 4);
    assert_int_equal(check(f, PIN, T0 + 16000, &wait), CLINIC_PIN_WAIT);
    assert_in_range(wait, 1000, 1000 + SLACK_MS); /* 8 s after T0 + 9000 */

    /* the right PIN after the wait opens and resets the count */
    assert_int_equal(check_in_child(f->dir, PIN, T0 + 17000 + SLACK_MS), CLINIC_PIN_OK);
    assert_int_equal(failures(f), 0);
    assert_int_equal(check(f, "555555", T0 + 17001 + SLACK_MS, &wait), CLINIC_PIN_WRONG);
    assert_int_equal(wait, 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delay_policy),
        cmocka_unit_test_setup_teardown(test_acceptable_and_hashed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_attempts_slowed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
