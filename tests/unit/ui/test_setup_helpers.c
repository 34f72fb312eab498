/* The pure-helper half of test_setup_scenes: the calibration file (names, round trip, broken
 * files as file:line), the MVC test's schedule and arithmetic, and the retest rule. No window,
 * no game: these run from test_setup_scenes.c's main. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehab/retest.h"
#include "sensor/calfile.h"
#include "session/mvc_protocol.h"
#include "test_setup_scenes.h"
#include "ui_game_util.h"

static void make_dir(char *dir, size_t cap)
{
    snprintf(dir, cap, "/tmp/bh-calstore-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

void setup_write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

void test_calstore_round_trip_and_names(void **state)
{
    (void)state;
    char dir[64];
    make_dir(dir, sizeof dir);
    SensorInfo si = {0};
    snprintf(si.kind, sizeof si.kind, "scale");
    snprintf(si.name, sizeof si.name, "DYMO M25 scale; (USB) #2");
    si.caps = SAMPLE_FORCE;
    char name[256], path[1024];
    calstore_file_name(&si, name, sizeof name);
    assert_string_equal(name, "calibration-scale-DYMO-M25-scale-USB-2.ini");
    assert_true(calstore_path("/data/bh/bridgehold.db", &si, path, sizeof path));
    assert_string_equal(path, "/data/bh/calibration-scale-DYMO-M25-scale-USB-2.ini");
    char db[512];
    snprintf(db, sizeof db, "%s/bridgehold.db", dir);
    assert_true(calstore_path(db, &si, path, sizeof path));
    Calibration c = {0.0123456789012345, -17.25}, back = {0};
    char err[256];
    bool found = true;
    Diag d;
    diag_init(&d);
    assert_true(calstore_load(path, &back, &found, &d)); /* missing: not an error */
    assert_false(found);
    assert_true(calstore_save(path, &si, &c, err, sizeof err));
    assert_true(calstore_save(path, &si, &c, err, sizeof err)); /* replaces it */
    assert_true(calstore_load(path, &back, &found, &d));
    assert_true(found);
    assert_int_equal(d.count, 0);
    assert_true(back.scale_n_per_count == c.scale_n_per_count && back.offset_n == c.offset_n);
    Calibration zero = {0, 1};
    assert_false(calstore_save(path, &si, &zero, err, sizeof err));
    diag_free(&d);
    unlink(path);
    rmdir(dir);
}

/* Each broken file: rejected with "path:line:" (or "path:" for a missing key), never applied. */
void test_broken_calibration_files(void **state)
{
    (void)state;
    char dir[64];
    make_dir(dir, sizeof dir);
    static const struct {
        const char *text;
        int line; /* 0: a whole-file message */
        const char *says;
    } cases[] = {
        {"[calibration]\nversion = 1\nscale_n_per_count = zero\noffset_n = 1\n", 3,
         "must be a number"},
        {"[calibration]\nversion = 1\nscale_n_per_count = 0\noffset_n = 1\n", 3, "must not be 0"},
        {"[calibration]\nversion = 2\nscale_n_per_count = 1\noffset_n = 1\n", 2, "newer"},
        {"[calibration]\nversion = 1\nscale_n_per_count = 1\n", 0, "missing 'offset_n'"},
        {"[calibration]\nversion = 1\nscale = 1\n", 3, "unknown key"},
        {"version = 1\n", 1, "outside"},
        {"[calibration]\nversion = 1\noffset_n = 1\noffset_n = 2\nscale_n_per_count = 1\n", 4,
         "twice"},
        {"[calibration\ngarbage\n", 1, ""},
        {"\x01\x02\xff\xfe binary junk = = =\n[", 0, ""},
    };
    char path[512];
    snprintf(path, sizeof path, "%s/broken.ini", dir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup_write_file(path, cases[i].text);
        Calibration c = {3, 4};
        bool found = false;
        Diag d;
        diag_init(&d);
        bool ok = calstore_load(path, &c, &found, &d);
        if (ok)
            fprintf(stderr, "case %zu was accepted\n", i);
        assert_false(ok);
        assert_true(found);
        assert_true(c.scale_n_per_count == 3 && c.offset_n == 4);
        char want[600];
        if (cases[i].line > 0)
            snprintf(want, sizeof want, "%s:%d: ", path, cases[i].line);
        else
            snprintf(want, sizeof want, "%s:", path);
        if (strncmp(diag_first(&d), want, strlen(want)) != 0 ||
            !strstr(diag_first(&d), cases[i].says))
            fprintf(stderr, "case %zu: got '%s'\n", i, diag_first(&d));
        assert_true(strncmp(diag_first(&d), want, strlen(want)) == 0);
        assert_non_null(strstr(diag_first(&d), cases[i].says));
        diag_free(&d);
    }
    unlink(path);
    rmdir(dir);
}

