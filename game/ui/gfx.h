/* ui/gfx: the drawing context — renderer, window size, fonts, and the few primitives the scenes
 * need. Sizes are fractions of the window height so the layout scales with the window and stays
 * readable from the floor. */
#pragma once
#include <SDL.h>
#include <stdbool.h>

typedef enum TextAlign { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;

typedef struct Gfx Gfx;

/* Loads the bundled fonts from assets_dir/fonts. NULL with a message on failure. */
Gfx *gfx_new(SDL_Renderer *r, const char *assets_dir, char *err, size_t errlen);
void gfx_free(Gfx *g);
/* Reads the current output size; call once per frame before drawing. */
void gfx_begin(Gfx *g);
SDL_Renderer *gfx_renderer(const Gfx *g);
int gfx_w(const Gfx *g);
int gfx_h(const Gfx *g);
/* A length as a fraction of the window height, in pixels (at least 1). */
int gfx_u(const Gfx *g, double frac);

void gfx_clear(Gfx *g, SDL_Color c);
void gfx_rect(Gfx *g, int x, int y, int w, int h, SDL_Color c);
void gfx_frame(Gfx *g, int x, int y, int w, int h, int thickness, SDL_Color c);
void gfx_disc(Gfx *g, int cx, int cy, int radius, SDL_Color c);
void gfx_line(Gfx *g, int x0, int y0, int x1, int y1, int thickness, SDL_Color c);
/* A line `thickness` pixels wide through pts[0..n), drawn as a few batched polylines (one
 * when thickness <= 1) rather than a call per segment. Allocates nothing once warmed up. */
void gfx_polyline(Gfx *g, const SDL_FPoint *pts, int n, int thickness, SDL_Color c);
/* A scratch buffer of at least n points, reused from frame to frame (valid until the next
 * call): a scene builds a polyline in it without allocating every frame. */
SDL_FPoint *gfx_points(Gfx *g, size_t n);

/* Draws text with its top at y; `size` is the font height as a fraction of the window height.
 * Returns the drawn width in pixels. The rendering is cached until the string, size, weight or
 * colour changes, so redrawing the same text each frame costs one texture copy. */
int gfx_text(Gfx *g, const char *text, int x, int y, double size, SDL_Color c, TextAlign a,
             bool bold);
/* gfx_text over a known opaque background: the same pixels as gfx_text where everything under
 * the text's box is the colour bg, drawn as an opaque copy (the blending is done once, when the
 * string is rendered, instead of at every draw: several times cheaper in a software renderer).
 * Only where nothing but bg lies under gfx_text_box: anything else there would be hidden. */
int gfx_text_on(Gfx *g, const char *text, int x, int y, double size, SDL_Color c, SDL_Color bg,
                TextAlign a, bool bold);
/* On: gfx_text_on blends like gfx_text (what it saves is then undone; for tests that check
 * the two give the same picture). */
void gfx_blend_all_text(Gfx *g, bool on);
/* A box holding every pixel gfx_text or gfx_text_on would draw: the text's ink when the
 * string has been drawn before at this size and in this colour, otherwise the whole box it is
 * laid out in. */
SDL_Rect gfx_text_box(Gfx *g, const char *text, int x, int y, double size, SDL_Color c,
                      TextAlign a, bool bold);
/* Wraps text into lines at most max_w pixels wide in the column starting at x, aligned within
 * it; returns the height used. */
int gfx_text_wrapped(Gfx *g, const char *text, int x, int y, int max_w, double size,
                     SDL_Color c, TextAlign a);
int gfx_text_width(Gfx *g, const char *text, double size, bool bold);

/* Reads back what has been drawn (SDL_RenderReadPixels) and writes it as a PNG. */
bool gfx_save_png(Gfx *g, const char *path, char *err, size_t errlen);
/* The drawn colour at (x, y), read back from the renderer. */
SDL_Color gfx_read_pixel(Gfx *g, int x, int y);
