/* report/report_chart: see report_chart.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "report/report_chart.h"

void rc_font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, RC_FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double rc_text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

void rc_text(cairo_t *cr, double x, double y, const char *s)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

void rc_text_right(cairo_t *cr, double x, double y, const char *s)
{
    rc_text(cr, x - rc_text_width(cr, s), y, s);
}

void rc_text_center(cairo_t *cr, double x, double y, const char *s)
{
    rc_text(cr, x - rc_text_width(cr, s) / 2, y, s);
}

double rc_wrap(cairo_t *cr, double x, double y, double width, double line_h, const char *s,
               bool draw)
{
    char line[1024];
    int lines = 0;
    const char *p = s ? s : "";
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    do {
        while (*p == ' ')
            p++;
        /* the longest run of whole words that fits */
        size_t fit = 0;
        for (;;) {
            size_t j = fit;
            while (p[j] == ' ')
                j++;
            if (!p[j] || p[j] == '\n')
                break;
            while (p[j] && p[j] != ' ' && p[j] != '\n')
                j++;
            if (j >= sizeof line)
                break;
            memcpy(line, p, j);
            line[j] = '\0';
            if (rc_text_width(cr, line) > width)
                break;
            fit = j;
        }
        if (fit == 0 && *p && *p != '\n') {
            /* a word wider than the line: cut it between UTF-8 characters */
            size_t k = 0;
            while (p[k] && p[k] != ' ' && p[k] != '\n' && k < sizeof line - 8) {
                size_t next = k + 1;
                while (((unsigned char)p[next] & 0xc0) == 0x80)
                    next++;
                memcpy(line, p, next);
                line[next] = '\0';
                if (k > 0 && rc_text_width(cr, line) > width)
                    break;
                k = next;
            }
            fit = k;
        }
        memcpy(line, p, fit);
        line[fit] = '\0';
        if (draw)
            rc_text(cr, x, y + fe.ascent + lines * line_h, line);
        lines++;
        p += fit;
        while (*p == ' ')
            p++;
        if (*p == '\n')
            p++;
    } while (*p);
    return lines * line_h;
}

double rc_px(const RcChart *c, double v)
{
    return c->px + (v - c->x0) / (c->x1 - c->x0) * c->pw;
}

double rc_py(const RcChart *c, double v)
{
    return c->py + c->ph - (v - c->y0) / (c->y1 - c->y0) * c->ph;
}

/* A "nice" tick step for a span and about `want` ticks. */
static double nice_step(double span, int want)
{
    double raw = span / want;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

void rc_chart_begin(RcChart *c, cairo_t *cr, double x, double y, double w, double h,
                    const char *title, const char *y_title, const char *x_title, double x0,
                    double x1, double y0, double y1, double ystep, bool dates, double legend_h,
                    const char *(*ylabel_fn)(double v, char *buf, size_t cap))
{
    memset(c, 0, sizeof *c);
    c->cr = cr;
    c->x = x, c->y = y, c->w = w, c->h = h;
    c->x0 = x0, c->x1 = x1 > x0 ? x1 : x0 + 1;
    c->y0 = y0, c->y1 = y1 > y0 ? y1 : y0 + 1;
    c->dates = dates;
    c->px = x + 46;
    c->py = y + 34;
    c->pw = w - 46 - 8;
    c->ph = h - 34 - 30 - legend_h;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    rc_font(cr, 12, true);
    rc_text(cr, x, y + 13, title);
    rc_font(cr, 8, false);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    rc_text(cr, x, y + 27, y_title);
    /* y grid and labels */
    if (ystep <= 0)
        ystep = nice_step(c->y1 - c->y0, 5);
    cairo_set_line_width(cr, 0.4);
    for (double v = ceil(c->y0 / ystep) * ystep; v <= c->y1 + 1e-9; v += ystep) {
        double py = rc_py(c, v);
        cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
        cairo_move_to(cr, c->px, py);
        cairo_line_to(cr, c->px + c->pw, py);
        cairo_stroke(cr);
        char buf[32];
        const char *label = buf;
        if (ylabel_fn)
            label = ylabel_fn(v, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%g", v);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        if (label)
            rc_text_right(cr, c->px - 4, py + 3, label);
    }
    /* x ticks */
    double span = c->x1 - c->x0;
    double xstep = dates ? (span <= 16 ? 2 : span <= 45 ? 7 : span <= 120 ? 14 : 28)
                         : nice_step(span, 6);
    double first = ceil(c->x0 / xstep) * xstep;
    if (dates) /* weekly ticks on Mondays: day 4 of the epoch (1970-01-05) was a Monday */
        first = xstep >= 7 ? ceil((c->x0 - 4) / 7) * 7 + 4 : ceil(c->x0);
    for (double v = first; v <= c->x1 + 1e-9; v += xstep) {
        double px = rc_px(c, v);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, px, c->py);
        cairo_line_to(cr, px, c->py + c->ph);
        cairo_stroke(cr);
        char buf[32];
        if (dates)
            report_day_format(v, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%g", v);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        rc_text_center(cr, px, c->py + c->ph + 11, buf);
    }
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    rc_text_right(cr, c->px + c->pw, c->py + c->ph + 23, x_title);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, c->px, c->py, c->pw, c->ph);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void rc_band(const RcChart *c, double ylo, double yhi, double gray, const char *label)
{
    cairo_t *cr = c->cr;
    double a = rc_py(c, yhi < c->y1 ? yhi : c->y1), b = rc_py(c, ylo > c->y0 ? ylo : c->y0);
    cairo_save(cr);
    cairo_set_source_rgb(cr, gray, gray, gray);
    cairo_rectangle(cr, c->px, a, c->pw, b - a);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    rc_font(cr, 7.5, false);
    rc_text_right(cr, c->px + c->pw - 4, a + 10, label);
    cairo_restore(cr);
}

void rc_marker(cairo_t *cr, double x, double y, double r, RcMarker m, RcColor col, bool hollow)
{
    cairo_save(cr);
    cairo_new_path(cr);
    switch (m) {
    case RC_CIRCLE: cairo_arc(cr, x, y, r, 0, 6.283185307179586); break;
    case RC_SQUARE: cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8); break;
    case RC_TRIANGLE:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
        cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
        cairo_close_path(cr);
        break;
    case RC_TRIANGLE_DOWN:
        cairo_move_to(cr, x, y + r * 1.2);
        cairo_line_to(cr, x + r * 1.1, y - r * 0.8);
        cairo_line_to(cr, x - r * 1.1, y - r * 0.8);
        cairo_close_path(cr);
        break;
    case RC_DIAMOND:
        cairo_move_to(cr, x, y - r * 1.3);
        cairo_line_to(cr, x + r * 1.1, y);
        cairo_line_to(cr, x, y + r * 1.3);
        cairo_line_to(cr, x - r * 1.1, y);
        cairo_close_path(cr);
        break;
    case RC_CROSS:
        cairo_move_to(cr, x - r, y - r);
        cairo_line_to(cr, x + r, y + r);
        cairo_move_to(cr, x + r, y - r);
        cairo_line_to(cr, x - r, y + r);
        break;
    }
    cairo_set_source_rgb(cr, col.r, col.g, col.b);
    if (m == RC_CROSS) {
        cairo_set_line_width(cr, 1.4);
        cairo_stroke(cr);
    } else if (hollow) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, col.r, col.g, col.b);
        cairo_set_line_width(cr, 1.1);
        cairo_stroke(cr);
    } else {
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.4);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

