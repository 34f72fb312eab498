/* ui/chart: line and step charts over dates for the progress screen (see chart.h). */
#include "ui/chart.h"

#include "rehab/history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui/palette.h"

#define LABEL_SIZE 0.032 /* tick labels, fraction of the window height: large enough at 2 m */

/* Calendar arithmetic is rehab/history's (exact, in integers), so date labels never depend on
 * the machine's time zone. */
static long days_from_civil(long y, int m, int d) { return history_day_number((int)y, m, d); }

static void civil_from_days(long z, long *y, int *m, int *d) { history_civil_from_day(z, y, m, d); }

static long year_of(double day)
{
    long y;
    int m, d;
    civil_from_days((long)floor(day + 0.5), &y, &m, &d);
    return y;
}

Chart chart_page(const Gfx *g, double x0, double x1, double y0, double y1)
{
    int w = gfx_w(g), h = gfx_h(g);
    Chart c;
    c.plot.x = w * 11 / 100;
    c.plot.w = w * 71 / 100 - c.plot.x;
    c.plot.y = h * 27 / 100;
    c.plot.h = h * 79 / 100 - c.plot.y;
    c.inset = gfx_u(g, 0.045); /* room for the widest dodge plus a marker */
    if (!(x1 > x0)) { /* one day (or none): centre it */
        x0 -= 1;
        x1 = x0 + 2;
    }
    c.x0 = x0;
    c.x1 = x1;
    c.y0 = y0;
    c.y1 = y1 > y0 ? y1 : y0 + 1;
    c.marker_r = chart_marker_r(g);
    return c;
}

int chart_x(const Chart *c, double x)
{
    double span = c->plot.w - 2.0 * c->inset;
    return c->plot.x + c->inset + (int)lround((x - c->x0) / (c->x1 - c->x0) * span);
}

int chart_y(const Chart *c, double y)
{
    double span = c->plot.h - 2.0 * c->inset;
    return c->plot.y + c->plot.h - c->inset - (int)lround((y - c->y0) / (c->y1 - c->y0) * span);
}

int chart_marker_r(const Gfx *g) { return gfx_u(g, 0.016); }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void chart_fit_markers(Chart *c, const double *days, size_t n)
{
    double *gaps = malloc((n ? n : 1) * sizeof *gaps);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (days[i] > days[i - 1])
            gaps[k++] = chart_x(c, days[i]) - chart_x(c, days[i - 1]);
    }
    if (k > 0) {
        qsort(gaps, k, sizeof *gaps, cmp_double);
        int full = c->marker_r, fit = (int)(gaps[k / 2] * 0.45); /* the median gap */
        int least = full / 3 > 2 ? full / 3 : 2;
        c->marker_r = fit > full ? full : fit < least ? least : fit;
    }
    free(gaps);
}

/* One radius apart: markers of equal value on one date overlap by half, so every shape still
 * shows, while the points stay close enough to read as one date. */
int chart_dodge_px(const Chart *c, int i, int n)
{
    return (int)lround((i - (n - 1) / 2.0) * c->marker_r);
}

void chart_label_number(double v, char *out, size_t cap, void *ctx)
{
    (void)ctx;
    snprintf(out, cap, "%.0f", v);
}

void chart_label_percent(double v, char *out, size_t cap, void *ctx)
{
    (void)ctx;
    snprintf(out, cap, "%.0f %%", v);
}

static int label_half_h(const Gfx *g, double size) { return gfx_u(g, size * 0.6); }

