/* report: the numbers both reports show, from a real store: time under load, %MVC and dose,
 * the four pain answers of a session, set notes and uids; practice sessions left out of FHIR
 * unless asked for and then tagged; a PDF written whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "store_test_util.h"

typedef struct Fixture {
    char *dir;
    Store *s;
    int64_t profile_id, live_id, practice_id;
} Fixture;

static void add_set(Store *s, int64_t session_id, int index, double duration_s, double mean_n,
                    bool interrupted)
{
    StoreSet t = {.index = index, .duration_s = duration_s, .time_in_band_pct = 90,
                  .mean_n = mean_n, .peak_n = mean_n * 1.1, .cv_pct = 3, .drift_pct_per_10s = 0,
                  .left_pct = NAN, .form_lost_s = NAN, .interrupted = interrupted,
                  .target_n = 160, .band_low_n = 144, .band_high_n = 176};
    assert_true(store_set_commit(s, session_id, &t, NULL));
}

static void add_pain(Store *s, int64_t profile_id, int64_t session_id, StorePainKind kind,
                     int set_index, double value, int64_t time)
{
    StorePain p = {.profile_id = profile_id, .session_id = session_id, .kind = kind,
                   .set_index = set_index, .value = value, .time = time};
    assert_true(store_pain_add(s, &p));
}

/* One live session at 400 N MVC: a 10-s practice hold, five 30-s sets at 160 N (40 % MVC) and
 * one interrupted set; pain 2 before, 1..3 after the sets, 2 after, 4 next morning. Then one
 * practice session the same day with its own three answers. */
static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->s = tu_store_fresh(&f->dir);
    if (!f->s)
        return -1;
    StoreProfile p = {.side = STORE_SIDE_LEFT, .body_mass_kg = NAN};
    strcpy(p.name, "Kim");
    assert_true(store_profile_create(f->s, &p));
    f->profile_id = p.id;
    int64_t t0 = tu_noon(2026, 10, 5);
    StoreSession live = {.profile_id = p.id, .started = t0, .source = STORE_LIVE,
                         .mvc_n = 400, .mvc_origin = STORE_MVC_TESTED, .sets_prescribed = 5};
    strcpy(live.level, "L01");
    assert_true(store_session_begin(f->s, &live));
    f->live_id = live.id;
    add_pain(f->s, p.id, live.id, STORE_PAIN_BEFORE, STORE_NO_SET, 2, t0);
    add_set(f->s, live.id, 0, 10, 150, false);
    for (int i = 1; i <= 5; i++) {
        add_set(f->s, live.id, i, 30, 160, false);
        add_pain(f->s, p.id, live.id, STORE_PAIN_SET, i, i <= 3 ? i : 3, t0 + 60 * i);
    }
    add_set(f->s, live.id, 6, 12, 100, true);
    add_pain(f->s, p.id, live.id, STORE_PAIN_AFTER, STORE_NO_SET, 2, t0 + 600);
    assert_true(store_session_finish(f->s, live.id, STORE_SESSION_FINISHED, t0 + 600, NAN));
    StoreSession prac = {.profile_id = p.id, .started = t0 + 3600, .source = STORE_PRACTICE,
                         .origin = STORE_ORIGIN_SIM, .mvc_n = 400};
    strcpy(prac.level, "L01");
    assert_true(store_session_begin(f->s, &prac));
    f->practice_id = prac.id;
    add_pain(f->s, p.id, prac.id, STORE_PAIN_BEFORE, STORE_NO_SET, 1, t0 + 3600);
    add_set(f->s, prac.id, 1, 30, 200, false);
    add_pain(f->s, p.id, prac.id, STORE_PAIN_SET, 1, 1, t0 + 3700);
    add_pain(f->s, p.id, prac.id, STORE_PAIN_AFTER, STORE_NO_SET, 1, t0 + 3800);
    assert_true(store_session_finish(f->s, prac.id, STORE_SESSION_FINISHED, t0 + 3800, NAN));
    /* the next morning's load test is about the live session */
    add_pain(f->s, p.id, live.id, STORE_PAIN_NEXT_MORNING, STORE_NO_SET, 4, t0 + 86400);
    assert_true(tu_sql(store_path(f->s),
                       "UPDATE sets SET note = 'Hips dropped; cued.' WHERE idx = 2 AND "
                       "session_id = (SELECT min(id) FROM sessions)"));
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

