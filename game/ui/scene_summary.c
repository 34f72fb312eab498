/* ui/scene_summary: how each set went, in words and bars; what happens next (the morning
 * question, the 24-hour rule). A headless run ends here (the app prints the JSON summary). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

static const char *const DONE_ITEMS[] = {"Back to the start"};
static const char *const SUPERVISED_ITEMS[] = {"Back to the start", "Override the next level"};

#define SUMMARY_DEMO_S 3.0

typedef struct SummaryScene {
    Menu menu;
    double shown_at;
} SummaryScene;

static int max_set_pain(const PlayState *st)
{
    int during = -1;
    const SetResult *res;
    size_t n = st->session ? session_results(st->session, &res) : 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].index > 0 && res[i].pain > during)
            during = res[i].pain;
    }
    return during;
}

static void summary_enter(Scene *sc, Game *g)
{
    SummaryScene *s = sc->data;
    if (game_state(g)->supervised)
        menu_init(&s->menu, SUPERVISED_ITEMS, 2);
    else
        menu_init(&s->menu, DONE_ITEMS, 1);
    s->shown_at = g->now;
}

/* A window demo shows the summary for a few seconds, then the run ends. */
static void summary_update(Scene *sc, Game *g)
{
    SummaryScene *s = sc->data;
    if (g->demo && g->now - s->shown_at > SUMMARY_DEMO_S)
        g->quit = true;
}

static void summary_input(Scene *sc, Game *g, const UiInput *in)
{
    SummaryScene *s = sc->data;
    UiInput v = input_space_as_ok(in);
    int pick = in->action == ACT_BACK ? 0 : menu_input(&s->menu, &v);
    if (pick == 0)
        flow_done(g, FLOW_SUMMARY);
    else if (pick == 1) /* supervised sessions only: the clinician may decide otherwise */
        game_push(g, scene_override_new());
}

/* Plain words for the day from the zone the rules gave the session (CLINICAL.md): kind, and
 * with what to do until next time. Without a decision (no database), from the pain limits. */
static const char *verdict(const PlayState *st)
{
    if (st->practice)
        return st->has_store ? "This was practice: it is kept and shown as practice, and it "
                               "does not change your level or your record."
                             : "This was practice: it does not change your level or your "
                               "record.";
    bool red = st->decided_now ? st->plan.zone == ZONE_RED
                               : max_set_pain(st) > st->rules->red_pain_during_above ||
                                     st->pain_after > st->rules->red_pain_after_above;
    if (red)
        return "Today's pain went above the safe limit. That is your tendon asking for less, "
               "not a failure: the next session will be easier. Until then, sit on a soft "
               "cushion, avoid long stretches of the back of the thigh, and rest from hills "
               "and sprints.";
    return "Pain stayed within the safe limits today. The tendon can answer up to a day "
           "later, so tomorrow morning's question decides what comes next.";
}

static void summary_draw(Scene *sc, Game *g)
{
    SummaryScene *s = sc->data;
    const PlayState *st = game_state(g);
    Gfx *x = g->gfx;
    gfx_clear(x, PAL_BG);
    int w = gfx_w(x);
    bool all = st->session && session_completed(st->session);
    const char *title = st->practice ? (all ? "Practice complete" : "Practice ended early")
                                     : (all ? "Session complete" : "Session ended early");
    gfx_text(x, title, w / 2, gfx_u(x, 0.03), 0.08, PAL_TEXT, ALIGN_CENTER, true);
    const SetResult *res;
    size_t n = st->session ? session_results(st->session, &res) : 0;
    int y = gfx_u(x, 0.15), row = gfx_u(x, 0.065);
    int bar_x = w * 30 / 100, bar_w = w * 40 / 100;
    for (size_t i = 0; i < n && i < 8; i++) {
        const SetResult *r = &res[i];
        char label[32], right[64];
        if (r->index == 0)
            snprintf(label, sizeof label, "Practice");
        else
            snprintf(label, sizeof label, "Set %d", r->index);
        gfx_text(x, label, w * 8 / 100, y, 0.045, PAL_TEXT, ALIGN_LEFT, true);
        gfx_rect(x, bar_x, y + row / 8, bar_w, row * 5 / 8, PAL_PANEL);
        if (r->measured && !isnan(r->m.time_in_band_pct)) {
            int fill = (int)lround(bar_w * r->m.time_in_band_pct / 100.0);
            gfx_rect(x, bar_x, y + row / 8, fill, row * 5 / 8,
                     play_good_set(g->play, r) ? PAL_IN : PAL_LOW);
            snprintf(right, sizeof right, st->self_timed ? "%.0f %% held" : "%.0f %% in band",
                     r->m.time_in_band_pct);
        } else {
            snprintf(right, sizeof right, r->interrupted ? "interrupted" : "timed");
        }
        char pain[24] = "";
        if (r->pain >= 0)
            snprintf(pain, sizeof pain, "  pain %d", r->pain);
        char text[96];
        snprintf(text, sizeof text, "%s%s", right, pain);
        gfx_text(x, text, bar_x + bar_w + gfx_u(x, 0.02), y, 0.04, PAL_TEXT, ALIGN_LEFT, false);
        y += row;
    }
    char pains[128];
    snprintf(pains, sizeof pains, "Pain before %d, during (highest) %d, after %d", st->pain_before,
             max_set_pain(st) < 0 ? 0 : max_set_pain(st), st->pain_after);
    gfx_text(x, pains, w / 2, y + gfx_u(x, 0.01), 0.042, PAL_TEXT, ALIGN_CENTER, false);
    int ty = y + gfx_u(x, 0.08);
    ty += gfx_text_wrapped(x, verdict(st), w / 10, ty, w * 8 / 10, 0.038, PAL_TEXT, ALIGN_LEFT);
    if (st->decided_now) {
        char next[128];
        snprintf(next, sizeof next, "Next session: %s (%s)", st->plan.next_level,
                 decision_name(st->plan.decision));
        gfx_text(x, next, w / 10, ty + gfx_u(x, 0.01), 0.038, PAL_BAND, ALIGN_LEFT, true);
        ty += gfx_u(x, 0.06);
    }
    if (st->storage_msg[0]) {
        gfx_text_wrapped(x, st->storage_msg, w / 10, ty, w * 8 / 10, 0.032, PAL_WARN, ALIGN_LEFT);
        ty += gfx_u(x, 0.05);
    }
    if (st->has_profile && !st->practice) /* only a stored live session has a morning after */
        gfx_text_wrapped(x,
                         "Tomorrow morning: before anything else, do 3 short single-leg bridges "
                         "on your sore side and rate the pain. The game will ask you when you "
                         "open it.",
                         w / 10, ty + gfx_u(x, 0.02), w * 8 / 10, 0.038, PAL_ACCENT, ALIGN_LEFT);
    menu_draw(&s->menu, x, w / 2, gfx_h(x) - gfx_u(x, 0.13) * s->menu.count);
}

Scene *scene_summary_new(void)
{
    Scene *sc = scene_alloc("summary", sizeof(SummaryScene));
    sc->enter = summary_enter;
    sc->input = summary_input;
    sc->update = summary_update;
    sc->draw = summary_draw;
    return sc;
}
