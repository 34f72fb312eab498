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

typedef struct FontSlot {
    int px;
    bool bold;
    TTF_Font *font;
} FontSlot;

struct Gfx {
    SDL_Renderer *r;
    int w, h;
    char regular_path[1024];
    char bold_path[1024];
    FontSlot fonts[FONT_CACHE];
    int n_fonts;
    int next_evict;
};

Gfx *gfx_new(SDL_Renderer *r, const char *assets_dir, char *err, size_t errlen)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start the text renderer: %s", TTF_GetError());
        return NULL;
    }
    Gfx *g = xcalloc(1, sizeof *g);
    g->r = r;
    snprintf(g->regular_path, sizeof g->regular_path, "%s/fonts/DejaVuSans.ttf", assets_dir);
    snprintf(g->bold_path, sizeof g->bold_path, "%s/fonts/DejaVuSans-Bold.ttf", assets_dir);
    TTF_Font *probe = TTF_OpenFont(g->regular_path, 12);
    if (!probe) {
        snprintf(err, errlen, "%s: cannot load the font: %s", g->regular_path, TTF_GetError());
        free(g);
        return NULL;
    }
    TTF_CloseFont(probe);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    gfx_begin(g);
    return g;
}

void gfx_free(Gfx *g)
{
    if (!g)
        return;
    for (int i = 0; i < g->n_fonts; i++)
        TTF_CloseFont(g->fonts[i].font);
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

static void set_color(Gfx *g, SDL_Color c) { SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, c.a); }

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
    set_color(g, c);
    for (int dy = -radius; dy <= radius; dy++) {
        int dx = (int)sqrt((double)(radius * radius - dy * dy));
        SDL_RenderDrawLine(g->r, cx - dx, cy + dy, cx + dx, cy + dy);
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
    TTF_Font *f = TTF_OpenFont(bold ? g->bold_path : g->regular_path, px);
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

int gfx_text_width(Gfx *g, const char *text, double size, bool bold)
{
    TTF_Font *f = font_for(g, size, bold);
    int w = 0, h = 0;
    if (f && *text)
        TTF_SizeUTF8(f, text, &w, &h);
    return w;
}

int gfx_text(Gfx *g, const char *text, int x, int y, double size, SDL_Color c, TextAlign a,
             bool bold)
{
    if (!text || !*text)
        return 0;
    TTF_Font *f = font_for(g, size, bold);
    if (!f)
        return 0;
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, text, c);
    if (!s)
        return 0;
    SDL_Texture *t = SDL_CreateTextureFromSurface(g->r, s);
    int w = s->w, h = s->h;
    SDL_FreeSurface(s);
    if (!t)
        return 0;
    if (a == ALIGN_CENTER)
        x -= w / 2;
    else if (a == ALIGN_RIGHT)
        x -= w;
    SDL_Rect dst = {x, y, w, h};
    SDL_RenderCopy(g->r, t, NULL, &dst);
    SDL_DestroyTexture(t);
    return w;
}

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
