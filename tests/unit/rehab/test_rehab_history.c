/* rehab/history: the History CSV — columns by name, decimals and empty answers, date order,
 * level ids checked against the ladder, and every bad row reported at its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rehab_fixture.h"

#define HEADER "date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning\n"

static Level g_storage[12];
static Ladder g_ladder;
static History g_h;
static Diag g_d;

static bool parse(const char *text, const Ladder *ladder)
{
    history_free(&g_h);
    diag_free(&g_d);
    diag_init(&g_d);
    return history_parse_string("h.csv", text, ladder, &g_h, &g_d);
}

static void expect_only(const char *text, const char *want)
{
    bool ok = parse(text, &g_ladder);
    if (ok || g_d.count != 1 || strcmp(g_d.msgs[0], want) != 0) {
        diag_print(&g_d, stderr);
        fail_msg("want only: %s", want);
    }
}

static void test_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(history_day_number(1970, 1, 1), 0);
    assert_int_equal(history_day_number(1970, 1, 2), 1);
    assert_int_equal(history_day_number(1969, 12, 31), -1);
    assert_int_equal(history_day_number(2000, 3, 1) - history_day_number(2000, 2, 28), 2);
    assert_int_equal(history_day_number(2100, 3, 1) - history_day_number(2100, 2, 28), 1);
    assert_int_equal(history_day_number(2025, 1, 1) - history_day_number(2024, 1, 1), 366);
    SessionRecord r;
    assert_true(history_parse_date("2024-02-29", &r));
    assert_false(history_parse_date("2025-02-29", &r));
    assert_false(history_parse_date("2025-13-01", &r));
    assert_false(history_parse_date("2025-1-01", &r));
    assert_false(history_parse_date("25-01-01xx", &r));
}

static void test_good_history(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF# exported\r\n"
                       "Level,extra,Date,quality_pct,pain_before,pain_during,pain_after,"
                       "pain_next_morning\r\n"
                       "\r\n"
                       "L02,x,2025-03-03,85,2,3,2,2\r\n"
                       "\"L02\",\"y, z\",2025-03-05,75.5,1.5,4,3,\r\n"
                       "L03,,2025-03-05,,0,,,0\r\n";
    bool ok = parse(text, &g_ladder);
    diag_print(&g_d, stderr);
    assert_true(ok);
    assert_int_equal(g_h.count, 3);
    const SessionRecord *r = &g_h.rows[1];
    assert_string_equal(r->level, "L02");
    assert_int_equal(r->year, 2025);
    assert_int_equal(r->month, 3);
    assert_int_equal(r->day, 5);
    assert_int_equal(r->line, 5);
    assert_true(r->quality_pct == 75.5 && r->pain_before == 1.5 && r->pain_during == 4);
    assert_true(isnan(r->pain_next_morning));
    r = &g_h.rows[2];
    assert_true(isnan(r->quality_pct) && isnan(r->pain_during) && isnan(r->pain_after));
    assert_true(r->pain_next_morning == 0);
}

static void test_the_stores_export_reads(void **state)
{
    (void)state;
    /* What `bridgehold report --out x.csv` writes (tests/unit/store) is what `plan` reads. */
    Diag d;
    diag_init(&d);
    History h;
    bool ok = history_load(BH_SOURCE_DIR "/tests/unit/store/history_expected.csv", &g_ladder, &h,
                           &d);
    diag_print(&d, stderr);
    assert_true(ok);
    assert_true(h.count >= 1);
    history_free(&h);
    diag_free(&d);
}

static void test_bad_rows_have_lines(void **state)
{
    (void)state;
    expect_only(HEADER "2025-02-30,L01,80,1,1,1,1\n",
                "h.csv:2: date '2025-02-30' is not a date like 2025-03-07");
    expect_only(HEADER "2025-03-01,L01,80,1,11,1,1\n",
                "h.csv:2: pain_during = 11 is out of range: it must be from 0 to 10 (pain is "
                "rated 0–10)");
    expect_only(HEADER "2025-03-01,L01,80,-1,1,1,1\n",
                "h.csv:2: pain_before = -1 is out of range: it must be from 0 to 10 (pain is "
                "rated 0–10)");
    expect_only(HEADER "2025-03-01,L01,80,1,1,1,two\n",
                "h.csv:2: pain_next_morning: 'two' is not a number");
    expect_only(HEADER "2025-03-01,L01,120,1,1,1,1\n",
                "h.csv:2: quality_pct = 120 is out of range: it must be from 0 to 100 (%)");
    expect_only(HEADER "2025-03-01,L01,80,1,1,1\n", "h.csv:2: has 6 fields; the header has 7");
    expect_only(HEADER "2025-03-01,L99,80,1,1,1,1\n",
                "h.csv:2: level 'L99' is not in the ladder (L01 to L12)");
    expect_only(HEADER "2025-03-01,,80,1,1,1,1\n", "h.csv:2: level is empty");
    expect_only(HEADER "2025-03-05,L01,80,1,1,1,1\n# c\n2025-03-04,L01,80,1,1,1,1\n",
                "h.csv:4: date 2025-03-04 is before the row above (2025-03-05, line 2); rows "
                "must be in date order");
    expect_only(HEADER "2025-03-01,\"L01,80,1,1,1,1\n",
                "h.csv:2: a quoted field has no closing quote");
    expect_only("date,level,quality_pct,pain_before,pain_during,pain_after\n",
                "h.csv:1: the header has no 'pain_next_morning' column (a history needs date, "
                "level, quality_pct, pain_before, pain_during, pain_after, pain_next_morning)");
    expect_only("# nothing\n\n", "h.csv:2: has no header line (date,level,quality_pct,"
                                 "pain_before,pain_during,pain_after,pain_next_morning)");
    /* one message per bad row; the good rows are kept */
    assert_false(parse(HEADER "2025-03-01,L01,80,1,1,1,1\n2025-03-02,L01,80,1,99,1,1\n"
                              "2025-03-03,L01,80,1,1,1,x\n2025-03-04,L01,80,1,1,1,1\n",
                       &g_ladder));
    assert_int_equal(g_d.count, 2);
    assert_int_equal(g_h.count, 2);
}

