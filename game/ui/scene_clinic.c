/* ui/scene_clinic: clinic mode (JOURNEYS.md journey 4) — the clinician's PIN (set on first use),
 * the patient list (search by name; archived patients on request) and a patient's page (level,
 * prescription, quality and pain over time, the latest decisions with their reasons, the audit
 * log), from which a supervised session starts. The clinic/ module checks the PIN and lists the
 * patients; nothing here is reachable without the PIN. With a clinic server configured the list
 * is the shared one (every workstation's patients), read on a thread while this computer's own
 * list shows; a server that cannot be read leaves this computer's list up and says why. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/clinic.h"
#include "core/alloc.h"
#include "core/str.h"
#include "store/store.h"
#include "ui/background.h"
#include "ui/game.h"
#include "ui/palette.h"
#include "ui/widgets.h"

#define LIST_ROWS 6 /* leaves room for the clinic server's line */

typedef enum PinStep { PIN_NAME, PIN_NEW, PIN_AGAIN, PIN_CHECK } PinStep;

typedef struct ClinicScene {
    /* the PIN prompt */
    bool for_server; /* leads to the clinic server setting (pushed over settings) */
    PinStep step;
    TextField field, name, first;
    char note[400];
    bool warn;
    /* the list */
    char clinician[64];
    ClinicPatient *patients;
    size_t n_patients;
    bool archived;
    TextField search;
    int pick;        /* index into the filtered rows */
    int shown[256];  /* filtered row -> patients index */
    int n_shown;
    BgJob *fetch;        /* the shared list being read from the clinic server */
    char status[1300];   /* what the clinic server said, "" = nothing to say */
    bool status_warn;
    /* the patient page */
    int patient;     /* patients index */
    Menu menu;
} ClinicScene;

static Store *store_of(Game *g) { return play_store(g->play); }

static void destroy(Scene *sc)
{
    ClinicScene *c = sc->data;
    bg_release(c->fetch);
    free(c->patients);
    free(c);
    free(sc);
}

static Scene *clinic_alloc(const char *name)
{
    Scene *sc = scene_alloc(name, sizeof(ClinicScene));
    sc->destroy = destroy;
    return sc;
}

static Scene *scene_clinic_list_new(const char *clinician);

/* ---- PIN ---- */

static void pin_enter(Scene *sc, Game *g)
{
    ClinicScene *c = sc->data;
    bool set = false;
    Store *s = store_of(g);
    if (!s) {
        snprintf(c->note, sizeof c->note, "Clinic mode needs the data folder: %.300s",
                 game_state(g)->storage_msg);
        c->warn = true;
    } else if (!clinic_pin_is_set(s, &set)) {
        snprintf(c->note, sizeof c->note, "%s", store_errmsg(s));
        c->warn = true;
    }
    c->step = set ? PIN_CHECK : PIN_NAME;
    if (!set && !c->warn)
        snprintf(c->note, sizeof c->note, "First use: choose the clinician PIN or passphrase "
                                          "(at least %d characters). Patients never see it.",
                 CLINIC_PIN_MIN_CHARS);
    c->field.max = CLINIC_PIN_MAX_BYTES;
    c->name.max = 60;
    scene_typing(sc, true);
}

static void leave(Scene *sc, Game *g, Scene *next)
{
    scene_typing(sc, false);
    game_replace(g, next);
}

static void clinician_name(Store *s, char *out, size_t cap)
{
    StoreClinician who;
    bool found = false;
    str_copy(out, cap, "clinician");
    if (store_clinician_get(s, &who, &found) && found && who.name[0])
        str_copy(out, cap, who.name);
}

