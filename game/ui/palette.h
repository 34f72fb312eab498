/* ui/palette: colours. Okabe & Ito's colour-blind-safe set on a dark, calm background. Meaning is
 * never carried by colour alone: position, shape and words say it too. */
#pragma once
#include <SDL.h>

#define PAL_BG ((SDL_Color){18, 24, 38, 255})         /* deep night blue */
#define PAL_PANEL ((SDL_Color){34, 44, 66, 255})
#define PAL_PANEL_HI ((SDL_Color){58, 74, 108, 255})
#define PAL_TEXT ((SDL_Color){240, 240, 235, 255})
#define PAL_TEXT_DIM ((SDL_Color){170, 178, 192, 255})
#define PAL_BAND ((SDL_Color){86, 180, 233, 255})     /* sky blue: the target band */
#define PAL_IN ((SDL_Color){0, 158, 115, 255})        /* bluish green: in band */
#define PAL_LOW ((SDL_Color){230, 159, 0, 255})       /* orange: below */
#define PAL_HIGH ((SDL_Color){204, 121, 167, 255})    /* reddish purple: above */
#define PAL_ACCENT ((SDL_Color){240, 228, 66, 255})   /* yellow: focus, the live value */
#define PAL_GHOST ((SDL_Color){200, 200, 210, 110})
#define PAL_WARN ((SDL_Color){213, 94, 0, 255})       /* vermillion: stop screens */
