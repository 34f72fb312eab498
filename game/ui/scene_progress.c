/* ui/scene_progress: the progress screen (issue 4; JOURNEYS.md 2.3, "progress screen on
 * request"): four chart pages — level, pain before/during/after/next morning, hold quality and
 * sitting tolerance — over the session dates. Everything is read from the store once, on enter,
 * into the scene's own arrays: drawing never touches the database. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "store/store.h"
#include "ui/chart.h"
#include "ui/game.h"
#include "ui/palette.h"

enum { PAGE_LEVEL, PAGE_PAIN, PAGE_QUALITY, PAGE_SITTING, PAGE_COUNT };
static const char *const PAGE_TABS[PAGE_COUNT] = {"Level", "Pain", "Hold quality", "Sitting"};

typedef enum ProgressState {
    PROGRESS_DATA,     /* something to chart */
    PROGRESS_EMPTY,    /* no session and no sitting answer yet */
    PROGRESS_NO_STORE, /* no database: nothing is saved */
    PROGRESS_FAILED,   /* the database could not be read (msg says why) */
} ProgressState;

#define PAIN_SERIES 4
static const char *const PAIN_WORDS[PAIN_SERIES] = {"before", "during (highest)", "after",
                                                    "next morning"};
static const ChartMarker PAIN_MARKS[PAIN_SERIES] = {CHART_CIRCLE, CHART_SQUARE, CHART_TRIANGLE,
                                                    CHART_DIAMOND};

#define LEVELS_SHOWN_MIN 12
#define SAFE_FILL ((SDL_Color){0, 158, 115, 70}) /* PAL_IN, see-through: the safe pain zone */

/* A change of level at session `at`, with the stored decision's word (or up / down). */
typedef struct LevelMark {
    size_t at;
    char word[24];
} LevelMark;

typedef struct ProgressScene {
    int page;
    ProgressState state;
    char msg[640];
    size_t n; /* sessions, in date order */
    double *day, *level, *quality, *pain[PAIN_SERIES];
    size_t n_sit; /* weekly sitting answers, in time order */
    double *sit_day, *sit_min;
    double *days; /* every date above, sorted: the x labels of every page */
    size_t n_days;
    LevelMark *marks;
    size_t n_marks;
    int n_levels;
    SDL_Rect tabs[PAGE_COUNT], back; /* layout of the last draw, for the mouse */
} ProgressScene;

static double *new_array(size_t n) { return xcalloc(n ? n : 1, sizeof(double)); }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The ladder's index of a level id; ids outside the ladder still place by their number. */
static double level_index(const Game *g, const char *id)
{
    int i = ladder_find(game_state(g)->ladder, id);
    if (i >= 0)
        return i;
    int num;
    if (sscanf(id, "L%d", &num) == 1 && num >= 1 && num <= 99)
        return num - 1;
    return NAN;
}

static const char *decision_word(const StoreDecision *d)
{
    if (strcmp(d->decision, "see_clinician") == 0)
        return "see clinician";
    if (d->source == STORE_BY_CLINICIAN)
        return "by clinician";
    return d->decision;
}

/* Words for each change of level: the decision that moved from the earlier level to the later
 * one between the two sessions' dates (decided at the end of a session or on the next morning's
 * answer); a change without one (a level the patient picked) says only up or down. */
static void find_marks(ProgressScene *p, const StoreHistory *h, const StoreDecision *d, size_t nd)
{
    p->marks = xcalloc(p->n ? p->n : 1, sizeof *p->marks);
    for (size_t i = 1; i < p->n; i++) {
        if (isnan(p->level[i]) || isnan(p->level[i - 1]) || p->level[i] == p->level[i - 1])
            continue;
        LevelMark *m = &p->marks[p->n_marks++];
        m->at = i;
        str_copy(m->word, sizeof m->word, p->level[i] > p->level[i - 1] ? "up" : "down");
        for (size_t k = 0; k < nd; k++) {
            char date[11];
            double dd;
            store_local_date(d[k].time, date);
            if (strcmp(d[k].from_level, h->rows[i - 1].level) == 0 &&
                strcmp(d[k].to_level, h->rows[i].level) == 0 && chart_parse_date(date, &dd) &&
                dd >= p->day[i - 1] && dd <= p->day[i])
                str_copy(m->word, sizeof m->word, decision_word(&d[k]));
        }
    }
}

