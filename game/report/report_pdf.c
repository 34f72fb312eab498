/* report/report_pdf: the clinician's PDF report of one patient, drawn with cairo on A4 pages.
 * Text uses a real font (DejaVu Sans through cairo's text API), so it is embedded as text and can
 * be selected, searched and read aloud. The report is drawn twice: once to count the pages, then
 * for real, so every footer can say "page N of M". */
#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "report/report_pdf.h"

typedef enum TimeFmt { T_DATE, T_MINUTE, T_ISO } TimeFmt;

/* A Unix time in UTC: YYYY-MM-DD, "YYYY-MM-DD HH:MM UTC" or ISO 8601. */
static void fmt_time(int64_t t, TimeFmt f, char *out, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (!gmtime_r(&tt, &tm))
        return;
    if (f == T_DATE)
        strftime(out, cap, "%Y-%m-%d", &tm);
    else if (f == T_MINUTE)
        strftime(out, cap, "%Y-%m-%d %H:%M UTC", &tm);
    else
        strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void fmt_num(double v, int decimals, char *out, size_t cap)
{
    if (isnan(v))
        str_copy(out, cap, "–");
    else
        snprintf(out, cap, "%.*f", decimals, v);
}

static void page_decor(Pdf *p)
{
    cairo_t *cr = p->cr;
    const ReportData *d = p->d;
    char buf[160], made[40];
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    rc_font(cr, 8, false);
    snprintf(buf, sizeof buf, "Bridgehold report: %s", d->profile.name);
    rc_text(cr, PDF_MARGIN, 36, buf);
    rc_text_right(cr, PDF_PAGE_W - PDF_MARGIN, 36, "health data: keep confidential");
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, PDF_MARGIN, 42);
    cairo_line_to(cr, PDF_PAGE_W - PDF_MARGIN, 42);
    cairo_move_to(cr, PDF_MARGIN, PDF_PAGE_H - 44);
    cairo_line_to(cr, PDF_PAGE_W - PDF_MARGIN, PDF_PAGE_H - 44);
    cairo_stroke(cr);
    fmt_time(d->made_at, T_MINUTE, made, sizeof made);
    snprintf(buf, sizeof buf, "made on %s", made);
    rc_text(cr, PDF_MARGIN, PDF_PAGE_H - 32, buf);
    if (p->total)
        snprintf(buf, sizeof buf, "page %d of %d", p->page, p->total);
    else
        snprintf(buf, sizeof buf, "page %d of ?", p->page);
    rc_text_right(cr, PDF_PAGE_W - PDF_MARGIN, PDF_PAGE_H - 32, buf);
    cairo_restore(cr);
}

static void table_header(Pdf *p);

static void new_page(Pdf *p)
{
    if (p->page > 0)
        cairo_show_page(p->cr);
    p->page++;
    page_decor(p);
    p->y = PDF_TOP;
    if (p->cols)
        table_header(p);
}

void pdf_need(Pdf *p, double h)
{
    if (p->page == 0 || p->y + h > PDF_BOTTOM)
        new_page(p);
}

void pdf_heading(Pdf *p, const char *text)
{
    pdf_need(p, 120); /* a heading never ends a page alone: its text and first rows follow */
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    rc_font(p->cr, 14, true);
    rc_text(p->cr, PDF_MARGIN, p->y + 14, text);
    p->y += 24;
}

void pdf_para(Pdf *p, const char *text, double size, bool muted)
{
    rc_font(p->cr, size, false);
    double lh = size * 1.35;
    double h = rc_wrap(p->cr, PDF_MARGIN, p->y, PDF_TEXT_W, lh, text, false);
    pdf_need(p, h);
    rc_font(p->cr, size, false);
    cairo_set_source_rgb(p->cr, muted ? 0.3 : 0, muted ? 0.3 : 0, muted ? 0.3 : 0);
    rc_wrap(p->cr, PDF_MARGIN, p->y, PDF_TEXT_W, lh, text, true);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    p->y += h + 4;
}

/* ---- tables ---- */

#define CELL_PAD 3.0
#define CELL_SIZE 8.0
#define CELL_LH 10.5

