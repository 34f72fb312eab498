/* ui/widgets: menu, pain scale, page layout. */
#include "ui/widgets.h"

#include <stdio.h>
#include <string.h>

#include "ui/palette.h"

#define TEXT_BUTTON 0.055 /* button label height, fraction of the window height */

void menu_init(Menu *m, const char *const *items, int count)
{
    memset(m, 0, sizeof *m);
    if (count > MENU_MAX_ITEMS)
        count = MENU_MAX_ITEMS;
    for (int i = 0; i < count; i++)
        m->items[i] = items[i];
    m->count = count;
}

static int menu_hit(const Menu *m, int x, int y)
{
    if (m->item_h <= 0 || x < m->x || x >= m->x + m->w)
        return -1;
    for (int i = 0; i < m->count; i++) {
        int top = m->y + i * (m->item_h + m->gap);
        if (y >= top && y < top + m->item_h)
            return i;
    }
    return -1;
}

int menu_input(Menu *m, const UiInput *in)
{
    switch (in->action) {
    case ACT_UP: m->selected = (m->selected + m->count - 1) % m->count; return -1;
    case ACT_DOWN: m->selected = (m->selected + 1) % m->count; return -1;
    case ACT_OK: return m->selected;
    case ACT_POINT: {
        int hit = menu_hit(m, in->x, in->y);
        if (hit >= 0)
            m->selected = hit;
        return -1;
    }
    case ACT_CLICK: {
        int hit = menu_hit(m, in->x, in->y);
        if (hit >= 0)
            m->selected = hit;
        return hit;
    }
    default: return -1;
    }
}

void menu_draw(Menu *m, Gfx *g, int cx, int y)
{
    int widest = 0;
    for (int i = 0; i < m->count; i++) {
        int w = gfx_text_width(g, m->items[i], TEXT_BUTTON, true);
        if (w > widest)
            widest = w;
    }
    m->w = widest + gfx_u(g, 0.12);
    if (m->w > gfx_w(g) - gfx_u(g, 0.05))
        m->w = gfx_w(g) - gfx_u(g, 0.05);
    m->item_h = gfx_u(g, 0.095);
    m->gap = gfx_u(g, 0.025);
    int bottom = m->bottom > 0 ? m->bottom : gfx_h(g);
    if (m->count > 0 && y + m->count * (m->item_h + m->gap) - m->gap > bottom) {
        m->gap = gfx_u(g, 0.012);
        int fit = (bottom - y + m->gap) / m->count - m->gap;
        int least = gfx_u(g, TEXT_BUTTON * 1.35);
        m->item_h = fit < least ? least : fit < m->item_h ? fit : m->item_h;
    }
    m->x = cx - m->w / 2;
    m->y = y;
    for (int i = 0; i < m->count; i++) {
        int top = y + i * (m->item_h + m->gap);
        bool sel = i == m->selected;
        gfx_rect(g, m->x, top, m->w, m->item_h, sel ? PAL_PANEL_HI : PAL_PANEL);
        if (sel) /* focus is shown by a thick yellow frame and a pointer, not colour alone */
            gfx_frame(g, m->x, top, m->w, m->item_h, gfx_u(g, 0.008), PAL_ACCENT);
        int ty = top + (m->item_h - gfx_u(g, TEXT_BUTTON * 1.2)) / 2;
        gfx_text(g, m->items[i], cx, ty, TEXT_BUTTON, PAL_TEXT, ALIGN_CENTER, sel);
        if (sel)
            gfx_text(g, "\xe2\x96\xb6", m->x + gfx_u(g, 0.03), ty, TEXT_BUTTON, PAL_ACCENT,
                     ALIGN_LEFT, true);
    }
}

void pain_scale_init(PainScale *p, int initial)
{
    memset(p, 0, sizeof *p);
    p->selected = initial < 0 ? 0 : initial > 10 ? 10 : initial;
}

static int pain_hit(const PainScale *p, int x, int y)
{
    if (p->cell_w <= 0 || y < p->y || y >= p->y + p->cell_h)
        return -1;
    for (int i = 0; i <= 10; i++) {
        int left = p->x + i * (p->cell_w + p->gap);
        if (x >= left && x < left + p->cell_w)
            return i;
    }
    return -1;
}

