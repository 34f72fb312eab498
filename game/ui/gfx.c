/* ui/gfx: drawing context over SDL_Renderer and SDL_ttf. */
#include "ui/gfx.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "ui/png.h"

#define FONT_CACHE 24
/* Rendered text is kept as textures until the string (or its size, weight or colour) changes:
 * rendering glyphs and making a texture every frame was most of a frame's cost. At most
 * TEXT_CACHE strings and TEXT_CACHE_BYTES of pixels are kept; the least recently drawn go. */
#define TEXT_CACHE 96
#define TEXT_KEY_MAX 200
#define TEXT_CACHE_BYTES (12u << 20)
/* Discs up to this radius are drawn as one batch of row rectangles. */
#define DISC_MAX_R 512

typedef struct FontSlot {
    int px;
    bool bold;
    TTF_Font *font;
} FontSlot;

typedef struct TextEntry {
    char text[TEXT_KEY_MAX];
    Uint32 hash;      /* of text: most entries are passed over on it alone */
    int px;
    bool bold;
    SDL_Color c;
    bool on_bg;       /* composited over the opaque colour bg (gfx_text_on) */
    SDL_Color bg;
    SDL_Texture *tex; /* NULL = a free slot */
    int w, h;         /* the text's box as the font lays it out */
    SDL_Rect ink;     /* the part with any ink, relative to the box: what the texture holds */
    bool used_slot;   /* taken (a string with no ink, e.g. spaces, has no texture) */
    bool has_ink;
    unsigned long used; /* the draw count when it was last drawn */
} TextEntry;

struct Gfx {
    SDL_Renderer *r;
    int w, h;
    Uint32 text_format; /* the window's pixel format, for text composited over a background */
    bool blend_all_text; /* gfx_text_on draws as gfx_text (gfx_blend_all_text) */
    /* the font files, read once: every size opens from memory */
    void *regular, *bold;
    size_t regular_len, bold_len;
    FontSlot fonts[FONT_CACHE];
    int n_fonts;
    int next_evict;
    TextEntry text[TEXT_CACHE];
    size_t text_bytes;
    unsigned long draws;
    SDL_Rect rows[2 * DISC_MAX_R + 1]; /* a disc's rows, reused */
    SDL_FPoint *points;                  /* gfx_points' buffer */
    size_t pcap;
    SDL_FPoint *shifted;                 /* gfx_polyline's shifted copy */
    size_t scap;
    SDL_Rect *spans;                     /* gfx_polyline's column spans */
    size_t spcap;
    SDL_Rect *runs;                      /* and the pixels they cover */
    size_t rcap;
    SDL_FPoint *merged;                  /* a polyline without its straight runs' insides */
    size_t mcap;
};

static void *load_file(const char *path, size_t *len, char *err, size_t errlen)
{
    void *data = SDL_LoadFile(path, len);
    if (!data)
        snprintf(err, errlen, "%s: cannot load the font: %s", path, SDL_GetError());
    return data;
}

Gfx *gfx_new(SDL_Renderer *r, const char *assets_dir, char *err, size_t errlen)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start the text renderer: %s", TTF_GetError());
        return NULL;
    }
    Gfx *g = xcalloc(1, sizeof *g);
    g->r = r;
    char path[1024];
    snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", assets_dir);
    g->regular = load_file(path, &g->regular_len, err, errlen);
    snprintf(path, sizeof path, "%s/fonts/DejaVuSans-Bold.ttf", assets_dir);
    g->bold = g->regular ? load_file(path, &g->bold_len, err, errlen) : NULL;
    TTF_Font *probe = g->bold ? TTF_OpenFontRW(SDL_RWFromConstMem(g->regular,
                                                                  (int)g->regular_len), 1, 12)
                              : NULL;
    if (!probe) {
        if (g->bold)
            snprintf(err, errlen, "%s/fonts/DejaVuSans.ttf: cannot load the font: %s",
                     assets_dir, TTF_GetError());
        SDL_free(g->regular);
        SDL_free(g->bold);
        free(g);
        return NULL;
    }
    TTF_CloseFont(probe);
    /* Text over a known background is blended once, by SDL's blitter into a surface of the
     * window's format: the same blit, so the same pixels, as drawing it there each frame. */
    SDL_Window *win = SDL_RenderGetWindow(r);
    Uint32 wf = win ? SDL_GetWindowPixelFormat(win) : SDL_PIXELFORMAT_UNKNOWN;
    g->text_format = SDL_BYTESPERPIXEL(wf) == 4 && SDL_PIXELLAYOUT(wf) == SDL_PACKEDLAYOUT_8888
                         ? wf
                         : SDL_PIXELFORMAT_RGB888;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    gfx_begin(g);
    return g;
}

