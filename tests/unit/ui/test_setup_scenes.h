/* test_setup_scenes: the tests of test_setup_helpers.c, run from test_setup_scenes.c's main. */
#pragma once

/* Writes text to path (a broken calibration file). */
void setup_write_file(const char *path, const char *text);

void test_calstore_round_trip_and_names(void **state);
void test_broken_calibration_files(void **state);
void test_schedule(void **state);
void test_windows_and_words(void **state);
void test_retest_due(void **state);
void test_mvc_consistency_uses_rules(void **state);