static void load_sessions(ProgressScene *p, Game *g, const StoreHistory *h)
{
    p->n = h->count;
    p->day = new_array(p->n);
    p->level = new_array(p->n);
    p->quality = new_array(p->n);
    for (int k = 0; k < PAIN_SERIES; k++)
        p->pain[k] = new_array(p->n);
    for (size_t i = 0; i < p->n; i++) {
        const StoreHistoryRow *r = &h->rows[i];
        if (!chart_parse_date(r->date, &p->day[i]))
            p->day[i] = i ? p->day[i - 1] : 0; /* never expected: keep the order, not a gap */
        p->level[i] = level_index(g, r->level);
        if (!isnan(p->level[i]) && p->level[i] + 1 > p->n_levels)
            p->n_levels = (int)p->level[i] + 1;
        p->quality[i] = r->quality_pct;
        p->pain[0][i] = r->pain_before;
        p->pain[1][i] = r->pain_during;
        p->pain[2][i] = r->pain_after;
        p->pain[3][i] = r->pain_next_morning;
    }
}

static bool load_sitting(ProgressScene *p, Game *g)
{
    StorePain *list = NULL;
    size_t n = 0;
    if (!store_pain_list(play_store(g->play), play_profile_id(g->play), 0, &list, &n))
        return false;
    p->sit_day = new_array(n);
    p->sit_min = new_array(n);
    for (size_t i = 0; i < n; i++) {
        char date[11];
        store_local_date(list[i].time, date);
        if (list[i].kind == STORE_PAIN_SITTING_TOLERANCE &&
            chart_parse_date(date, &p->sit_day[p->n_sit]))
            p->sit_min[p->n_sit++] = list[i].value;
    }
    free(list);
    return true;
}

static void load(ProgressScene *p, Game *g)
{
    p->n_levels = game_state(g)->ladder->count > LEVELS_SHOWN_MIN ? (int)game_state(g)->ladder->count : LEVELS_SHOWN_MIN;
    if (!play_store(g->play)) {
        p->state = PROGRESS_NO_STORE;
        snprintf(p->msg, sizeof p->msg, "%s",
                 game_state(g)->storage_msg[0] ? game_state(g)->storage_msg : "The game was started without a database.");
        return;
    }
    p->state = PROGRESS_EMPTY;
    snprintf(p->msg, sizeof p->msg, "Each session adds your level, your pain answers and how "
                                    "steady your holds were, so you can see the weeks add up.");
    if (!play_profile_id(g->play))
        return;
    StoreHistory h = {0};
    if (!store_history(play_store(g->play), play_profile_id(g->play), &h) || !load_sitting(p, g)) {
        p->state = PROGRESS_FAILED;
        snprintf(p->msg, sizeof p->msg, "Your progress could not be read: %s",
                 store_errmsg(play_store(g->play)));
        store_history_free(&h);
        return;
    }
    load_sessions(p, g, &h);
    StoreDecision *d = NULL;
    size_t nd = 0;
    if (!store_decision_list(play_store(g->play), play_profile_id(g->play), &d, &nd)) /* words only: chart anyway */
        nd = 0;
    find_marks(p, &h, d, nd);
    free(d);
    store_history_free(&h);
    p->n_days = p->n + p->n_sit;
    p->days = new_array(p->n_days);
    memcpy(p->days, p->day, p->n * sizeof(double));
    memcpy(p->days + p->n, p->sit_day, p->n_sit * sizeof(double));
    qsort(p->days, p->n_days, sizeof(double), cmp_double);
    if (p->n_days)
        p->state = PROGRESS_DATA;
}

static void progress_enter(Scene *sc, Game *g)
{
    if ((!g->gfx)) { /* nothing to look at without a screen, and nobody to press Back */
        game_pop(g);
        return;
    }
    load(sc->data, g);
}

static void progress_input(Scene *sc, Game *g, const UiInput *in)
{
    ProgressScene *p = sc->data;
    SDL_Point at = {in->x, in->y};
    switch (in->action) {
    case ACT_LEFT: p->page -= p->page > 0; break;
    case ACT_RIGHT: p->page += p->page < PAGE_COUNT - 1; break;
    case ACT_DIGIT:
        if (in->digit >= 1 && in->digit <= PAGE_COUNT)
            p->page = in->digit - 1;
        break;
    case ACT_OK:   /* the Back button is the only button, so it always has the focus */
    case ACT_BACK: game_pop(g); break;
    case ACT_CLICK:
        if (SDL_PointInRect(&at, &p->back))
            game_pop(g);
        for (int i = 0; i < PAGE_COUNT; i++) {
            if (SDL_PointInRect(&at, &p->tabs[i]))
                p->page = i;
        }
        break;
    default: break;
    }
}

/* ---- drawing ---- */


