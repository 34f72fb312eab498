/* ui/scene_calibrate: sensor set-up. Step 1 zeroes the sensor with nothing on it (tare: ~2 s of
 * readings averaged, refused when they move); step 2, optional, fits a two-point line through
 * that zero and a known weight. Both are saved for the device (ui/calstore) and applied to every
 * later reading through g->cal. Esc skips each step. Inputs that cannot be calibrated (keyboard,
 * trigger, tilt-only pads) get a short explanation instead. Ends in a menu offering the strength
 * test (scene_mvc) for real force sensors. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "signal/tare.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/setup_scenes.h"
#include "ui/widgets.h"

#define WINDOW_S 2.0          /* readings averaged for a tare or a weighing */
#define STILL_SD_N 2.0        /* [P] tare refused above this SD: someone is touching the sensor */
#define STILL_RES_STEPS 3.0   /* ... or above 3 resolution steps of a coarse sensor */
#define WEIGHT_STILL_FRAC 0.01 /* [P] a weight resting on the sensor moves less than 1 % */
#define WEIGHT_MIN_NOISE 5.0  /* the weight must move the reading 5× the noise to be seen */
#define KG_DEFAULT 10.0
#define KG_STEP 0.5
#define KG_BIG_STEP 5.0
#define KG_MIN 0.5
#define KG_MAX 200.0
#define G_ACCEL 9.80665       /* standard gravity, m/s²: kilograms of weight to newtons */

typedef enum CalStep {
    CAL_NONE,     /* nothing to calibrate: explanation and "Done" */
    CAL_TARE,     /* step 1: take the weight off, Enter */
    CAL_TARING,
    CAL_WEIGHT,   /* step 2: a known weight, Enter */
    CAL_WEIGHING,
    CAL_CONFIRM,  /* the new line applied: keep, weigh again, undo */
    CAL_MENU,     /* strength test, calibrate again, done */
} CalStep;

typedef struct CalScene {
    CalStep step;
    TareWindow win;
    double t0;
    bool have_tare;
    double tare_raw;       /* raw reading of zero load */
    double tare_sd_raw;
    double kg;
    Calibration before;    /* undo for the two-point step */
    Menu menu;
    char explain[400];     /* CAL_NONE */
    char note[400];
    bool warn;
} CalScene;

static const char *const NONE_ITEMS[] = {"Done"};
static const char *const CONFIRM_ITEMS[] = {"Keep it", "Weigh again", "Undo"};
static const char *const MENU_FORCE_ITEMS[] = {"Strength test (MVC)", "Calibrate again", "Done"};

static void set_note(CalScene *c, bool warn, const char *fmt, ...) BH_PRINTF(3, 4);
static void set_note(CalScene *c, bool warn, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->note, sizeof c->note, fmt, ap);
    va_end(ap);
    c->warn = warn;
}

/* The reading before the calibration in use (the Play applies it to every sample): the scale
 * is never 0. */
static double raw_of(const Game *g, double newtons)
{
    const Calibration *cal = &game_state(g)->cal;
    return (newtons - cal->offset_n) / cal->scale_n_per_count;
}

/* The SD a still, unloaded sensor may show: the fixed limit, or a few steps of a coarse one. */
static double still_limit_n(const Game *g)
{
    double res = game_state(g)->input.resolution_n;
    return fmax(STILL_SD_N, STILL_RES_STEPS * (isfinite(res) ? res : 0));
}

static void go(CalScene *c, CalStep step)
{
    c->step = step;
    if (step == CAL_NONE)
        menu_init(&c->menu, NONE_ITEMS, 1);
    else if (step == CAL_CONFIRM)
        menu_init(&c->menu, CONFIRM_ITEMS, 3);
    else if (step == CAL_MENU)
        menu_init(&c->menu, MENU_FORCE_ITEMS, 3);
}

static void start_window(CalScene *c, Game *g, CalStep step)
{
    tare_reset(&c->win);
    c->t0 = g->now;
    go(c, step);
}

/* Why there is nothing to calibrate, in the patient's words (empty when there is something). */
static void explain(const Game *g, char *out, size_t cap)
{
    out[0] = '\0';
    const PlayInput *si = &game_state(g)->input;
    if (!si->open)
        snprintf(out, cap, "No sensor is open, so there is nothing to set up. Connect a force "
                           "sensor and start the game again.");
    else if (si->measures_force && si->force_is_proxy)
        snprintf(out, cap, "%s stands in for force: it shows when you press, not how hard you "
                 "push. There is nothing to calibrate, and the strength test needs a force "
                 "sensor (a load cell, a scale or a balance board).", si->name);
    else if (!si->measures_force)
        snprintf(out, cap, "%s measures the angle of your pelvis, not force, so there is nothing "
                 "to calibrate. Angle holds take your top position at the start of each set. "
                 "The strength test needs a force sensor.", si->name);
}