static void pin_ok(ClinicScene *c, Game *g)
{
    Store *s = store_of(g);
    char msg[300] = "";
    switch (c->step) {
    case PIN_NAME:
        if (c->name.text[0])
            c->step = PIN_NEW;
        return;
    case PIN_NEW:
        if (!clinic_pin_acceptable(c->field.text, msg, sizeof msg)) {
            snprintf(c->note, sizeof c->note, "%s", msg);
            c->warn = true;
            return;
        }
        c->first = c->field;
        memset(&c->field.text, 0, sizeof c->field.text);
        c->step = PIN_AGAIN;
        snprintf(c->note, sizeof c->note, "Type it once more.");
        c->warn = false;
        return;
    case PIN_AGAIN:
        if (strcmp(c->first.text, c->field.text) != 0) {
            snprintf(c->note, sizeof c->note, "The two did not match: choose it again.");
            c->warn = true;
            c->step = PIN_NEW;
        } else if (!clinic_pin_set(s, c->name.text, c->field.text, msg, sizeof msg)) {
            snprintf(c->note, sizeof c->note, "%s", msg);
            c->warn = true;
            c->step = PIN_NEW;
        } else {
            c->step = PIN_CHECK;
            snprintf(c->note, sizeof c->note, "PIN set. Type it to open clinic mode.");
            c->warn = false;
        }
        memset(&c->field.text, 0, sizeof c->field.text);
        memset(&c->first.text, 0, sizeof c->first.text);
        return;
    case PIN_CHECK: {
        int64_t wait_ms = 0;
        ClinicPinResult r = clinic_pin_check(s, c->field.text, clinic_now_ms(), &wait_ms, msg,
                                             sizeof msg);
        memset(&c->field.text, 0, sizeof c->field.text);
        if (r == CLINIC_PIN_OK) {
            c->note[0] = '\0';
            c->warn = false;
            return; /* the caller leaves for the list */
        }
        snprintf(c->note, sizeof c->note, "%s", msg);
        c->warn = true;
        return;
    }
    }
}

static void pin_input(Scene *sc, Game *g, const UiInput *in)
{
    ClinicScene *c = sc->data;
    if (in->action == ACT_BACK) {
        if (c->for_server) {
            scene_typing(sc, false);
            game_pop(g);
        } else {
            leave(sc, g, scene_title_new());
        }
        return;
    }
    if (!store_of(g))
        return;
    if (textfield_input(c->step == PIN_NAME ? &c->name : &c->field, in))
        return;
    if (in->action != ACT_OK)
        return;
    bool checking = c->step == PIN_CHECK;
    pin_ok(c, g);
    if (checking && !c->warn) {
        char who[64];
        clinician_name(store_of(g), who, sizeof who);
        leave(sc, g, c->for_server ? scene_clinic_server_new(who) : scene_clinic_list_new(who));
    }
}

