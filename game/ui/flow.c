/* ui/flow: what comes after each screen. One place, so no journey dead-ends by accident
 * (JOURNEYS.md):
 *   title → [several players: who is playing?] →
 *     first run:  welcome → red flags → profile → sensor → …
 *     other days: [morning load test, when owed] → today's plan → red flags → sensor → …
 *   … → pain before → session (holds, per-set pain) → pain after → summary →
 *   [weekly: sitting tolerance] → title.
 * With an answers file (headless runs, window demos) the screens that only inform (welcome,
 * profile, sensor) are skipped and the run ends after the summary. */
#include "ui/game.h"
#include "ui/persist.h"

static bool first_run(const Game *g) { return g->profile.first_session && !g->profile_id; }

/* Once the player is known: the first run's welcome, else the owed morning question, else
 * today's plan. */
static Scene *day_start(const Game *g, bool first)
{
    if (first)
        return scene_welcome_new();
    if (g->morning_due)
        return scene_pain_new(PAIN_MORNING, 0);
    return scene_plan_new();
}

void flow_done(Game *g, FlowStep finished)
{
    bool auto_answer = g->answers != NULL;
    bool first = first_run(g) && !auto_answer;
    Scene *next = NULL;
    switch (finished) {
    case FLOW_TITLE:
        next = !g->profile_id && g->n_profiles > 0 && !auto_answer ? scene_players_new()
                                                                    : day_start(g, first);
        break;
    case FLOW_PLAYERS: next = day_start(g, first); break;
    case FLOW_WELCOME: next = scene_redflags_new(); break;
    case FLOW_MORNING: next = scene_plan_new(); break;
    case FLOW_PLAN: next = scene_redflags_new(); break;
    case FLOW_REDFLAGS:
        if (g->red_flag_stop)
            next = scene_stop_new();
        else if (first)
            next = scene_profile_new();
        else if (auto_answer)
            next = scene_pain_new(PAIN_BEFORE, 0);
        else
            next = scene_sensor_new();
        break;
    case FLOW_PROFILE:
        if (g->store && !g->profile_id)
            persist_create_profile(g);
        next = scene_sensor_new();
        break;
    case FLOW_SENSOR: next = scene_pain_new(PAIN_BEFORE, 0); break;
    case FLOW_PAIN_BEFORE: next = scene_hold_new(); break;
    case FLOW_HOLD: next = scene_pain_new(PAIN_AFTER, 0); break;
    case FLOW_PAIN_AFTER: next = scene_summary_new(); break;
    case FLOW_SUMMARY:
        if (auto_answer) { /* the run ends on the summary */
            if (g->answers->has_sitting_minutes && persist_sitting_due(g))
                persist_sitting(g, g->answers->sitting_minutes);
            g->quit = true;
            return;
        }
        if (persist_sitting_due(g)) {
            next = scene_sitting_new();
            break;
        }
        g->profile.first_session = false;
        next = scene_title_new();
        break;
    case FLOW_SITTING:
        g->profile.first_session = false;
        next = scene_title_new();
        break;
    }
    if (next)
        game_replace(g, next);
}