static void table_header(Pdf *p)
{
    cairo_t *cr = p->cr;
    double x = PDF_MARGIN, h = 0;
    rc_font(cr, CELL_SIZE, true);
    for (int i = 0; i < p->n_cols; i++)
        h = fmax(h, rc_wrap(cr, 0, 0, p->cols[i].w - 2 * CELL_PAD, CELL_LH, p->cols[i].title,
                            false));
    h += 2 * CELL_PAD;
    cairo_set_source_rgb(cr, 0.85, 0.87, 0.9);
    cairo_rectangle(cr, PDF_MARGIN, p->y, PDF_TEXT_W, h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    rc_font(cr, CELL_SIZE, true);
    for (int i = 0; i < p->n_cols; i++) {
        rc_wrap(cr, x + CELL_PAD, p->y + CELL_PAD, p->cols[i].w - 2 * CELL_PAD, CELL_LH,
                p->cols[i].title, true);
        x += p->cols[i].w;
    }
    p->y += h;
}

static void table_begin(Pdf *p, const PdfCol *cols, int n)
{
    pdf_need(p, 3 * (CELL_LH + 2 * CELL_PAD));
    p->cols = cols;
    p->n_cols = n;
    table_header(p);
}

static void table_row(Pdf *p, const char *const *cells, bool shade)
{
    cairo_t *cr = p->cr;
    rc_font(cr, CELL_SIZE, false);
    double h = 0;
    for (int i = 0; i < p->n_cols; i++)
        h = fmax(h, rc_wrap(cr, 0, 0, p->cols[i].w - 2 * CELL_PAD, CELL_LH, cells[i], false));
    h += 2 * CELL_PAD;
    pdf_need(p, h);
    if (shade) {
        cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
        cairo_rectangle(cr, PDF_MARGIN, p->y, PDF_TEXT_W, h);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    rc_font(cr, CELL_SIZE, false);
    double x = PDF_MARGIN;
    for (int i = 0; i < p->n_cols; i++) {
        rc_wrap(cr, x + CELL_PAD, p->y + CELL_PAD, p->cols[i].w - 2 * CELL_PAD, CELL_LH, cells[i],
                true);
        x += p->cols[i].w;
    }
    p->y += h;
}

static void table_end(Pdf *p)
{
    p->cols = NULL;
    p->n_cols = 0;
    p->y += 12;
}

/* ---- sections ---- */

static void section_patient(Pdf *p)
{
    const ReportData *d = p->d;
    const StoreProfile *pr = &d->profile;
    cairo_t *cr = p->cr;
    pdf_need(p, 120);
    rc_font(cr, 20, true);
    cairo_set_source_rgb(cr, 0, 0, 0);
    rc_text(cr, PDF_MARGIN, p->y + 20, "Rehabilitation report");
    p->y += 32;
    double x0, x1;
    pdf_period(d, &x0, &x1);
    char from[16] = "", to[16] = "", made[32], line[1400], mass[32] = "";
    if (d->n_sessions) {
        str_copy(from, sizeof from, d->sessions[0].s.date);
        str_copy(to, sizeof to, d->sessions[d->n_sessions - 1].s.date);
    }
    fmt_time(d->made_at, T_DATE, made, sizeof made);
    if (!isnan(pr->body_mass_kg))
        snprintf(mass, sizeof mass, "; body mass %.0f kg", pr->body_mass_kg);
    snprintf(line, sizeof line, "Patient: %s (affected side: %s%s)", pr->name,
             store_side_name(pr->side), mass);
    pdf_para(p, line, 11, false);
    if (d->n_sessions)
        snprintf(line, sizeof line, "Period: %s to %s (%.0f days). Report made on %s.", from, to,
                 report_day_number(to) - report_day_number(from) + 1, made);
    else
        snprintf(line, sizeof line, "Period: no sessions yet. Report made on %s.", made);
    pdf_para(p, line, 11, false);
    snprintf(line, sizeof line,
             "Programme started %s. Current level %s; level cap %s. Sessions: %zu live, %zu "
             "practice (simulator, replay or demo: kept apart, never counted for progression), "
             "%zu supervised by a clinician.",
             pr->start_date[0] ? pr->start_date : "–", pr->level[0] ? pr->level : "L01",
             pr->level_cap[0] ? pr->level_cap : "none set", d->n_live, d->n_practice,
             d->n_supervised);
    pdf_para(p, line, 10, false);
    if (d->n_decisions) {
        const StoreDecision *x = &d->decisions[d->n_decisions - 1].decision;
        char when[16];
        store_local_date(x->time, when);
        snprintf(line, sizeof line, "Latest decision (%s, %s): %s, %s to %s. %s", when,
                 x->source == STORE_BY_CLINICIAN ? "by a clinician" : "by the rules",
                 x->decision, x->from_level, x->to_level, x->reason);
        pdf_para(p, line, 10, false);
    }
    pdf_para(p,
             "Pain is the patient's own rating, NRS 0–10. Zones (Silbernagel et al. 2007): 0–2 "
             "safe, 2–5 acceptable, 5–10 high risk. Filled markers are live sessions; hollow "
             "markers are practice sessions.",
             8.5, true);
    p->y += 6;
}

static void section_decisions(Pdf *p)
{
    const ReportData *d = p->d;
    pdf_heading(p, "Decisions and their reasons");
    if (!d->n_decisions) {
        pdf_para(p, "No progression decision yet.", 9, true);
        return;
    }
    static const PdfCol cols[] = {{"Decided", 56},
                                  {"After the session of", 60},
                                  {"Decision", 92},
                                  {"Zone", 50},
                                  {"Reason", PDF_TEXT_W - 258}};
    table_begin(p, cols, 5);
    for (size_t i = 0; i < d->n_decisions; i++) {
        const StoreDecision *x = &d->decisions[i].decision;
        const ReportSession *r = report_decision_session(d, &d->decisions[i]);
        char date[16], about[32], what[96], zone[32];
        store_local_date(x->time, date);
        snprintf(about, sizeof about, "%s%s", r ? r->s.date : "–",
                 r && r->practice ? " (practice)" : "");
        snprintf(what, sizeof what, "%s %s → %s (%s)", x->decision, x->from_level, x->to_level,
                 x->source == STORE_BY_CLINICIAN ? "clinician" : "rules");
        str_copy(zone, sizeof zone, x->zone[0] ? x->zone : "–");
        const char *cells[] = {date, about, what, zone, x->reason};
        table_row(p, cells, i % 2);
    }
    table_end(p);
}

static void session_cells(const ReportSession *r, char c[9][48])
{
    str_copy(c[0], 48, r->s.date);
    str_copy(c[1], 48, r->s.level);
    snprintf(c[2], 48, "%s%s", store_session_status_name(r->s.status),
             r->s.supervised ? ", supervised" : "");
    fmt_num(r->s.quality_pct, 0, c[3], 48);
    char b[8], du[8], a[8], nm[8];
    fmt_num(r->pain_before, 0, b, sizeof b);
    fmt_num(r->pain_during, 0, du, sizeof du);
    fmt_num(r->pain_after, 0, a, sizeof a);
    fmt_num(r->pain_next_morning, 0, nm, sizeof nm);
    snprintf(c[4], 48, "%s / %s / %s / %s", b, du, a, nm);
    fmt_num(r->pct_mvc, 0, c[5], 48);
    fmt_num(r->dose, 0, c[6], 48);
    str_copy(c[7], 48, r->zone[0] ? r->zone : "–");
    snprintf(c[8], 48, "%s / %s", store_origin_name(r->s.origin),
             r->s.input_kind[0] ? r->s.input_kind : store_measure_name(r->s.measure));
}

static void section_sessions(Pdf *p, bool practice)
{
    const ReportData *d = p->d;
    size_t count = practice ? d->n_practice : d->n_live;
    pdf_heading(p, practice ? "Practice sessions (not counted for progression)"
                            : "Live sessions");
    if (practice)
        pdf_para(p,
                 "Sessions made with the simulator, a replayed trace, a device capture or an "
                 "answers-file demo. They are kept so nothing is hidden, but they are not the "
                 "patient's work and never move a level.",
                 8.5, true);
    else
        pdf_para(p,
                 "Quality: mean share of the holds inside the target band. Pain b / d / a / nm: "
                 "before, during (the highest after any set), after, next morning; – = not "
                 "answered. Dose: time under load (min) × %MVC.",
                 8.5, true);
    if (!count) {
        pdf_para(p, practice ? "No practice sessions." : "No live sessions yet.", 9, true);
        return;
    }
    static const PdfCol cols[] = {{"Date", 58},        {"Level", 34},    {"Status", 64},
                                  {"Quality %", 42},    {"Pain b / d / a / nm", 84},
                                  {"% MVC", 34},        {"Dose", 34},     {"Zone", 48},
                                  {"Origin / input", PDF_TEXT_W - 398}};
    table_begin(p, cols, 9);
    size_t row = 0;
    for (size_t i = 0; i < d->n_sessions; i++) {
        const ReportSession *r = &d->sessions[i];
        if (r->practice != practice)
            continue;
        char c[9][48];
        session_cells(r, c);
        const char *cells[9];
        for (int k = 0; k < 9; k++)
            cells[k] = c[k];
        table_row(p, cells, row++ % 2);
    }
    table_end(p);
}

static void section_supervised(Pdf *p)
{
    const ReportData *d = p->d;
    pdf_heading(p, "Supervised sessions and clinician notes");
    size_t rows = 0;
    static const PdfCol cols[] = {
        {"Date", 58}, {"Level", 34}, {"Session", 84}, {"Set", 30}, {"Note", PDF_TEXT_W - 206}};
    for (size_t i = 0; i < d->n_sessions; i++) {
        const ReportSession *r = &d->sessions[i];
        if (!r->s.supervised && r->n_notes == 0)
            continue;
        char kind[48];
        snprintf(kind, sizeof kind, "%s%s", r->s.supervised ? "supervised" : "at home",
                 r->practice ? " (practice)" : "");
        bool any = false;
        for (size_t k = 0; k < r->n_sets; k++) {
            const StoreReportSet *t = &d->sets[r->first_set + k];
            if (!t->set.note[0])
                continue;
            if (!rows)
                table_begin(p, cols, 5);
            char set[8];
            snprintf(set, sizeof set, "%d", t->set.index);
            const char *cells[] = {r->s.date, r->s.level, kind, set, t->set.note};
            table_row(p, cells, rows++ % 2);
            any = true;
        }
        if (!any) {
            if (!rows)
                table_begin(p, cols, 5);
            const char *cells[] = {r->s.date, r->s.level, kind, "–", "no note"};
            table_row(p, cells, rows++ % 2);
        }
    }
    if (rows)
        table_end(p);
    else
        pdf_para(p, "No supervised session and no clinician note yet.", 9, true);
}

static void draw_report(Pdf *p)
{
    section_patient(p);
    pdf_chart_level(p);
    pdf_chart_pain(p);
    pdf_chart_dose(p);
    pdf_para(p,
             "Dose = time under load (minutes of holding, practice holds left out) × mean force "
             "as % of MVC. Each point is one session against the pain of the next morning's "
             "load test: points rising to the right mean the tendon answers bigger sessions the "
             "next day (the 24-hour rule).",
             8.5, true);
    pdf_chart_quality(p);
    pdf_chart_sitting(p);
    pdf_chart_mvc(p);
    section_decisions(p);
    section_sessions(p, false);
    section_sessions(p, true);
    section_supervised(p);
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int n)
{
    return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t write_nowhere(void *closure, const unsigned char *data, unsigned int n)
{
    (void)closure, (void)data, (void)n;
    return CAIRO_STATUS_SUCCESS;
}

/* Draws the whole report onto a PDF stream; returns the page count (0 on a cairo failure). */
static int render(const ReportData *d, cairo_write_func_t fn, void *closure, int total,
                  char *err, size_t cap)
{
    Pdf p = {.d = d, .total = total};
    p.surf = cairo_pdf_surface_create_for_stream(fn, closure, PDF_PAGE_W, PDF_PAGE_H);
    char title[160], when[40];
    snprintf(title, sizeof title, "Bridgehold report: %s", d->profile.name);
    fmt_time(d->made_at, T_ISO, when, sizeof when);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "Bridgehold");
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATE_DATE, when);
    p.cr = cairo_create(p.surf);
    draw_report(&p);
    cairo_show_page(p.cr);
    cairo_status_t st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(p.surf);
    cairo_surface_destroy(p.surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, cap, "drawing the PDF failed: %s", cairo_status_to_string(st));
        return 0;
    }
    return p.page;
}

bool report_write_pdf(const ReportData *d, FILE *out, char *err, size_t cap)
{
    int pages = render(d, write_nowhere, NULL, 0, err, cap);
    if (!pages)
        return false;
    if (!render(d, write_file, out, pages, err, cap))
        return false;
    if (ferror(out)) {
        str_copy(err, cap, "writing the PDF failed");
        return false;
    }
    return true;
}
