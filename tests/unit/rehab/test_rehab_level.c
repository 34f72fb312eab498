/* rehab/level: the level parser reports every problem at its file:line, keeps documented
 * defaults, refuses newer versions, and the shipped ladder is the one CLINICAL.md describes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehab/level.h"

static const char BASE[] = "[level]\n"                  /* 1 */
                           "version = 1\n"              /* 2 */
                           "id = L07\n"                 /* 3 */
                           "name = Test level\n"        /* 4 */
                           "stage = reactive\n"         /* 5 */
                           "position = On the floor\n"  /* 6 */
                           "instructions = Lie down\n"  /* 7 */
                           "    and push.\n"            /* 8 */
                           "\n"                         /* 9 */
                           "[dose]\n"                   /* 10 */
                           "sets = 5\n"                 /* 11 */
                           "hold_s = 45\n"              /* 12 */
                           "rest_s = 120\n"             /* 13 */
                           "target = pct_mvc\n"         /* 14 */
                           "target_value = 60\n";       /* 15 */

/* BASE with `from` replaced by `to` (from must occur). */
static char *with(const char *from, const char *to)
{
    static char buf[4096];
    const char *at = strstr(BASE, from);
    assert_non_null(at);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - BASE), BASE, to, at + strlen(from));
    return buf;
}

typedef struct Parsed {
    Level lv;
    Diag d;
    bool ok;
} Parsed;

static Parsed *parse(const char *text)
{
    static Parsed p;
    diag_free(&p.d);
    diag_init(&p.d);
    p.ok = level_parse_string("t.ini", text, &p.lv, &p.d);
    return &p;
}

static void expect_msg(const Parsed *p, const char *want)
{
    for (size_t i = 0; i < p->d.count - p->d.dropped; i++) {
        if (strcmp(p->d.msgs[i], want) == 0)
            return;
    }
    diag_print(&p->d, stderr);
    fail_msg("missing message: %s", want);
}

/* Exactly one message, this one. */
static void expect_only(const char *text, const char *want)
{
    Parsed *p = parse(text);
    assert_false(p->ok);
    expect_msg(p, want);
    if (p->d.count != 1)
        diag_print(&p->d, stderr);
    assert_int_equal(p->d.count, 1);
}

static void test_good_level_and_defaults(void **state)
{
    (void)state;
    Parsed *p = parse(BASE);
    diag_print(&p->d, stderr);
    assert_true(p->ok);
    assert_int_equal(p->lv.version, 1);
    assert_string_equal(p->lv.id, "L07");
    assert_string_equal(p->lv.instructions, "Lie down and push.");
    assert_int_equal(p->lv.sets, 5);
    assert_true(p->lv.hold_s == 45 && p->lv.rest_s == 120 && p->lv.target_value == 60);
    assert_int_equal(p->lv.target_kind, TARGET_PCT_MVC);
    assert_true(p->lv.tolerance_pct == 10); /* documented default */
    assert_int_equal(p->lv.line_of_id, 3);
    assert_int_equal(p->lv.line_of_unlock, 0);
    assert_false(p->lv.unlock.has_green_pain_during_max);
    assert_true(fabs(level_target_value(&p->lv, 500, 0) - 300) < 1e-9);
    assert_true(isnan(level_target_value(&p->lv, 0, 0)));
}

static void test_unknown_section_and_key(void **state)
{
    (void)state;
    expect_only(with("[dose]\n", "[dose]\ncolour = red\n"),
                "t.ini:11: unknown key 'colour' in [dose]");
    expect_only(with("\n[dose]", "\n[extras]\nx = 1\n[dose]"),
                "t.ini:10: unknown section [extras] (a level has [level], [dose] and [unlock])");
    expect_only(with("sets = 5\n", "sets = 5\nstage = reactive\n"),
                "t.ini:12: stage belongs in [level], not [dose]");
    expect_only(with("[level]\n", "top = 1\n[level]\n"),
                "t.ini:1: 'top' is outside any section; put it under [level], [dose] or [unlock]");
}

