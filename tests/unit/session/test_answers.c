/* session/answers: the headless answers file, and its errors with line numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "session/answers.h"

static void test_good_file(void **state)
{
    (void)state;
    Answers a;
    Diag d;
    diag_init(&d);
    assert_true(answers_parse_string("a.txt",
                                     "# comment\nred_flags = no\npain_before = 2\n"
                                     "pain_set = 1, 2,3\npain_after = 4\npractice = yes\n",
                                     &a, &d));
    assert_false(diag_has_errors(&d));
    assert_true(a.has_red_flags);
    assert_false(a.red_flags);
    assert_int_equal(a.pain_before, 2);
    assert_int_equal(answers_pain_for_set(&a, 1), 1);
    assert_int_equal(answers_pain_for_set(&a, 3), 3);
    assert_int_equal(answers_pain_for_set(&a, 4), -1);
    assert_int_equal(a.pain_after, 4);
    assert_true(a.practice);
    diag_free(&d);
}

static void test_single_set_value_applies_to_all(void **state)
{
    (void)state;
    Answers a;
    Diag d;
    diag_init(&d);
    assert_true(answers_parse_string("a.txt", "pain_set = 2\n", &a, &d));
    assert_int_equal(answers_pain_for_set(&a, 1), 2);
    assert_int_equal(answers_pain_for_set(&a, 9), 2);
    diag_free(&d);
}

static void expect_error(const char *text, const char *msg)
{
    Answers a;
    Diag d;
    diag_init(&d);
    assert_false(answers_parse_string("a.txt", text, &a, &d));
    assert_true(diag_has_errors(&d));
    if (!strstr(diag_first(&d), msg))
        fail_msg("got '%s', wanted '%s'", diag_first(&d), msg);
    diag_free(&d);
}

static void test_errors_name_the_line(void **state)
{
    (void)state;
    expect_error("red_flags = no\npain_before = 11\n", "a.txt:2: pain_before: '11'");
    expect_error("pain_before = two\n", "a.txt:1: pain_before");
    expect_error("red_flags = maybe\n", "a.txt:1: red_flags: 'maybe' should be yes or no");
    expect_error("\n\nfavourite = blue\n", "a.txt:3: unknown key 'favourite'");
    expect_error("pain_set = 1,,x\n", "a.txt:1: pain_set");
    expect_error("this is not a key value line\n", "a.txt:1: cannot read this line");
    expect_error("[answers]\npain_before = 1\n", "a.txt:2: sections are not used");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_single_set_value_applies_to_all),
        cmocka_unit_test(test_errors_name_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
