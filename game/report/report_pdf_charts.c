/* report/report_pdf_charts: the six charts of the PDF report. Every chart tells its series apart
 * by marker shape and line style (not by colour alone) and draws practice sessions hollow and
 * unjoined, so they never read as the patient's own trend. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "report/report_pdf.h"

static const RcColor BLUE = {0.13, 0.36, 0.68}, RED = {0.78, 0.16, 0.12},
                     GREEN = {0.10, 0.52, 0.22}, ORANGE = {0.88, 0.48, 0.0},
                     PURPLE = {0.48, 0.22, 0.62}, GREY = {0.35, 0.35, 0.35};

static const RcStyle LIVE_STYLE = {RC_CIRCLE, {0.13, 0.36, 0.68}, RC_LINE_SOLID, false};

/* Per-session arrays the charts plot. */
typedef struct Cols {
    double *x;
    bool *hollow;
    size_t n;
} Cols;

static Cols session_cols(const ReportData *d)
{
    Cols c = {xcalloc(d->n_sessions + 1, sizeof(double)), xcalloc(d->n_sessions + 1, sizeof(bool)),
              d->n_sessions};
    for (size_t i = 0; i < d->n_sessions; i++) {
        c.x[i] = report_day_number(d->sessions[i].s.date);
        c.hollow[i] = d->sessions[i].practice;
    }
    return c;
}

static void cols_free(Cols *c)
{
    free(c->x);
    free(c->hollow);
}

void pdf_period(const ReportData *d, double *x0, double *x1)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < d->n_sessions; i++) {
        double v = report_day_number(d->sessions[i].s.date);
        lo = fmin(lo, v), hi = fmax(hi, v);
    }
    char date[11];
    for (size_t i = 0; i < d->n_pain; i++) {
        store_local_date(d->pain[i].pain.time, date);
        double v = report_day_number(date);
        lo = fmin(lo, v), hi = fmax(hi, v);
    }
    for (size_t i = 0; i < d->n_mvc; i++) {
        double v = report_day_number(d->mvc[i].mvc.date);
        lo = fmin(lo, v), hi = fmax(hi, v);
    }
    if (!isfinite(lo)) {
        store_local_date(d->made_at, date);
        lo = hi = report_day_number(date);
    }
    *x0 = lo - 1;
    *x1 = hi + 1;
}

/* The place of a chart of height h: a new page first when it does not fit. */
static double place(Pdf *p, double h)
{
    pdf_need(p, h);
    double y = p->y;
    p->y += h + 14;
    return y;
}

/* "L07" → 7; other ids by their place in the ladder; NAN when unknown. */
static double level_number(const ReportData *d, const char *id)
{
    int n;
    if (id && (id[0] == 'L' || id[0] == 'l') && sscanf(id + 1, "%d", &n) == 1 && n > 0)
        return n;
    int i = d->opt.ladder ? ladder_find(d->opt.ladder, id) : -1;
    return i >= 0 ? i + 1 : NAN;
}

static const char *level_label(double v, char *buf, size_t cap)
{
    if (fabs(v - round(v)) > 1e-6 || v < 1)
        return NULL;
    snprintf(buf, cap, "L%02d", (int)round(v));
    return buf;
}