static void label_level(double v, char *out, size_t cap, void *ctx)
{
    const Game *g = ctx;
    int i = (int)lround(v);
    if (i >= 0 && (size_t)i < game_state(g)->ladder->count)
        snprintf(out, cap, "%s", game_state(g)->ladder->levels[i].id);
    else
        snprintf(out, cap, "L%02d", i + 1);
}

static double latest(const double *v, size_t n)
{
    for (size_t i = n; i > 0; i--) {
        if (!isnan(v[i - 1]))
            return v[i - 1];
    }
    return NAN;
}

static bool any_value(const double *v, size_t n) { return !isnan(latest(v, n)); }

/* The right-hand column: a headline number, then words that explain the chart. */
static int side_x(const Gfx *x) { return gfx_w(x) * 74 / 100; }
static int side_w(const Gfx *x) { return gfx_w(x) * 23 / 100; }

static int side_headline(Gfx *x, const char *text)
{
    int y = gfx_u(x, 0.27);
    double size = 0.055;
    while (size > 0.03 && gfx_text_width(x, text, size, true) > side_w(x))
        size -= 0.005; /* narrow windows: smaller, never cut off */
    gfx_text(x, text, side_x(x), y, size, PAL_ACCENT, ALIGN_LEFT, true);
    return y + gfx_u(x, 0.09);
}

static int side_words(Gfx *x, int y, const char *text)
{
    return y + gfx_text_wrapped(x, text, side_x(x), y, side_w(x), 0.032, PAL_TEXT_DIM,
                                ALIGN_LEFT) + gfx_u(x, 0.015);
}

/* A page with nothing to chart yet says so where the chart would be. */
static void plot_message(Gfx *x, const Chart *c, const char *text)
{
    gfx_rect(x, c->plot.x, c->plot.y, c->plot.w, c->plot.h, PAL_PANEL);
    gfx_text_wrapped(x, text, c->plot.x + gfx_u(x, 0.04), c->plot.y + c->plot.h / 3,
                     c->plot.w - gfx_u(x, 0.08), 0.042, PAL_TEXT, ALIGN_CENTER);
}

static void heading(Gfx *x, const Chart *c, const char *text)
{
    gfx_text(x, text, c->plot.x, gfx_u(x, 0.205), 0.038, PAL_TEXT, ALIGN_LEFT, true);
}

/* Every page spans the same dates (sessions and sitting answers), so pages line up. */
static Chart page_chart(const ProgressScene *p, const Gfx *x, double y0, double y1)
{
    Chart c = chart_page(x, p->n_days ? p->days[0] : 0, p->n_days ? p->days[p->n_days - 1] : 0,
                         y0, y1);
    chart_fit_markers(&c, p->days, p->n_days);
    return c;
}

static ChartSeries plain_series(const char *label, const double *xs, const double *ys, size_t n)
{
    return (ChartSeries){label, PAL_BAND, CHART_CIRCLE, false, 0, xs, ys, n};
}

static void draw_level(ProgressScene *p, Game *g)
{
    Gfx *x = g->gfx;
    Chart c = page_chart(p, x, 0, p->n_levels - 1);
    heading(x, &c, "Your level at each session");
    if (!any_value(p->level, p->n)) {
        plot_message(x, &c, "No sessions yet.");
        return;
    }
    chart_draw_frame(&c, x, 1, label_level, g);
    chart_draw_dates(&c, x, p->days, p->n_days);
    ChartSeries s = plain_series("level", p->day, p->level, p->n);
    s.step = true;
    chart_draw_series(&c, x, &s, 1);
    /* the decision's word at each change of level, where it fits without covering another */
    SDL_Rect note = {0, 0, 0, 0};
    for (size_t k = 0; k < p->n_marks; k++)
        chart_draw_note(&c, x, p->day[p->marks[k].at], p->level[p->marks[k].at],
                        p->marks[k].word, &note);
    const Level *lv = game_level(g);
    char now[48], last[16];
    label_level(latest(p->level, p->n), last, sizeof last, g);
    snprintf(now, sizeof now, "Now: %s", lv ? lv->id : last);
    int y = side_headline(x, now);
    side_words(x, y,
               "Each mark is a session. A step up: the rules opened the next level. A step "
               "down: your tendon asked for less, which is part of the plan.");
}

