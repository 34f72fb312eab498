/* ui/hold_view: the hold screen.
 *
 * The metaphor: a traveller crosses a rope bridge between two cliffs while the hold lasts. The
 * deck stays level while the value is inside the band, sags as it falls below and pulls taut
 * and arched above it. A lantern on the far cliff is lit for each well-held set. The gauge on
 * the right says the same in position and words, and the strip below shows the last 10 s with
 * the band shaded and the best earlier hold as a ghost. Colour adds to, never replaces, shape
 * and words (palette.h). */
#include "ui/hold_view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/figure.h"
#include "ui/palette.h"

HoldLayout hold_layout(const Gfx *g)
{
    int w = gfx_w(g), h = gfx_h(g);
    HoldLayout l;
    l.world = (SDL_Rect){w * 2 / 100, h * 14 / 100, w * 70 / 100, h * 56 / 100};
    l.gauge = (SDL_Rect){w * 80 / 100, h * 15 / 100, w * 9 / 100, h * 54 / 100};
    l.trace = (SDL_Rect){w * 2 / 100, h * 74 / 100, w * 96 / 100, h * 23 / 100};
    return l;
}

int hold_deck_y(const HoldLayout *l) { return l->world.y + l->world.h * 55 / 100; }

double hold_gauge_max(double target) { return target > 0 ? target * 1.5 : 1.0; }

/* The values a gauge or trace spans: force from 0 to 1.5 × target; an angle hold ±20° around
 * the top position, so a few degrees of sag are plainly visible. */
typedef struct Scale {
    double lo, hi;
} Scale;

#define ANGLE_VIEW_SPAN_DEG 20.0

static Scale view_scale(const Game *g)
{
    const PlayState *ps = game_state(g);
    if (ps->angle_mode)
        return (Scale){ps->target - ANGLE_VIEW_SPAN_DEG, ps->target + ANGLE_VIEW_SPAN_DEG};
    return (Scale){0, hold_gauge_max(ps->target)};
}

static int scale_y(const SDL_Rect *r, Scale s, double value)
{
    double f = (value - s.lo) / (s.hi - s.lo);
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return r->y + r->h - (int)lround(f * r->h);
}

int hold_gauge_y(const HoldLayout *l, double value, double target)
{
    return scale_y(&l->gauge, (Scale){0, hold_gauge_max(target)}, value);
}

static SDL_Color zone_color(HoldZone z)
{
    return z == HOLD_ZONE_IN ? PAL_IN : z == HOLD_ZONE_BELOW ? PAL_LOW : PAL_HIGH;
}

static const char *zone_words(HoldZone z)
{
    return z == HOLD_ZONE_IN ? "Hold steady" : z == HOLD_ZONE_BELOW ? "Push a little more"
                                                                    : "Ease off a little";
}

/* How far the deck bends: −1 full sag … 0 level … +1 fully taut. */
static double deck_bend(const Game *g)
{
    const Session *s = game_state(g)->session;
    if (!session_config(s)->measured || session_phase(s) != PHASE_HOLD)
        return 0;
    double v = session_latest_value(s), lo, hi;
    session_band(s, &lo, &hi);
    if (isnan(v))
        return -1;
    /* full sag two band-widths below the band, fully taut one and a half above it */
    double width = hi - lo > 1e-9 ? hi - lo : 1e-9;
    if (v < lo)
        return -fmin(1.0, (lo - v) / (2.0 * width));
    if (v > hi)
        return fmin(1.0, (v - hi) / (1.5 * width));
    return 0;
}

/* What the frame has drawn so far, as boxes, over the plain background (PAL_BG everywhere but
 * the trace strip, which paints all of itself later). Text that meets none of them lies on
 * that background alone and is drawn as an opaque copy with it (gfx_text_on: the same pixels,
 * without blending at every frame, which is a good part of a software-rendered frame). */
typedef struct Drawn {
    SDL_Rect box[16];
    int n;
    bool full; /* more than fit: nothing is known to be clear any more */
} Drawn;

static void drawn_add(Drawn *d, SDL_Rect r)
{
    if (d->n < (int)(sizeof d->box / sizeof d->box[0]))
        d->box[d->n++] = r;
    else
        d->full = true;
}

/* Text over the background as an opaque copy where nothing drawn lies under its box, else
 * blended over what is there; its box is noted as drawn. */
