/* ui/supervise: the clinician's view of a supervised session (ui/scene_supervise.c). */
#pragma once
#include "ui/game.h"

#define SUPERVISE_ACTIONS 3 /* note on the last set, end this set, end the session */

typedef struct SuperviseActions {
    int selected;
    char note[160]; /* a line under the view: what the last action did */
} SuperviseActions;

/* The live trace full width with the band, live %MVC, CV, drift, the sets so far, the actions. */
void supervise_view_draw(Game *g, const SuperviseActions *a);
/* The action chosen (0..SUPERVISE_ACTIONS-1), or -1. */
int supervise_input(SuperviseActions *a, Game *g, const UiInput *in);
