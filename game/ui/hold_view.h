/* ui/hold_view: drawing the hold screen — the rope bridge, the gauge, the live trace with the
 * band and the ghost, the countdown. Everything it draws comes from the session; it keeps no
 * state of its own, so screenshot tests can draw any moment. */
#pragma once
#include "ui/game.h"

/* Layout rectangles, fractions of the window, shared with the tests that read pixels back. */
typedef struct HoldLayout {
    SDL_Rect world; /* the bridge scene */
    SDL_Rect gauge; /* the vertical gauge bar */
    SDL_Rect trace; /* the last-10-s strip */
} HoldLayout;

HoldLayout hold_layout(const Gfx *g);
/* The y pixel of the bridge deck when it is level (the value in the band). */
int hold_deck_y(const HoldLayout *l);
/* The gauge's full scale: values map linearly from 0 (bottom) to this (top). */
double hold_gauge_max(double target);
/* The y pixel of a value on the gauge. */
int hold_gauge_y(const HoldLayout *l, double value, double target);

void hold_view_draw(Game *g);
/* The live trace (last 10 s, band, ghost) alone, in r (the supervised view draws it large). */
void hold_view_trace(Game *g, SDL_Rect r);
