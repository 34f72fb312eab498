/* Screenshot tests of the progress screen: a temporary database with a few weeks of sessions,
 * drawn with the software renderer; pixels read back where a patient would look (a pain mark at
 * its value on its date, the 80 % line at its height, the level steps), plus the empty and
 * no-database screens and page switching by keys and clicks. PNGs are left for a person. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "ui/chart.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui_game_util.h"

#define W 1280
#define H 720

typedef struct Fixture {
    char dir[256];
    SDL_Surface *surface;
    SDL_Renderer *r;
    Store *store;          /* the earlier runs' writer */
    char profile[48];      /* the player whose progress is shown */
    Game g;                /* its Play opens the same database when the screen is opened */
} Fixture;

static int64_t noon(const char *ymd)
{
    struct tm tm = {0};
    assert_int_equal(sscanf(ymd, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday), 3);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static double day_of(const char *ymd)
{
    double d;
    assert_true(chart_parse_date(ymd, &d));
    return d;
}

static void rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                char p[512];
                snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                unlink(p);
            }
        }
        closedir(d);
    }
    rmdir(dir);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/bh-progress-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(f->dir));
    StoreError e;
    f->store = store_open(f->dir, &e);
    assert_non_null(f->store);
    game_init(&f->g, NULL); /* the Play comes with the screen (open_progress) */
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    f->r = SDL_CreateSoftwareRenderer(f->surface);
    assert_non_null(f->r);
    char err[256];
    f->g.gfx = gfx_new(f->r, BH_SOURCE_DIR "/assets", err, sizeof err);
    assert_non_null(f->g.gfx);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    Gfx *gfx = f->g.gfx;
    game_free(&f->g); /* scenes and the Play with its database */
    store_close(f->store);
    gfx_free(gfx);
    SDL_DestroyRenderer(f->r);
    SDL_FreeSurface(f->surface);
    SDL_Quit();
    rmtree(f->dir);
    free(f);
    return 0;
}

static int64_t add_profile(Fixture *f, const char *name)
{
    StoreProfile p = {.side = STORE_SIDE_RIGHT, .body_mass_kg = 70, .created = noon("2025-03-01")};
    snprintf(p.name, sizeof p.name, "%s", name);
    assert_true(store_profile_create(f->store, &p));
    snprintf(f->profile, sizeof f->profile, "%s", name);
    return p.id;
}

static void add_pain(Fixture *f, int64_t prof, int64_t sess, StorePainKind k, int set, double v,
                     int64_t t)
{
    StorePain p = {.profile_id = prof, .session_id = sess, .kind = k, .set_index = set,
                   .value = v, .time = t};
    assert_true(store_pain_add(f->store, &p));
}

/* One session: two sets with their pains, before/after, and the next morning (NAN = never). */
static void add_session(Fixture *f, int64_t prof, const char *date, const char *level,
                        double quality, int before, int set1, int set2, int after, double morning)
{
    int64_t t = noon(date);
    StoreSession s = {.profile_id = prof, .started = t};
    snprintf(s.level, sizeof s.level, "%s", level);
    snprintf(s.date, sizeof s.date, "%s", date);
    assert_true(store_session_begin(f->store, &s));
    add_pain(f, prof, s.id, STORE_PAIN_BEFORE, STORE_NO_SET, before, t + 1);
    StoreSample tr[2] = {{0, 100, 0, 0}, {0.01, 101, 0, 0}};
    int pains[2] = {set1, set2};
    for (int i = 0; i < 2; i++) {
        StoreSet set = {.index = i + 1, .duration_s = 30, .time_in_band_pct = quality,
                        .mean_n = 100, .peak_n = 101, .cv_pct = 1, .left_pct = NAN,
                        .form_lost_s = NAN, .target_n = 100, .band_low_n = 90,
                        .band_high_n = 110, .trace = tr, .trace_n = 2};
        if (!store_set_commit(f->store, s.id, &set, NULL))
            fail_msg("set %d of %s: %s", i + 1, date, store_errmsg(f->store));
        add_pain(f, prof, s.id, STORE_PAIN_SET, i + 1, pains[i], t + 10 + i);
    }
    add_pain(f, prof, s.id, STORE_PAIN_AFTER, STORE_NO_SET, after, t + 100);
    assert_true(store_session_finish(f->store, s.id, STORE_SESSION_FINISHED, t + 600, quality));
    if (!isnan(morning))
        add_pain(f, prof, s.id, STORE_PAIN_NEXT_MORNING, STORE_NO_SET, morning,
                 t + 20 * 3600); /* 08:00 the next day */
}