static void draw_pain(ProgressScene *p, Game *g)
{
    Gfx *x = g->gfx;
    Chart c = page_chart(p, x, 0, 10);
    heading(x, &c, "Pain at each session (0 = none, 10 = worst)");
    ChartSeries s[PAIN_SERIES];
    bool any = false;
    for (int k = 0; k < PAIN_SERIES; k++) {
        s[k] = (ChartSeries){PAIN_WORDS[k], PAL_BAND, PAIN_MARKS[k], false,
                             chart_dodge_px(&c, k, PAIN_SERIES), p->day, p->pain[k], p->n};
        any = any || any_value(p->pain[k], p->n);
    }
    s[1].color = PAL_LOW;
    s[2].color = PAL_HIGH;
    s[3].color = PAL_ACCENT;
    double safe = game_state(g)->rules->green_pain_during_max;
    char zone[48];
    snprintf(zone, sizeof zone, "safe zone 0\xe2\x80\x93%g", safe);
    if (!any) {
        plot_message(x, &c, "No pain answers yet.");
    } else {
        chart_draw_frame(&c, x, 1, chart_label_number, NULL);
        chart_draw_zone(&c, x, 0, safe, SAFE_FILL, zone);
        chart_draw_dates(&c, x, p->days, p->n_days);
        chart_draw_series(&c, x, s, PAIN_SERIES);
    }
    int y = gfx_u(x, 0.27);
    y += chart_draw_legend(x, s, PAIN_SERIES, side_x(x), y, 0.036);
    /* the zone's own legend row: a swatch of its shade and its words */
    int r = chart_marker_r(x);
    gfx_rect(x, side_x(x), y, 2 * r + 4, 2 * r + 4, PAL_PANEL);
    gfx_rect(x, side_x(x), y, 2 * r + 4, 2 * r + 4, SAFE_FILL);
    gfx_text(x, zone, side_x(x) + 2 * r + gfx_u(x, 0.02), y, 0.036, PAL_TEXT, ALIGN_LEFT, false);
    side_words(x, y + gfx_u(x, 0.036 * 1.6) + gfx_u(x, 0.02), "A missing mark: not answered.");
}

static void draw_quality(ProgressScene *p, Game *g)
{
    Gfx *x = g->gfx;
    Chart c = page_chart(p, x, 0, 100);
    heading(x, &c, "Time in the target band, % of each session's holds");
    double green = game_state(g)->rules->green_quality_min_pct;
    char line[48];
    snprintf(line, sizeof line, "%g %%: green", green);
    if (!any_value(p->quality, p->n)) {
        plot_message(x, &c, "No measured holds yet: timed holds have no score.");
        return;
    }
    chart_draw_frame(&c, x, 20, chart_label_percent, NULL);
    chart_draw_dates(&c, x, p->days, p->n_days);
    chart_draw_hline(&c, x, green, PAL_IN, line);
    ChartSeries s = plain_series("each session", p->day, p->quality, p->n);
    chart_draw_series(&c, x, &s, 1);
    char head[48];
    snprintf(head, sizeof head, "Latest: %.0f %%", latest(p->quality, p->n));
    int y = side_headline(x, head);
    char words[96];
    snprintf(words, sizeof words, "The dashed line: %g %% or more counts toward a green session.",
             green);
    y = side_words(x, y, words);
    side_words(x, y, "Timed holds have no score and no mark.");
}

static void draw_sitting(ProgressScene *p, Game *g)
{
    Gfx *x = g->gfx;
    double most = 0;
    for (size_t i = 0; i < p->n_sit; i++)
        most = p->sit_min[i] > most ? p->sit_min[i] : most;
    /* quarter hours up to two hours, then hours, then four hours: the labels stay few */
    double step = most > 480 ? 240 : most > 120 ? 60 : 15;
    Chart c = page_chart(p, x, 0, chart_nice_max(most, step, 30));
    heading(x, &c, "Minutes of sitting before the sit-bone hurts");
    if (p->n_sit == 0) {
        plot_message(x, &c, "No sitting times yet: the game asks once a week, after a session.");
        return;
    }
    chart_draw_frame(&c, x, step, chart_label_number, NULL);
    chart_draw_dates(&c, x, p->days, p->n_days);
    ChartSeries s = plain_series("minutes", p->sit_day, p->sit_min, p->n_sit);
    chart_draw_series(&c, x, &s, 1);
    char head[48];
    snprintf(head, sizeof head, "Latest: %.0f min", p->sit_min[p->n_sit - 1]);
    int y = side_headline(x, head);
    side_words(x, y,
               "How long you could sit on a normal chair before the pain started, asked once "
               "a week. Longer is better.");
}