void gfx_free(Gfx *g)
{
    if (!g)
        return;
    for (int i = 0; i < TEXT_CACHE; i++) {
        if (g->text[i].tex)
            SDL_DestroyTexture(g->text[i].tex);
    }
    for (int i = 0; i < g->n_fonts; i++)
        TTF_CloseFont(g->fonts[i].font);
    SDL_free(g->regular);
    SDL_free(g->bold);
    free(g->points);
    free(g->shifted);
    free(g->spans);
    free(g->runs);
    free(g->merged);
    free(g);
    TTF_Quit();
}

void gfx_begin(Gfx *g)
{
    if (SDL_GetRendererOutputSize(g->r, &g->w, &g->h) != 0 || g->w <= 0 || g->h <= 0) {
        g->w = 1280;
        g->h = 720;
    }
}

SDL_Renderer *gfx_renderer(const Gfx *g) { return g->r; }
int gfx_w(const Gfx *g) { return g->w; }
int gfx_h(const Gfx *g) { return g->h; }

int gfx_u(const Gfx *g, double frac)
{
    int v = (int)lround(frac * g->h);
    return v < 1 ? 1 : v;
}

/* Opaque colours are drawn without blending: the same pixels (blending at alpha 255 gives the
 * source colour exactly), but SDL's software renderer then fills memory directly instead of
 * blending pixel by pixel, several times faster. */
static void set_color(Gfx *g, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(g->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, c.a);
}

void gfx_clear(Gfx *g, SDL_Color c)
{
    set_color(g, c);
    SDL_RenderClear(g->r);
}

void gfx_rect(Gfx *g, int x, int y, int w, int h, SDL_Color c)
{
    if (w <= 0 || h <= 0)
        return;
    set_color(g, c);
    SDL_Rect rc = {x, y, w, h};
    SDL_RenderFillRect(g->r, &rc);
}

void gfx_frame(Gfx *g, int x, int y, int w, int h, int t, SDL_Color c)
{
    gfx_rect(g, x, y, w, t, c);
    gfx_rect(g, x, y + h - t, w, t, c);
    gfx_rect(g, x, y, t, h, c);
    gfx_rect(g, x + w - t, y, t, h, c);
}

void gfx_disc(Gfx *g, int cx, int cy, int radius, SDL_Color c)
{
    if (radius < 0)
        return;
    if (radius > DISC_MAX_R)
        radius = DISC_MAX_R;
    set_color(g, c);
    /* one batch of one-pixel-high rows, the same pixels as a line per row */
    int n = 0;
    for (int dy = -radius; dy <= radius; dy++) {
        int dx = (int)sqrt((double)(radius * radius - dy * dy));
        g->rows[n++] = (SDL_Rect){cx - dx, cy + dy, 2 * dx + 1, 1};
    }
    SDL_RenderFillRects(g->r, g->rows, n);
}

/* A second reused point buffer, for the shifted copies of a polyline. */
static SDL_FPoint *gfx_points_shift(Gfx *g, size_t n)
{
    void *p = g->shifted;
    xgrow(&p, &g->scap, n ? n : 1, sizeof *g->shifted);
    g->shifted = p;
    return g->shifted;
}

SDL_FPoint *gfx_points(Gfx *g, size_t n)
{
    void *p = g->points;
    xgrow(&p, &g->pcap, n ? n : 1, sizeof *g->points);
    g->points = p;
    return g->points;
}

/* True when x never decreases and never jumps more than a pixel: a dense plot, one or more
 * points in every column (a 1 kHz trace in a strip a thousand pixels wide). */
static bool dense_columns(const SDL_FPoint *pts, int n)
{
    for (int i = 1; i < n; i++) {
        float dx = pts[i].x - pts[i - 1].x;
        if (dx < 0 || dx > 1.0f)
            return false;
    }
    return true;
}