static void text_on_bg(Gfx *x, Drawn *d, const char *text, int tx, int ty, double size,
                       SDL_Color c, TextAlign a, bool bold)
{
    SDL_Rect box = gfx_text_box(x, text, tx, ty, size, c, a, bold);
    bool clear = !d->full;
    for (int i = 0; i < d->n && clear; i++)
        clear = !SDL_HasIntersection(&box, &d->box[i]);
    if (clear)
        gfx_text_on(x, text, tx, ty, size, c, PAL_BG, a, bold);
    else
        gfx_text(x, text, tx, ty, size, c, a, bold);
    drawn_add(d, box);
}

static void box_grow(SDL_Rect *box, int x, int y, int w, int h)
{
    SDL_Rect r = {x, y, w, h};
    SDL_UnionRect(box, &r, box);
}

/* Draws the bridge scene; returns a box holding everything it drew. */
static SDL_Rect draw_world(Game *g, const HoldLayout *l, double progress)
{
    const PlayState *ps = game_state(g);
    Gfx *x = g->gfx;
    const SDL_Rect *r = &l->world;
    int cliff_w = r->w / 7, deck_y = hold_deck_y(l);
    SDL_Color rock = {72, 64, 84, 255};
    gfx_rect(x, r->x, deck_y, cliff_w, r->y + r->h - deck_y, rock);
    gfx_rect(x, r->x + r->w - cliff_w, deck_y, cliff_w, r->y + r->h - deck_y, rock);
    /* the river far below */
    gfx_rect(x, r->x + cliff_w, r->y + r->h - r->h / 12, r->w - 2 * cliff_w, r->h / 12,
             (SDL_Color){40, 70, 110, 255});

    double bend = deck_bend(g);
    HoldZone zone = session_zone(ps->session);
    bool measured = session_config(ps->session)->measured;
    SDL_Color deck = !measured || session_phase(ps->session) != PHASE_HOLD ? PAL_BAND
                                                                          : zone_color(zone);
    int x0 = r->x + cliff_w, x1 = r->x + r->w - cliff_w, span = x1 - x0;
    int depth = (int)lround(bend * -r->h * 0.35); /* positive = down */
    int t = gfx_u(x, 0.014);
    enum { SEG = 24 };
    /* the deck and the hand rope, each one batched polyline (gfx's reused point buffer) */
    SDL_FPoint *pts = gfx_points(x, 2 * (SEG + 1));
    SDL_FPoint *rope = pts + SEG + 1;
    int rope_up = r->h / 6; /* the rope follows the deck above it, hanging less */
    for (int i = 0; i <= SEG; i++) {
        double u = (double)i / SEG;
        float nx = (float)(x0 + (int)lround(u * span));
        pts[i] = (SDL_FPoint){nx, (float)(deck_y + (int)lround(depth * 4 * u * (1 - u)))};
        rope[i] = (SDL_FPoint){nx, (float)(deck_y - rope_up +
                                           (int)lround(depth * 0.6 * 4 * u * (1 - u)))};
    }
    /* the cliffs and river, then the bridge from post top to lowest point of the deck */
    SDL_Rect box = {r->x, deck_y, r->w, r->y + r->h - deck_y};
    for (int i = 0; i <= SEG; i++) {
        box_grow(&box, (int)pts[i].x, (int)pts[i].y, 1, 1);
        box_grow(&box, (int)rope[i].x, (int)rope[i].y, 1, 1);
    }
    box_grow(&box, x0, deck_y - rope_up, x1 - x0 + 1, rope_up + 1);
    gfx_polyline(x, pts, SEG + 1, t, deck);
    for (int i = 1; i <= SEG; i++) /* planks: short ticks, so it reads as a bridge */
        gfx_rect(x, (int)pts[i].x - 1, (int)pts[i].y - t, 2, 2 * t + 1, PAL_TEXT_DIM);
    gfx_polyline(x, rope, SEG + 1, 2, PAL_TEXT_DIM);
    gfx_line(x, x0, deck_y, x0, deck_y - rope_up, 3, PAL_TEXT_DIM); /* posts */
    gfx_line(x, x1, deck_y, x1, deck_y - rope_up, 3, PAL_TEXT_DIM);
    if (bend > 0.05) { /* strain marks where the ropes pull on the cliffs */
        for (int k = 0; k < 3; k++) {
            int off = gfx_u(x, 0.02) * (k + 1);
            gfx_line(x, x0 - off, deck_y - off, x0 - off / 2, deck_y, 2, PAL_HIGH);
            gfx_line(x, x1 + off, deck_y - off, x1 + off / 2, deck_y, 2, PAL_HIGH);
            box_grow(&box, x0 - off, deck_y - off, x1 - x0 + 2 * off + 1, off + 1);
        }
    }
    /* the traveller */
    double u = progress < 0 ? 0 : progress > 1 ? 1 : progress;
    int tx = x0 + (int)lround(u * span);
    int ty = deck_y + (int)lround(depth * 4 * u * (1 - u)) - t;
    int body = gfx_u(x, 0.07);
    gfx_line(x, tx, ty, tx, ty - body, gfx_u(x, 0.012), PAL_TEXT);
    gfx_disc(x, tx, ty - body - gfx_u(x, 0.022), gfx_u(x, 0.022), PAL_TEXT);
    int hr = gfx_u(x, 0.022);
    box_grow(&box, tx - hr, ty - body - 2 * hr, 2 * hr + 1, body + 2 * hr + 1);
    /* lanterns on the far cliff: one per set, lit when held well */
    const SetResult *res;
    size_t n = session_results(ps->session, &res);
    int sets = session_config(ps->session)->sets;
    int lr = gfx_u(x, 0.018);
    for (int i = 0; i < sets; i++) {
        int lx = r->x + r->w - cliff_w + lr * 2 + (i % 3) * lr * 3;
        int ly = deck_y + lr * 2 + (i / 3) * lr * 3;
        bool lit = false, done = false;
        for (size_t k = 0; k < n; k++) {
            if (res[k].index == i + 1) {
                done = true;
                lit = res[k].measured ? play_good_set(g->play, &res[k]) : !res[k].interrupted;
            }
        }
        box_grow(&box, lx - lr, ly - lr, 2 * lr + 1, 2 * lr + 1);
        gfx_disc(x, lx, ly, lr, lit ? PAL_ACCENT : done ? PAL_TEXT_DIM : PAL_PANEL_HI);
        if (!lit)
            gfx_disc(x, lx, ly, lr * 6 / 10, rock); /* hollow = not lit: shape, not colour */
    }
    /* the thickest line's width round it all: room for how thick lines round */
    return (SDL_Rect){box.x - t, box.y - t, box.w + 2 * t, box.h + 2 * t};
}