static void test_missing_keys_at_section_or_last_line(void **state)
{
    (void)state;
    expect_only(with("sets = 5\n", ""), "t.ini:10: [dose] has no 'sets' (required)");
    expect_only(with("name = Test level\n", ""), "t.ini:1: [level] has no 'name' (required)");
    expect_only(with("version = 1\n", ""), "t.ini:1: [level] has no 'version' (required)");
    expect_only(with("target_value = 60\n", ""),
                "t.ini:10: [dose] has no 'target_value' (required)");
    /* a missing section is reported at the last line */
    const char *no_dose = "[level]\nversion = 1\nid = L07\nname = n\nstage = settled\n"
                          "position = p\ninstructions = i\n";
    expect_only(no_dose, "t.ini:7: missing section [dose] (sets, rest_s, target and the "
                         "target's keys)");
}

static void test_out_of_range(void **state)
{
    (void)state;
    expect_only(with("hold_s = 45", "hold_s = -5"),
                "t.ini:12: hold_s = -5 is out of range: it must be more than 0 and at most 600 "
                "(seconds)");
    expect_only(with("sets = 5", "sets = 0"),
                "t.ini:11: sets = 0 is out of range: it must be at least 1 and at most 20 (sets)");
    expect_only(with("target_value = 60", "target_value = 60\ntolerance_pct = 0"),
                "t.ini:16: tolerance_pct = 0 is out of range: it must be more than 0 and at most "
                "100 (% of target)");
    expect_only(with("target_value = 60", "target_value = 60\ntolerance_pct = 100.5"),
                "t.ini:16: tolerance_pct = 100.5 is out of range: it must be more than 0 and at "
                "most 100 (% of target)");
    expect_only(with("target_value = 60", "target_value = 151"),
                "t.ini:15: target_value = 151 is out of range for pct_mvc: it must be more than 0 "
                "and at most 150 (% of MVC)");
    expect_only(with("target = pct_mvc\ntarget_value = 60", "target_value = 91\ntarget = angle"),
                "t.ini:14: target_value = 91 is out of range for angle: it must be more than 0 "
                "and at most 90 (degrees)");
    expect_only(with("rest_s = 120", "rest_s = -1"),
                "t.ini:13: rest_s = -1 is out of range: it must be at least 0 and at most 1800 "
                "(seconds)");
}

static void test_wrong_types(void **state)
{
    (void)state;
    expect_only(with("sets = 5", "sets = five"), "t.ini:11: sets: 'five' is not a whole number");
    expect_only(with("sets = 5", "sets = 5.5"), "t.ini:11: sets: '5.5' is not a whole number");
    expect_only(with("hold_s = 45", "hold_s = 45 s"), "t.ini:12: hold_s: '45 s' is not a number");
    expect_only(with("target = pct_mvc", "target = newtons"),
                "t.ini:14: target: 'newtons' is not a target kind (pct_mvc, pct_bodyweight, "
                "angle, timed or tempo)");
    expect_only(with("version = 1", "version = one"),
                "t.ini:2: version: 'one' is not a whole number");
    expect_only(with("version = 1", "version = 0"),
                "t.ini:2: version 0 is not valid (the first format is 1)");
}

static void test_duplicates(void **state)
{
    (void)state;
    expect_only(with("hold_s = 45\n", "hold_s = 45\nsets = 4\n"),
                "t.ini:13: duplicate key 'sets' in [dose] (first at line 11)");
    expect_only(with("target_value = 60\n", "target_value = 60\n[level]\n"),
                "t.ini:16: section [level] appears again (first at line 1)");
    expect_only(with("target_value = 60\n",
                     "target_value = 60\n[unlock]\nregress_levels = 2\nregress_levels = 3\n"),
                "t.ini:18: duplicate key 'regress_levels' in [unlock] (first at line 17)");
}

static void test_newer_version_says_only_that(void **state)
{
    (void)state;
    /* version on line 3, with other problems a newer format might explain */
    const char *text = "[level]\nid = L07\nversion = 2\nwobble = 3\n[dose]\nsets = many\n";
    expect_only(text, "t.ini:3: version 2 is newer than this program understands (1); update "
                      "Bridgehold");
}

