/* rehab/level: one level file (levels/NN-name.ini) read with inih through ini/inifile, checked
 * key by key so a clinician editing a level learns at once, with file:line, what is wrong. */
#include "rehab/level.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "ini/inifile.h"
#include "rehab/rehab_internal.h"

/* Standard gravity, for % body-weight targets (CGPM 1901). */
#define STANDARD_GRAVITY 9.80665

typedef enum KeyType { KEY_TEXT, KEY_INT, KEY_NUM, KEY_TARGET, KEY_VERSION } KeyType;

typedef struct LevelKey {
    const char *section;
    const char *key;
    KeyType type;
    size_t off, cap;  /* field in Level; cap for text */
    bool continues;   /* text that may go on over indented lines */
    double lo, hi;    /* range for numbers (lo_open: lo itself is not allowed) */
    bool lo_open;
    const char *unit;
} LevelKey;

#define TEXT(sec, name, cont)                                                                     \
    {sec, #name, KEY_TEXT, offsetof(Level, name), sizeof(((Level *)0)->name), cont, 0, 0, false, ""}
#define NUM(sec, name, type, lo, hi, open, unit)                                                  \
    {sec, #name, type, offsetof(Level, name), 0, false, lo, hi, open, unit}

/* Ranges keep values physically sensible; they are not prescriptions. A hold over 10 minutes
 * or 20 sets is a typing mistake, not a programme. */
static const LevelKey KEYS[] = {
    {"level", "version", KEY_VERSION, offsetof(Level, version), 0, false, 0, 0, false, ""},
    TEXT("level", id, false),
    TEXT("level", name, true),
    TEXT("level", stage, false),
    TEXT("level", position, true),
    TEXT("level", instructions, true),
    NUM("dose", sets, KEY_INT, 1, 20, false, "sets"),
    NUM("dose", hold_s, KEY_NUM, 0, 600, true, "seconds"),
    NUM("dose", rest_s, KEY_NUM, 0, 1800, false, "seconds"),
    {"dose", "target", KEY_TARGET, offsetof(Level, target_kind), 0, false, 0, 0, false, ""},
    /* range depends on the target kind: checked once the whole file is read */
    NUM("dose", target_value, KEY_NUM, -1e9, 1e9, false, ""),
    NUM("dose", tolerance_pct, KEY_NUM, 0, 100, true, "% of target"),
    NUM("dose", reps, KEY_INT, 1, 100, false, "reps"),
    NUM("dose", up_s, KEY_NUM, 0, 30, true, "seconds"),
    NUM("dose", down_s, KEY_NUM, 0, 30, true, "seconds"),
};

#define N_KEYS (sizeof KEYS / sizeof KEYS[0])

enum { K_VERSION, K_ID, K_NAME, K_STAGE, K_POSITION, K_INSTRUCTIONS, K_SETS, K_HOLD, K_REST,
       K_TARGET, K_TARGET_VALUE, K_TOLERANCE, K_REPS, K_UP, K_DOWN };

/* Stages of the tendon the level suits (CLINICAL.md: reactive and settled; "sport" is Goom
 * 2016's energy-storage stage, only for those whose sport needs it). */
static const char *const STAGES[] = {"reactive", "settled", "sport"};

static const char *const KIND_NAMES[] = {"pct_mvc", "pct_bodyweight", "angle", "timed", "tempo"};

const char *target_kind_name(TargetKind k)
{
    return (unsigned)k < sizeof KIND_NAMES / sizeof KIND_NAMES[0] ? KIND_NAMES[k] : "?";
}

bool target_kind_parse(const char *name, TargetKind *out)
{
    for (size_t i = 0; i < sizeof KIND_NAMES / sizeof KIND_NAMES[0]; i++) {
        if (strcmp(name, KIND_NAMES[i]) == 0) {
            *out = (TargetKind)i;
            return true;
        }
    }
    return false;
}

double level_target_value(const Level *lv, double mvc_n, double body_mass_kg)
{
    switch (lv->target_kind) {
    case TARGET_PCT_MVC:
        return mvc_n > 0 && isfinite(mvc_n) ? mvc_n * lv->target_value / 100.0 : NAN;
    case TARGET_PCT_BODYWEIGHT:
        return body_mass_kg > 0 && isfinite(body_mass_kg)
                   ? body_mass_kg * STANDARD_GRAVITY * lv->target_value / 100.0
                   : NAN;
    case TARGET_ANGLE:
        return lv->target_value;
    case TARGET_TIMED:
    case TARGET_TEMPO:
        break;
    }
    return NAN;
}

typedef struct LevelParse {
    Level *lv;
    Pending pending;
    RehabLines lines;
    int key_line[N_KEYS];
    const LevelKey *last; /* the key an indented line continues */
    bool text_too_long[N_KEYS];
    long version;
    int newer_line;
    int unlock_line[16];
    char unlock_key[16][40];
    size_t n_unlock;
} LevelParse;

static const LevelKey *find_key(const char *section, const char *key)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        if (strcmp(KEYS[i].section, section) == 0 && strcmp(KEYS[i].key, key) == 0)
            return &KEYS[i];
    }
    return NULL;
}