static void add_decision(Fixture *f, int64_t prof, const char *from, const char *to,
                         const char *word, const char *date)
{
    StoreDecision d = {.profile_id = prof, .source = STORE_BY_RULES, .time = noon(date)};
    snprintf(d.from_level, sizeof d.from_level, "%s", from);
    snprintf(d.to_level, sizeof d.to_level, "%s", to);
    snprintf(d.decision, sizeof d.decision, "%s", word);
    snprintf(d.reason, sizeof d.reason, "test");
    assert_true(store_decision_add(f->store, &d));
}

/* Two weeks: up to L02, a flare (pain during 5, next morning 6) and back to L01, up again; the
 * last session's morning is still unanswered; three weekly sitting answers. */
static void fill(Fixture *f)
{
    int64_t p = add_profile(f, "Pat");
    add_session(f, p, "2025-03-03", "L01", 90, 2, 1, 2, 2, 1);
    add_session(f, p, "2025-03-05", "L01", 85, 1, 3, 2, 2, 2);
    add_decision(f, p, "L01", "L02", "advance", "2025-03-06");
    add_session(f, p, "2025-03-07", "L02", 70, 2, 5, 4, 4, 6);
    add_decision(f, p, "L02", "L01", "regress", "2025-03-08");
    add_session(f, p, "2025-03-10", "L01", 88, 1, 2, 1, 1, 1);
    add_decision(f, p, "L01", "L02", "advance", "2025-03-11");
    add_session(f, p, "2025-03-14", "L02", 95, 0, 1, 1, 1, NAN);
    add_pain(f, p, 0, STORE_PAIN_SITTING_TOLERANCE, STORE_NO_SET, 20, noon("2025-03-03"));
    add_pain(f, p, 0, STORE_PAIN_SITTING_TOLERANCE, STORE_NO_SET, 30, noon("2025-03-10"));
    add_pain(f, p, 0, STORE_PAIN_SITTING_TOLERANCE, STORE_NO_SET, 45, noon("2025-03-17"));
}

/* The game as a new run finds it: a Play on the database, the player chosen. */
static void open_game(Fixture *f)
{
    if (f->g.play)
        return;
    UiPlaySpec spec = {.data_dir = f->dir};
    f->g.play = ui_play_new(&spec);
    if (f->profile[0])
        assert_true(play_use_profile(f->g.play, f->profile));
}

static void open_progress(Fixture *f)
{
    open_game(f);
    game_push(&f->g, scene_progress_new());
    game_apply_scene_changes(&f->g);
    assert_int_equal(f->g.n_scenes, 1);
}

static void press(Fixture *f, UiAction a)
{
    UiInput in = {.action = a};
    game_input(&f->g, &in);
}

static void draw(Fixture *f, const char *png)
{
    game_draw(&f->g);
    if (png) {
        char err[256];
        assert_true(gfx_save_png(f->g.gfx, png, err, sizeof err));
    }
}