static void test_continuation_lines(void **state)
{
    (void)state;
    Parsed *p = parse(with("position = On the floor\n",
                           "position = On the floor,\n  knees bent\n\t  feet flat\n"));
    assert_true(p->ok);
    assert_string_equal(p->lv.position, "On the floor, knees bent feet flat");
    expect_only(with("sets = 5\n", "sets = 5\n   6\n"),
                "t.ini:12: sets: an indented line continues the value above, but only name, "
                "position and instructions may go on over several lines");
    /* 8 continuation lines of 150 characters after "x": 1 + 8 × 151 > 1199, so the 8th line
     * (line 15) overflows; reported once */
    char big[160];
    memset(big, 'w', 150);
    big[150] = '\0';
    char lines[2000] = "";
    for (int i = 0; i < 8; i++) {
        strcat(lines, "    ");
        strcat(lines, big);
        strcat(lines, "\n");
    }
    char text[4096];
    snprintf(text, sizeof text, "%s", with("instructions = Lie down\n    and push.\n", ""));
    char *at = strstr(text, "\n\n[dose]") + 1; /* the blank line: instructions go on line 7 */
    char rest[4096];
    snprintf(rest, sizeof rest, "%s", at);
    snprintf(at, sizeof text - (size_t)(at - text), "instructions = x\n%s%s", lines, rest);
    Parsed *q = parse(text);
    assert_false(q->ok);
    expect_msg(q, "t.ini:15: instructions is longer than 1199 characters");
    assert_int_equal(q->d.count, 1);
}

static void test_target_kinds(void **state)
{
    (void)state;
    const char *tempo = "[level]\nversion = 1\nid = T\nname = n\nstage = settled\nposition = p\n"
                        "instructions = i\n[dose]\nsets = 3\nrest_s = 150\ntarget = tempo\n"
                        "reps = 12\nup_s = 3\ndown_s = 3\n";
    Parsed *p = parse(tempo);
    assert_true(p->ok);
    assert_int_equal(p->lv.target_kind, TARGET_TEMPO);
    assert_int_equal(p->lv.reps, 12);
    assert_true(isnan(level_target_value(&p->lv, 500, 70)));
    char buf[1024];
    snprintf(buf, sizeof buf, "%shold_s = 30\n", tempo);
    expect_only(buf, "t.ini:15: hold_s: a tempo level is timed by reps, up_s and down_s; remove "
                     "hold_s");
    expect_only(with("target_value = 60", "target_value = 60\nreps = 3"),
                "t.ini:16: reps: only tempo levels have reps, up_s and down_s");
    expect_only(with("target = pct_mvc\ntarget_value = 60", "target = timed\ntarget_value = 60"),
                "t.ini:15: target_value: a timed level measures no force or angle; remove "
                "target_value");
    snprintf(buf, sizeof buf, "%s", tempo);
    char *reps = strstr(buf, "reps = 12\n");
    memmove(reps, reps + 10, strlen(reps + 10) + 1);
    expect_only(buf, "t.ini:8: [dose] has no 'reps' (required)");
    p = parse(with("target = pct_mvc\ntarget_value = 60",
                   "target = pct_bodyweight\ntarget_value = 50"));
    assert_true(p->ok);
    assert_true(fabs(level_target_value(&p->lv, 0, 80) - 80 * 9.80665 / 2) < 1e-9);
}

static void test_text_values_checked(void **state)
{
    (void)state;
    expect_only(with("id = L07", "id = L 07"),
                "t.ini:3: id 'L 07' may hold only letters, digits, '-' and '_' (like L03)");
    expect_only(with("stage = reactive", "stage = acute"),
                "t.ini:5: stage 'acute' is not one of reactive, settled or sport");
    expect_only(with("name = Test level", "name ="), "t.ini:4: name is empty");
    expect_only(with("target_value = 60\n", "target_value = 60\n[unlock]\nfoo = 1\n"),
                "t.ini:17: unknown rule 'foo' in [unlock] (the keys are those of rules.ini)");
    expect_only(with("target_value = 60\n",
                     "target_value = 60\n[unlock]\ngreen_pain_during_max = 11\n"),
                "t.ini:17: green_pain_during_max = 11 is out of range: it must be from 0 to 10 "
                "(NRS points)");
    Parsed *p = parse(with("target_value = 60\n",
                           "target_value = 60\n[unlock]\ngreen_pain_during_max = 2\n"));
    assert_true(p->ok);
    assert_true(p->lv.unlock.has_green_pain_during_max);
    assert_true(p->lv.unlock.green_pain_during_max == 2);
    assert_false(p->lv.unlock.has_red_pain_during_above);
    assert_int_equal(p->lv.line_of_unlock, 16);
    /* inih's own syntax error keeps its line */
    p = parse(with("sets = 5\n", "sets = 5\nthis line has no equals sign\n"));
    assert_false(p->ok);
    expect_msg(p, "t.ini:12: cannot read this line: expected `key = value`, a [section] or a "
                  "comment");
}