/* A panel with the band [y_top, y_bottom) across it in band_color: three fills, no pixel
 * painted twice (filling is a good part of a software-rendered frame). */
static void panel_with_band(Gfx *x, const SDL_Rect *r, int y_top, int y_bottom,
                            SDL_Color band_color)
{
    int top = y_top < r->y ? r->y : y_top > r->y + r->h ? r->y + r->h : y_top;
    int bottom = y_bottom < top ? top : y_bottom > r->y + r->h ? r->y + r->h : y_bottom;
    gfx_rect(x, r->x, r->y, r->w, top - r->y, PAL_PANEL);
    gfx_rect(x, r->x, top, r->w, bottom - top, band_color);
    gfx_rect(x, r->x, bottom, r->w, r->y + r->h - bottom, PAL_PANEL);
}

static void draw_gauge(Game *g, const HoldLayout *l, Drawn *d)
{
    const PlayState *ps = game_state(g);
    Gfx *x = g->gfx;
    const SDL_Rect *r = &l->gauge;
    double lo, hi;
    session_band(ps->session, &lo, &hi);
    Scale sc = view_scale(g);
    int ylo = scale_y(r, sc, lo), yhi = scale_y(r, sc, hi);
    panel_with_band(x, r, yhi, ylo, PAL_BAND);
    drawn_add(d, *r);
    double v = session_latest_value(ps->session);
    if (!isnan(v)) {
        HoldZone z = session_zone(ps->session);
        int vy = scale_y(r, sc, v);
        int th = gfx_u(x, 0.016);
        gfx_rect(x, r->x - r->w / 4, vy - th / 2, r->w + r->w / 4, th, PAL_ACCENT);
        /* a pointer triangle on the left, drawn with lines */
        int pw = r->w / 3;
        for (int k = 0; k < pw; k++)
            gfx_line(x, r->x - r->w / 4 - pw + k, vy - (pw - k) / 2, r->x - r->w / 4 - pw + k,
                     vy + (pw - k) / 2, 1, zone_color(z));
        char num[32];
        if (ps->angle_mode) /* hip height against the top position, in degrees */
            snprintf(num, sizeof num, "%+.0f\xc2\xb0", v - ps->target);
        else
            snprintf(num, sizeof num, "%.0f %s", v, ps->unit);
        drawn_add(d, (SDL_Rect){r->x - r->w / 4 - pw, vy - th / 2 - pw, r->w + r->w / 4 + pw,
                                th + 2 * pw}); /* the marker and its pointer */
        text_on_bg(x, d, num, r->x + r->w / 2, r->y + r->h + gfx_u(x, 0.005), 0.045, PAL_TEXT,
                   ALIGN_CENTER, true);
    }
    int lx = r->x + r->w + gfx_u(x, 0.01);
    text_on_bg(x, d, "less", lx, r->y, 0.03, PAL_TEXT_DIM, ALIGN_LEFT, false);
    text_on_bg(x, d, "more", lx, r->y + r->h - gfx_u(x, 0.04), 0.03, PAL_TEXT_DIM, ALIGN_LEFT,
               false);
    text_on_bg(x, d, "band", lx, (ylo + yhi) / 2 - gfx_u(x, 0.02), 0.03, PAL_BAND, ALIGN_LEFT,
               false);
}