static bool same(SDL_Color a, SDL_Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static SDL_Color px(Fixture *f, int x, int y) { return gfx_read_pixel(f->g.gfx, x, y); }

static int count_color(Fixture *f, SDL_Rect r, SDL_Color c, int tol)
{
    SDL_Color *buf = malloc((size_t)r.w * (size_t)r.h * sizeof *buf);
    assert_int_equal(SDL_RenderReadPixels(f->r, &r, SDL_PIXELFORMAT_RGBA32, buf, r.w * 4), 0);
    int n = 0;
    for (int i = 0; i < r.w * r.h; i++)
        n += same(buf[i], c, tol);
    free(buf);
    return n;
}

/* The chart every page of this data uses: dates 3 to 17 March (sessions and sitting answers). */
static Chart chart(Fixture *f, double y0, double y1)
{
    static const char *const dates[] = {"2025-03-03", "2025-03-03", "2025-03-05", "2025-03-07",
                                        "2025-03-10", "2025-03-10", "2025-03-14", "2025-03-17"};
    double days[8];
    for (int i = 0; i < 8; i++)
        days[i] = day_of(dates[i]);
    Chart c = chart_page(f->g.gfx, days[0], days[7], y0, y1);
    chart_fit_markers(&c, days, 8);
    return c;
}

static void test_level_steps(void **state)
{
    Fixture *f = *state;
    fill(f);
    open_progress(f);
    draw(f, "progress-level.png");
    Chart c = chart(f, 0, 11);
    int x7 = chart_x(&c, day_of("2025-03-07")), x10 = chart_x(&c, day_of("2025-03-10"));
    /* the 7 March session sits on L02, the 10 March one on L01, joined by a step */
    assert_true(same(px(f, x7, chart_y(&c, 1)), PAL_BAND, 8));
    assert_true(same(px(f, x10, chart_y(&c, 0)), PAL_BAND, 8));
    assert_true(same(px(f, (x7 + x10) / 2, chart_y(&c, 1)), PAL_BAND, 8));
    assert_false(same(px(f, (x7 + x10) / 2, chart_y(&c, 2)), PAL_BAND, 8));
    /* the decision's word ("advance") is written just above the step up */
    SDL_Rect word = {x7, chart_y(&c, 1) - 40, 120, 36};
    assert_true(count_color(f, word, PAL_TEXT, 40) > 20);
}

static void test_pain_marks_at_their_values(void **state)
{
    Fixture *f = *state;
    fill(f);
    open_progress(f);
    press(f, ACT_RIGHT);
    draw(f, "progress-pain.png");
    Chart c = chart(f, 0, 10);
    int x7 = chart_x(&c, day_of("2025-03-07"));
    /* 7 March: during 5 (orange square), next morning 6 (yellow diamond), after 4 (purple) */
    assert_true(same(px(f, x7 + chart_dodge_px(&c, 1, 4), chart_y(&c, 5)), PAL_LOW, 8));
    assert_true(same(px(f, x7 + chart_dodge_px(&c, 3, 4), chart_y(&c, 6)), PAL_ACCENT, 8));
    assert_true(same(px(f, x7 + chart_dodge_px(&c, 2, 4), chart_y(&c, 4)), PAL_HIGH, 8));
    assert_true(same(px(f, x7 + chart_dodge_px(&c, 0, 4), chart_y(&c, 2)), PAL_BAND, 8));
    /* 14 March's morning is unanswered: no next-morning colour anywhere in its column */
    int x14 = chart_x(&c, day_of("2025-03-14")) + chart_dodge_px(&c, 3, 4);
    int r = c.marker_r;
    SDL_Rect col = {x14 - r, c.plot.y, 2 * r, c.plot.h};
    assert_int_equal(count_color(f, col, PAL_ACCENT, 8), 0);
    /* the safe zone 0–3 is shaded green; above it the panel is plain */
    SDL_Color zone = px(f, c.plot.x + 4, chart_y(&c, 1.5));
    assert_false(same(zone, PAL_PANEL, 4));
    assert_true(zone.g > zone.r + 30);
    assert_true(same(px(f, c.plot.x + 4, chart_y(&c, 4.5)), PAL_PANEL, 4));
}

static void test_quality_line_at_80(void **state)
{
    Fixture *f = *state;
    fill(f);
    open_progress(f);
    press(f, ACT_RIGHT);
    press(f, ACT_RIGHT);
    draw(f, "progress-quality.png");
    Chart c = chart(f, 0, 100);
    SDL_Rect at80 = {c.plot.x, chart_y(&c, 80), c.plot.w, 1};
    SDL_Rect below = {c.plot.x, chart_y(&c, 80) + gfx_u(f->g.gfx, 0.02), c.plot.w, 1};
    assert_true(count_color(f, at80, PAL_IN, 8) > c.plot.w * 4 / 10); /* dashed: not all */
    assert_true(count_color(f, below, PAL_IN, 8) < c.plot.w / 20);
    assert_true(same(px(f, chart_x(&c, day_of("2025-03-03")), chart_y(&c, 90)), PAL_BAND, 8));
    assert_true(same(px(f, chart_x(&c, day_of("2025-03-07")), chart_y(&c, 70)), PAL_BAND, 8));
}

static void test_sitting_minutes(void **state)
{
    Fixture *f = *state;
    fill(f);
    open_progress(f);
    for (int i = 0; i < 5; i++) /* past the last page: stays on it */
        press(f, ACT_RIGHT);
    draw(f, "progress-sitting.png");
    Chart c = chart(f, 0, chart_nice_max(45, 15, 30)); /* 0–60 min */
    assert_true(same(px(f, chart_x(&c, day_of("2025-03-17")), chart_y(&c, 45)), PAL_BAND, 8));
    assert_true(same(px(f, chart_x(&c, day_of("2025-03-03")), chart_y(&c, 20)), PAL_BAND, 8));
}

static void test_switching_pages(void **state)
{
    Fixture *f = *state;
    fill(f);
    open_progress(f);
    Chart c = chart(f, 0, 10);
    draw(f, NULL);
    assert_int_equal(count_color(f, c.plot, PAL_LOW, 8), 0); /* level page: no pain marks */
    press(f, ACT_RIGHT);
    draw(f, NULL);
    assert_true(count_color(f, c.plot, PAL_LOW, 8) > 100);
    press(f, ACT_LEFT);
    draw(f, NULL);
    assert_int_equal(count_color(f, c.plot, PAL_LOW, 8), 0);
    press(f, ACT_PUSH_ON); /* a mouse press is not a click: nothing happens */
    UiInput click = {.action = ACT_CLICK, .x = W * 375 / 1000, .y = H * 145 / 1000};
    game_input(&f->g, &click); /* the second tab */
    draw(f, NULL);
    assert_true(count_color(f, c.plot, PAL_LOW, 8) > 100);
    UiInput digit = {.action = ACT_DIGIT, .digit = 3};
    game_input(&f->g, &digit);
    draw(f, NULL);
    Chart q = chart(f, 0, 100);
    SDL_Rect at80 = {q.plot.x, chart_y(&q, 80), q.plot.w, 1};
    assert_true(count_color(f, at80, PAL_IN, 8) > c.plot.w * 4 / 10);
    assert_int_equal(f->g.n_scenes, 1);
    /* the Back button, bottom left */
    UiInput back = {.action = ACT_CLICK, .x = W * 6 / 100, .y = H - H * 7 / 100};
    game_input(&f->g, &back);
    assert_int_equal(f->g.n_scenes, 0);
    open_progress(f);
    press(f, ACT_BACK);
    assert_int_equal(f->g.n_scenes, 0);
}

static void test_single_session_without_sitting(void **state)
{
    /* One day of data sits in the middle; a page with nothing yet says so in the plot. */
    Fixture *f = *state;
    int64_t p = add_profile(f, "Solo");
    add_session(f, p, "2025-03-03", "L01", 90, 2, 1, 2, 2, NAN);
    open_progress(f);
    draw(f, "progress-single.png");
    Chart c = chart_page(f->g.gfx, day_of("2025-03-03"), day_of("2025-03-03"), 0, 11);
    assert_true(abs(chart_x(&c, day_of("2025-03-03")) - (c.plot.x + c.plot.w / 2)) <= 1);
    assert_true(same(px(f, chart_x(&c, day_of("2025-03-03")), chart_y(&c, 0)), PAL_BAND, 8));
    UiInput digit = {.action = ACT_DIGIT, .digit = 4};
    game_input(&f->g, &digit);
    draw(f, "progress-sitting-none.png");
    assert_int_equal(count_color(f, c.plot, PAL_BAND, 8), 0); /* no marks */
    assert_true(count_color(f, c.plot, PAL_TEXT, 30) > 200);  /* "No sitting times yet" */
}

static void test_many_sessions_across_a_year_end(void **state)
{
    /* Four months of sessions every other day, across New Year: the date labels thin out, the
     * first and the last are always there, and the year shows where it changes. */
    Fixture *f = *state;
    int64_t p = add_profile(f, "Long");
    double first = day_of("2024-11-20");
    char date[11] = "", last[11] = "";
    for (int i = 0; i < 56; i++) {
        int64_t t = noon("2024-11-20") + (int64_t)i * 2 * 86400;
        store_local_date(t, date);
        char level[8];
        snprintf(level, sizeof level, "L%02d", 1 + i / 10);
        add_session(f, p, date, level, 60 + (i * 7) % 40, i % 3, 1 + i % 4, 2, (i + 1) % 4,
                    i % 5 ? i % 3 : NAN);
        snprintf(last, sizeof last, "%s", date);
    }
    open_progress(f);
    static const char *const pngs[] = {"progress-many-level.png", "progress-many-pain.png",
                                       "progress-many-quality.png"};
    for (int page = 0; page < 3; page++) {
        draw(f, pngs[page]);
        /* every chart page labels its first and last date */
        Chart c = chart_page(f->g.gfx, first, day_of(last), 0, 10);
        int below = c.plot.y + c.plot.h + 8, lh = 30;
        SDL_Rect left = {c.plot.x, below, 60, lh};
        SDL_Rect right = {c.plot.x + c.plot.w - 60, below, 60, lh};
        assert_true(count_color(f, left, PAL_TEXT, 40) > 20);
        assert_true(count_color(f, right, PAL_TEXT, 40) > 20);
        press(f, ACT_RIGHT);
    }
}

/* No chart: neither the plot's panel nor its axis is drawn. */
static void assert_no_chart(Fixture *f)
{
    Chart c = chart(f, 0, 10);
    assert_true(same(px(f, c.plot.x + c.plot.w / 2, c.plot.y + c.plot.h - 10), PAL_BG, 2));
    SDL_Rect axis = {c.plot.x, c.plot.y + c.plot.h, c.plot.w, 2};
    assert_true(count_color(f, axis, PAL_TEXT_DIM, 8) < c.plot.w / 20);
}

static void test_empty_history(void **state)
{
    Fixture *f = *state;
    add_profile(f, "New");
    open_progress(f);
    draw(f, "progress-empty.png");
    SDL_Rect msg = {0, H * 28 / 100, W, H * 22 / 100};
    assert_true(count_color(f, msg, PAL_TEXT, 30) > 300);
    assert_no_chart(f);
    press(f, ACT_RIGHT); /* no pages to switch: still the message */
    draw(f, NULL);
    assert_no_chart(f);
}

static void test_without_store(void **state)
{
    /* The data folder cannot be made (a file is in the way): the screen says so and why. */
    Fixture *f = *state;
    char blocker[300], data[320];
    snprintf(blocker, sizeof blocker, "%s/blocker", f->dir);
    FILE *fp = fopen(blocker, "w");
    assert_non_null(fp);
    fclose(fp);
    snprintf(data, sizeof data, "%s/data", blocker);
    UiPlaySpec spec = {.data_dir = data, .store_may_fail = true};
    f->g.play = ui_play_new(&spec);
    assert_false(game_state(&f->g)->has_store);
    assert_true(game_state(&f->g)->storage_msg[0] != '\0');
    open_progress(f);
    draw(f, "progress-no-store.png");
    SDL_Rect msg = {0, H * 28 / 100, W, H * 30 / 100};
    assert_true(count_color(f, msg, PAL_TEXT, 30) > 300);
    assert_true(count_color(f, msg, PAL_TEXT_DIM, 30) > 100); /* the storage message */
    assert_no_chart(f);
}

static void test_without_screen_leaves_at_once(void **state)
{
    /* With nothing to look at (no window) and nobody to press Back, the screen closes itself. */
    Fixture *f = *state;
    fill(f);
    open_game(f);
    Gfx *gfx = f->g.gfx;
    f->g.gfx = NULL;
    game_push(&f->g, scene_progress_new());
    game_apply_scene_changes(&f->g);
    f->g.gfx = gfx;
    assert_int_equal(f->g.n_scenes, 0);
}

static void test_dates(void **state)
{
    (void)state;
    assert_true(day_of("2025-03-01") - day_of("2025-02-28") == 1);
    assert_true(day_of("2024-03-01") - day_of("2024-02-28") == 2); /* leap year */
    assert_true(day_of("1970-01-01") == 0);
    double d;
    assert_false(chart_parse_date("2025-02-30", &d));
    assert_false(chart_parse_date("2025-3-1", &d));
    assert_false(chart_parse_date("2025-03-01x", &d));
    char buf[32];
    chart_format_date(day_of("2025-11-24"), false, buf, sizeof buf);
    assert_string_equal(buf, "24 Nov");
    chart_format_date(day_of("2025-03-03"), true, buf, sizeof buf);
    assert_string_equal(buf, "3 Mar 2025");
    assert_true(chart_nice_max(45, 15, 30) == 60);
    assert_true(chart_nice_max(10, 15, 30) == 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_level_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_marks_at_their_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quality_line_at_80, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sitting_minutes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_switching_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_session_without_sitting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_sessions_across_a_year_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_screen_leaves_at_once, setup, teardown),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