void chart_draw_frame(const Chart *c, Gfx *g, double y_step, ChartYLabel label, void *ctx)
{
    const SDL_Rect *p = &c->plot;
    gfx_rect(g, p->x, p->y, p->w, p->h, PAL_PANEL);
    char buf[32];
    for (int k = 0; y_step > 0 && k < 1000; k++) {
        double v = c->y0 + k * y_step;
        if (v > c->y1 + 1e-9)
            break;
        int y = chart_y(c, v);
        gfx_rect(g, p->x, y, p->w, 1, PAL_PANEL_HI);
        label(v, buf, sizeof buf, ctx);
        gfx_text(g, buf, p->x - gfx_u(g, 0.012), y - label_half_h(g, LABEL_SIZE), LABEL_SIZE,
                 PAL_TEXT, ALIGN_RIGHT, false);
    }
    int t = gfx_u(g, 0.004);
    gfx_rect(g, p->x - t, p->y, t, p->h + t, PAL_TEXT_DIM);      /* y axis */
    gfx_rect(g, p->x - t, p->y + p->h, p->w + t, t, PAL_TEXT_DIM); /* x axis */
}

/* The label's box, kept under the plot so the first and last do not spill into the y labels. */
static void date_box(const Chart *c, int px, int tw, int *left, int *right)
{
    int l = px - tw / 2;
    if (l < c->plot.x)
        l = c->plot.x;
    if (l + tw > c->plot.x + c->plot.w)
        l = c->plot.x + c->plot.w - tw;
    *left = l;
    *right = l + tw;
}

static void draw_date(const Chart *c, Gfx *g, double day, bool with_year, int left)
{
    char buf[32];
    chart_format_date(day, with_year, buf, sizeof buf);
    int px = chart_x(c, day), y = c->plot.y + c->plot.h;
    gfx_rect(g, px - 1, y, 3, gfx_u(g, 0.015), PAL_TEXT_DIM);
    gfx_text(g, buf, left, y + gfx_u(g, 0.018), LABEL_SIZE, PAL_TEXT, ALIGN_LEFT, false);
}

void chart_draw_dates(const Chart *c, Gfx *g, const double *days, size_t n)
{
    if (n == 0)
        return;
    char buf[32];
    /* The first label carries the year, later ones only when the year changes, so most stay
     * short and more of them fit. */
    chart_format_date(days[0], true, buf, sizeof buf);
    int fl, fr, ll, lr;
    date_box(c, chart_x(c, days[0]), gfx_text_width(g, buf, LABEL_SIZE, false), &fl, &fr);
    draw_date(c, g, days[0], true, fl);
    if (days[n - 1] <= days[0])
        return;
    int gap = gfx_u(g, 0.03);
    bool last_year = year_of(days[n - 1]) != year_of(days[0]);
    chart_format_date(days[n - 1], last_year, buf, sizeof buf);
    date_box(c, chart_x(c, days[n - 1]), gfx_text_width(g, buf, LABEL_SIZE, false), &ll, &lr);
    if (ll >= fr + gap / 2)
        draw_date(c, g, days[n - 1], last_year, ll);
    else
        ll = fr; /* too close to the first: nothing fits in between either */
    int prev_r = fr;
    double prev_day = days[0];
    for (size_t i = 1; i + 1 < n; i++) {
        if (days[i] <= prev_day || days[i] >= days[n - 1])
            continue;
        bool with_year = year_of(days[i]) != year_of(prev_day);
        chart_format_date(days[i], with_year, buf, sizeof buf);
        int l, r;
        date_box(c, chart_x(c, days[i]), gfx_text_width(g, buf, LABEL_SIZE, false), &l, &r);
        if (l >= prev_r + gap && r + gap <= ll) {
            draw_date(c, g, days[i], with_year, l);
            prev_r = r;
            prev_day = days[i];
        }
    }
}

void chart_draw_zone(const Chart *c, Gfx *g, double lo, double hi, SDL_Color fill,
                     const char *words)
{
    const SDL_Rect *p = &c->plot;
    /* A band touching an end of the range runs to the frame, not to the inset. */
    int top = hi >= c->y1 ? p->y : chart_y(c, hi);
    int bottom = lo <= c->y0 ? p->y + p->h : chart_y(c, lo);
    gfx_rect(g, p->x, top, p->w, bottom - top, fill);
    if (words && *words)
        gfx_text(g, words, p->x + p->w - gfx_u(g, 0.012), top + gfx_u(g, 0.006), 0.03, PAL_TEXT,
                 ALIGN_RIGHT, true);
}