/* fminf, fmaxf and lroundf without a call each (the C library's, as the compiler has to
 * call them to keep their NaN and rounding rules): the same results, a whole number's
 * rounding at once. */
static inline float min_f(float a, float b) { return b < a || a != a ? b : a; }
static inline float max_f(float a, float b) { return b > a || a != a ? b : a; }
static inline int round_px(float v)
{
    if (v > -1e9f && v < 1e9f && (float)(int)v == v)
        return (int)v;
    return (int)lroundf(v);
}

/* The span of each column of a dense plot drawn thick, into g->spans: one rectangle
 * `thickness` wide per column, spanning the column's points and the previous point it joins
 * (the same thick line as segment by segment). Returns how many. */
static int column_spans(Gfx *g, const SDL_FPoint *pts, int n, int thickness)
{
    void *p = g->spans;
    xgrow(&p, &g->spcap, (size_t)n, sizeof *g->spans);
    g->spans = p;
    int m = 0, half = thickness / 2;
    for (int i = 0; i < n;) {
        int col = round_px(pts[i].x);
        float lo = pts[i].y, hi = pts[i].y;
        if (i > 0) { /* join the previous column's last point */
            lo = min_f(lo, pts[i - 1].y);
            hi = max_f(hi, pts[i - 1].y);
        }
        int j = i;
        while (j < n && round_px(pts[j].x) == col) {
            lo = min_f(lo, pts[j].y);
            hi = max_f(hi, pts[j].y);
            j++;
        }
        int top = round_px(lo) - half, bottom = round_px(hi) - half + thickness;
        g->spans[m++] = (SDL_Rect){col - half, top, thickness, bottom - top};
        i = j;
    }
    return m;
}

/* The column spans s[0..m) as the pixels they cover, into g->runs: each pixel column once,
 * from the highest top to the lowest bottom of the spans over it (that is all one run: each
 * span overlaps the next, both holding the point they share), and neighbouring columns alike
 * as one wider rectangle. The same pixels, each painted once, in fewer rectangles (a flat
 * stretch is one). Returns how many, or -1 unless the spans are one per column, every column
 * in order, all as wide. */
static int spans_union(Gfx *g, const SDL_Rect *s, int m)
{
    for (int k = 1; k < m; k++) {
        if (s[k].x != s[k - 1].x + 1 || s[k].w != s[0].w)
            return -1;
    }
    int thickness = s[0].w, x0 = s[0].x, n = 0;
    void *p = g->runs;
    xgrow(&p, &g->rcap, (size_t)(m + thickness), sizeof *g->runs);
    g->runs = p;
    for (int X = x0; X < x0 + m - 1 + thickness; X++) {
        /* the spans over pixel column X: x0 + k <= X < x0 + k + thickness */
        int k0 = X - x0 - thickness + 1, k1 = X - x0;
        k0 = k0 < 0 ? 0 : k0;
        k1 = k1 > m - 1 ? m - 1 : k1;
        int top = s[k0].y, bottom = s[k0].y + s[k0].h;
        for (int k = k0 + 1; k <= k1; k++) {
            top = s[k].y < top ? s[k].y : top;
            bottom = s[k].y + s[k].h > bottom ? s[k].y + s[k].h : bottom;
        }
        SDL_Rect *last = n > 0 ? &g->runs[n - 1] : NULL;
        if (last && last->y == top && last->h == bottom - top && last->x + last->w == X)
            last->w++;
        else
            g->runs[n++] = (SDL_Rect){X, top, 1, bottom - top};
    }
    return n;
}

/* pts[0..n) without the points inside a straight horizontal or vertical run (between a point
 * before and one after it on the same row or column, further along the same way), into
 * g->merged; returns how many are left. The line through them covers the same pixels: the
 * renderer draws each segment up to, not including, its end, and the last one through it. A
 * level bridge deck is then one segment, not two dozen (every segment is a call's worth of
 * work for SDL's software renderer, at every offset of a thick line). */