void pdf_chart_level(Pdf *p)
{
    const ReportData *d = p->d;
    double x0, x1;
    pdf_period(d, &x0, &x1);
    Cols c = session_cols(d);
    double *y = xcalloc(c.n + 1, sizeof *y);
    double top = 3;
    for (size_t i = 0; i < c.n; i++) {
        y[i] = level_number(d, d->sessions[i].s.level);
        if (y[i] > top)
            top = y[i];
    }
    /* decisions that changed the level, or were a clinician's */
    double dx[4][256], dy[4][256];
    size_t dn[4] = {0};
    for (size_t i = 0; i < d->n_decisions; i++) {
        const StoreDecision *x = &d->decisions[i].decision;
        int k = x->source == STORE_BY_CLINICIAN           ? 3
                : strcmp(x->decision, "advance") == 0       ? 0
                : strcmp(x->decision, "regress") == 0       ? 1
                : strcmp(x->decision, "see_clinician") == 0 ? 2
                                                            : -1;
        if (k < 0 || dn[k] >= 256)
            continue;
        char date[11];
        store_local_date(x->time, date);
        dx[k][dn[k]] = report_day_number(date) + 0.5; /* it applies from the next session */
        dy[k][dn[k]] = level_number(d, x->to_level);
        if (dy[k][dn[k]] > top)
            top = dy[k][dn[k]];
        dn[k]++;
    }
    double y0 = place(p, 235);
    RcChart ch;
    rc_chart_begin(&ch, p->cr, PDF_MARGIN, y0, PDF_TEXT_W, 235, "Level over time",
                   "exercise level (higher = harder)", "session date", x0, x1, 0.5, top + 0.5, 1,
                   true, 26, level_label);
    RcStyle steps = LIVE_STYLE;
    steps.step = true; /* a level holds until the next session */
    rc_series(&ch, c.x, y, c.hollow, c.n, &steps);
    RcStyle ds[4] = {{RC_TRIANGLE, GREEN, RC_LINE_NONE, false},
                     {RC_TRIANGLE_DOWN, ORANGE, RC_LINE_NONE, false},
                     {RC_SQUARE, RED, RC_LINE_NONE, false},
                     {RC_DIAMOND, PURPLE, RC_LINE_NONE, false}};
    for (int k = 0; k < 4; k++)
        rc_series(&ch, dx[k], dy[k], NULL, dn[k], &ds[k]);
    if (c.n == 0)
        rc_empty(&ch, "no sessions yet");
    double lx = ch.px, ly = ch.py + ch.ph + 36;
    rc_legend(&ch, &lx, &ly, &LIVE_STYLE, false, "live session");
    rc_legend(&ch, &lx, &ly, &LIVE_STYLE, true, "practice (not counted)");
    rc_legend(&ch, &lx, &ly, &ds[0], false, "advance");
    rc_legend(&ch, &lx, &ly, &ds[1], false, "regress");
    rc_legend(&ch, &lx, &ly, &ds[2], false, "see clinician");
    rc_legend(&ch, &lx, &ly, &ds[3], false, "clinician's decision");
    free(y);
    cols_free(&c);
}

/* Pain zones of Silbernagel et al. 2007 (CLINICAL.md § Pain monitoring). */
static void pain_zones(const RcChart *ch)
{
    rc_band(ch, 0, 2, 0.975, "safe 0–2");
    rc_band(ch, 2, 5, 0.93, "acceptable 2–5");
    rc_band(ch, 5, 10, 0.86, "high risk 5–10");
}

void pdf_chart_pain(Pdf *p)
{
    const ReportData *d = p->d;
    double x0, x1;
    pdf_period(d, &x0, &x1);
    Cols c = session_cols(d);
    double *xs = xcalloc(c.n + 1, sizeof *xs), *ys = xcalloc(c.n + 1, sizeof *ys);
    double y0 = place(p, 265);
    RcChart ch;
    rc_chart_begin(&ch, p->cr, PDF_MARGIN, y0, PDF_TEXT_W, 265,
                   "Pain before, during, after and next morning",
                   "pain NRS 0–10 (during = the highest after any set)", "session date", x0, x1,
                   0, 10, 1, true, 26, NULL);
    pain_zones(&ch);
    RcStyle st[4] = {{RC_CIRCLE, BLUE, RC_LINE_DOTTED, false},
                     {RC_TRIANGLE, RED, RC_LINE_SOLID, false},
                     {RC_SQUARE, ORANGE, RC_LINE_DASHED, false},
                     {RC_DIAMOND, PURPLE, RC_LINE_SOLID, false}};
    const char *names[4] = {"before", "during (max)", "after", "next morning"};
    /* side by side within the day, so equal answers do not hide each other */
    double dayw = (x1 - x0) > 60 ? 0.12 : 0.16;
    for (int k = 0; k < 4; k++) {
        for (size_t i = 0; i < c.n; i++) {
            const ReportSession *r = &d->sessions[i];
            xs[i] = c.x[i] + (k - 1.5) * dayw;
            ys[i] = k == 0 ? r->pain_before : k == 1 ? r->pain_during
                                             : k == 2 ? r->pain_after : r->pain_next_morning;
        }
        rc_series(&ch, xs, ys, c.hollow, c.n, &st[k]);
    }
    if (c.n == 0)
        rc_empty(&ch, "no sessions yet");
    double lx = ch.px, ly = ch.py + ch.ph + 36;
    for (int k = 0; k < 4; k++)
        rc_legend(&ch, &lx, &ly, &st[k], false, names[k]);
    rc_legend(&ch, &lx, &ly, &st[0], true, "hollow = practice");
    free(xs);
    free(ys);
    cols_free(&c);
}

