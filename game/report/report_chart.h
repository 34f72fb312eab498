/* report/report_chart: charts and text for the PDF report, drawn with cairo. Series are told apart
 * by marker shape and line style as well as colour, so a black-and-white print still reads;
 * practice sessions are hollow markers. Coordinates are PDF points (1/72 inch). */
#pragma once
#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#define RC_FONT "DejaVu Sans"

typedef enum RcMarker {
    RC_CIRCLE,
    RC_SQUARE,
    RC_TRIANGLE,
    RC_TRIANGLE_DOWN,
    RC_DIAMOND,
    RC_CROSS,
} RcMarker;

typedef enum RcLine { RC_LINE_NONE, RC_LINE_SOLID, RC_LINE_DASHED, RC_LINE_DOTTED } RcLine;

typedef struct RcColor {
    double r, g, b;
} RcColor;

typedef struct RcStyle {
    RcMarker marker;
    RcColor color;
    RcLine line;   /* joins consecutive filled (live) points; hollow ones stay unjoined */
    bool step;     /* join as a step (hold the value until the next point) */
} RcStyle;

typedef struct RcChart {
    cairo_t *cr;
    double x, y, w, h;     /* the whole box, title and legend included */
    double px, py, pw, ph; /* the plot area */
    double x0, x1, y0, y1; /* data range */
    bool dates;            /* x is a day number (report_day_number) */
} RcChart;

/* Fonts and text. */
void rc_font(cairo_t *cr, double size, bool bold);
double rc_text_width(cairo_t *cr, const char *s);
void rc_text(cairo_t *cr, double x, double y, const char *s); /* y = baseline */
void rc_text_right(cairo_t *cr, double x, double y, const char *s);
void rc_text_center(cairo_t *cr, double x, double y, const char *s);
/* Word-wraps s into width; draws it when draw (first baseline at y + size) and returns the
 * height it takes (lines × line_h). */
double rc_wrap(cairo_t *cr, double x, double y, double width, double line_h, const char *s,
               bool draw);

/* Draws the title, the frame, grid lines and tick labels; y ticks every ystep (0 = automatic),
 * y labels through ylabel_fn when given (e.g. level names). The plot leaves legend_h below. */
void rc_chart_begin(RcChart *c, cairo_t *cr, double x, double y, double w, double h,
                    const char *title, const char *y_title, const char *x_title, double x0,
                    double x1, double y0, double y1, double ystep, bool dates, double legend_h,
                    const char *(*ylabel_fn)(double v, char *buf, size_t cap));
double rc_px(const RcChart *c, double v);
double rc_py(const RcChart *c, double v);
/* A shaded horizontal band (background zone) with its label at the right inside the plot. */
void rc_band(const RcChart *c, double ylo, double yhi, double gray, const char *label);
/* The points (xs[i], ys[i]); NAN y skipped; hollow[i] (may be NULL) draws hollow. */
void rc_series(const RcChart *c, const double *xs, const double *ys, const bool *hollow, size_t n,
               const RcStyle *st);
void rc_marker(cairo_t *cr, double x, double y, double r, RcMarker m, RcColor col, bool hollow);
/* One legend entry at (*lx, *ly baseline); *lx advances, and a full row wraps to the next. */
void rc_legend(const RcChart *c, double *lx, double *ly, const RcStyle *st, bool hollow,
               const char *label);
/* Centered message inside an empty plot. */
void rc_empty(const RcChart *c, const char *msg);
