/* ui/widgets: the few controls the scenes are built from — a vertical menu of big buttons and the
 * 0–10 pain scale — each usable by keys, mouse and pad, and drawn large enough to read from 2 m. */
#pragma once
#include <stdbool.h>

#include "store/store.h"
#include "ui/gfx.h"
#include "ui/input.h"

#define MENU_MAX_ITEMS 8

typedef struct Menu {
    const char *items[MENU_MAX_ITEMS];
    int count;
    int selected;
    int bottom; /* the lowest pixel row the menu may use (0 = the window's); a long menu packs
                 * its buttons closer, never below a label's height */
    /* layout of the last draw, for the mouse */
    int x, y, w, item_h, gap;
} Menu;

void menu_init(Menu *m, const char *const *items, int count);
/* Returns the chosen index when OK/click picks one, else -1 (arrows and pointing move). */
int menu_input(Menu *m, const UiInput *in);
/* Draws the menu centred at cx with its top at y. */
void menu_draw(Menu *m, Gfx *g, int cx, int y);

/* The NRS 0–10 pain scale with anchors (Numeric Rating Scale; 0 = no pain, 10 = worst pain
 * imaginable). */
typedef struct PainScale {
    int selected; /* 0..10 */
    int x, y, cell_w, cell_h, gap;
} PainScale;

void pain_scale_init(PainScale *p, int initial);
/* Returns the chosen score on OK/click/digit, else -1. Left/right move. */
int pain_scale_input(PainScale *p, const UiInput *in);
void pain_scale_draw(PainScale *p, Gfx *g, int y);

/* A line of typed text (a name, a PIN, a note): typing appends, Backspace erases one whole
 * UTF-8 character. The scene that uses it sets Scene.typing and calls SDL_StartTextInput. */
typedef struct TextField {
    char text[STORE_SETTING_MAX]; /* long enough for a clinic server's connection string */
    size_t max; /* bytes kept (0 = sizeof text - 1) */
} TextField;

/* True when the input changed the text (typed or erased). */
bool textfield_input(TextField *f, const UiInput *in);
/* The text as shown: itself, or one dot per character for a secret (a PIN). */
void textfield_shown(const TextField *f, bool secret, char *out, size_t cap);

/* A full-screen message with a title, body text and a menu below (welcome, stop screens). */
void draw_page(Gfx *g, const char *title, const char *body, bool warning);
