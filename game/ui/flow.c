/* ui/flow: what comes after each screen. One place, so no journey dead-ends by accident
 * (JOURNEYS.md):
 *   title → [several players: who is playing?] →
 *     first run:  welcome → red flags → profile → sensor → …
 *     other days: [morning load test, when owed] → today's plan → red flags → sensor → …
 *   … → pain before → session (holds, per-set pain) → pain after → summary →
 *   [weekly: sitting tolerance] → title. */
#include "ui/game.h"

static bool first_run(const PlayState *st) { return st->profile.first_session && !st->has_profile; }

/* Once the player is known: the first run's welcome, else the owed morning question, else
 * today's plan. */
static Scene *day_start(const PlayState *st)
{
    if (first_run(st))
        return scene_welcome_new();
    if (st->morning_due)
        return scene_pain_new(PLAY_PAIN_MORNING);
    return scene_plan_new();
}

void flow_done(Game *g, FlowStep finished)
{
    const PlayState *st = game_state(g);
    Scene *next = NULL;
    switch (finished) {
    case FLOW_TITLE:
        play_refresh_day(g->play);
        next = !st->has_profile && st->n_profiles > 0 ? scene_players_new() : day_start(st);
        break;
    case FLOW_PLAYERS: next = day_start(st); break;
    case FLOW_WELCOME: next = scene_redflags_new(); break;
    case FLOW_MORNING: next = scene_plan_new(); break;
    case FLOW_PLAN: next = scene_redflags_new(); break;
    case FLOW_REDFLAGS:
        if (st->red_flag_stop)
            next = scene_stop_new();
        else if (first_run(st))
            next = scene_profile_new();
        else
            next = scene_sensor_new();
        break;
    case FLOW_PROFILE: next = scene_sensor_new(); break;
    case FLOW_SENSOR: next = scene_pain_new(PLAY_PAIN_BEFORE); break;
    case FLOW_PAIN_BEFORE: next = scene_hold_new(); break;
    case FLOW_HOLD: next = scene_pain_new(PLAY_PAIN_AFTER); break;
    case FLOW_PAIN_AFTER: next = scene_summary_new(); break;
    case FLOW_SUMMARY:
        next = st->sitting_due && st->has_profile ? scene_sitting_new() : scene_title_new();
        break;
    case FLOW_SITTING: next = scene_title_new(); break;
    }
    if (next)
        game_replace(g, next);
}