void test_schedule(void **state)
{
    (void)state;
    /* 3 s countdown, 5 s effort, 60 s to the next effort; 2 s relax after the last */
    assert_true(mvc_test_total_s() == 3 + 5 + 65 + 65 + 2);
    MvcStep s = mvc_test_step(1.0);
    assert_int_equal(s.kind, MVC_STEP_COUNTDOWN);
    assert_int_equal(s.effort, 0);
    assert_true(fabs(s.left_s - 2.0) < 1e-9);
    s = mvc_test_step(4.0);
    assert_int_equal(s.kind, MVC_STEP_EFFORT);
    assert_true(fabs(s.left_s - 4.0) < 1e-9);
    s = mvc_test_step(8.0); /* rest begins: 60 s until effort 2 */
    assert_int_equal(s.kind, MVC_STEP_REST);
    assert_int_equal(s.effort, 1);
    assert_true(fabs(s.until_s - 60.0) < 1e-9);
    s = mvc_test_step(66.5); /* the last 3 s of the rest are its countdown */
    assert_int_equal(s.kind, MVC_STEP_COUNTDOWN);
    assert_int_equal(s.effort, 1);
    s = mvc_test_step(mvc_test_effort_start_s(2) + 1);
    assert_int_equal(s.kind, MVC_STEP_EFFORT);
    assert_int_equal(s.effort, 2);
    s = mvc_test_step(mvc_test_total_s() - 1);
    assert_int_equal(s.kind, MVC_STEP_RELAX);
    s = mvc_test_step(mvc_test_total_s());
    assert_int_equal(s.kind, MVC_STEP_DONE);
    assert_true(s.progress == 1.0);
    assert_true(mvc_test_step(-5).progress == 0.0);
}

void test_windows_and_words(void **state)
{
    (void)state;
    ForcePoint pts[60];
    for (int i = 0; i < 60; i++)
        pts[i] = (ForcePoint){i * 0.5, i < 20 ? 100.0 + i : i < 40 ? 50.0 : 200.0, 0, 0, false};
    double start[3] = {0, 10, 20}, end[3] = {9.9, 19.9, 29.9};
    MvcResult r;
    assert_true(mvc_from_windows(pts, 60, start, end, 3, &r));
    assert_int_equal(r.efforts, 3);
    assert_true(r.peak_n[0] == 119 && r.peak_n[1] == 50 && r.peak_n[2] == 200);
    assert_true(r.best_n == 200);
    double empty_s[1] = {100}, empty_e[1] = {110};
    assert_false(mvc_from_windows(pts, 60, empty_s, empty_e, 1, &r)); /* no sample in it */
    assert_false(mvc_pain_limited(3));
    assert_true(mvc_pain_limited(4));
}

/* Efforts whose CV is above rules.ini's mvc_cv_retest_pct (10 %) are flagged and a retest is
 * offered; at the threshold they are not. */
void test_mvc_consistency_uses_rules(void **state)
{
    (void)state;
    UiPlaySpec spec = {.level = "L02"};
    Play *p = ui_play_new(&spec);
    const PlayState *st = play_state(p);
    assert_true(st->rules->mvc_cv_retest_pct == 10.0);
    play_record_mvc(p, 300, 10.0, false);
    assert_true(st->profile.mvc_n == 300);
    assert_false(st->profile.mvc_inconsistent);
    assert_false(st->mvc_retest_due);
    play_record_mvc(p, 310, 10.01, false);
    assert_true(st->profile.mvc_n == 310);
    assert_true(st->profile.mvc_inconsistent);
    assert_true(st->mvc_retest_due);
    play_record_mvc(p, 320, 4.0, false);
    assert_false(st->profile.mvc_inconsistent);
    play_free(p);
}

void test_retest_due(void **state)
{
    (void)state;
    const char *d = "2025-02-26", *lv = "L03";
    assert_true(mvc_retest_due(false, "", "", "2025-03-01", "L03")); /* never tested */
    assert_true(mvc_retest_due(false, d, lv, "2025-03-01", "L03"));
    assert_false(mvc_retest_due(true, d, lv, "2025-02-26", "L03"));     /* same day */
    assert_false(mvc_retest_due(true, d, lv, "2025-03-04", "L03"));     /* 6 days, across Feb */
    assert_true(mvc_retest_due(true, d, lv, "2025-03-05", "L03"));      /* 7 days */
    assert_true(mvc_retest_due(true, d, lv, "2025-02-27", "L04"));      /* a new level */
    assert_false(mvc_retest_due(true, d, lv, "2025-02-27", ""));        /* level unknown */
    assert_false(mvc_retest_due(true, d, lv, "not a date", "L03"));     /* only the level rule */
    assert_true(mvc_retest_due(true, "2024-12-29", lv, "2025-01-05", "L03")); /* across the year */
    assert_true(mvc_retest_due(true, "2025-13-01", lv, "2025-01-05", "L03")); /* unreadable date */
}