void pdf_chart_dose(Pdf *p)
{
    const ReportData *d = p->d;
    size_t n = d->n_sessions;
    double *xs = xcalloc(n + 1, sizeof *xs), *ys = xcalloc(n + 1, sizeof *ys);
    bool *hollow = xcalloc(n + 1, sizeof *hollow);
    double xmax = 10;
    size_t shown = 0, left_out = 0;
    for (size_t i = 0; i < n; i++) {
        const ReportSession *r = &d->sessions[i];
        xs[i] = r->dose;
        ys[i] = r->pain_next_morning;
        hollow[i] = r->practice;
        if (isnan(xs[i]) || isnan(ys[i])) {
            xs[i] = ys[i] = NAN;
            left_out++;
            continue;
        }
        shown++;
        xmax = fmax(xmax, xs[i]);
    }
    double y0 = place(p, 280);
    RcChart ch;
    rc_chart_begin(&ch, p->cr, PDF_MARGIN, y0, PDF_TEXT_W, 280,
                   "Next-morning pain against the session's dose",
                   "next-morning pain NRS 0–10", "dose = time under load (min) × %MVC", 0,
                   xmax * 1.1, 0, 10, 1, false, 36, NULL);
    pain_zones(&ch);
    RcStyle st = {RC_CIRCLE, BLUE, RC_LINE_NONE, false};
    rc_series(&ch, xs, ys, hollow, n, &st);
    /* sessions of (nearly: within 4 pt) the same dose and the same answer fall on one point:
     * say how many */
    rc_font(p->cr, 7.5, true);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    for (size_t i = 0; i < n; i++) {
        if (isnan(xs[i]))
            continue;
        int same = 0;
        bool first = true;
        for (size_t k = 0; k < n; k++) {
            if (isnan(xs[k]) || fabs(rc_px(&ch, xs[k]) - rc_px(&ch, xs[i])) > 4.0 || ys[k] != ys[i])
                continue;
            same++;
            if (k < i)
                first = false;
        }
        if (first && same > 1) {
            char buf[16];
            snprintf(buf, sizeof buf, "×%d", same);
            rc_text(p->cr, rc_px(&ch, xs[i]) + 5, rc_py(&ch, ys[i]) + 3, buf);
        }
    }
    if (shown == 0)
        rc_empty(&ch, "no session has both a measured dose and a next-morning answer yet");
    double lx = ch.px, ly = ch.py + ch.ph + 36;
    rc_legend(&ch, &lx, &ly, &st, false, "live session");
    rc_legend(&ch, &lx, &ly, &st, true, "practice session");
    char note[200];
    snprintf(note, sizeof note, "%zu session%s shown; %zu without a next-morning answer or a "
             "force measure left out", shown, shown == 1 ? "" : "s", left_out);
    rc_legend(&ch, &lx, &ly, &st, false, "×N: N sessions on one point");
    rc_font(p->cr, 8, false);
    cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
    rc_text(p->cr, ch.px, ly + 12, note);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    free(xs);
    free(ys);
    free(hollow);
}