static int merge_straight_runs(Gfx *g, const SDL_FPoint *pts, int n)
{
    void *p = g->merged;
    xgrow(&p, &g->mcap, (size_t)n, sizeof *g->merged);
    g->merged = p;
    SDL_FPoint *out = g->merged;
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m >= 1 && i < n - 1) {
            SDL_FPoint a = out[m - 1], b = pts[i], c = pts[i + 1];
            bool row = a.y == b.y && b.y == c.y &&
                       ((a.x < b.x && b.x < c.x) || (a.x > b.x && b.x > c.x));
            bool col = a.x == b.x && b.x == c.x &&
                       ((a.y < b.y && b.y < c.y) || (a.y > b.y && b.y > c.y));
            if (row || col)
                continue;
        }
        out[m++] = pts[i];
    }
    return m;
}

void gfx_polyline(Gfx *g, const SDL_FPoint *pts, int n, int thickness, SDL_Color c)
{
    if (n < 2)
        return;
    set_color(g, c);
    if (thickness <= 1) {
        n = merge_straight_runs(g, pts, n);
        SDL_RenderDrawLinesF(g->r, g->merged, n);
        return;
    }
    if (dense_columns(pts, n)) {
        int m = column_spans(g, pts, n, thickness);
        /* an opaque line as the pixels it covers, each once; a translucent one keeps its
         * overlapping spans, whose overlaps show */
        int runs = c.a == 255 ? spans_union(g, g->spans, m) : -1;
        if (runs >= 0)
            SDL_RenderFillRects(g->r, g->runs, runs);
        else
            SDL_RenderFillRects(g->r, g->spans, m);
        return;
    }
    /* The polyline drawn again shifted by up to thickness/2 pixels across and down: a thick
     * line in 2·thickness − 1 batched calls. (One geometry call with a quad per segment was
     * several times slower in SDL's software renderer: it sets up every small triangle.) */
    n = merge_straight_runs(g, pts, n);
    pts = g->merged;
    SDL_FPoint *sh = gfx_points_shift(g, (size_t)n);
    for (int k = 0; k < thickness; k++) {
        float o = (float)k - (float)(thickness - 1) / 2.0f;
        for (int axis = 0; axis < 2; axis++) {
            if (axis == 1 && k == (thickness - 1) / 2 && thickness % 2 == 1)
                continue; /* the centre line is drawn once */
            for (int i = 0; i < n; i++)
                sh[i] = (SDL_FPoint){pts[i].x + (axis ? o : 0), pts[i].y + (axis ? 0 : o)};
            SDL_RenderDrawLinesF(g->r, sh, n);
        }
    }
}

void gfx_line(Gfx *g, int x0, int y0, int x1, int y1, int thickness, SDL_Color c)
{
    set_color(g, c);
    if (thickness <= 1) {
        SDL_RenderDrawLine(g->r, x0, y0, x1, y1);
        return;
    }
    /* A thick line as a run of discs would be slow; offset parallel lines along the normal. */
    double dx = x1 - x0, dy = y1 - y0;
    double len = sqrt(dx * dx + dy * dy);
    if (len < 1e-9) {
        gfx_disc(g, x0, y0, thickness / 2, c);
        return;
    }
    double nx = -dy / len, ny = dx / len;
    for (int k = 0; k < thickness; k++) {
        double o = k - (thickness - 1) / 2.0;
        SDL_RenderDrawLine(g->r, (int)lround(x0 + nx * o), (int)lround(y0 + ny * o),
                           (int)lround(x1 + nx * o), (int)lround(y1 + ny * o));
    }
}

static TTF_Font *font_for(Gfx *g, double size, bool bold)
{
    int px = (int)lround(size * g->h);
    if (px < 8)
        px = 8;
    for (int i = 0; i < g->n_fonts; i++) {
        if (g->fonts[i].px == px && g->fonts[i].bold == bold)
            return g->fonts[i].font;
    }
    TTF_Font *f = TTF_OpenFontRW(bold ? SDL_RWFromConstMem(g->bold, (int)g->bold_len)
                                      : SDL_RWFromConstMem(g->regular, (int)g->regular_len),
                                 1, px);
    if (!f)
        return NULL;
    int slot;
    if (g->n_fonts < FONT_CACHE) {
        slot = g->n_fonts++;
    } else {
        slot = g->next_evict;
        g->next_evict = (g->next_evict + 1) % FONT_CACHE;
        TTF_CloseFont(g->fonts[slot].font);
    }
    g->fonts[slot] = (FontSlot){px, bold, f};
    return f;
}