static void draw_tempo(Game *g, const HoldLayout *l, Drawn *d)
{
    const PlayState *ps = game_state(g);
    Gfx *x = g->gfx;
    const SDL_Rect *r = &l->gauge;
    SDL_Rect track = {r->x + r->w / 3, r->y, r->w / 3, r->h};
    gfx_rect(x, track.x, track.y, track.w, track.h, PAL_PANEL);
    drawn_add(d, track);
    double pos = session_tempo_position(ps->session, g->now);
    int by = r->y + r->h - (int)lround(pos * r->h), br = r->w / 3;
    gfx_disc(x, r->x + r->w / 2, by, br, PAL_ACCENT);
    drawn_add(d, (SDL_Rect){r->x + r->w / 2 - br, by - br, 2 * br + 1, 2 * br + 1});
    const SessionConfig *c = session_config(ps->session);
    double cycle = fmod(session_phase_elapsed_s(ps->session, g->now), c->up_s + c->down_s);
    text_on_bg(x, d, cycle < c->up_s ? "UP" : "DOWN", r->x + r->w / 2, r->y - gfx_u(x, 0.07),
               0.06, PAL_TEXT, ALIGN_CENTER, true);
    char reps[48];
    snprintf(reps, sizeof reps, "%d of %d reps", session_reps(ps->session), c->reps);
    text_on_bg(x, d, reps, r->x + r->w / 2, r->y + r->h + gfx_u(x, 0.005), 0.04, PAL_TEXT,
               ALIGN_CENTER, false);
}

#define BAND_TINT ((SDL_Color){86, 180, 233, 90})

/* top drawn with its alpha over an opaque bottom, as one opaque colour */
static SDL_Color over(SDL_Color top, SDL_Color bottom)
{
    int a = top.a;
    return (SDL_Color){(Uint8)((top.r * a + bottom.r * (255 - a) + 127) / 255),
                       (Uint8)((top.g * a + bottom.g * (255 - a) + 127) / 255),
                       (Uint8)((top.b * a + bottom.b * (255 - a) + 127) / 255), 255};
}

/* A trace reduced to what the strip can show: at 1 kHz there are many samples per pixel
 * column, so each column keeps its highest and lowest point, in time order — the same
 * envelope on screen for a fraction of the segments. Points go into gfx's reused buffer and
 * are drawn with one batched polyline. */
typedef struct Strip {
    SDL_FPoint *pts;
    int n;
    float left, right; /* the strip's edges, pixels */
    float x_scale;     /* pixels per second */
    double t0;         /* the time at the left edge */
    float y_base, y_scale, y_top; /* y = y_base − value·y_scale, clamped to [y_top, y_base] */
    double v_lo;
    int col;           /* the column being collected (−1: none) */
    float lo, hi;      /* its smallest and largest y */
    bool lo_first;     /* the smallest y came before the largest */
} Strip;

