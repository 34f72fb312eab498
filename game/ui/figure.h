/* ui/figure: a simple side-view drawing of a person in a glute bridge, used to show where the
 * sensor goes and, on the hold screen, how high the hips are. */
#pragma once
#include "ui/gfx.h"

typedef enum FigureMark { FIGURE_MARK_NONE, FIGURE_MARK_HEEL, FIGURE_MARK_PELVIS } FigureMark;

/* Draws the figure in the box (x, y, w, h); lift 0 = hips on the floor, 1 = full bridge. */
void figure_draw(Gfx *g, int x, int y, int w, int h, double lift, FigureMark mark);