static void cal_enter(Scene *sc, Game *g)
{
    CalScene *c = sc->data;
    c->kg = KG_DEFAULT;
    explain(g, c->explain, sizeof c->explain);
    if (c->explain[0]) {
        go(c, CAL_NONE);
        return;
    }
    if (game_state(g)->input.follows_cues)
        play_set_push(g->play, false); /* the simulated patient rests: nothing on the sensor */
    char msg[300] = "";
    bool had = game_state(g)->cal_done;
    if (!play_load_calibration(g->play, msg, sizeof msg) && msg[0])
        set_note(c, true, "The saved calibration could not be read and is ignored: %s", msg);
    else if (!had && game_state(g)->cal_done)
        set_note(c, false, "Using the calibration saved for this sensor.");
    go(c, CAL_TARE);
}

static void save_note(CalScene *c, Game *g, const char *done)
{
    char err[300];
    if (play_save_calibration(g->play, err, sizeof err))
        set_note(c, false, "%s Saved for this sensor.", done);
    else
        set_note(c, true, "%s Not saved: %s.", done, err);
}

static void finish_tare(CalScene *c, Game *g)
{
    double mean = 0;
    if (!tare_offset(&c->win, &mean)) {
        set_note(c, true, "No readings came from the sensor. Is it connected?");
        go(c, CAL_TARE);
        return;
    }
    Calibration cal = game_state(g)->cal;
    double sd_n = tare_spread(&c->win) * fabs(cal.scale_n_per_count);
    if (!(sd_n <= still_limit_n(g))) {
        set_note(c, true, "The reading moved too much (\xc2\xb1%.1f N). Take all weight off the "
                 "sensor, keep still and try again.", sd_n);
        go(c, CAL_TARE);
        return;
    }
    const char *done = "Zeroed.";
    char refused[300];
    c->tare_raw = mean;
    c->tare_sd_raw = tare_spread(&c->win);
    c->have_tare = true;
    if (play_can_device_tare(g->play)) {
        /* A scale zeroes itself: its next readings are about the new zero, so raw 0 is 0 N. */
        char err[200];
        if (play_device_tare(g->play, err, sizeof err)) {
            c->tare_raw = 0;
        } else {
            log_info("calibration", "device tare: %s", err);
            snprintf(refused, sizeof refused, "Zeroed here (the device's own tare: %.200s).",
                     err);
            done = refused;
        }
    }
    cal.offset_n = -cal.scale_n_per_count * c->tare_raw;
    play_set_calibration(g->play, &cal);
    save_note(c, g, done);
    go(c, CAL_WEIGHT);
}

static void finish_weighing(CalScene *c, Game *g)
{
    double mean = 0;
    if (!tare_offset(&c->win, &mean)) {
        set_note(c, true, "No readings came from the sensor. Is it connected?");
        go(c, CAL_WEIGHT);
        return;
    }
    /* Without a tare in this scene, the zero is where the current line reads 0 N. */
    double zero = c->have_tare ? c->tare_raw : raw_of(g, 0.0);
    double sd = tare_spread(&c->win), delta = fabs(mean - zero);
    if (!(delta > 0) || !(delta > WEIGHT_MIN_NOISE * fmax(sd, c->have_tare ? c->tare_sd_raw : 0))) {
        set_note(c, true, "The reading hardly changed. Is the weight resting on the sensor?");
        go(c, CAL_WEIGHT);
        return;
    }
    if (!(sd * fabs(game_state(g)->cal.scale_n_per_count) <= still_limit_n(g)) &&
        !(sd <= WEIGHT_STILL_FRAC * delta)) {
        set_note(c, true, "The reading moved too much. Let the weight rest still on the sensor "
                          "and try again.");
        go(c, CAL_WEIGHT);
        return;
    }
    Calibration fit;
    if (!calibrate_fit_two_point(zero, 0.0, mean, c->kg * G_ACCEL, &fit)) {
        set_note(c, true, "These readings cannot make a calibration. Try a heavier weight.");
        go(c, CAL_WEIGHT);
        return;
    }
    c->before = game_state(g)->cal;
    play_set_calibration(g->play, &fit);
    set_note(c, false, "With the %.1f kg weight on, the reading should now show about %.0f N "
             "(%.1f kg).", c->kg, c->kg * G_ACCEL, c->kg);
    go(c, CAL_CONFIRM);
}

