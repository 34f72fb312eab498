/* play/play_script: the scripted patient. */
#include "play/play_script.h"

#include <stdio.h>

enum { STEP_MORNING, STEP_SAFETY, STEP_BEFORE, STEP_SESSION, STEP_AFTER, STEP_DONE };

void play_script_init(PlayScript *sc, const Answers *answers)
{
    sc->answers = answers;
    sc->step = STEP_MORNING;
    sc->done = false;
    sc->failed = false;
}

static void fail(PlayScript *sc, Play *p, const char *what, int set)
{
    char msg[512];
    if (set > 0)
        snprintf(msg, sizeof msg, "%.400s: no pain_set answer for set %d", sc->answers->path,
                 set);
    else
        snprintf(msg, sizeof msg, "%.400s: %s", sc->answers->path, what);
    play_report_error(p, msg);
    sc->failed = sc->done = true;
}

static bool practice_hold(const Answers *a) { return a->has_practice && a->practice; }

unsigned play_script_step(PlayScript *sc, Play *p, double now)
{
    const Answers *a = sc->answers;
    const PlayState *st = play_state(p);
    /* The Play runs every tick, as under a window: the sensor is read before the session. */
    unsigned ev = play_tick(p, now);
    switch (sc->step) {
    case STEP_MORNING:
        /* Not answered in the file: it stays owed, as when a patient skips it. */
        if (st->morning_due && a->has_pain_next_morning)
            play_answer_pain(p, PLAY_PAIN_MORNING, a->pain_next_morning);
        sc->step = STEP_SAFETY;
        break;
    case STEP_SAFETY:
        if (!a->has_red_flags) {
            fail(sc, p, "no answer for red_flags (yes or no)", 0);
            break;
        }
        play_red_flags(p, a->red_flags);
        sc->step = a->red_flags ? STEP_DONE : STEP_BEFORE;
        break;
    case STEP_BEFORE:
        if (!a->has_pain_before) {
            fail(sc, p, "no answer for pain_before", 0);
            break;
        }
        play_answer_pain(p, PLAY_PAIN_BEFORE, a->pain_before);
        if (!play_begin_session(p, practice_hold(a))) {
            sc->failed = sc->done = true;
            break;
        }
        sc->step = STEP_SESSION;
        break;
    case STEP_SESSION:
        if (st->set_pain_owed > 0) {
            int v = answers_pain_for_set(a, st->set_pain_owed);
            if (v < 0) {
                fail(sc, p, "", st->set_pain_owed);
                break;
            }
            play_answer_pain(p, PLAY_PAIN_SET, v);
        }
        if (session_phase(st->session) == PHASE_DONE && st->set_pain_owed == 0)
            sc->step = STEP_AFTER;
        break;
    case STEP_AFTER:
        if (!a->has_pain_after) {
            fail(sc, p, "no answer for pain_after", 0);
            break;
        }
        play_answer_pain(p, PLAY_PAIN_AFTER, a->pain_after);
        if (a->has_sitting_minutes && st->sitting_due)
            play_answer_sitting(p, a->sitting_minutes);
        sc->step = STEP_DONE;
        break;
    default: sc->done = true; break;
    }
    if (sc->step == STEP_DONE)
        sc->done = true;
    return ev;
}
