/* ui/input: keyboard, mouse and gamepad events turned into the few actions the scenes know, so
 * every screen works the same with each of them. */
#pragma once
#include <SDL.h>
#include <stdbool.h>

typedef enum UiAction {
    ACT_NONE,
    ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT,
    ACT_OK,        /* Enter, pad A */
    ACT_BACK,      /* Escape, Backspace, pad B */
    ACT_PUSH_ON,   /* space / mouse button / pad right shoulder pressed (keyboard sensor) */
    ACT_PUSH_OFF,  /* ... released */
    ACT_DIGIT,     /* 0–9 typed (pain scores); digit in UiInput.digit */
    ACT_TEXT,      /* text typed (profile name); UTF-8 in UiInput.text */
    ACT_ERASE,     /* Backspace while typing */
    ACT_POINT,     /* mouse moved: x, y */
    ACT_CLICK,     /* mouse button released over x, y (also ends a mouse push) */
    ACT_FULLSCREEN,
    ACT_QUIT,
} UiAction;

typedef struct UiInput {
    UiAction action;
    int x, y;
    int digit;
    char text[32];
} UiInput;

/* The same input with a space-bar / mouse / shoulder press read as OK: on pages and prompts
 * the patient may only have the space bar in reach. */
UiInput input_space_as_ok(const UiInput *in);

/* Translates one SDL event; ACT_NONE for events the game ignores. `typing` makes Backspace erase
 * instead of going back. */
UiInput input_translate(const SDL_Event *e, bool typing);