static void cal_update(Scene *sc, Game *g)
{
    CalScene *c = sc->data;
    if (c->step != CAL_TARING && c->step != CAL_WEIGHING)
        return;
    CalStep back = c->step == CAL_TARING ? CAL_TARE : CAL_WEIGHT;
    const PlayState *st = game_state(g);
    if (st->sensor_ended || st->sensor_lost) { /* the last reading would be stale */
        set_note(c, true, "The sensor stopped sending readings. Check its cable or batteries, "
                          "then try again.");
        go(c, back);
        return;
    }
    /* One value per tick: time-weighted, whatever the device's own rate. */
    if (isfinite(st->latest_force))
        tare_push(&c->win, raw_of(g, st->latest_force));
    if (g->now - c->t0 >= WINDOW_S) {
        if (c->step == CAL_TARING)
            finish_tare(c, g);
        else
            finish_weighing(c, g);
    }
}

static void cal_input(Scene *sc, Game *g, const UiInput *in)
{
    CalScene *c = sc->data;
    UiInput v = input_space_as_ok(in);
    UiAction a = v.action;
    switch (c->step) {
    case CAL_NONE:
        if (a == ACT_BACK || menu_input(&c->menu, &v) == 0)
            game_pop(g);
        break;
    case CAL_TARE:
        if (a == ACT_OK) {
            c->note[0] = '\0';
            start_window(c, g, CAL_TARING);
        } else if (a == ACT_BACK) {
            set_note(c, false, "Zeroing skipped.");
            go(c, CAL_WEIGHT);
        }
        break;
    case CAL_TARING:
    case CAL_WEIGHING:
        if (a == ACT_BACK) {
            set_note(c, false, "Stopped.");
            go(c, c->step == CAL_TARING ? CAL_TARE : CAL_WEIGHT);
        }
        break;
    case CAL_WEIGHT: {
        double step = a == ACT_LEFT ? -KG_STEP : a == ACT_RIGHT ? KG_STEP
                    : a == ACT_DOWN ? -KG_BIG_STEP : a == ACT_UP ? KG_BIG_STEP : 0;
        if (step != 0) {
            c->kg = fmin(KG_MAX, fmax(KG_MIN, c->kg + step));
        } else if (a == ACT_OK) {
            c->note[0] = '\0';
            start_window(c, g, CAL_WEIGHING);
        } else if (a == ACT_BACK) {
            set_note(c, false, "Weight calibration skipped.");
            go(c, CAL_MENU);
        }
        break;
    }
    case CAL_CONFIRM: {
        int pick = a == ACT_BACK ? 2 : menu_input(&c->menu, &v);
        if (pick == 0) {
            save_note(c, g, "Calibrated.");
            go(c, CAL_MENU);
        } else if (pick == 1) {
            play_set_calibration(g->play, &c->before);
            c->note[0] = '\0';
            go(c, CAL_WEIGHT);
        } else if (pick == 2) {
            play_set_calibration(g->play, &c->before);
            set_note(c, false, "Kept the calibration from before the weighing.");
            go(c, CAL_MENU);
        }
        break;
    }
    case CAL_MENU: {
        int pick = a == ACT_BACK ? 2 : menu_input(&c->menu, &v);
        if (pick == 0) {
            game_push(g, scene_mvc_new());
        } else if (pick == 1) {
            c->note[0] = '\0';
            go(c, CAL_TARE);
        } else if (pick == 2) {
            game_pop(g);
        }
        break;
    }
    }
}

/* ---- drawing ---- */

