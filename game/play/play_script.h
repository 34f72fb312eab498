/* play/play_script: an answers file as a scripted patient (the Doom demo idea). It sends a Play
 * the same intents a person's key presses would — the morning answer, the safety questions, pain
 * before, the session with a pain answer after each set, pain after, the weekly sitting time —
 * so headless runs and window demos exercise exactly the code a patient does, with no screen. */
#pragma once
#include <stdbool.h>

#include "play/play.h"
#include "session/answers.h"

typedef struct PlayScript {
    const Answers *answers;
    int step;   /* where the script is (play_script.c) */
    bool done;  /* finished; PlayState.error says why when it failed */
    bool failed;
} PlayScript;

void play_script_init(PlayScript *sc, const Answers *answers);
/* Advances the script at game time now (ticking the Play while a session runs). Returns the
 * play_tick events of this step (for sound cues and a window demo's drawing). */
unsigned play_script_step(PlayScript *sc, Play *p, double now);