static void append_text(LevelParse *lp, const LevelKey *k, const char *value, int line)
{
    size_t i = (size_t)(k - KEYS);
    char *dst = (char *)lp->lv + k->off;
    size_t have = strlen(dst);
    size_t need = have + (have && *value ? 1 : 0) + strlen(value);
    if (need >= k->cap) {
        if (!lp->text_too_long[i])
            pending_add(&lp->pending, line, "%s is longer than %zu characters", k->key,
                        k->cap - 1);
        lp->text_too_long[i] = true;
        return;
    }
    if (have && *value)
        strcat(dst, " ");
    strcat(dst, value);
}

static void parse_number(LevelParse *lp, const LevelKey *k, const char *value, int line)
{
    Pending *p = &lp->pending;
    double v;
    if (k->type == KEY_INT) {
        long lv;
        if (!str_to_long(value, -1000000000L, 1000000000L, &lv)) {
            pending_add(p, line, "%s: '%s' is not a whole number", k->key, value);
            return;
        }
        v = (double)lv;
    } else if (!str_to_double(value, &v)) {
        pending_add(p, line, "%s: '%s' is not a number", k->key, value);
        return;
    }
    bool low = k->lo_open ? v <= k->lo : v < k->lo;
    if (low || v > k->hi) {
        char lo[32], hi[32];
        rehab_fmt_num(lo, sizeof lo, k->lo);
        rehab_fmt_num(hi, sizeof hi, k->hi);
        pending_add(p, line, "%s = %s is out of range: it must be %s %s and at most %s (%s)",
                    k->key, value, k->lo_open ? "more than" : "at least", lo, hi, k->unit);
        return;
    }
    char *dst = (char *)lp->lv + k->off;
    if (k->type == KEY_INT) {
        int iv = (int)v;
        memcpy(dst, &iv, sizeof iv);
    } else {
        memcpy(dst, &v, sizeof v);
    }
}

static void on_unlock_key(LevelParse *lp, const char *key, const char *value, int line)
{
    if (rules_is_key(key)) {
        for (size_t i = 0; i < lp->n_unlock; i++) {
            if (strcmp(lp->unlock_key[i], key) == 0) {
                pending_add(&lp->pending, line, "duplicate key '%s' in [unlock] (first at line %d)",
                            key, lp->unlock_line[i]);
                return;
            }
        }
        if (lp->n_unlock < sizeof lp->unlock_line / sizeof lp->unlock_line[0]) {
            str_copy(lp->unlock_key[lp->n_unlock], sizeof lp->unlock_key[0], key);
            lp->unlock_line[lp->n_unlock++] = line;
        }
    }
    rules_override_parse(&lp->lv->unlock, key, value, line, &lp->pending);
}