static void draw_reading(Game *g, int y)
{
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    char big[64], small[64];
    double f = game_state(g)->latest_force;
    if (isfinite(f)) {
        snprintf(big, sizeof big, "%.1f N", f);
        snprintf(small, sizeof small, "= %.2f kg of weight", f / G_ACCEL);
    } else {
        snprintf(big, sizeof big, "no reading");
        snprintf(small, sizeof small, "waiting for the sensor");
    }
    gfx_text(x, big, w / 2, y, 0.13, PAL_ACCENT, ALIGN_CENTER, true);
    gfx_text(x, small, w / 2, y + gfx_u(x, 0.15), 0.04, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

static void draw_bar(Gfx *x, int y, double frac)
{
    int w = gfx_w(x), bw = w / 2, bh = gfx_u(x, 0.03);
    frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
    gfx_rect(x, (w - bw) / 2, y, bw, bh, PAL_PANEL);
    gfx_rect(x, (w - bw) / 2, y, (int)(bw * frac), bh, PAL_BAND);
}

static void cal_draw(Scene *sc, Game *g)
{
    CalScene *c = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x), margin = w / 10;
    if (c->step == CAL_NONE) {
        draw_page(x, "Sensor set-up", c->explain, false);
        menu_draw(&c->menu, x, w / 2, h - gfx_u(x, 0.16));
        return;
    }
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Sensor set-up", w / 2, gfx_u(x, 0.025), 0.07, PAL_TEXT, ALIGN_CENTER, true);
    gfx_text(x, game_state(g)->input.name, w / 2, gfx_u(x, 0.11), 0.038, PAL_TEXT_DIM,
             ALIGN_CENTER, false);
    draw_reading(g, gfx_u(x, 0.165));
    const char *label = "", *body = "", *hint = "";
    switch (c->step) {
    case CAL_NONE: break;
    case CAL_TARE:
        label = "Step 1 of 2: zero";
        body = "Take all weight off the sensor (lift your heels off it), then press Enter.";
        hint = "Enter: zero it now      Esc: skip";
        break;
    case CAL_TARING:
        label = "Step 1 of 2: zero";
        body = "Measuring. Keep still and leave the sensor free.";
        hint = "Esc: stop";
        break;
    case CAL_WEIGHT:
        label = "Step 2 of 2 (optional): a known weight";
        body = "Put a weight you know on the sensor (a bag of flour, dumbbells, a full water "
               "bottle), set its weight with left and right, then press Enter.";
        hint = "Left/right: 0.5 kg   Up/down: 5 kg   Enter: weigh it   Esc: skip";
        break;
    case CAL_WEIGHING:
        label = "Step 2 of 2 (optional): a known weight";
        body = "Weighing. Let the weight rest still on the sensor.";
        hint = "Esc: stop";
        break;
    case CAL_CONFIRM:
        label = "Does the reading match the weight?";
        hint = "Keep it: saved for this sensor      Esc: undo";
        break;
    case CAL_MENU:
        label = "Sensor ready";
        hint = "The strength test sets your targets: 3 pushes, about 2\xc2\xbd minutes";
        break;
    }
    int y = gfx_u(x, 0.39);
    gfx_text(x, label, w / 2, y, 0.045, PAL_BAND, ALIGN_CENTER, true);
    y += gfx_u(x, 0.07);
    if (body[0])
        y += gfx_text_wrapped(x, body, margin, y, w - 2 * margin, 0.04, PAL_TEXT, ALIGN_LEFT);
    if (c->step == CAL_TARING || c->step == CAL_WEIGHING) {
        draw_bar(x, y + gfx_u(x, 0.03), (g->now - c->t0) / WINDOW_S);
        y += gfx_u(x, 0.09);
    } else if (c->step == CAL_WEIGHT) {
        char v[48];
        snprintf(v, sizeof v, "\xe2\x97\x80  %.1f kg  \xe2\x96\xb6", c->kg);
        gfx_text(x, v, w / 2, y + gfx_u(x, 0.01), 0.075, PAL_ACCENT, ALIGN_CENTER, true);
        y += gfx_u(x, 0.1);
    }
    if (c->note[0])
        y += gfx_text_wrapped(x, c->note, margin, y + gfx_u(x, 0.01), w - 2 * margin, 0.034,
                              c->warn ? PAL_LOW : PAL_TEXT_DIM, ALIGN_LEFT);
    if (c->step == CAL_CONFIRM || c->step == CAL_MENU) {
        int my = y + gfx_u(x, 0.03);
        if (my > h - gfx_u(x, 0.42))
            my = h - gfx_u(x, 0.42);
        menu_draw(&c->menu, x, w / 2, my);
    }
    gfx_text(x, hint, w / 2, h - gfx_u(x, 0.06), 0.032, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

const char *scene_calibrate_note(const Scene *sc)
{
    const CalScene *c = sc->data;
    return c->note;
}

Scene *scene_calibrate_new(void)
{
    Scene *sc = scene_alloc("calibrate", sizeof(CalScene));
    sc->enter = cal_enter;
    sc->input = cal_input;
    sc->update = cal_update;
    sc->draw = cal_draw;
    return sc;
}