static int font_px(const Gfx *g, double size)
{
    int px = (int)lround(size * g->h);
    return px < 8 ? 8 : px;
}

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static Uint32 text_hash(const char *text)
{
    Uint32 h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

/* How a cached rendering must match: exactly (colour c, over bg or blended), in colour c over
 * any background (the same ink), or in any colour (the same layout box). */
typedef enum TextMatch { MATCH_EXACT, MATCH_COLOR, MATCH_ANY } TextMatch;

/* The cached rendering of text at px, or NULL. */
static TextEntry *text_find(Gfx *g, const char *text, int px, bool bold, SDL_Color c,
                            const SDL_Color *bg, TextMatch match)
{
    Uint32 hash = text_hash(text);
    for (int i = 0; i < TEXT_CACHE; i++) {
        TextEntry *e = &g->text[i];
        if (!e->used_slot || e->hash != hash || e->px != px || e->bold != bold)
            continue;
        if (match != MATCH_ANY && !same_color(e->c, c))
            continue;
        if (match == MATCH_EXACT &&
            (e->on_bg != (bg != NULL) || (bg && !same_color(e->bg, *bg))))
            continue;
        if (strcmp(e->text, text) == 0)
            return e;
    }
    return NULL;
}

static void text_drop(Gfx *g, TextEntry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    g->text_bytes -= (size_t)e->ink.w * (size_t)e->ink.h * 4;
    e->tex = NULL;
    e->used_slot = false;
}

/* The smallest rectangle of s holding every pixel with some alpha (s: 32-bit, as SDL_ttf's
 * blended text is). Copying a texture costs per pixel, transparent ones too, and the font's
 * line box has empty rows above and below the ink. */
static SDL_Rect ink_box(const SDL_Surface *s)
{
    Uint32 amask = s->format->Amask;
    int top = s->h, bottom = -1, left = s->w, right = -1;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            if (row[x] & amask) {
                top = y < top ? y : top;
                bottom = y;
                left = x < left ? x : left;
                right = x > right ? x : right;
            }
        }
    }
    if (bottom < 0)
        return (SDL_Rect){0, 0, 0, 0};
    return (SDL_Rect){left, top, right - left + 1, bottom - top + 1};
}

/* The inked part of s (SDL_ttf's 32-bit blended text) composited over the opaque colour bg in
 * the given pixel format: SDL's own alpha blit does the blending, so in the format of the
 * window's surface the pixels are the ones a software renderer gives drawing s over bg there,
 * bit for bit (and within a unit or two of what another renderer's blending gives). */
static SDL_Surface *composite_on(SDL_Surface *s, const SDL_Rect *ink, SDL_Color bg,
                                 Uint32 format)
{
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, ink->w, ink->h, 32, format);
    if (!out)
        return NULL;
    SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, bg.r, bg.g, bg.b, 255));
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    SDL_Rect src = *ink;
    if (SDL_BlitSurface(s, &src, out, NULL) != 0) {
        SDL_FreeSurface(out);
        return NULL;
    }
    return out;
}