static Strip strip_begin(Gfx *x, const SDL_Rect *r, Scale sc, double left_t, size_t n)
{
    size_t cols = (size_t)r->w + 2;
    size_t cap = n < 2 * cols ? n : 2 * cols;
    Strip s = {gfx_points(x, cap + 2), 0, (float)r->x, (float)(r->x + r->w),
               (float)(r->w / SESSION_TRACE_WINDOW_S), left_t, (float)(r->y + r->h),
               (float)(r->h / (sc.hi - sc.lo)), (float)r->y, sc.lo, -1, 0, 0, false};
    return s;
}

static void strip_flush(Strip *s)
{
    if (s->col < 0)
        return;
    float cx = (float)s->col;
    s->pts[s->n++] = (SDL_FPoint){cx, s->lo_first ? s->lo : s->hi};
    if (s->lo != s->hi)
        s->pts[s->n++] = (SDL_FPoint){cx, s->lo_first ? s->hi : s->lo};
}

/* Adds the points of p[0..n) to the strip: the ghost's (a hold from time 0) at shift + its
 * time, those in [from, to]; the live trace's at its own time, those from `from` on. Each
 * column keeps its highest and lowest point, the newest extreme last. (One loop over the ten
 * thousand points of a 1 kHz trace, with the strip's state in locals the compiler keeps in
 * registers: a good part of the frame's own work.) */
static void strip_add_all(Strip *s, const ForcePoint *p, size_t n, bool ghost, double shift,
                          double from, double to)
{
    const float left = s->left, x_scale = s->x_scale, y_base = s->y_base,
                y_scale = s->y_scale, y_top = s->y_top;
    const double t0 = s->t0, v_lo = s->v_lo;
    const int right = (int)s->right;
    SDL_FPoint *out = s->pts;
    int col = s->col, m = s->n;
    float lo = s->lo, hi = s->hi;
    bool lo_first = s->lo_first;
    for (size_t i = 0; i < n; i++) {
        double t = ghost ? shift + p[i].t_s : p[i].t_s;
        if (ghost ? t < from || t > to : !(t >= from))
            continue;
        int c = (int)(left + (float)(t - t0) * x_scale + 0.5f);
        c = c > right ? right : c;
        float fy = y_base - (float)(p[i].force_n - v_lo) * y_scale;
        fy = fy < y_top ? y_top : fy > y_base ? y_base : fy;
        fy = (float)(int)(fy + 0.5f);
        if (c != col) {
            if (col >= 0) { /* the finished column's points */
                out[m++] = (SDL_FPoint){(float)col, lo_first ? lo : hi};
                if (lo != hi)
                    out[m++] = (SDL_FPoint){(float)col, lo_first ? hi : lo};
            }
            col = c;
            lo = hi = fy;
            lo_first = false;
        } else if (fy < lo) {
            lo = fy;
            lo_first = false; /* the newest extreme comes last */
        } else if (fy > hi) {
            hi = fy;
            lo_first = true;
        }
    }
    s->col = col;
    s->n = m;
    s->lo = lo;
    s->hi = hi;
    s->lo_first = lo_first;
}

static int strip_end(Strip *s)
{
    strip_flush(s);
    s->col = -1;
    return s->n;
}

/* fminf and fmaxf without a call each (for numbers, as here, the same) */
static float min_f(float a, float b) { return b < a ? b : a; }
static float max_f(float a, float b) { return b > a ? b : a; }

/* Whether a line `thick` wide through pts[0..n) keeps clear of box. */
static bool line_misses(const SDL_FPoint *pts, int n, int thick, const SDL_Rect *box)
{
    float reach = (float)thick + 1; /* no pixel of the line lies further from its points */
    float left = (float)box->x - reach, right = (float)(box->x + box->w) + reach;
    float top = (float)box->y - reach, bottom = (float)(box->y + box->h) + reach;
    for (int i = 0; i < n; i++) {
        SDL_FPoint a = pts[i > 0 ? i - 1 : 0], b = pts[i]; /* the segment up to point i */
        if (max_f(a.x, b.x) >= left && min_f(a.x, b.x) <= right && max_f(a.y, b.y) >= top &&
            min_f(a.y, b.y) <= bottom)
            return false;
    }
    return true;
}