static void pin_draw(Scene *sc, Game *g)
{
    ClinicScene *c = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x);
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Clinic mode", w / 2, gfx_u(x, 0.05), 0.085, PAL_TEXT, ALIGN_CENTER, true);
    static const char *const PROMPTS[] = {"Your name (for the records):", "New clinician PIN:",
                                          "The same PIN again:", "Clinician PIN:"};
    gfx_text(x, PROMPTS[c->step], w / 2, gfx_u(x, 0.24), 0.05, PAL_TEXT, ALIGN_CENTER, false);
    char shown[400];
    if (c->step == PIN_NAME)
        textfield_shown(&c->name, false, shown, sizeof shown);
    else
        textfield_shown(&c->field, true, shown, sizeof shown);
    strncat(shown, "_", sizeof shown - strlen(shown) - 1);
    gfx_rect(x, w / 5, gfx_u(x, 0.33), w * 3 / 5, gfx_u(x, 0.1), PAL_PANEL_HI);
    gfx_text(x, shown, w / 2, gfx_u(x, 0.345), 0.06, PAL_ACCENT, ALIGN_CENTER, true);
    if (c->note[0])
        gfx_text_wrapped(x, c->note, w / 8, gfx_u(x, 0.5), w * 3 / 4, 0.04,
                         c->warn ? PAL_WARN : PAL_TEXT_DIM, ALIGN_CENTER);
    if (c->for_server)
        gfx_text(x, "The clinic server is a clinician's setting.", w / 2, gfx_u(x, 0.16), 0.04,
                 PAL_TEXT_DIM, ALIGN_CENTER, false);
    gfx_text(x, c->for_server ? "Enter: continue.  Esc: back to the settings."
                              : "Enter: continue.  Esc: back to the start.",
             w / 2, h - gfx_u(x, 0.08), 0.034, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

Scene *scene_clinic_pin_new(void)
{
    Scene *sc = clinic_alloc("clinic-pin");
    sc->enter = pin_enter;
    sc->input = pin_input;
    sc->draw = pin_draw;
    return sc;
}

Scene *scene_clinic_server_pin_new(void)
{
    Scene *sc = scene_clinic_pin_new();
    ((ClinicScene *)sc->data)->for_server = true;
    return sc;
}

/* ---- the patient list ---- */

static bool matches(const char *name, const char *search)
{
    if (!search[0])
        return true;
    size_t n = strlen(search);
    for (const char *p = name; *p; p++) {
        size_t k = 0;
        while (k < n && p[k] && (p[k] | 0x20) == (search[k] | 0x20))
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static void filter(ClinicScene *c)
{
    c->n_shown = 0;
    for (size_t i = 0; i < c->n_patients && c->n_shown < 256; i++) {
        if (matches(c->patients[i].profile.name, c->search.text))
            c->shown[c->n_shown++] = (int)i;
    }
    if (c->pick >= c->n_shown)
        c->pick = c->n_shown ? c->n_shown - 1 : 0;
}

/* What the thread reading the shared list gets and gives (ui/background). */
typedef struct Fetch {
    char conninfo[STORE_SETTING_MAX];
    char today[11];
    bool archived;
    ClinicServerList list;
} Fetch;

static bool fetch_work(void *data)
{
    Fetch *f = data;
    return clinic_server_patients(f->conninfo, f->archived, f->today, &f->list);
}

static void fetch_free(void *data)
{
    Fetch *f = data;
    clinic_server_list_free(&f->list);
    free(f);
}

/* This computer's list now; with a clinic server configured, the shared list once it is read. */
static void load_patients(ClinicScene *c, Game *g)
{
    Store *s = store_of(g);
    free(c->patients);
    c->patients = NULL;
    c->n_patients = 0;
    bg_release(c->fetch);
    c->fetch = NULL;
    c->status[0] = '\0';
    c->status_warn = false;
    if (!clinic_patients(s, c->archived, game_state(g)->today, &c->patients, &c->n_patients))
        snprintf(c->note, sizeof c->note, "%s", store_errmsg(s));
    filter(c);
    Fetch *f = xcalloc(1, sizeof *f);
    if (!clinic_server_get(s, f->conninfo, sizeof f->conninfo) || !f->conninfo[0]) {
        free(f);
        return;
    }
    str_copy(f->today, sizeof f->today, game_state(g)->today);
    f->archived = c->archived;
    snprintf(c->status, sizeof c->status,
             "Reading the shared list from the clinic server (%.200s)...", f->conninfo);
    char why[200];
    c->fetch = bg_start("clinic-list", fetch_work, f, fetch_free, why, sizeof why);
    if (!c->fetch) {
        snprintf(c->status, sizeof c->status, "The clinic server's list cannot be read: %s",
                 why);
        c->status_warn = true;
    }
}

/* The shared list has arrived (or the server said no). */
static void list_update(Scene *sc, Game *g)
{
    ClinicScene *c = sc->data;
    bool ok;
    void *data;
    if (!bg_done(c->fetch, &ok, &data))
        return;
    ClinicServerList *l = &((Fetch *)data)->list;
    if (ok && clinic_patients_merge_local(store_of(g), l, c->patients, c->n_patients)) {
        free(c->patients);
        c->patients = l->rows; /* taken: the job frees what is left */
        c->n_patients = l->n;
        l->rows = NULL;
        l->n = 0;
        snprintf(c->status, sizeof c->status,
                 "The shared list: the patients of every workstation that synced with %.250s.",
                 l->where);
        filter(c);
    } else {
        snprintf(c->status, sizeof c->status,
                 "The clinic server could not be read, so this is this computer's list only: "
                 "%.1000s",
                 ok ? store_errmsg(store_of(g)) : l->msg);
        c->status_warn = true;
    }
    bg_release(c->fetch);
    c->fetch = NULL;
}

static void list_enter(Scene *sc, Game *g)
{
    ClinicScene *c = sc->data;
    c->search.max = 40;
    load_patients(c, g);
    scene_typing(sc, true);
}

static Scene *scene_clinic_patient_new(const char *clinician, const ClinicPatient *p);

static void list_input(Scene *sc, Game *g, const UiInput *in)
{
    ClinicScene *c = sc->data;
    if (textfield_input(&c->search, in)) {
        filter(c);
        return;
    }
    switch (in->action) {
    case ACT_UP: c->pick -= c->pick > 0; break;
    case ACT_DOWN: c->pick += c->pick + 1 < c->n_shown; break;
    case ACT_LEFT:
    case ACT_RIGHT:
        c->archived = !c->archived;
        load_patients(c, g);
        break;
    case ACT_OK:
        if (c->n_shown)
            leave(sc, g, scene_clinic_patient_new(c->clinician, &c->patients[c->shown[c->pick]]));
        break;
    case ACT_BACK: leave(sc, g, scene_title_new()); break;
    default: break;
    }
}

static void list_draw(Scene *sc, Game *g)
{
    ClinicScene *c = sc->data;
    Gfx *x = g->gfx;
    int w = gfx_w(x), h = gfx_h(x), margin = w / 20;
    gfx_clear(x, PAL_BG);
    gfx_text(x, "Patients", margin, gfx_u(x, 0.03), 0.075, PAL_TEXT, ALIGN_LEFT, true);
    char line[200];
    snprintf(line, sizeof line, "Clinician: %s", c->clinician);
    gfx_text(x, line, w - margin, gfx_u(x, 0.05), 0.034, PAL_TEXT_DIM, ALIGN_RIGHT, false);
    snprintf(line, sizeof line, "Search: %.60s_", c->search.text);
    gfx_rect(x, margin, gfx_u(x, 0.14), w / 2, gfx_u(x, 0.07), PAL_PANEL_HI);
    gfx_text(x, line, margin + gfx_u(x, 0.02), gfx_u(x, 0.15), 0.04, PAL_TEXT, ALIGN_LEFT, false);
    gfx_text(x, c->archived ? "Archived shown" : "Archived hidden", w - margin, gfx_u(x, 0.15),
             0.034, PAL_TEXT_DIM, ALIGN_RIGHT, false);
    /* columns: name, level (cap), last session, latest zone and decision */
    int y = gfx_u(x, 0.25), row = gfx_u(x, 0.085);
    int cols[4] = {margin, w * 31 / 100, w * 46 / 100, w * 72 / 100};
    static const char *const HEAD[] = {"Name", "Level (cap)", "Last session", "Latest decision"};
    for (int k = 0; k < 4; k++)
        gfx_text(x, HEAD[k], cols[k] + gfx_u(x, 0.01), y, 0.032, PAL_TEXT_DIM, ALIGN_LEFT, true);
    y += gfx_u(x, 0.05);
    int first = c->pick >= LIST_ROWS ? c->pick - LIST_ROWS + 1 : 0;
    for (int i = first; i < c->n_shown && i < first + LIST_ROWS; i++) {
        const ClinicPatient *p = &c->patients[c->shown[i]];
        bool sel = i == c->pick;
        gfx_rect(x, margin, y, w - 2 * margin, row - gfx_u(x, 0.01),
                 sel ? PAL_PANEL_HI : PAL_PANEL);
        if (sel)
            gfx_frame(x, margin, y, w - 2 * margin, row - gfx_u(x, 0.01), gfx_u(x, 0.005),
                      PAL_ACCENT);
        char cells[4][96];
        snprintf(cells[0], sizeof cells[0], "%s%s%s", p->profile.name,
                 p->profile.archived ? " (archived)" : "",
                 p->profile.id ? "" : " (other computer)");
        snprintf(cells[1], sizeof cells[1], "%s (%s)", p->profile.level,
                 p->profile.level_cap[0] ? p->profile.level_cap : "no cap");
        if (p->days_since >= 0)
            snprintf(cells[2], sizeof cells[2], "%s, %d day%s ago", p->last_session,
                     p->days_since, p->days_since == 1 ? "" : "s");
        else
            snprintf(cells[2], sizeof cells[2], "none yet");
        snprintf(cells[3], sizeof cells[3], "%s %s%s%s", p->zone[0] ? p->zone : "-", p->decision,
                 p->next_level[0] ? " to " : "", p->next_level);
        for (int k = 0; k < 4; k++)
            gfx_text(x, cells[k], cols[k] + gfx_u(x, 0.01), y + gfx_u(x, 0.02), 0.034, PAL_TEXT,
                     ALIGN_LEFT, sel && k == 0);
        y += row;
    }
    if (!c->n_shown)
        gfx_text(x, c->n_patients ? "No patient matches the search." : "No patients yet.",
                 w / 2, y + gfx_u(x, 0.05), 0.045, PAL_TEXT_DIM, ALIGN_CENTER, false);
    if (c->status[0])
        gfx_text_wrapped(x, c->status, margin, h - gfx_u(x, 0.17), w - 2 * margin, 0.028,
                         c->status_warn ? PAL_WARN : PAL_TEXT_DIM, ALIGN_LEFT);
    gfx_text(x, "Type to search.  Up/down: choose.  Enter: open.  Left/right: archived.  "
                "Esc: leave clinic mode.",
             w / 2, h - gfx_u(x, 0.06), 0.03, PAL_TEXT_DIM, ALIGN_CENTER, false);
}

static Scene *scene_clinic_list_new(const char *clinician)
{
    Scene *sc = clinic_alloc("clinic-list");
    ClinicScene *c = sc->data;
    str_copy(c->clinician, sizeof c->clinician, clinician);
    sc->enter = list_enter;
    sc->input = list_input;
    sc->update = list_update;
    sc->draw = list_draw;
    return sc;
}

/* ---- a patient's page ---- */

static const char *const PAGE_ITEMS[] = {"Start a supervised session", "Back to the list"};

static void page_input(Scene *sc, Game *g, const UiInput *in)
{
    ClinicScene *c = sc->data;
    UiInput v = input_space_as_ok(in);
    int pick = in->action == ACT_BACK ? 1 : menu_input(&c->menu, &v);
    if (pick == 0 && !c->patients[0].profile.id) /* kept elsewhere: the only item is "Back" */
        pick = 1;
    if (pick == 1) {
        game_replace(g, scene_clinic_list_new(c->clinician));
    } else if (pick == 0) {
        if (!play_use_profile(g->play, c->patients[0].profile.name))
            return;
        play_supervise(g->play, c->clinician);
        game_replace(g, scene_redflags_new());
    }
}

/* Quality (bars) and pain after (dots) per stored session, oldest left; practice hollow. */
static void draw_history(Gfx *x, Store *s, int64_t profile_id, int x0, int y0, int w, int h)
{
    StoreSession *list = NULL;
    size_t n = 0;
    gfx_rect(x, x0, y0, w, h, PAL_PANEL);
    if (!store_session_list(s, profile_id, &list, &n) || n == 0) {
        gfx_text(x, "No sessions yet.", x0 + w / 2, y0 + h / 3, 0.035, PAL_TEXT_DIM, ALIGN_CENTER,
                 false);
        free(list);
        return;
    }
    size_t from = n > 30 ? n - 30 : 0;
    int slot = w / (int)(n - from + 1);
    for (size_t i = from; i < n; i++) {
        int bx = x0 + slot / 2 + (int)(i - from) * slot;
        double q = list[i].quality_pct;
        if (isfinite(q)) {
            int bh = (int)(h * 0.8 * q / 100.0);
            if (list[i].source == STORE_PRACTICE)
                gfx_frame(x, bx, y0 + h - bh, slot * 2 / 3, bh, 2, PAL_TEXT_DIM);
            else
                gfx_rect(x, bx, y0 + h - bh, slot * 2 / 3, bh, PAL_BAND);
        }
        if (list[i].supervised)
            gfx_disc(x, bx + slot / 3, y0 + gfx_u(x, 0.012), gfx_u(x, 0.006), PAL_ACCENT);
    }
    free(list);
    gfx_text(x, "Hold quality per session (hollow: practice; dot: supervised)", x0, y0 + h + 4,
             0.026, PAL_TEXT_DIM, ALIGN_LEFT, false);
}

/* A patient of another workstation: what the clinic server knows, and where the rest is. */
static void draw_elsewhere(Gfx *x, const ClinicPatient *p, int margin, int y)
{
    int w = gfx_w(x);
    char line[600], decision[100] = "No decision yet.";
    if (p->decision[0])
        snprintf(decision, sizeof decision, "Latest decision: %s %s%s%s.", p->zone,
                 p->decision, p->next_level[0] ? " to " : "", p->next_level);
    if (p->last_session[0])
        snprintf(line, sizeof line, "Last session %s (%d day%s ago). %s", p->last_session,
                 p->days_since, p->days_since == 1 ? "" : "s", decision);
    else
        snprintf(line, sizeof line, "No session has reached the clinic server yet.");
    y += gfx_text_wrapped(x, line, margin, y, w - 2 * margin, 0.04, PAL_TEXT, ALIGN_LEFT);
    gfx_text_wrapped(x,
                     "This patient's records are kept on another computer of the clinic; the "
                     "clinic server has what it last sent. The sessions, prescription and audit "
                     "log are on the computer where they were recorded, and supervised sessions "
                     "start there.",
                     margin, y + gfx_u(x, 0.04), w - 2 * margin, 0.036, PAL_TEXT_DIM,
                     ALIGN_LEFT);
}

static void page_draw(Scene *sc, Game *g)
{
    ClinicScene *c = sc->data;
    const ClinicPatient *p = &c->patients[0];
    Store *s = store_of(g);
    Gfx *x = g->gfx;
    int w = gfx_w(x), margin = w / 20, half = w / 2;
    gfx_clear(x, PAL_BG);
    char line[600];
    snprintf(line, sizeof line, "%s: %s%s%s", p->profile.name, p->profile.level,
             p->profile.level_cap[0] ? ", cap " : "", p->profile.level_cap);
    gfx_text(x, line, margin, gfx_u(x, 0.03), 0.07, PAL_TEXT, ALIGN_LEFT, true);
    if (!p->profile.id) {
        draw_elsewhere(x, p, margin, gfx_u(x, 0.16));
        menu_draw(&c->menu, x, w / 2, gfx_h(x) - gfx_u(x, 0.2));
        return;
    }
    StorePrescription rx;
    bool found = false;
    int y = gfx_u(x, 0.13);
    if (store_prescription_get(s, p->profile.id, &rx, &found) && found) {
        char d[400];
        store_prescription_describe(&rx, d, sizeof d);
        snprintf(line, sizeof line, "Prescription: %s", d);
    } else {
        snprintf(line, sizeof line, "Prescription: the ladder's own levels and rules.");
    }
    y += gfx_text_wrapped(x, line, margin, y, w - 2 * margin, 0.032, PAL_TEXT, ALIGN_LEFT);
    draw_history(x, s, p->profile.id, margin, y + gfx_u(x, 0.02), w - 2 * margin,
                 gfx_u(x, 0.16));
    y += gfx_u(x, 0.24);
    int col_top = y;
    gfx_text(x, "Latest decisions", margin, y, 0.038, PAL_ACCENT, ALIGN_LEFT, true);
    y += gfx_u(x, 0.055);
    StoreDecision *d = NULL;
    size_t nd = 0;
    if (store_decision_list(s, p->profile.id, &d, &nd)) {
        for (size_t i = nd; i > 0 && i + 3 > nd; i--) {
            const StoreDecision *k = &d[i - 1];
            snprintf(line, sizeof line, "%s %s -> %s (%s%s): %.400s", k->zone[0] ? k->zone : "",
                     k->from_level, k->to_level, k->decision,
                     k->source == STORE_BY_CLINICIAN ? ", clinician" : "", k->reason);
            y += gfx_text_wrapped(x, line, margin, y, half - 2 * margin, 0.027, PAL_TEXT,
                                  ALIGN_LEFT) + gfx_u(x, 0.01);
        }
    }
    free(d);
    y = col_top;
    gfx_text(x, "Audit log", half, y, 0.038, PAL_ACCENT, ALIGN_LEFT, true);
    y += gfx_u(x, 0.055);
    StoreAudit *a = NULL;
    size_t na = 0;
    if (store_audit_list(s, p->profile.id, &a, &na)) {
        for (size_t i = na; i > 0 && i + 4 > na; i--) {
            const StoreAudit *k = &a[i - 1];
            char when[11];
            store_local_date(k->time, when);
            snprintf(line, sizeof line, "%s %s: %s%s%.120s%s%.300s", when, k->actor, k->action,
                     k->after[0] ? " -> " : "", k->after, k->reason[0] ? ". Why: " : "",
                     k->reason);
            y += gfx_text_wrapped(x, line, half, y, half - margin, 0.027, PAL_TEXT, ALIGN_LEFT) +
                 gfx_u(x, 0.008);
        }
    }
    free(a);
    menu_draw(&c->menu, x, w / 2, gfx_h(x) - gfx_u(x, 0.25));
}

static Scene *scene_clinic_patient_new(const char *clinician, const ClinicPatient *p)
{
    Scene *sc = clinic_alloc("clinic-patient");
    ClinicScene *c = sc->data;
    str_copy(c->clinician, sizeof c->clinician, clinician);
    c->patients = xmalloc(sizeof *c->patients);
    c->patients[0] = *p;
    c->n_patients = 1;
    if (p->profile.id)
        menu_init(&c->menu, PAGE_ITEMS, 2);
    else
        menu_init(&c->menu, PAGE_ITEMS + 1, 1);
    sc->input = page_input;
    sc->draw = page_draw;
    return sc;
}