static void on_level_key(void *user, const char *section, const char *key, const char *value,
                         int line)
{
    LevelParse *lp = user;
    Pending *p = &lp->pending;
    if (rehab_lines_kind(&lp->lines, line) == LINE_CONT) {
        bool ours = !strcmp(section, "level") || !strcmp(section, "dose") ||
                    !strcmp(section, "unlock");
        if (lp->last && lp->last->continues)
            append_text(lp, lp->last, value, line);
        else if (ours)
            pending_add(p, line, "%s: an indented line continues the value above, but only name, "
                                 "position and instructions may go on over several lines",
                        key);
        return;
    }
    lp->last = NULL;
    if (strcmp(section, "unlock") == 0) {
        on_unlock_key(lp, key, value, line);
        return;
    }
    if (strcmp(section, "level") != 0 && strcmp(section, "dose") != 0) {
        if (*section == '\0')
            pending_add(p, line, "'%s' is outside any section; put it under [level], [dose] or "
                                 "[unlock]", key);
        return; /* keys of an unknown section: the header is reported once */
    }
    const LevelKey *k = find_key(section, key);
    if (!k) {
        const LevelKey *elsewhere = find_key(strcmp(section, "level") ? "level" : "dose", key);
        if (elsewhere)
            pending_add(p, line, "%s belongs in [%s], not [%s]", key, elsewhere->section, section);
        else
            pending_add(p, line, "unknown key '%s' in [%s]", key, section);
        return;
    }
    size_t i = (size_t)(k - KEYS);
    if (lp->key_line[i]) {
        pending_add(p, line, "duplicate key '%s' in [%s] (first at line %d)", key, section,
                    lp->key_line[i]);
        return;
    }
    lp->key_line[i] = line;
    switch (k->type) {
    case KEY_TEXT:
        lp->last = k;
        append_text(lp, k, value, line);
        break;
    case KEY_INT:
    case KEY_NUM:
        parse_number(lp, k, value, line);
        break;
    case KEY_TARGET:
        if (!target_kind_parse(value, &lp->lv->target_kind))
            pending_add(p, line,
                        "target: '%s' is not a target kind (pct_mvc, pct_bodyweight, angle, "
                        "timed or tempo)", value);
        break;
    case KEY_VERSION:
        if (!str_to_long(value, -1000000, 1000000, &lp->version))
            pending_add(p, line, "version: '%s' is not a whole number", value);
        else if (lp->version > LEVEL_FORMAT_VERSION)
            lp->newer_line = line;
        else if (lp->version < 1)
            pending_add(p, line, "version %ld is not valid (the first format is 1)", lp->version);
        else
            lp->lv->version = (int)lp->version;
        break;
    }
}

/* The line to blame for something missing from a section: its header, else the last line. */
static int missing_line(const LevelParse *lp, const char *section, int n_lines)
{
    int at = rehab_lines_section(&lp->lines, section, NULL);
    return at ? at : (n_lines > 0 ? n_lines : 1);
}

static void require(LevelParse *lp, int key, int n_lines)
{
    if (lp->key_line[key])
        return;
    const LevelKey *k = &KEYS[key];
    if (rehab_lines_section(&lp->lines, k->section, NULL))
        pending_add(&lp->pending, missing_line(lp, k->section, n_lines),
                    "[%s] has no '%s' (required)", k->section, k->key);
}

static void forbid(LevelParse *lp, int key, const char *why)
{
    if (lp->key_line[key])
        pending_add(&lp->pending, lp->key_line[key], "%s: %s", KEYS[key].key, why);
}

static void check_sections(LevelParse *lp, int n_lines)
{
    for (int i = 0; i < lp->lines.count; i++) {
        const char *s = lp->lines.section[i];
        if (lp->lines.kind[i] != LINE_SECTION || !s)
            continue;
        if (strcmp(s, "level") && strcmp(s, "dose") && strcmp(s, "unlock"))
            pending_add(&lp->pending, i + 1,
                        "unknown section [%s] (a level has [level], [dose] and [unlock])", s);
    }
    static const char *const names[] = {"level", "dose", "unlock"};
    for (size_t k = 0; k < 3; k++) {
        int again = 0;
        int first = rehab_lines_section(&lp->lines, names[k], &again);
        if (again)
            pending_add(&lp->pending, again, "section [%s] appears again (first at line %d)",
                        names[k], first);
    }
    if (!rehab_lines_section(&lp->lines, "level", NULL))
        pending_add(&lp->pending, n_lines > 0 ? n_lines : 1,
                    "missing section [level] (version, id, name, stage, position, "
                    "instructions)");
    if (!rehab_lines_section(&lp->lines, "dose", NULL))
        pending_add(&lp->pending, n_lines > 0 ? n_lines : 1,
                    "missing section [dose] (sets, rest_s, target and the target's keys)");
    lp->lv->line_of_unlock = rehab_lines_section(&lp->lines, "unlock", NULL);
}

static void check_level_text(LevelParse *lp)
{
    Level *lv = lp->lv;
    Pending *p = &lp->pending;
    for (int k = K_ID; k <= K_INSTRUCTIONS; k++) {
        const char *v = (const char *)lv + KEYS[k].off;
        if (lp->key_line[k] && *v == '\0')
            pending_add(p, lp->key_line[k], "%s is empty", KEYS[k].key);
    }
    if (lp->key_line[K_ID] && lv->id[0]) {
        for (const char *c = lv->id; *c; c++) {
            if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-') {
                pending_add(p, lp->key_line[K_ID],
                            "id '%s' may hold only letters, digits, '-' and '_' (like L03)",
                            lv->id);
                break;
            }
        }
    }
    if (lp->key_line[K_STAGE] && lv->stage[0]) {
        bool known = false;
        for (size_t i = 0; i < sizeof STAGES / sizeof STAGES[0]; i++)
            known = known || strcmp(lv->stage, STAGES[i]) == 0;
        if (!known)
            pending_add(p, lp->key_line[K_STAGE],
                        "stage '%s' is not one of reactive, settled or sport", lv->stage);
    }
}