void pdf_chart_quality(Pdf *p)
{
    const ReportData *d = p->d;
    double x0, x1;
    pdf_period(d, &x0, &x1);
    Cols c = session_cols(d);
    double *q = xcalloc(c.n + 1, sizeof *q), *cv = xcalloc(c.n + 1, sizeof *cv);
    double *lo = xcalloc(c.n + 1, sizeof *lo), *hi = xcalloc(c.n + 1, sizeof *hi);
    for (size_t i = 0; i < c.n; i++) {
        const ReportSession *r = &d->sessions[i];
        q[i] = r->s.quality_pct;
        lo[i] = INFINITY, hi[i] = -INFINITY;
        double cv_sum = 0;
        int cv_n = 0;
        for (size_t k = 0; k < r->n_sets; k++) {
            const StoreSet *t = &d->sets[r->first_set + k].set;
            if (t->index < 1 || t->interrupted)
                continue;
            if (!isnan(t->time_in_band_pct))
                lo[i] = fmin(lo[i], t->time_in_band_pct), hi[i] = fmax(hi[i], t->time_in_band_pct);
            if (!isnan(t->cv_pct))
                cv_sum += t->cv_pct, cv_n++;
        }
        cv[i] = cv_n ? cv_sum / cv_n : NAN;
    }
    double y0 = place(p, 245);
    RcChart ch;
    rc_chart_begin(&ch, p->cr, PDF_MARGIN, y0, PDF_TEXT_W, 245, "Hold quality over time",
                   "% (time in band: share of each hold inside the target band)", "session date",
                   x0, x1, 0, 100, 20, true, 26, NULL);
    /* the spread of the sets: a bar from the worst to the best set of each session */
    cairo_save(p->cr);
    cairo_set_source_rgb(p->cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(p->cr, 1.0);
    for (size_t i = 0; i < c.n; i++) {
        if (!isfinite(lo[i]))
            continue;
        double px = rc_px(&ch, c.x[i]);
        cairo_move_to(p->cr, px, rc_py(&ch, lo[i]));
        cairo_line_to(p->cr, px, rc_py(&ch, hi[i]));
    }
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
    RcStyle sq = {RC_CIRCLE, BLUE, RC_LINE_SOLID, false};
    RcStyle scv = {RC_SQUARE, ORANGE, RC_LINE_DASHED, false};
    rc_series(&ch, c.x, q, c.hollow, c.n, &sq);
    rc_series(&ch, c.x, cv, c.hollow, c.n, &scv);
    if (c.n == 0)
        rc_empty(&ch, "no sessions yet");
    double lx = ch.px, ly = ch.py + ch.ph + 36;
    rc_legend(&ch, &lx, &ly, &sq, false, "time in band (session mean)");
    rc_legend(&ch, &lx, &ly, &scv, false, "force variability CV %");
    rc_legend(&ch, &lx, &ly, &sq, true, "hollow = practice");
    cairo_save(p->cr);
    cairo_set_source_rgb(p->cr, 0.55, 0.55, 0.55);
    cairo_move_to(p->cr, lx, ly - 7);
    cairo_line_to(p->cr, lx, ly + 1);
    cairo_stroke(p->cr);
    rc_font(p->cr, 8, false);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    rc_text(p->cr, lx + 5, ly, "worst to best set");
    cairo_restore(p->cr);
    free(q);
    free(cv);
    free(lo);
    free(hi);
    cols_free(&c);
}

void pdf_chart_sitting(Pdf *p)
{
    const ReportData *d = p->d;
    double x0, x1;
    pdf_period(d, &x0, &x1);
    double *xs = xcalloc(d->n_pain + 1, sizeof *xs), *ys = xcalloc(d->n_pain + 1, sizeof *ys);
    size_t n = 0;
    double top = 30;
    for (size_t i = 0; i < d->n_pain; i++) {
        const StorePain *q = &d->pain[i].pain;
        if (q->kind != STORE_PAIN_SITTING_TOLERANCE)
            continue;
        char date[11];
        store_local_date(q->time, date);
        xs[n] = report_day_number(date);
        ys[n] = q->value;
        top = fmax(top, q->value * 1.15);
        n++;
    }
    double y0 = place(p, 215);
    RcChart ch;
    rc_chart_begin(&ch, p->cr, PDF_MARGIN, y0, PDF_TEXT_W, 215, "Sitting tolerance",
                   "minutes of sitting before sit-bone pain starts (higher = better)", "date", x0,
                   x1, 0, top, 0, true, 14, NULL);
    RcStyle st = {RC_SQUARE, GREEN, RC_LINE_SOLID, false};
    rc_series(&ch, xs, ys, NULL, n, &st);
    if (n == 0)
        rc_empty(&ch, "no sitting-tolerance answer yet (it is asked weekly)");
    double lx = ch.px, ly = ch.py + ch.ph + 36;
    rc_legend(&ch, &lx, &ly, &st, false, "weekly answer");
    free(xs);
    free(ys);
}

void pdf_chart_mvc(Pdf *p)
{
    const ReportData *d = p->d;
    double x0, x1;
    pdf_period(d, &x0, &x1);
    size_t cap = d->n_mvc + d->n_sessions + 1;
    double *tx = xcalloc(cap, sizeof *tx), *ty = xcalloc(cap, sizeof *ty);
    double *cx = xcalloc(cap, sizeof *cx), *cy = xcalloc(cap, sizeof *cy);
    double *sx = xcalloc(cap, sizeof *sx), *sy = xcalloc(cap, sizeof *sy);
    bool *sh = xcalloc(cap, sizeof *sh);
    size_t tn = 0, cn = 0, sn = 0;
    double top = 100;
    for (size_t i = 0; i < d->n_mvc; i++) {
        const StoreReportMvc *m = &d->mvc[i];
        double x = report_day_number(m->mvc.date);
        if (m->by_clinician)
            cx[cn] = x, cy[cn++] = m->mvc.best_n;
        else
            tx[tn] = x, ty[tn++] = m->mvc.best_n;
        top = fmax(top, m->mvc.best_n * 1.15);
    }
    for (size_t i = 0; i < d->n_sessions; i++) {
        const ReportSession *r = &d->sessions[i];
        if (!(r->mvc_n > 0))
            continue;
        sx[sn] = report_day_number(r->s.date);
        sy[sn] = r->mvc_n;
        sh[sn++] = r->practice;
        top = fmax(top, r->mvc_n * 1.15);
    }
    double y0 = place(p, 225);
    RcChart ch;
    rc_chart_begin(&ch, p->cr, PDF_MARGIN, y0, PDF_TEXT_W, 225, "MVC over time",
                   "maximal voluntary contraction, N (bridge position)", "date", x0, x1, 0, top,
                   0, true, 14, NULL);
    RcStyle st_s = {RC_CROSS, GREY, RC_LINE_NONE, false};
    RcStyle st_t = {RC_CIRCLE, BLUE, RC_LINE_SOLID, false};
    RcStyle st_c = {RC_SQUARE, PURPLE, RC_LINE_NONE, false};
    rc_series(&ch, sx, sy, sh, sn, &st_s);
    rc_series(&ch, tx, ty, NULL, tn, &st_t);
    rc_series(&ch, cx, cy, NULL, cn, &st_c);
    if (tn + cn + sn == 0)
        rc_empty(&ch, "no MVC test recorded yet");
    double lx = ch.px, ly = ch.py + ch.ph + 36;
    rc_legend(&ch, &lx, &ly, &st_t, false, "MVC test (best effort)");
    rc_legend(&ch, &lx, &ly, &st_c, false, "entered by a clinician");
    rc_legend(&ch, &lx, &ly, &st_s, false, "MVC a session's targets used");
    free(tx), free(ty), free(cx), free(cy), free(sx), free(sy), free(sh);
}
