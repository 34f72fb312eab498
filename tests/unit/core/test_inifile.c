/* ini/inifile: every key arrives with its own line number, and malformed or over-long lines are
 * reported where they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ini/inifile.h"

typedef struct Seen {
    char keys[16][64];
    int lines[16];
    int n;
} Seen;

static void collect(void *user, const char *section, const char *key, const char *value,
                    int line)
{
    Seen *s = user;
    if (s->n < 16) {
        snprintf(s->keys[s->n], 64, "%s.%s=%s", section, key, value);
        s->lines[s->n++] = line;
    }
}

static void test_lines_are_counted(void **state)
{
    (void)state;
    Seen s = {0};
    Diag d;
    diag_init(&d);
    int n = 0;
    assert_true(ini_read_string("t.ini", "; c\n[level]\nid = L01\n\n# x\n[dose]\nsets=5 ; five\n",
                                collect, &s, &d, &n));
    assert_int_equal(s.n, 2);
    assert_string_equal(s.keys[0], "level.id=L01");
    assert_int_equal(s.lines[0], 3);
    assert_string_equal(s.keys[1], "dose.sets=5");
    assert_int_equal(s.lines[1], 7);
    assert_int_equal(n, 7);
    diag_free(&d);
}

static void test_bad_line_reported(void **state)
{
    (void)state;
    Seen s = {0};
    Diag d;
    diag_init(&d);
    assert_false(ini_read_string("t.ini", "[a]\nk = v\nno equals sign here\n", collect, &s, &d,
                                 NULL));
    assert_non_null(strstr(diag_first(&d), "t.ini:3: cannot read this line"));
    diag_free(&d);
}

static void test_long_line_reported_and_lines_stay_right(void **state)
{
    (void)state;
    char text[1024];
    char big[400];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    snprintf(text, sizeof text, "[a]\nlong = %s\nafter = 1\n", big);
    Seen s = {0};
    Diag d;
    diag_init(&d);
    assert_false(ini_read_string("t.ini", text, collect, &s, &d, NULL));
    assert_non_null(strstr(diag_first(&d), "t.ini:2: line is longer than"));
    assert_int_equal(s.n, 1);
    assert_string_equal(s.keys[0], "a.after=1");
    assert_int_equal(s.lines[0], 3);
    diag_free(&d);
}

static void test_missing_file(void **state)
{
    (void)state;
    Seen s = {0};
    Diag d;
    diag_init(&d);
    assert_false(ini_read_file("/nonexistent/x.ini", collect, &s, &d, NULL));
    assert_non_null(strstr(diag_first(&d), "/nonexistent/x.ini: cannot open"));
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_are_counted),
        cmocka_unit_test(test_bad_line_reported),
        cmocka_unit_test(test_long_line_reported_and_lines_stay_right),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