/* Checks that depend on the target kind, which may come after the keys it governs. */
static void check_dose(LevelParse *lp, int n_lines)
{
    Level *lv = lp->lv;
    require(lp, K_SETS, n_lines);
    require(lp, K_REST, n_lines);
    require(lp, K_TARGET, n_lines);
    if (!lp->key_line[K_TARGET])
        return;
    const char *kind = target_kind_name(lv->target_kind);
    if (lv->target_kind == TARGET_TEMPO) {
        require(lp, K_REPS, n_lines);
        require(lp, K_UP, n_lines);
        require(lp, K_DOWN, n_lines);
        forbid(lp, K_HOLD, "a tempo level is timed by reps, up_s and down_s; remove hold_s");
    } else {
        require(lp, K_HOLD, n_lines);
        static const char why[] = "only tempo levels have reps, up_s and down_s";
        forbid(lp, K_REPS, why);
        forbid(lp, K_UP, why);
        forbid(lp, K_DOWN, why);
    }
    if (lv->target_kind == TARGET_TIMED || lv->target_kind == TARGET_TEMPO) {
        char why[96];
        snprintf(why, sizeof why, "a %s level measures no force or angle; remove target_value",
                 kind);
        forbid(lp, K_TARGET_VALUE, why);
        return;
    }
    require(lp, K_TARGET_VALUE, n_lines);
    int line = lp->key_line[K_TARGET_VALUE];
    if (!line)
        return;
    /* %MVC up to 150: a pain-limited or out-of-date MVC can sit below what the patient now
     * manages; body weight likewise. Pelvis pitch beyond 90° is not a bridge. */
    double hi = lv->target_kind == TARGET_ANGLE ? 90 : 150;
    const char *unit = lv->target_kind == TARGET_ANGLE        ? "degrees"
                       : lv->target_kind == TARGET_PCT_MVC ? "% of MVC"
                                                             : "% of body weight";
    if (!(lv->target_value > 0 && lv->target_value <= hi)) {
        char v[32];
        rehab_fmt_num(v, sizeof v, lv->target_value);
        pending_add(&lp->pending, line,
                    "target_value = %s is out of range for %s: it must be more than 0 and at most "
                    "%g (%s)", v, kind, hi, unit);
    }
}

bool level_parse_string(const char *name, const char *text, Level *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    out->tolerance_pct = 10.0; /* ARCHITECTURE.md METRICS: band default ±10 % */
    out->target_kind = TARGET_PCT_MVC;
    str_copy(out->path, sizeof out->path, name);
    LevelParse lp = {.lv = out};
    rehab_lines_scan(&lp.lines, text);
    Diag syntax;
    diag_init(&syntax);
    int n_lines = 0;
    ini_read_string(name, text, on_level_key, &lp, &syntax, &n_lines);
    check_sections(&lp, n_lines);
    for (int k = K_VERSION; k <= K_INSTRUCTIONS; k++)
        require(&lp, k, n_lines);
    check_level_text(&lp);
    if (rehab_lines_section(&lp.lines, "dose", NULL))
        check_dose(&lp, n_lines);
    out->line_of_id = lp.key_line[K_ID];
    bool ok;
    if (lp.newer_line) {
        /* A newer file may mean things this program cannot know: say only that. */
        diag_free(&syntax);
        pending_free(&lp.pending);
        diag_add(diag, name, lp.newer_line,
                 "version %ld is newer than this program understands (%d); update Bridgehold",
                 lp.version, LEVEL_FORMAT_VERSION);
        ok = false;
    } else {
        ok = syntax.count == 0 && lp.pending.count == 0;
        pending_take(&lp.pending, &syntax, name);
        pending_flush(&lp.pending, name, diag);
    }
    rehab_lines_free(&lp.lines);
    return ok;
}

bool level_load(const char *path, Level *out, Diag *diag)
{
    char *text = rehab_read_text(path, diag);
    if (!text) {
        memset(out, 0, sizeof *out);
        str_copy(out->path, sizeof out->path, path);
        return false;
    }
    bool ok = level_parse_string(path, text, out, diag);
    free(text);
    return ok;
}