static void draw_tabs(ProgressScene *p, Gfx *x)
{
    int w = gfx_w(x), gap = gfx_u(x, 0.012), left = w * 3 / 100;
    int tw = (w - 2 * left - (PAGE_COUNT - 1) * gap) / PAGE_COUNT, th = gfx_u(x, 0.075);
    for (int i = 0; i < PAGE_COUNT; i++) {
        SDL_Rect r = {left + i * (tw + gap), gfx_u(x, 0.11), tw, th};
        bool sel = i == p->page;
        p->tabs[i] = r;
        gfx_rect(x, r.x, r.y, r.w, r.h, sel ? PAL_PANEL_HI : PAL_PANEL);
        if (sel) /* the open page: a thick frame and bold words, not colour alone */
            gfx_frame(x, r.x, r.y, r.w, r.h, gfx_u(x, 0.007), PAL_ACCENT);
        gfx_text(x, PAGE_TABS[i], r.x + r.w / 2, r.y + (r.h - gfx_u(x, 0.05)) / 2, 0.042,
                 sel ? PAL_TEXT : PAL_TEXT_DIM, ALIGN_CENTER, sel);
    }
}

static void draw_back(ProgressScene *p, Gfx *x, bool pages)
{
    const char *label = "\xe2\x97\x80 Back";
    int h = gfx_h(x), bw = gfx_text_width(x, label, 0.05, true) + gfx_u(x, 0.08);
    p->back = (SDL_Rect){gfx_w(x) * 3 / 100, h - gfx_u(x, 0.115), bw, gfx_u(x, 0.09)};
    SDL_Rect *r = &p->back;
    gfx_rect(x, r->x, r->y, r->w, r->h, PAL_PANEL_HI);
    gfx_frame(x, r->x, r->y, r->w, r->h, gfx_u(x, 0.007), PAL_ACCENT);
    gfx_text(x, label, r->x + r->w / 2, r->y + (r->h - gfx_u(x, 0.06)) / 2, 0.05, PAL_TEXT,
             ALIGN_CENTER, true);
    gfx_text(x,
             pages ? "Left / right: other pages.   Enter, Esc or B: back."
                   : "Enter, Esc or B: back.",
             r->x + r->w + gfx_u(x, 0.04), r->y + (r->h - gfx_u(x, 0.04)) / 2, 0.034,
             PAL_TEXT_DIM, ALIGN_LEFT, false);
}

/* The headline of each state without charts; msg adds the detail below it. */
static const char *const STATE_WORDS[] = {
    [PROGRESS_EMPTY] = "Your progress appears here after your first session.",
    [PROGRESS_NO_STORE] = "Sessions are not being saved on this computer, so there is no "
                          "progress to show.",
    [PROGRESS_FAILED] = "Your progress cannot be shown right now.",
};

static void progress_draw(Scene *sc, Game *g)
{
    ProgressScene *p = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    gfx_clear(x, PAL_BG);
    gfx_text(x, "My progress", w / 2, gfx_u(x, 0.015), 0.07, PAL_TEXT, ALIGN_CENTER, true);
    memset(p->tabs, 0, sizeof p->tabs); /* no tabs to click unless drawn below */
    if (p->state != PROGRESS_DATA) {
        int y = gfx_u(x, 0.3);
        y += gfx_text_wrapped(x, STATE_WORDS[p->state], w / 10, y, w * 8 / 10, 0.05, PAL_TEXT,
                              ALIGN_CENTER);
        gfx_text_wrapped(x, p->msg, w / 10, y + gfx_u(x, 0.04), w * 8 / 10, 0.036,
                             PAL_TEXT_DIM, ALIGN_CENTER);
        draw_back(p, x, false);
        return;
    }
    draw_tabs(p, x);
    switch (p->page) {
    case PAGE_LEVEL: draw_level(p, g); break;
    case PAGE_PAIN: draw_pain(p, g); break;
    case PAGE_QUALITY: draw_quality(p, g); break;
    default: draw_sitting(p, g); break;
    }
    draw_back(p, x, true);
}

static void progress_destroy(Scene *sc)
{
    ProgressScene *p = sc->data;
    free(p->day);
    free(p->level);
    free(p->quality);
    for (int k = 0; k < PAIN_SERIES; k++)
        free(p->pain[k]);
    free(p->sit_day);
    free(p->sit_min);
    free(p->days);
    free(p->marks);
    free(p);
    free(sc);
}

Scene *scene_progress_new(void)
{
    Scene *sc = scene_alloc("progress", sizeof(ProgressScene));
    sc->enter = progress_enter;
    sc->input = progress_input;
    sc->draw = progress_draw;
    sc->destroy = progress_destroy; /* frees the loaded arrays, then the scene */
    return sc;
}