static TextEntry *text_render(Gfx *g, const char *text, int px, bool bold, SDL_Color c,
                              const SDL_Color *bg, TTF_Font *f)
{
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, text, c);
    if (!s)
        return NULL;
    int w = s->w, h = s->h;
    SDL_Rect ink = {0, 0, w, h};
    if (s->format->BytesPerPixel == 4 && s->format->Amask && SDL_LockSurface(s) == 0) {
        ink = ink_box(s);
        SDL_UnlockSurface(s);
    }
    SDL_Texture *t = NULL;
    if (ink.w > 0 && ink.h > 0 && bg) {
        SDL_Surface *part = composite_on(s, &ink, *bg, g->text_format);
        if (part) {
            t = SDL_CreateTextureFromSurface(g->r, part);
            if (t) /* opaque: a plain copy, no blending at each draw */
                SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
            SDL_FreeSurface(part);
        }
    } else if (ink.w > 0 && ink.h > 0) {
        SDL_Surface *part = SDL_CreateRGBSurfaceWithFormat(0, ink.w, ink.h, 32,
                                                           s->format->format);
        if (part) {
            SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE); /* copy the pixels as they are */
            SDL_BlitSurface(s, &ink, part, NULL);
            t = SDL_CreateTextureFromSurface(g->r, part);
            SDL_FreeSurface(part);
        }
    }
    SDL_FreeSurface(s);
    if (!t && ink.w > 0 && ink.h > 0)
        return NULL;
    size_t bytes = (size_t)ink.w * (size_t)ink.h * 4;
    TextEntry *slot = NULL;
    for (;;) {
        TextEntry *oldest = NULL;
        slot = NULL;
        for (int i = 0; i < TEXT_CACHE; i++) {
            TextEntry *e = &g->text[i];
            if (!e->used_slot)
                slot = slot ? slot : e;
            else if (!oldest || e->used < oldest->used)
                oldest = e;
        }
        if (slot && g->text_bytes + bytes <= TEXT_CACHE_BYTES)
            break;
        if (!oldest) /* one string bigger than the whole budget: keep it alone */
            break;
        text_drop(g, oldest);
    }
    str_copy(slot->text, sizeof slot->text, text);
    slot->hash = text_hash(text);
    slot->px = px;
    slot->bold = bold;
    slot->c = c;
    slot->on_bg = bg != NULL;
    slot->bg = bg ? *bg : (SDL_Color){0, 0, 0, 0};
    slot->tex = t;
    slot->w = w;
    slot->h = h;
    slot->ink = ink;
    slot->has_ink = t != NULL;
    slot->used_slot = true;
    g->text_bytes += bytes;
    return slot;
}

int gfx_text_width(Gfx *g, const char *text, double size, bool bold)
{
    int px = font_px(g, size);
    if (!*text)
        return 0;
    TextEntry *e = strlen(text) < TEXT_KEY_MAX
                       ? text_find(g, text, px, bold, (SDL_Color){0, 0, 0, 0}, NULL, MATCH_ANY)
                       : NULL;
    if (e)
        return e->w;
    TTF_Font *f = font_for(g, size, bold);
    int w = 0, h = 0;
    if (f)
        TTF_SizeUTF8(f, text, &w, &h);
    return w;
}

SDL_Rect gfx_text_box(Gfx *g, const char *text, int x, int y, double size, SDL_Color c,
                      TextAlign a, bool bold)
{
    int w = 0, h = 0;
    if (text && *text) {
        int px = font_px(g, size);
        TextEntry *e = strlen(text) < TEXT_KEY_MAX
                           ? text_find(g, text, px, bold, c, NULL, MATCH_COLOR)
                           : NULL;
        if (e) { /* drawn before: where its ink is */
            x -= a == ALIGN_CENTER ? e->w / 2 : a == ALIGN_RIGHT ? e->w : 0;
            return e->has_ink ? (SDL_Rect){x + e->ink.x, y + e->ink.y, e->ink.w, e->ink.h}
                              : (SDL_Rect){x, y, 0, 0};
        }
        TTF_Font *f = font_for(g, size, bold);
        if (f)
            TTF_SizeUTF8(f, text, &w, &h);
    }
    x -= a == ALIGN_CENTER ? w / 2 : a == ALIGN_RIGHT ? w : 0;
    return (SDL_Rect){x, y, w, h};
}