static void test_messages_in_line_order(void **state)
{
    (void)state;
    /* inih's syntax error (line 12) sorts between the parser's own (lines 11 and 13) */
    Parsed *p = parse(with("sets = 5\nhold_s = 45\n", "sets = 0\nno equals\nhold_s = x\n"));
    assert_int_equal(p->d.count, 3);
    assert_non_null(strstr(p->d.msgs[0], "t.ini:11: sets = 0"));
    assert_non_null(strstr(p->d.msgs[1], "t.ini:12: cannot read this line"));
    assert_non_null(strstr(p->d.msgs[2], "t.ini:13: hold_s: 'x' is not a number"));
}

/* ---- files and ladders ---- */

static char g_dir[512];

static void write_file(const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int make_dir(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "%s/rehab-level-XXXXXX", BH_BINARY_DIR);
    return mkdtemp(g_dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_duplicate_ids_across_files(void **state)
{
    (void)state;
    write_file("01-a.ini", BASE);
    write_file("02-b.ini", with("[level]\n", "; copy\n[level]\n"));
    write_file("rules.ini", "not a level\n"); /* skipped by the ladder */
    write_file(".#03-lock.ini", "junk\n");    /* hidden: skipped */
    Ladder l;
    Diag d;
    diag_init(&d);
    assert_false(ladder_load_dir(g_dir, &l, &d));
    assert_int_equal(l.count, 0);
    assert_int_equal(d.count, 1);
    char want[1400];
    snprintf(want, sizeof want, "%s/02-b.ini:4: duplicate level id 'L07' (already used by "
                                "%s/01-a.ini:3)", g_dir, g_dir);
    assert_string_equal(d.msgs[0], want);
    diag_free(&d);
}

static void test_files_missing_and_binary(void **state)
{
    (void)state;
    Level lv;
    Diag d;
    diag_init(&d);
    char path[1024];
    snprintf(path, sizeof path, "%s/none.ini", g_dir);
    assert_false(level_load(path, &lv, &d));
    assert_non_null(strstr(diag_first(&d), "none.ini: cannot open"));
    diag_free(&d);
    snprintf(path, sizeof path, "%s/nul.ini", g_dir);
    FILE *f = fopen(path, "wb");
    fwrite("[level]\nid = a\0b\n", 1, 17, f);
    fclose(f);
    diag_init(&d);
    assert_false(level_load(path, &lv, &d));
    assert_non_null(strstr(diag_first(&d), "nul.ini:2: contains a NUL byte"));
    diag_free(&d);
    diag_init(&d);
    assert_false(ladder_load_dir("/nonexistent-bridgehold", &(Ladder){0}, &d));
    assert_non_null(strstr(diag_first(&d), "cannot open the levels folder"));
    diag_free(&d);
}

static void test_levels_check_unlock_against_rules(void **state)
{
    (void)state;
    char sub[600];
    snprintf(sub, sizeof sub, "%s/ladder", g_dir);
    mkdir(sub, 0700);
    char path[700];
    snprintf(path, sizeof path, "%s/01.ini", sub);
    FILE *f = fopen(path, "w");
    fputs(with("target_value = 60\n", "target_value = 60\n[unlock]\ngreen_pain_during_max = 6\n"),
          f);
    fclose(f);
    const char *paths[] = {sub};
    size_t n = 0;
    Diag d;
    diag_init(&d);
    assert_false(levels_check(paths, 1, NULL, &n, &d));
    assert_int_equal(n, 1);
    char want[900];
    snprintf(want, sizeof want, "%s:16: green_pain_during_max (6) is above red_pain_during_above "
                                "(5) once L07's [unlock] is applied", path);
    assert_string_equal(diag_first(&d), want);
    diag_free(&d);
    /* files and a rules.ini given one by one */
    const char *files[] = {BH_TEST_LEVELS "/01-double-leg-bridge.ini",
                           BH_TEST_LEVELS "/12-fast-box-bridge.ini", BH_TEST_LEVELS "/rules.ini"};
    diag_init(&d);
    assert_true(levels_check(files, 3, NULL, &n, &d));
    assert_int_equal(n, 2);
    diag_free(&d);
}

static void test_shipped_ladder_matches_clinical(void **state)
{
    (void)state;
    Ladder l;
    Diag d;
    diag_init(&d);
    bool ok = ladder_load_dir(BH_TEST_LEVELS, &l, &d);
    diag_print(&d, stderr);
    assert_true(ok);
    assert_int_equal(l.count, 12);
    /* CLINICAL.md § Default ladder: sets, hold or reps, rest, %MVC, tolerance */
    static const struct { int sets; double hold; int reps; double rest, pct, tol; } WANT[12] = {
        {5, 30, 0, 120, 40, 25}, {5, 45, 0, 120, 60, 15}, {5, 45, 0, 120, 65, 10},
        {5, 45, 0, 120, 65, 10}, {5, 30, 0, 120, 65, 10}, {5, 45, 0, 120, 70, 10},
        {5, 45, 0, 120, 75, 10}, {5, 45, 0, 120, 75, 10}, {4, 40, 0, 120, 65, 10},
        {3, 0, 12, 150, 0, 10},  {3, 0, 8, 150, 0, 10},   {3, 0, 8, 120, 0, 10},
    };
    for (int i = 0; i < 12; i++) {
        const Level *lv = &l.levels[i];
        char id[8];
        snprintf(id, sizeof id, "L%02d", i + 1);
        assert_string_equal(lv->id, id);
        assert_int_equal(lv->sets, WANT[i].sets);
        assert_true(lv->rest_s == WANT[i].rest);
        assert_true(lv->tolerance_pct == WANT[i].tol);
        if (i < 9) {
            assert_int_equal(lv->target_kind, TARGET_PCT_MVC);
            assert_true(lv->hold_s == WANT[i].hold);
            assert_true(lv->target_value == WANT[i].pct);
        } else {
            assert_int_equal(lv->target_kind, TARGET_TEMPO);
            assert_int_equal(lv->reps, WANT[i].reps);
            assert_true(lv->up_s > 0 && lv->down_s > 0);
        }
        assert_true(strlen(lv->instructions) > 200);
    }
    assert_true(l.levels[9].up_s == 3 && l.levels[9].down_s == 3); /* L10: 3 s up / 3 s down */
    assert_int_equal(ladder_find(&l, "L05"), 4);
    assert_int_equal(ladder_find(&l, "L99"), -1);
    ladder_free(&l);
    size_t n = 0;
    assert_true(levels_check(NULL, 0, BH_TEST_LEVELS, &n, &d));
    assert_int_equal(n, 12);
    assert_int_equal(d.count, 0);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_level_and_defaults),
        cmocka_unit_test(test_unknown_section_and_key),
        cmocka_unit_test(test_missing_keys_at_section_or_last_line),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_newer_version_says_only_that),
        cmocka_unit_test(test_continuation_lines),
        cmocka_unit_test(test_target_kinds),
        cmocka_unit_test(test_text_values_checked),
        cmocka_unit_test(test_messages_in_line_order),
        cmocka_unit_test_setup_teardown(test_duplicate_ids_across_files, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_files_missing_and_binary, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_levels_check_unlock_against_rules, make_dir,
                                        remove_dir),
        cmocka_unit_test(test_shipped_ladder_matches_clinical),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    Parsed *p = parse("");
    diag_free(&p->d);
    return rc;
}
