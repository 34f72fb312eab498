/* ui/figure: a stick-figure glute bridge. */
#include "ui/figure.h"

#include <math.h>

#include "ui/palette.h"

void figure_draw(Gfx *g, int x, int y, int w, int h, double lift, FigureMark mark)
{
    int t = gfx_u(g, 0.012);
    int floor_y = y + h * 85 / 100;
    gfx_rect(g, x, floor_y, w, gfx_u(g, 0.006), PAL_TEXT_DIM);
    /* Shoulders on the floor at the left, feet flat at the right, knees bent. */
    int head_x = x + w * 10 / 100, shoulder_x = x + w * 22 / 100;
    int heel_x = x + w * 80 / 100, knee_x = x + w * 68 / 100;
    int hip_x = x + w * 50 / 100;
    int hip_y = (int)lround(floor_y - h * (0.08 + 0.42 * lift));
    int knee_y = floor_y - h * 55 / 100;
    int body_y = floor_y - t;
    gfx_disc(g, head_x, body_y - gfx_u(g, 0.03), gfx_u(g, 0.032), PAL_TEXT);
    gfx_line(g, shoulder_x, body_y, hip_x, hip_y, t, PAL_TEXT);       /* trunk */
    gfx_line(g, hip_x, hip_y, knee_x, knee_y, t, PAL_TEXT);           /* thigh */
    gfx_line(g, knee_x, knee_y, heel_x, body_y, t, PAL_TEXT);         /* shin */
    gfx_line(g, heel_x, body_y, heel_x + w * 6 / 100, body_y, t, PAL_TEXT); /* foot */
    gfx_line(g, shoulder_x, body_y, shoulder_x + w * 8 / 100, body_y - h / 10, t / 2 + 1,
             PAL_TEXT); /* arm resting */
    if (mark == FIGURE_MARK_HEEL) {
        int sw = w * 14 / 100, sh = gfx_u(g, 0.025);
        gfx_rect(g, heel_x - sw / 3, floor_y - sh / 2, sw, sh, PAL_ACCENT);
    } else if (mark == FIGURE_MARK_PELVIS) {
        int r = gfx_u(g, 0.035);
        gfx_rect(g, hip_x - r, hip_y - r - t, 2 * r, r, PAL_ACCENT);
    }
}
