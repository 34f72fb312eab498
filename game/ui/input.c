/* ui/input: SDL events → UiAction. */
#include "ui/input.h"

#include <string.h>

#include "core/str.h"

static UiInput act(UiAction a)
{
    UiInput in;
    memset(&in, 0, sizeof in);
    in.action = a;
    return in;
}

static UiInput from_key(const SDL_KeyboardEvent *k, bool typing)
{
    bool down = k->type == SDL_KEYDOWN;
    SDL_Keycode sym = k->keysym.sym;
    if (sym == SDLK_SPACE) {
        if (k->repeat)
            return act(ACT_NONE);
        return act(down ? ACT_PUSH_ON : ACT_PUSH_OFF);
    }
    if (!down)
        return act(ACT_NONE);
    switch (sym) {
    case SDLK_UP: return act(ACT_UP);
    case SDLK_DOWN: return act(ACT_DOWN);
    case SDLK_LEFT: return act(ACT_LEFT);
    case SDLK_RIGHT: return act(ACT_RIGHT);
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return act(ACT_OK);
    case SDLK_ESCAPE: return act(ACT_BACK);
    case SDLK_BACKSPACE: return act(typing ? ACT_ERASE : ACT_BACK);
    case SDLK_F11: return act(ACT_FULLSCREEN);
    default: break;
    }
    if (!typing && sym >= SDLK_0 && sym <= SDLK_9) {
        UiInput in = act(ACT_DIGIT);
        in.digit = (int)(sym - SDLK_0);
        return in;
    }
    if (!typing && sym >= SDLK_KP_1 && sym <= SDLK_KP_0) {
        UiInput in = act(ACT_DIGIT);
        in.digit = sym == SDLK_KP_0 ? 0 : (int)(sym - SDLK_KP_1) + 1;
        return in;
    }
    return act(ACT_NONE);
}

static UiInput from_pad(const SDL_ControllerButtonEvent *b)
{
    bool down = b->type == SDL_CONTROLLERBUTTONDOWN;
    if (b->button == SDL_CONTROLLER_BUTTON_RIGHTSHOULDER)
        return act(down ? ACT_PUSH_ON : ACT_PUSH_OFF);
    if (!down)
        return act(ACT_NONE);
    switch (b->button) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP: return act(ACT_UP);
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN: return act(ACT_DOWN);
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT: return act(ACT_LEFT);
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: return act(ACT_RIGHT);
    case SDL_CONTROLLER_BUTTON_A: return act(ACT_OK);
    case SDL_CONTROLLER_BUTTON_B: return act(ACT_BACK);
    default: return act(ACT_NONE);
    }
}

UiInput input_space_as_ok(const UiInput *in)
{
    UiInput v = *in;
    if (v.action == ACT_PUSH_ON)
        v.action = ACT_OK;
    return v;
}

UiInput input_translate(const SDL_Event *e, bool typing)
{
    switch (e->type) {
    case SDL_QUIT: return act(ACT_QUIT);
    case SDL_KEYDOWN:
    case SDL_KEYUP: return from_key(&e->key, typing);
    case SDL_TEXTINPUT:
        if (typing) {
            UiInput in = act(ACT_TEXT);
            str_copy(in.text, sizeof in.text, e->text.text);
            return in;
        }
        return act(ACT_NONE);
    case SDL_CONTROLLERBUTTONDOWN:
    case SDL_CONTROLLERBUTTONUP: return from_pad(&e->cbutton);
    case SDL_MOUSEMOTION: {
        UiInput in = act(ACT_POINT);
        in.x = e->motion.x;
        in.y = e->motion.y;
        return in;
    }
    case SDL_MOUSEBUTTONDOWN: {
        UiInput in = act(ACT_PUSH_ON);
        in.x = e->button.x;
        in.y = e->button.y;
        return in;
    }
    case SDL_MOUSEBUTTONUP: {
        UiInput in = act(ACT_CLICK);
        in.x = e->button.x;
        in.y = e->button.y;
        return in;
    }
    default: return act(ACT_NONE);
    }
}