static void set_line(cairo_t *cr, RcLine l)
{
    static const double dash[] = {4.0, 2.5}, dot[] = {1.0, 2.0};
    cairo_set_line_width(cr, l == RC_LINE_DOTTED ? 1.2 : 1.0);
    if (l == RC_LINE_DASHED)
        cairo_set_dash(cr, dash, 2, 0);
    else if (l == RC_LINE_DOTTED)
        cairo_set_dash(cr, dot, 2, 0);
    else
        cairo_set_dash(cr, NULL, 0, 0);
}

void rc_series(const RcChart *c, const double *xs, const double *ys, const bool *hollow, size_t n,
               const RcStyle *st)
{
    cairo_t *cr = c->cr;
    cairo_save(cr);
    cairo_rectangle(cr, c->px - 6, c->py - 6, c->pw + 12, c->ph + 12);
    cairo_clip(cr);
    if (st->line != RC_LINE_NONE) {
        cairo_set_source_rgb(cr, st->color.r, st->color.g, st->color.b);
        set_line(cr, st->line);
        bool pen = false;
        double last_y = 0;
        for (size_t i = 0; i < n; i++) {
            if (isnan(ys[i]) || isnan(xs[i]) || (hollow && hollow[i]))
                continue;
            double px = rc_px(c, xs[i]), py = rc_py(c, ys[i]);
            if (!pen) {
                cairo_move_to(cr, px, py);
                pen = true;
            } else {
                if (st->step)
                    cairo_line_to(cr, px, last_y);
                cairo_line_to(cr, px, py);
            }
            last_y = py;
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    for (size_t i = 0; i < n; i++) {
        if (isnan(ys[i]) || isnan(xs[i]))
            continue;
        rc_marker(cr, rc_px(c, xs[i]), rc_py(c, ys[i]), 3.2, st->marker, st->color,
                  hollow && hollow[i]);
    }
    cairo_restore(cr);
}

void rc_legend(const RcChart *c, double *lx, double *ly, const RcStyle *st, bool hollow,
               const char *label)
{
    cairo_t *cr = c->cr;
    cairo_save(cr);
    rc_font(cr, 8, false);
    if (*lx > c->px && *lx + 22 + rc_text_width(cr, label) > c->x + c->w) {
        *lx = c->px; /* the next legend row */
        *ly += 12;
    }
    double x = *lx, y = *ly;
    if (st->line != RC_LINE_NONE && !hollow) {
        cairo_set_source_rgb(cr, st->color.r, st->color.g, st->color.b);
        set_line(cr, st->line);
        cairo_move_to(cr, x, y - 3);
        cairo_line_to(cr, x + 18, y - 3);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    rc_marker(cr, x + 9, y - 3, 3.2, st->marker, st->color, hollow);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    rc_text(cr, x + 22, y, label);
    *lx = x + 22 + rc_text_width(cr, label) + 12;
    cairo_restore(cr);
}

void rc_empty(const RcChart *c, const char *msg)
{
    cairo_t *cr = c->cr;
    cairo_save(cr);
    rc_font(cr, 9, false);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    rc_text_center(cr, c->px + c->pw / 2, c->py + c->ph / 2, msg);
    cairo_restore(cr);
}