static void load(Fixture *f, bool include_practice, ReportData *d)
{
    char err[256] = "";
    ReportOptions opt = {.include_practice = include_practice, .made_at = tu_noon(2026, 11, 1)};
    if (!report_load(f->s, f->profile_id, &opt, d, err, sizeof err))
        fail_msg("report_load: %s", err);
}

/* Time under load counts the five full sets only (not the practice hold, not the interrupted
 * set): 150 s at 160 N of a 400 N MVC = 40 %, so the dose is 2.5 min × 40 = 100 %MVC·min. */
static void test_dose_and_pain(void **state)
{
    Fixture *f = *state;
    ReportData d;
    load(f, false, &d);
    assert_int_equal(d.n_sessions, 2);
    assert_int_equal(d.n_live, 1);
    assert_int_equal(d.n_practice, 1);
    const ReportSession *r = report_session_by_id(&d, f->live_id);
    assert_non_null(r);
    assert_false(r->practice);
    assert_int_equal(r->n_sets, 7);
    assert_float_equal(r->tul_s, 150, 1e-9);
    assert_float_equal(r->pct_mvc, 40, 1e-9);
    assert_float_equal(r->dose, 100, 1e-9);
    assert_float_equal(r->pain_before, 2, 0);
    assert_float_equal(r->pain_during, 3, 0);
    assert_float_equal(r->pain_after, 2, 0);
    assert_float_equal(r->pain_next_morning, 4, 0);
    assert_int_equal(r->n_notes, 1);
    const ReportSession *p = report_session_by_id(&d, f->practice_id);
    assert_non_null(p);
    assert_true(p->practice);
    assert_true(isnan(p->pain_next_morning));
    assert_float_equal(p->dose, 0.5 * 50, 1e-9); /* 30 s at 200 N of 400 N */
    /* every record comes with its stable uid */
    assert_int_equal(strlen(d.profile_uid), 36);
    for (size_t i = 0; i < d.n_pain; i++)
        assert_int_equal(strlen(d.pain[i].uid), 36);
    for (size_t i = 0; i < d.n_sets; i++)
        assert_int_equal(strlen(d.sets[i].uid), 36);
    report_free(&d);
}

static char *fhir_text(Fixture *f, bool include_practice)
{
    ReportData d;
    load(f, include_practice, &d);
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_non_null(m);
    assert_true(report_write_fhir(&d, m));
    fclose(m);
    report_free(&d);
    assert_true(tu_json_valid(buf));
    return buf;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Live only by default: the live session's 8 pain answers; with --include-practice also the
 * practice session's 3, each tagged, and its one set (hold time + force results) tagged. */
static void test_fhir_practice(void **state)
{
    Fixture *f = *state;
    char *live = fhir_text(f, false);
    assert_int_equal(count(live, "\"code\":\"72514-3\""), 8);
    assert_int_equal(count(live, "\"code\":\"practice\""), 0);
    assert_int_equal(count(live, "\"code\":\"55411-3\""), 7);
    assert_non_null(strstr(live, "\"note\":[{\"text\":\"Hips dropped; cued.\"}]"));
    assert_non_null(strstr(live, "\"name\":[{\"text\":\"Kim\"}]"));
    char *all = fhir_text(f, true);
    assert_int_equal(count(all, "\"code\":\"72514-3\""), 11);
    assert_int_equal(count(all, "\"code\":\"practice\""), 3 + 2);
    free(live);
    free(all);
}

static void test_pdf_written(void **state)
{
    Fixture *f = *state;
    ReportData d;
    load(f, false, &d);
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    assert_non_null(m);
    char err[256] = "";
    assert_true(report_write_pdf(&d, m, err, sizeof err));
    fclose(m);
    report_free(&d);
    assert_true(n > 1000);
    assert_memory_equal(buf, "%PDF-", 5);
    assert_non_null(strstr(buf + n - 16, "%%EOF"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dose_and_pain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fhir_practice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf_written, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