/* The box of pts[0..n) grown by pad all round, added to box. */
static void box_grow_points(SDL_Rect *box, const SDL_FPoint *pts, int n, int pad)
{
    if (n <= 0)
        return;
    float x0 = pts[0].x, x1 = pts[0].x, y0 = pts[0].y, y1 = pts[0].y;
    for (int i = 1; i < n; i++) {
        x0 = min_f(x0, pts[i].x);
        x1 = max_f(x1, pts[i].x);
        y0 = min_f(y0, pts[i].y);
        y1 = max_f(y1, pts[i].y);
    }
    box_grow(box, (int)floorf(x0) - pad, (int)floorf(y0) - pad, (int)ceilf(x1 - x0) + 2 * pad + 1,
             (int)ceilf(y1 - y0) + 2 * pad + 1);
}

/* Text in the strip r, over the bare panel as an opaque copy when `clear` (nothing but the
 * panel lies under it) and it lies within the strip; blended otherwise. */
static void strip_text(Gfx *x, const SDL_Rect *r, const char *text, int tx, int ty,
                       double size, TextAlign a, bool clear)
{
    SDL_Rect box = gfx_text_box(x, text, tx, ty, size, PAL_TEXT_DIM, a, false);
    if (clear && box.x >= r->x && box.y >= r->y && box.x + box.w <= r->x + r->w &&
        box.y + box.h <= r->y + r->h)
        gfx_text_on(x, text, tx, ty, size, PAL_TEXT_DIM, PAL_PANEL, a, false);
    else
        gfx_text(x, text, tx, ty, size, PAL_TEXT_DIM, a, false);
}

/* Draws the strip; returns a box holding everything it drew (its lines reach past it). */
static SDL_Rect draw_trace(Game *g, const HoldLayout *l)
{
    const PlayState *ps = game_state(g);
    Gfx *x = g->gfx;
    const SDL_Rect *r = &l->trace;
    bool measured = session_config(ps->session)->measured;
    double right_t = g->now, left_t = g->now - SESSION_TRACE_WINDOW_S;
    Scale sc = view_scale(g);
    /* the label in the top corner: on the bare panel unless the band or a line reaches it */
    static const char *const LABEL = "last 10 seconds";
    int lx = r->x + gfx_u(x, 0.01), ly = r->y + gfx_u(x, 0.005);
    SDL_Rect label = gfx_text_box(x, LABEL, lx, ly, 0.028, PAL_TEXT_DIM, ALIGN_LEFT, false);
    bool label_clear = true;
    if (measured) {
        /* the band's translucent blue over the panel, as the opaque colour it gives there:
         * opaque fills are much cheaper in the software renderer */
        double lo, hi;
        session_band(ps->session, &lo, &hi);
        int band_top = scale_y(r, sc, hi);
        panel_with_band(x, r, band_top, scale_y(r, sc, lo), over(BAND_TINT, PAL_PANEL));
        label_clear = label.y + label.h <= band_top;
    } else {
        gfx_rect(x, r->x, r->y, r->w, r->h, PAL_PANEL);
    }
    SDL_Rect drawn = *r;
    if (!measured && !session_config(ps->session)->tempo) {
        static const char *const TIMED = "Timed hold: nothing is measured";
        int tx = r->x + r->w / 2, ty = r->y + r->h / 3;
        SDL_Rect box = gfx_text_box(x, TIMED, tx, ty, 0.04, PAL_TEXT_DIM, ALIGN_CENTER, false);
        strip_text(x, r, TIMED, tx, ty, 0.04, ALIGN_CENTER, true);
        SDL_UnionRect(&drawn, &box, &drawn);
        return drawn;
    }
    /* ghost: the best earlier hold, aligned to the start of this hold */
    int thick = gfx_u(x, 0.006);
    if (ps->ghost && ps->n_ghost > 1 && session_phase(ps->session) == PHASE_HOLD) {
        double start = g->now - session_phase_elapsed_s(ps->session, g->now);
        Strip st = strip_begin(x, r, sc, left_t, ps->n_ghost);
        strip_add_all(&st, ps->ghost, ps->n_ghost, true, start, left_t, right_t);
        int m = strip_end(&st);
        gfx_polyline(x, st.pts, m, thick, PAL_GHOST);
        label_clear = label_clear && line_misses(st.pts, m, thick, &label);
        box_grow_points(&drawn, st.pts, m, thick + 1);
    }
    const ForcePoint *pts;
    size_t n = session_recent(ps->session, &pts);
    Strip st = strip_begin(x, r, sc, left_t, n);
    strip_add_all(&st, pts, n, false, 0, left_t, 0);
    int m = strip_end(&st);
    gfx_polyline(x, st.pts, m, thick, PAL_ACCENT);
    label_clear = label_clear && line_misses(st.pts, m, thick, &label);
    box_grow_points(&drawn, st.pts, m, thick + 1);
    strip_text(x, r, LABEL, lx, ly, 0.028, ALIGN_LEFT, label_clear);
    SDL_UnionRect(&drawn, &label, &drawn);
    return drawn;
}

