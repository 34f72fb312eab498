/* ui/chart: a small line/step chart over dates — framed plot, y ticks with labels, date labels
 * along x, shaded zones, labelled threshold lines, series with a distinct marker shape each and a
 * legend in words. Colour is never the only cue: every series has its own shape, every zone and
 * line its own words (palette.h). Sizes follow gfx_u so the chart reads from the floor. */
#pragma once
#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/gfx.h"

/* Shapes told apart without colour (and by colour-blind players). */
typedef enum ChartMarker { CHART_CIRCLE, CHART_SQUARE, CHART_TRIANGLE, CHART_DIAMOND } ChartMarker;

/* Maps data to pixels. x is a calendar day (days since 1970-01-01, see chart_parse_date). */
typedef struct Chart {
    SDL_Rect plot;  /* the framed plot area, pixels */
    int inset;      /* points at the ends of the ranges sit this far inside the frame */
    double x0, x1;  /* day range */
    double y0, y1;  /* value range, y0 at the bottom */
    int marker_r;   /* marker radius, pixels: chart_marker_r, less when points crowd */
} Chart;

typedef struct ChartSeries {
    const char *label;  /* the legend's words */
    SDL_Color color;
    ChartMarker marker;
    bool step;          /* hold each value until the next point (levels), else straight lines */
    int dodge_px;       /* shifts this series sideways so equal values on a date stay visible */
    const double *x;    /* days, ascending */
    const double *y;    /* NAN = no value: no marker, and the line joins the neighbours */
    size_t n;
} ChartSeries;

/* The chart of a full-screen chart page: the plot takes the left of the window (room for the y
 * labels on its left, the date labels below) and leaves the right quarter for words. A day range
 * of one day (x1 <= x0) is widened by a day on each side so a single point sits in the middle. */
Chart chart_page(const Gfx *g, double x0, double x1, double y0, double y1);
/* Pixel column of day x and pixel row of value y (rounded). */
int chart_x(const Chart *c, double x);
int chart_y(const Chart *c, double y);
/* The full marker radius in pixels (legends; charts with room to spare). */
int chart_marker_r(const Gfx *g);
/* Shrinks c->marker_r (to no less than a third of it) when the usual gap between the dates in
 * days[] (ascending) is narrower than two markers, so months of sessions stay apart. */
void chart_fit_markers(Chart *c, const double *days, size_t n);
/* The sideways shift of series i of n, centred on the date (one marker radius apart). */
int chart_dodge_px(const Chart *c, int i, int n);

/* Formats a y tick label for value v into out. */
typedef void (*ChartYLabel)(double v, char *out, size_t cap, void *ctx);

/* Tick labels: a whole number ("45"), a percentage ("80 %"). ctx unused. */
void chart_label_number(double v, char *out, size_t cap, void *ctx);
void chart_label_percent(double v, char *out, size_t cap, void *ctx);

/* The panel, the grid and y labels every y_step from y0 to y1, and the frame. */
void chart_draw_frame(const Chart *c, Gfx *g, double y_step, ChartYLabel label, void *ctx);
/* Date labels under the plot: the first and last of days[] always, others in between when they
 * do not crowd their neighbours; a tick on the axis at each. days[] ascending, duplicates ok. */
void chart_draw_dates(const Chart *c, Gfx *g, const double *days, size_t n);
/* A shaded band of values [lo, hi] with its words inside, at the top right of the band. */
void chart_draw_zone(const Chart *c, Gfx *g, double lo, double hi, SDL_Color fill,
                     const char *words);
/* A dashed horizontal line at value y with its words above its right end. */
void chart_draw_hline(const Chart *c, Gfx *g, double y, SDL_Color color, const char *words);
/* A note (a few words) just above and right of the point (x, y) — below when there is no room
 * above, left when there is none on the right — unless it would cover *last, the previous note
 * (updated when this one is drawn). False when it was left out for want of space. */
bool chart_draw_note(const Chart *c, Gfx *g, double x, double y, const char *words,
                     SDL_Rect *last);
/* The lines (or steps) of n series, then their markers on top. */
void chart_draw_series(const Chart *c, Gfx *g, const ChartSeries *s, size_t n);
/* One marker of radius r centred at (cx, cy), with a thin dark outline to stand out of lines. */
void chart_draw_marker(Gfx *g, ChartMarker m, int cx, int cy, int r, SDL_Color color);
/* A legend, one series per row (its marker and its words) from (x, y); returns the height. */
int chart_draw_legend(Gfx *g, const ChartSeries *s, size_t n, int x, int y, double size);

/* "YYYY-MM-DD" → days since 1970-01-01 (proleptic Gregorian, no time zone involved). */
bool chart_parse_date(const char *ymd, double *day);
/* A day as "24 Nov" (with_year: "24 Nov 2025"). */
void chart_format_date(double day, bool with_year, char *out, size_t cap);
/* The smallest multiple of step above v, at least min (a y range with head-room). */
double chart_nice_max(double v, double step, double min);