void chart_draw_hline(const Chart *c, Gfx *g, double y, SDL_Color color, const char *words)
{
    const SDL_Rect *p = &c->plot;
    int py = chart_y(c, y), t = gfx_u(g, 0.005);
    int dash = gfx_u(g, 0.022), gap = gfx_u(g, 0.011);
    /* Dashed, so it never reads as one of the data lines. */
    for (int x = p->x; x < p->x + p->w; x += dash + gap) {
        int len = x + dash > p->x + p->w ? p->x + p->w - x : dash;
        gfx_rect(g, x, py - t / 2, len, t, color);
    }
    if (words && *words)
        gfx_text(g, words, p->x + p->w - gfx_u(g, 0.012), py - t - gfx_u(g, 0.04), 0.032, color,
                 ALIGN_RIGHT, true);
}

bool chart_draw_note(const Chart *c, Gfx *g, double x, double y, const char *words,
                     SDL_Rect *last)
{
    double size = LABEL_SIZE;
    int px = chart_x(c, x), py = chart_y(c, y), pad = gfx_u(g, 0.01);
    int tw = gfx_text_width(g, words, size, false), th = gfx_u(g, size * 1.25);
    SDL_Rect box = {px + pad, py - th - pad / 2, tw, th};
    if (box.x + box.w > c->plot.x + c->plot.w)
        box.x = px - pad - tw;
    if (box.y < c->plot.y)
        box.y = py + pad;
    if (SDL_HasIntersection(&box, last))
        return false;
    gfx_text(g, words, box.x, box.y, size, PAL_TEXT, ALIGN_LEFT, false);
    *last = box;
    return true;
}

/* Thick axis-parallel segments as rectangles, so steps have clean corners. */
static void hseg(Gfx *g, int x0, int x1, int y, int t, SDL_Color c)
{
    if (x1 < x0) {
        int s = x0;
        x0 = x1;
        x1 = s;
    }
    gfx_rect(g, x0 - t / 2, y - t / 2, x1 - x0 + t, t, c);
}

static void vseg(Gfx *g, int x, int y0, int y1, int t, SDL_Color c)
{
    if (y1 < y0) {
        int s = y0;
        y0 = y1;
        y1 = s;
    }
    gfx_rect(g, x - t / 2, y0 - t / 2, t, y1 - y0 + t, c);
}

/* Offset one-pixel lines along the minor axis: unlike offsets along the normal, they leave no
 * gaps between them. More of them on a slope keep the width the eye sees. */
static void thick_line(Gfx *g, int x0, int y0, int x1, int y1, int t, SDL_Color c)
{
    int dx = abs(x1 - x0), dy = abs(y1 - y0), major = dx > dy ? dx : dy;
    if (major == 0)
        return;
    int n = (int)lround(t * sqrt((double)dx * dx + (double)dy * dy) / major);
    for (int k = -(n / 2); k < n - n / 2; k++) {
        if (dx >= dy)
            gfx_line(g, x0, y0 + k, x1, y1 + k, 1, c);
        else
            gfx_line(g, x0 + k, y0, x1 + k, y1, 1, c);
    }
}

static void draw_lines(const Chart *c, Gfx *g, const ChartSeries *s)
{
    int t = gfx_u(g, 0.005);
    if (t > c->marker_r / 2 + 1) /* thinner among small markers */
        t = c->marker_r / 2 + 1;
    bool have_prev = false;
    int px = 0, py = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (isnan(s->y[i]))
            continue;
        int x = chart_x(c, s->x[i]) + s->dodge_px, y = chart_y(c, s->y[i]);
        if (have_prev) {
            if (s->step) {
                hseg(g, px, x, py, t, s->color);
                vseg(g, x, py, y, t, s->color);
            } else {
                thick_line(g, px, py, x, y, t, s->color);
            }
        }
        have_prev = true;
        px = x;
        py = y;
    }
}