static void fmt_clock(char *buf, size_t n, double s)
{
    int whole = (int)ceil(s - 1e-9);
    if (whole < 0)
        whole = 0;
    snprintf(buf, n, "%d:%02d", whole / 60, whole % 60);
}

static void draw_top(Game *g, Drawn *d)
{
    Gfx *x = g->gfx;
    int w = gfx_w(x);
    const Session *s = game_state(g)->session;
    char buf[96];
    int set = session_set_number(s);
    if (set == 0)
        snprintf(buf, sizeof buf, "Practice hold");
    else
        snprintf(buf, sizeof buf, "Set %d of %d", set, session_config(s)->sets);
    text_on_bg(x, d, buf, gfx_u(x, 0.03), gfx_u(x, 0.02), 0.065, PAL_TEXT, ALIGN_LEFT, true);
    fmt_clock(buf, sizeof buf, session_phase_left_s(s, g->now));
    text_on_bg(x, d, buf, w - gfx_u(x, 0.03), gfx_u(x, 0.005), 0.1, PAL_ACCENT, ALIGN_RIGHT,
               true);
    const Level *lv = game_level(g);
    if (lv)
        text_on_bg(x, d, lv->id, w / 2, gfx_u(x, 0.03), 0.04, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

/* A line of the message, centred on cx, on the background unless the scene reaches it (a
 * taut bridge lifts the traveller into the words: then they are blended over it). */
static void message_line(Gfx *x, Drawn *d, const char *text, int cx, int y, double size,
                         SDL_Color c, bool bold)
{
    text_on_bg(x, d, text, cx, y, size, c, ALIGN_CENTER, bold);
}

static void draw_message(Game *g, const HoldLayout *l, Drawn *d)
{
    const PlayState *ps = game_state(g);
    Gfx *x = g->gfx;
    const Session *s = ps->session;
    int cx = l->world.x + l->world.w / 2, y = l->world.y;
    char buf[128];
    switch (session_phase(s)) {
    case PHASE_GET_READY: {
        double left = session_phase_left_s(s, g->now);
        message_line(x, d, "Get ready", cx, y, 0.08, PAL_TEXT, true);
        if (left <= 3.0) {
            snprintf(buf, sizeof buf, "%d", (int)ceil(left));
            message_line(x, d, buf, cx, y + gfx_u(x, 0.1), 0.2, PAL_ACCENT, true);
        } else {
            message_line(x, d,
                         ps->angle_mode ? "Lift your hips now; hold them there from the tone"
                                        : "Lift your hips when you hear the start tone",
                         cx, y + gfx_u(x, 0.11), 0.045, PAL_TEXT_DIM, false);
        }
        break;
    }
    case PHASE_HOLD:
        if (session_config(s)->measured) {
            HoldZone z = session_zone(s);
            message_line(x, d, zone_words(z), cx, y, 0.085, zone_color(z), true);
            snprintf(buf, sizeof buf, "In the band %.0f %% of this hold",
                     session_live_in_band_pct(s));
            message_line(x, d, buf, cx, y + gfx_u(x, 0.1), 0.045, PAL_TEXT, false);
        } else if (session_config(s)->tempo) {
            message_line(x, d, "Follow the ball: up, then down", cx, y, 0.07, PAL_TEXT, true);
        } else {
            message_line(x, d, "Hold steady", cx, y, 0.085, PAL_TEXT, true);
        }
        break;
    case PHASE_REST: {
        message_line(x, d, "Rest", cx, y, 0.085, PAL_TEXT, true);
        const SetResult *res;
        size_t n = session_results(s, &res);
        if (n > 0 && res[n - 1].interrupted) {
            message_line(x, d, "Last set: stopped early, kept, not counted", cx,
                         y + gfx_u(x, 0.1), 0.045, PAL_TEXT, false);
        } else if (n > 0 && res[n - 1].measured) {
            snprintf(buf, sizeof buf, "%s: in the band %.0f %% of the time",
                     res[n - 1].index ? "Last set" : "Practice",
                     res[n - 1].m.time_in_band_pct);
            message_line(x, d, buf, cx, y + gfx_u(x, 0.1), 0.05, PAL_TEXT, false);
        }
        snprintf(buf, sizeof buf, "Next: set %d of %d", session_set_number(s),
                 session_config(s)->sets);
        message_line(x, d, buf, cx, y + gfx_u(x, 0.17), 0.045, PAL_TEXT_DIM, false);
        break;
    }
    default: break;
    }
}

/* The background everywhere but the trace strip, which paints its own panel: filling the
 * screen is a good part of a software-rendered frame, so the strip is not filled twice. (Not
 * filling the gauge and the ground under the bridge either was no faster: the fills' ragged
 * row ends cost more than the pixels saved.) */
static void clear_around(Gfx *x, const SDL_Rect *t)
{
    int w = gfx_w(x), h = gfx_h(x);
    gfx_rect(x, 0, 0, w, t->y, PAL_BG);
    gfx_rect(x, 0, t->y, t->x, t->h, PAL_BG);
    gfx_rect(x, t->x + t->w, t->y, w - t->x - t->w, t->h, PAL_BG);
    gfx_rect(x, 0, t->y + t->h, w, h - t->y - t->h, PAL_BG);
}

void hold_view_trace(Game *g, SDL_Rect r)
{
    HoldLayout l;
    memset(&l, 0, sizeof l);
    l.trace = r;
    draw_trace(g, &l);
}

void hold_view_draw(Game *g)
{
    const PlayState *ps = game_state(g);
    Gfx *x = g->gfx;
    if (!ps->session) {
        gfx_clear(x, PAL_BG);
        return;
    }
    HoldLayout l = hold_layout(x);
    clear_around(x, &l.trace);
    const Session *s = ps->session;
    const SessionConfig *cfg = session_config(s);
    double progress = 0;
    if (session_phase(s) == PHASE_HOLD) {
        double e = session_phase_elapsed_s(s, g->now);
        double left = session_phase_left_s(s, g->now);
        progress = e + left > 0 ? e / (e + left) : 0;
    } else if (session_phase(s) == PHASE_REST || session_phase(s) == PHASE_DONE) {
        progress = 1;
    }
    Drawn d = {.n = 0};
    draw_top(g, &d);
    if (session_phase(s) == PHASE_GET_READY) {
        SDL_Rect f = {l.world.x + l.world.w / 4, l.world.y + l.world.h * 35 / 100,
                      l.world.w / 2, l.world.h * 65 / 100};
        figure_draw(x, f.x, f.y, f.w, f.h, 0.2, FIGURE_MARK_NONE);
        int m = gfx_u(x, 0.05); /* its head and limbs reach a little past its box */
        drawn_add(&d, (SDL_Rect){f.x - m, f.y - m, f.w + 2 * m, f.h + 2 * m});
    } else {
        drawn_add(&d, draw_world(g, &l, progress));
    }
    draw_message(g, &l, &d);
    if (cfg->tempo)
        draw_tempo(g, &l, &d);
    else if (cfg->measured)
        draw_gauge(g, &l, &d);
    drawn_add(&d, draw_trace(g, &l));
    if (ps->target_note[0])
        text_on_bg(x, &d, ps->target_note, gfx_w(x) / 2, gfx_h(x) - gfx_u(x, 0.035), 0.026,
                   PAL_TEXT_DIM, ALIGN_CENTER, false);
    if (ps->practice) /* practice is never the patient's record: it says so on screen */
        text_on_bg(x, &d, "PRACTICE", gfx_u(x, 0.02), gfx_h(x) - gfx_u(x, 0.06), 0.04,
                   PAL_ACCENT, ALIGN_LEFT, true);
    if (ps->sensor_notice)
        text_on_bg(x, &d, ps->sensor_notice, gfx_w(x) / 2, gfx_u(x, 0.11), 0.045, PAL_WARN,
                   ALIGN_CENTER, true);
}