int pain_scale_input(PainScale *p, const UiInput *in)
{
    switch (in->action) {
    case ACT_LEFT:
    case ACT_DOWN:
        if (p->selected > 0)
            p->selected--;
        return -1;
    case ACT_RIGHT:
    case ACT_UP:
        if (p->selected < 10)
            p->selected++;
        return -1;
    case ACT_OK: return p->selected;
    case ACT_DIGIT:
        /* "1" then "0" is ten: a 1 is taken at once, so ten is picked with the arrows or by
         * pointing; typing 0 after 1 within the same prompt makes it 10. */
        if (in->digit == 0 && p->selected == 1)
            p->selected = 10;
        else
            p->selected = in->digit;
        return -1;
    case ACT_POINT: {
        int hit = pain_hit(p, in->x, in->y);
        if (hit >= 0)
            p->selected = hit;
        return -1;
    }
    case ACT_CLICK: return pain_hit(p, in->x, in->y);
    default: return -1;
    }
}

void pain_scale_draw(PainScale *p, Gfx *g, int y)
{
    int w = gfx_w(g);
    p->gap = gfx_u(g, 0.012);
    p->cell_w = (w - gfx_u(g, 0.10) - 10 * p->gap) / 11;
    p->cell_h = gfx_u(g, 0.16);
    if (p->cell_h > p->cell_w * 2)
        p->cell_h = p->cell_w * 2;
    p->x = (w - (11 * p->cell_w + 10 * p->gap)) / 2;
    p->y = y;
    for (int i = 0; i <= 10; i++) {
        int left = p->x + i * (p->cell_w + p->gap);
        bool sel = i == p->selected;
        /* Cells grow darker-warm with the score; the number itself carries the meaning. */
        SDL_Color c = PAL_PANEL;
        if (sel)
            c = PAL_PANEL_HI;
        gfx_rect(g, left, y, p->cell_w, p->cell_h, c);
        if (sel)
            gfx_frame(g, left, y, p->cell_w, p->cell_h, gfx_u(g, 0.01), PAL_ACCENT);
        char num[4];
        snprintf(num, sizeof num, "%d", i);
        gfx_text(g, num, left + p->cell_w / 2, y + (p->cell_h - gfx_u(g, 0.085)) / 2, 0.07,
                 sel ? PAL_ACCENT : PAL_TEXT, ALIGN_CENTER, true);
    }
    int ay = y + p->cell_h + gfx_u(g, 0.015);
    gfx_text(g, "no pain", p->x, ay, 0.04, PAL_TEXT_DIM, ALIGN_LEFT, false);
    gfx_text(g, "worst pain imaginable", p->x + 11 * p->cell_w + 10 * p->gap, ay, 0.04,
             PAL_TEXT_DIM, ALIGN_RIGHT, false);
}

void draw_page(Gfx *g, const char *title, const char *body, bool warning)
{
    gfx_clear(g, PAL_BG);
    int w = gfx_w(g);
    if (warning)
        gfx_rect(g, 0, 0, w, gfx_u(g, 0.02), PAL_WARN);
    gfx_text(g, title, w / 2, gfx_u(g, 0.06), 0.085, warning ? PAL_ACCENT : PAL_TEXT,
             ALIGN_CENTER, true);
    int margin = w / 10;
    gfx_text_wrapped(g, body, margin, gfx_u(g, 0.20), w - 2 * margin, 0.048, PAL_TEXT,
                     ALIGN_LEFT);
}

/* ---- text field ---- */

bool textfield_input(TextField *f, const UiInput *in)
{
    size_t max = f->max && f->max < sizeof f->text ? f->max : sizeof f->text - 1;
    size_t n = strlen(f->text);
    if (in->action == ACT_TEXT) {
        size_t add = strlen(in->text);
        if (n + add > max)
            return false;
        memcpy(f->text + n, in->text, add + 1);
        return true;
    }
    if (in->action == ACT_ERASE && n > 0) {
        while (n > 0 && ((unsigned char)f->text[n - 1] & 0xC0) == 0x80)
            n--; /* continuation bytes: remove the whole character */
        f->text[n > 0 ? n - 1 : 0] = '\0';
        return true;
    }
    return false;
}

void textfield_shown(const TextField *f, bool secret, char *out, size_t cap)
{
    if (!secret) {
        snprintf(out, cap, "%s", f->text);
        return;
    }
    size_t k = 0;
    for (const char *c = f->text; *c && k + 4 < cap; c++) {
        if (((unsigned char)*c & 0xC0) == 0x80)
            continue;
        memcpy(out + k, "\xe2\x80\xa2", 3); /* a bullet per character */
        k += 3;
    }
    out[k] = '\0';
}