/* gfx_text, or gfx_text_on when bg is not NULL. */
static int text_draw(Gfx *g, const char *text, int x, int y, double size, SDL_Color c,
                     const SDL_Color *bg, TextAlign a, bool bold)
{
    if (!text || !*text)
        return 0;
    int px = font_px(g, size);
    bool cacheable = strlen(text) < TEXT_KEY_MAX;
    TextEntry *e = cacheable ? text_find(g, text, px, bold, c, bg, MATCH_EXACT) : NULL;
    if (!e) {
        TTF_Font *f = font_for(g, size, bold);
        if (!f)
            return 0;
        if (cacheable) {
            e = text_render(g, text, px, bold, c, bg, f);
        } else { /* a long paragraph line: drawn once, not kept */
            SDL_Surface *s = TTF_RenderUTF8_Blended(f, text, c);
            SDL_Texture *t = s ? SDL_CreateTextureFromSurface(g->r, s) : NULL;
            int w = s ? s->w : 0, h = s ? s->h : 0;
            SDL_FreeSurface(s);
            if (!t)
                return 0;
            x -= a == ALIGN_CENTER ? w / 2 : a == ALIGN_RIGHT ? w : 0;
            SDL_RenderCopy(g->r, t, NULL, &(SDL_Rect){x, y, w, h});
            SDL_DestroyTexture(t);
            return w;
        }
        if (!e)
            return 0;
    }
    e->used = ++g->draws;
    if (a == ALIGN_CENTER)
        x -= e->w / 2;
    else if (a == ALIGN_RIGHT)
        x -= e->w;
    if (e->has_ink) {
        SDL_Rect dst = {x + e->ink.x, y + e->ink.y, e->ink.w, e->ink.h};
        SDL_RenderCopy(g->r, e->tex, NULL, &dst);
    }
    return e->w;
}

int gfx_text(Gfx *g, const char *text, int x, int y, double size, SDL_Color c, TextAlign a,
             bool bold)
{
    return text_draw(g, text, x, y, size, c, NULL, a, bold);
}

int gfx_text_on(Gfx *g, const char *text, int x, int y, double size, SDL_Color c,
                SDL_Color bg, TextAlign a, bool bold)
{
    return text_draw(g, text, x, y, size, c, g->blend_all_text ? NULL : &bg, a, bold);
}

void gfx_blend_all_text(Gfx *g, bool on) { g->blend_all_text = on; }

int gfx_text_wrapped(Gfx *g, const char *text, int x, int y, int max_w, double size,
                     SDL_Color c, TextAlign a)
{
    TTF_Font *f = font_for(g, size, false);
    if (!f || !text)
        return 0;
    int line_h = TTF_FontLineSkip(f);
    if (a == ALIGN_CENTER)
        x += max_w / 2;
    else if (a == ALIGN_RIGHT)
        x += max_w;
    char line[1024] = "";
    char cand[1024];
    int used = 0;
    const char *p = text;
    while (*p) {
        const char *word_end = p;
        while (*word_end && *word_end != ' ' && *word_end != '\n')
            word_end++;
        int wl = (int)(word_end - p);
        if (snprintf(cand, sizeof cand, "%s%s%.*s", line, line[0] ? " " : "", wl, p) >=
            (int)sizeof cand)
            cand[0] = '\0'; /* a paragraph without spaces longer than 1 KiB: drop it */
        if (line[0] && gfx_text_width(g, cand, size, false) > max_w) {
            gfx_text(g, line, x, y + used, size, c, a, false);
            used += line_h;
            snprintf(line, sizeof line, "%.*s", wl, p);
        } else {
            str_copy(line, sizeof line, cand);
        }
        p = word_end;
        if (*p == '\n') {
            gfx_text(g, line, x, y + used, size, c, a, false);
            used += line_h;
            line[0] = '\0';
        }
        if (*p)
            p++;
    }
    if (line[0]) {
        gfx_text(g, line, x, y + used, size, c, a, false);
        used += line_h;
    }
    return used;
}

bool gfx_save_png(Gfx *g, const char *path, char *err, size_t errlen)
{
    int w = g->w, h = g->h;
    unsigned char *rgb = xmalloc((size_t)w * (size_t)h * 3);
    if (SDL_RenderReadPixels(g->r, NULL, SDL_PIXELFORMAT_RGB24, rgb, w * 3) != 0) {
        snprintf(err, errlen, "cannot read the screen back: %s", SDL_GetError());
        free(rgb);
        return false;
    }
    bool ok = png_write_rgb(path, rgb, w, h);
    if (!ok)
        snprintf(err, errlen, "%s: cannot write the PNG", path);
    free(rgb);
    return ok;
}

SDL_Color gfx_read_pixel(Gfx *g, int x, int y)
{
    unsigned char px[4] = {0, 0, 0, 0};
    SDL_Rect rc = {x, y, 1, 1};
    SDL_RenderReadPixels(g->r, &rc, SDL_PIXELFORMAT_RGBA32, px, 4);
    return (SDL_Color){px[0], px[1], px[2], px[3]};
}