static void test_without_a_ladder_any_id(void **state)
{
    (void)state;
    assert_true(parse(HEADER "2025-03-01,L99,80,1,1,1,1\n2025-03-01,custom-2,80,1,1,1,1\n", NULL));
    assert_int_equal(g_h.count, 2);
    assert_string_equal(g_h.rows[1].level, "custom-2");
}

/* Issue 8: the source column. Practice rows are checked, then skipped, as the game skips them;
 * a file without the column is all live. */
static void test_source_column_skips_practice(void **state)
{
    (void)state;
    const char *x = "date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,"
                    "source,sets_done,sets_prescribed,measure\n"
                    "2025-03-01,L01,80,1,1,1,1,live,3,3,force\n"
                    "2025-03-02,L10,99,,,,,sim,1,3,force\n"
                    "2025-03-03,L01,80,1,1,1,1,Live,2,4,self_timed\n"
                    "2025-03-03,L01,80,1,1,1,1,replay,,,\n"
                    "2025-03-04,L12,80,1,1,1,1,demo,3,3,angle\n"
                    "2025-03-05,L01,80,1,1,1,1,capture,3,,none\n";
    assert_true(parse(x, &g_ladder));
    assert_int_equal(g_h.count, 2);
    assert_int_equal(g_h.practice_skipped, 4);
    assert_int_equal(g_h.rows[0].sets_done, 3);
    assert_int_equal(g_h.rows[1].sets_done, 2);
    assert_int_equal(g_h.rows[1].sets_prescribed, 4);
    assert_false(g_h.rows[0].self_timed);
    assert_true(g_h.rows[1].self_timed);
    /* without the column: all live, sets unknown */
    assert_true(parse(HEADER "2025-03-01,L01,80,1,1,1,1\n", &g_ladder));
    assert_int_equal(g_h.count, 1);
    assert_int_equal(g_h.practice_skipped, 0);
    assert_int_equal(g_h.rows[0].sets_prescribed, 0);
    /* the optional columns are checked like the others */
    expect_only("date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,"
                "source\n2025-03-01,L01,80,1,1,1,1,\n",
                "h.csv:2: source is empty (live, or sim, replay, capture or demo for practice)");
    expect_only("date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,"
                "sets_done\n2025-03-01,L01,80,1,1,1,1,two\n",
                "h.csv:2: sets_done: 'two' is not a number of sets (0 to 1000)");
    expect_only("date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,"
                "measure\n2025-03-01,L01,80,1,1,1,1,newtons\n",
                "h.csv:2: measure 'newtons' is not one of force, angle, self_timed, none");
    /* a practice row is still checked: a bad level is an error */
    expect_only("date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,"
                "source\n2025-03-01,L99,80,1,1,1,1,sim\n",
                "h.csv:2: level 'L99' is not in the ladder (L01 to L12)");
}

static void test_missing_file(void **state)
{
    (void)state;
    History h;
    Diag d;
    diag_init(&d);
    assert_false(history_load("/nonexistent/h.csv", NULL, &h, &d));
    assert_non_null(strstr(diag_first(&d), "/nonexistent/h.csv: cannot open"));
    assert_int_equal(h.count, 0);
    diag_free(&d);
}

int main(void)
{
    fx_ladder(&g_ladder, g_storage, 12);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_good_history),
        cmocka_unit_test(test_the_stores_export_reads),
        cmocka_unit_test(test_bad_rows_have_lines),
        cmocka_unit_test(test_without_a_ladder_any_id),
        cmocka_unit_test(test_source_column_skips_practice),
        cmocka_unit_test(test_missing_file),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    history_free(&g_h);
    diag_free(&g_d);
    return rc;
}