void chart_draw_series(const Chart *c, Gfx *g, const ChartSeries *s, size_t n)
{
    /* every line first: a line of one series never hides a marker of another */
    for (size_t k = 0; k < n; k++)
        draw_lines(c, g, &s[k]);
    int r = c->marker_r;
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < s[k].n; i++) {
            if (!isnan(s[k].y[i]))
                chart_draw_marker(g, s[k].marker, chart_x(c, s[k].x[i]) + s[k].dodge_px,
                                  chart_y(c, s[k].y[i]), r, s[k].color);
        }
    }
}

static void shape(Gfx *g, ChartMarker m, int cx, int cy, int r, SDL_Color color)
{
    switch (m) {
    case CHART_CIRCLE: gfx_disc(g, cx, cy, r, color); break;
    case CHART_SQUARE: { /* a little smaller than the circle's box: about the same area */
        int side = (int)lround(r * 1.7);
        gfx_rect(g, cx - side / 2, cy - side / 2, side, side, color);
        break;
    }
    case CHART_TRIANGLE: { /* pointing up; larger, as a triangle covers less of its box */
        int top = cy - (int)lround(r * 1.2), base = cy + (int)lround(r * 0.9);
        double hw = r * 1.25;
        for (int y = top; y <= base; y++) {
            int half = (int)lround(hw * (y - top) / (double)(base - top));
            gfx_rect(g, cx - half, y, 2 * half + 1, 1, color);
        }
        break;
    }
    case CHART_DIAMOND: {
        int big = (int)lround(r * 1.3);
        for (int dy = -big; dy <= big; dy++) {
            int half = big - abs(dy);
            gfx_rect(g, cx - half, cy + dy, 2 * half + 1, 1, color);
        }
        break;
    }
    }
}

void chart_draw_marker(Gfx *g, ChartMarker m, int cx, int cy, int r, SDL_Color color)
{
    int o = r / 5 > 1 ? r / 5 : 1;
    shape(g, m, cx, cy, r + o, PAL_BG);
    shape(g, m, cx, cy, r, color);
}

int chart_draw_legend(Gfx *g, const ChartSeries *s, size_t n, int x, int y, double size)
{
    int row = gfx_u(g, size * 1.6), r = chart_marker_r(g);
    for (size_t i = 0; i < n; i++) {
        int top = y + (int)i * row;
        chart_draw_marker(g, s[i].marker, x + r + 2, top + gfx_u(g, size * 0.62), r, s[i].color);
        gfx_text(g, s[i].label, x + 2 * r + gfx_u(g, 0.02), top, size, PAL_TEXT, ALIGN_LEFT,
                 false);
    }
    return (int)n * row;
}

bool chart_parse_date(const char *ymd, double *day)
{
    int y, m, d, used = 0;
    if (!ymd || sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
        ymd[10] != '\0' || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    long z = days_from_civil(y, m, d), yy;
    int mm, dd;
    civil_from_days(z, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d) /* 31 April and the like */
        return false;
    *day = (double)z;
    return true;
}

void chart_format_date(double day, bool with_year, char *out, size_t cap)
{
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    long y;
    int m, d;
    civil_from_days((long)floor(day + 0.5), &y, &m, &d);
    if (with_year)
        snprintf(out, cap, "%d %s %ld", d, MONTHS[m - 1], y);
    else
        snprintf(out, cap, "%d %s", d, MONTHS[m - 1]);
}

double chart_nice_max(double v, double step, double min)
{
    if (isnan(v) || step <= 0)
        return min;
    double m = (floor(v / step) + 1) * step;
    return m < min ? min : m;
}
