/* rehab/rules: the progression thresholds, their defaults and sources, rules.ini and [unlock].
 * One table describes every field, so rules.ini, [unlock] and the defaults cannot drift apart. */
#include "rehab/rules.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "ini/inifile.h"
#include "rehab/rehab_internal.h"

typedef enum FieldKind { FIELD_NUM, FIELD_INT, FIELD_BOOL } FieldKind;

typedef struct RuleField {
    const char *section; /* where it lives in rules.ini */
    const char *key;     /* also the [unlock] key and the struct field */
    FieldKind kind;
    size_t off;          /* in Rules */
    size_t has_off;      /* in RuleOverrides */
    size_t ovr_off;      /* in RuleOverrides */
    double def;
    double lo, hi;       /* allowed range, inclusive */
    const char *unit;
} RuleField;

#define FIELD(sec, name, kind, def, lo, hi, unit)                                                 \
    {sec, #name, kind, offsetof(Rules, name), offsetof(RuleOverrides, has_##name),                \
     offsetof(RuleOverrides, name), def, lo, hi, unit}

/* Defaults: CLINICAL.md § Default progression rules. The whole rule set is our proposal [P];
 * what each number rests on is named beside it. Ranges only keep values meaningful (NRS 0–10,
 * percent 0–100) and generous; they are not clinical limits. */
static const RuleField FIELDS[] = {
    /* > 5/10 during or after is Silbernagel 2007's "high risk" zone [S*]. */
    FIELD("zones", red_pain_during_above, FIELD_NUM, 5, 0, 10, "NRS points"),
    FIELD("zones", red_pain_after_above, FIELD_NUM, 5, 0, 10, "NRS points"),
    /* Pain should settle by the next morning [S*]; a rise of 3 over baseline is our line [P]. */
    FIELD("zones", red_next_morning_rise, FIELD_NUM, 3, 0.1, 10, "NRS points"),
    /* ≤ 3/10 during and after is the PHT clinics' coping range [S*]. */
    FIELD("zones", green_pain_during_max, FIELD_NUM, 3, 0, 10, "NRS points"),
    FIELD("zones", green_pain_after_max, FIELD_NUM, 3, 0, 10, "NRS points"),
    /* "Back to baseline within 24 h" [S*], allowing one point of noise [P]. */
    FIELD("zones", green_next_morning_rise_max, FIELD_NUM, 1, 0, 10, "NRS points"),
    /* Time in band, after the ±5–10 % band precedent (VALD "time in zone") [S]; 80 % is [P]. */
    FIELD("zones", green_quality_min_pct, FIELD_NUM, 80, 0, 100, "%"),
    /* Two flares within a week need a clinician's eyes [P]. */
    FIELD("decision", red_window_days, FIELD_INT, 7, 0, 365, "days"),
    /* Three green sessions on three different days before moving up [P]. */
    FIELD("decision", advance_sessions, FIELD_INT, 3, 1, 30, "sessions"),
    FIELD("decision", advance_distinct_days, FIELD_INT, 3, 1, 30, "days"),
    /* Pain and stiffness must not rise week to week (Silbernagel 2007) [S*]; 1.0 point is [P]. */
    FIELD("decision", trend_window_days, FIELD_INT, 7, 1, 90, "days"),
    FIELD("decision", trend_rise_blocks, FIELD_NUM, 1.0, 0.1, 10, "NRS points"),
    /* One level down after a flare, two with a clinician referral [P]. */
    FIELD("decision", regress_levels, FIELD_INT, 1, 0, 20, "levels"),
    FIELD("decision", see_clinician_levels, FIELD_INT, 2, 0, 20, "levels"),
    /* Strength-test efforts that vary by more than this (between-effort CV) are flagged and a
     * retest is offered before the value sets targets. Reliable heel-on-plate bridge tests show
     * CV <= 6.5 % (CLINICAL.md § Isometric dosing) [S]; 10 % leaves room for a home set-up [P]. */
    FIELD("decision", mvc_cv_retest_pct, FIELD_NUM, 10, 1, 100, "%"),
    /* Issue 8: keyboard and trigger sessions may advance, pain-gated as usual [P]. */
    FIELD("decision", self_timed_may_advance, FIELD_BOOL, 1, 0, 1, "yes or no"),
    /* A rep is a real movement: at least 20 % of the force target from bottom to top, or 10
     * degrees of pelvis angle (a bridge lifts the pelvis by roughly 20-30 degrees) [P]. */
    FIELD("reps", tempo_min_excursion_pct, FIELD_NUM, 20, 1, 100, "% of the target"),
    FIELD("reps", tempo_min_excursion_deg, FIELD_NUM, 10, 1, 90, "degrees"),
};

#define N_FIELDS (sizeof FIELDS / sizeof FIELDS[0])

static const RuleField *find_field(const char *key)
{
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (strcmp(FIELDS[i].key, key) == 0)
            return &FIELDS[i];
    }
    return NULL;
}

static void store_value(const RuleField *f, void *base, size_t off, double v)
{
    char *p = (char *)base + off;
    if (f->kind == FIELD_BOOL) {
        bool bv = v != 0;
        memcpy(p, &bv, sizeof bv);
    } else if (f->kind == FIELD_INT) {
        int iv = (int)v;
        memcpy(p, &iv, sizeof iv);
    } else {
        memcpy(p, &v, sizeof v);
    }
}

static double load_value(const RuleField *f, const void *base, size_t off)
{
    const char *p = (const char *)base + off;
    if (f->kind == FIELD_BOOL) {
        bool bv;
        memcpy(&bv, p, sizeof bv);
        return bv ? 1 : 0;
    }
    if (f->kind == FIELD_INT) {
        int iv;
        memcpy(&iv, p, sizeof iv);
        return iv;
    }
    double v;
    memcpy(&v, p, sizeof v);
    return v;
}

void rules_defaults(Rules *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < N_FIELDS; i++)
        store_value(&FIELDS[i], out, FIELDS[i].off, FIELDS[i].def);
}

bool rules_is_key(const char *key) { return find_field(key) != NULL; }

double rules_tempo_min_excursion(const Rules *r, bool angle, double reference_n)
{
    if (angle)
        return r->tempo_min_excursion_deg;
    return reference_n > 0 ? r->tempo_min_excursion_pct / 100.0 * reference_n : 0;
}

/* Parses and range-checks one value; false with a message in p. */
static bool parse_field(const RuleField *f, const char *value, double *out, Pending *p, int line)
{
    char lo[32], hi[32];
    rehab_fmt_num(lo, sizeof lo, f->lo);
    rehab_fmt_num(hi, sizeof hi, f->hi);
    double v;
    if (f->kind == FIELD_BOOL) {
        if (str_eq_nocase(value, "yes") || str_eq_nocase(value, "true") || strcmp(value, "1") == 0)
            v = 1;
        else if (str_eq_nocase(value, "no") || str_eq_nocase(value, "false") ||
                 strcmp(value, "0") == 0)
            v = 0;
        else {
            pending_add(p, line, "%s: '%s' is not yes or no", f->key, value);
            return false;
        }
        *out = v;
        return true;
    }
    if (f->kind == FIELD_INT) {
        long lv;
        if (!str_to_long(value, -1000000, 1000000, &lv)) {
            pending_add(p, line, "%s: '%s' is not a whole number (%s)", f->key, value, f->unit);
            return false;
        }
        v = (double)lv;
    } else if (!str_to_double(value, &v)) {
        pending_add(p, line, "%s: '%s' is not a number (%s)", f->key, value, f->unit);
        return false;
    }
    if (v < f->lo || v > f->hi) {
        pending_add(p, line, "%s = %s is out of range: it must be from %s to %s (%s)", f->key,
                    value, lo, hi, f->unit);
        return false;
    }
    *out = v;
    return true;
}

bool rules_override_parse(RuleOverrides *o, const char *key, const char *value, int line,
                          Pending *p)
{
    const RuleField *f = find_field(key);
    double v = 0;
    if (!f) {
        pending_add(p, line, "unknown rule '%s' in [unlock] (the keys are those of rules.ini)",
                    key);
        return false;
    }
    if (!parse_field(f, value, &v, p, line))
        return false;
    store_value(f, o, f->ovr_off, v);
    bool yes = true;
    memcpy((char *)o + f->has_off, &yes, sizeof yes);
    return true;
}

bool rules_override_set(RuleOverrides *o, const char *key, const char *value, const char *file,
                        int line, Diag *diag)
{
    Pending p = {0};
    bool ok = rules_override_parse(o, key, value, line, &p);
    pending_flush(&p, file, diag);
    return ok;
}

void rules_apply_overrides(Rules *r, const RuleOverrides *o)
{
    for (size_t i = 0; i < N_FIELDS; i++) {
        const RuleField *f = &FIELDS[i];
        bool has;
        memcpy(&has, (const char *)o + f->has_off, sizeof has);
        if (has)
            store_value(f, r, f->off, load_value(f, o, f->ovr_off));
    }
}

/* The line to blame for a conflict between two keys: the later of the two that the file set,
 * else the fallback line. */
static int conflict_line(const int *key_lines, const char *a, const char *b, int fallback)
{
    if (!key_lines)
        return fallback;
    int la = key_lines[find_field(a) - FIELDS], lb = key_lines[find_field(b) - FIELDS];
    int line = la > lb ? la : lb;
    return line > 0 ? line : fallback;
}

static bool check_rules(const Rules *r, const char *file, const int *key_lines, int line,
                        const char *where, Diag *diag)
{
    size_t before = diag->count;
    const char *w = where ? where : "";
    const char *sp = where ? " " : "";
    char a[32], b[32];
    /* A green limit above the red one would make a session both; the red rule wins, so the
     * clinician's green number would silently mean nothing. */
    if (r->green_pain_during_max > r->red_pain_during_above + REHAB_EPS) {
        rehab_fmt_num(a, sizeof a, r->green_pain_during_max);
        rehab_fmt_num(b, sizeof b, r->red_pain_during_above);
        diag_add(diag, file,
                 conflict_line(key_lines, "green_pain_during_max", "red_pain_during_above", line),
                 "green_pain_during_max (%s) is above red_pain_during_above (%s)%s%s", a, b, sp, w);
    }
    if (r->green_pain_after_max > r->red_pain_after_above + REHAB_EPS) {
        rehab_fmt_num(a, sizeof a, r->green_pain_after_max);
        rehab_fmt_num(b, sizeof b, r->red_pain_after_above);
        diag_add(diag, file,
                 conflict_line(key_lines, "green_pain_after_max", "red_pain_after_above", line),
                 "green_pain_after_max (%s) is above red_pain_after_above (%s)%s%s", a, b, sp, w);
    }
    if (r->green_next_morning_rise_max >= r->red_next_morning_rise - REHAB_EPS) {
        rehab_fmt_num(a, sizeof a, r->green_next_morning_rise_max);
        rehab_fmt_num(b, sizeof b, r->red_next_morning_rise);
        diag_add(diag, file,
                 conflict_line(key_lines, "green_next_morning_rise_max", "red_next_morning_rise",
                               line),
                 "green_next_morning_rise_max (%s) must be below red_next_morning_rise (%s)%s%s",
                 a, b, sp, w);
    }
    if (r->advance_distinct_days > r->advance_sessions)
        diag_add(diag, file,
                 conflict_line(key_lines, "advance_distinct_days", "advance_sessions", line),
                 "advance_distinct_days (%d) is more than advance_sessions (%d): %d sessions "
                 "cannot fall on %d different days%s%s",
                 r->advance_distinct_days, r->advance_sessions, r->advance_sessions,
                 r->advance_distinct_days, sp, w);
    return diag->count == before;
}

bool rules_check(const Rules *r, const char *file, int line, const char *where, Diag *diag)
{
    return check_rules(r, file, NULL, line, where, diag);
}

/* ---- rules.ini ---- */

typedef struct RulesParse {
    Rules *out;
    Pending pending;
    RehabLines lines;
    int key_line[N_FIELDS];
    int version_line;
    long version;
    int newer_line;
} RulesParse;

static void on_rules_key(void *user, const char *section, const char *key, const char *value,
                         int line)
{
    RulesParse *rp = user;
    Pending *p = &rp->pending;
    if (rehab_lines_kind(&rp->lines, line) == LINE_CONT) {
        pending_add(p, line, "%s: an indented line continues the value above; rules values are "
                             "single numbers (do not indent keys)", key);
        return;
    }
    if (strcmp(section, "rules") == 0) {
        if (strcmp(key, "version") != 0) {
            pending_add(p, line, "unknown key '%s' in [rules] (it holds only version)", key);
            return;
        }
        if (rp->version_line) {
            pending_add(p, line, "duplicate key 'version' (first at line %d)", rp->version_line);
            return;
        }
        rp->version_line = line;
        if (!str_to_long(value, -1000000, 1000000, &rp->version)) {
            pending_add(p, line, "version: '%s' is not a whole number", value);
        } else if (rp->version > RULES_FORMAT_VERSION) {
            rp->newer_line = line;
        } else if (rp->version < 1) {
            pending_add(p, line, "version %ld is not valid (the first format is 1)", rp->version);
        }
        return;
    }
    const RuleField *f = find_field(key);
    bool known_section = strcmp(section, "zones") == 0 || strcmp(section, "decision") == 0 ||
                         strcmp(section, "reps") == 0;
    if (!known_section) {
        if (*section == '\0')
            pending_add(p, line, "'%s' is outside any section; put it under [%s]", key,
                        f ? f->section : "zones], [decision] or [reps");
        return; /* an unknown section is reported once, at its header */
    }
    if (!f) {
        pending_add(p, line, "unknown key '%s' in [%s]", key, section);
        return;
    }
    if (strcmp(f->section, section) != 0) {
        pending_add(p, line, "%s belongs in [%s], not [%s]", key, f->section, section);
        return;
    }
    size_t i = (size_t)(f - FIELDS);
    if (rp->key_line[i]) {
        pending_add(p, line, "duplicate key '%s' in [%s] (first at line %d)", key, section,
                    rp->key_line[i]);
        return;
    }
    rp->key_line[i] = line;
    double v;
    if (parse_field(f, value, &v, p, line))
        store_value(f, rp->out, f->off, v);
}

static void report_unknown_sections(RulesParse *rp)
{
    for (int i = 0; i < rp->lines.count; i++) {
        const char *s = rp->lines.section[i];
        if (rp->lines.kind[i] != LINE_SECTION || !s)
            continue;
        if (strcmp(s, "rules") != 0 && strcmp(s, "zones") != 0 && strcmp(s, "decision") != 0 &&
            strcmp(s, "reps") != 0)
            pending_add(&rp->pending, i + 1,
                        "unknown section [%s] (rules.ini has [rules], [zones], [decision] and "
                        "[reps])", s);
    }
    static const char *const names[] = {"rules", "zones", "decision", "reps"};
    for (size_t k = 0; k < 4; k++) {
        int again = 0;
        int first = rehab_lines_section(&rp->lines, names[k], &again);
        if (again)
            pending_add(&rp->pending, again, "section [%s] appears again (first at line %d)",
                        names[k], first);
    }
}

bool rules_parse_string(const char *name, const char *text, Rules *out, Diag *diag)
{
    rules_defaults(out);
    RulesParse rp = {.out = out};
    rehab_lines_scan(&rp.lines, text);
    Diag syntax;
    diag_init(&syntax);
    int n_lines = 0;
    ini_read_string(name, text, on_rules_key, &rp, &syntax, &n_lines);
    report_unknown_sections(&rp);
    if (!rp.version_line) {
        int at = rehab_lines_section(&rp.lines, "rules", NULL);
        pending_add(&rp.pending, at ? at : (n_lines > 0 ? n_lines : 1),
                    "missing 'version = %d' in [rules]", RULES_FORMAT_VERSION);
    }
    bool ok;
    if (rp.newer_line) {
        /* A newer file may mean things this program cannot know: say only that. */
        diag_free(&syntax);
        pending_free(&rp.pending);
        diag_add(diag, name, rp.newer_line,
                 "version %ld is newer than this program understands (%d); update Bridgehold",
                 rp.version, RULES_FORMAT_VERSION);
        ok = false;
    } else {
        ok = syntax.count == 0 && rp.pending.count == 0;
        pending_take(&rp.pending, &syntax, name);
        pending_flush(&rp.pending, name, diag);
        if (ok)
            ok = check_rules(out, name, rp.key_line, n_lines > 0 ? n_lines : 1, NULL, diag);
    }
    rehab_lines_free(&rp.lines);
    return ok;
}

bool rules_load(const char *path, Rules *out, Diag *diag)
{
    rules_defaults(out);
    char *text = rehab_read_text(path, diag);
    if (!text)
        return false;
    bool ok = rules_parse_string(path, text, out, diag);
    free(text);
    return ok;
}

bool rules_overrides_from_text(RuleOverrides *o, const char *text, const char *name, Diag *diag)
{
    memset(o, 0, sizeof *o);
    bool ok = true;
    int line = 0;
    for (const char *at = text ? text : ""; *at;) {
        size_t len = strcspn(at, "\n");
        char buf[256];
        line++;
        if (len >= sizeof buf) {
            diag_add(diag, name, line, "line too long");
            memset(o, 0, sizeof *o);
            return false;
        }
        memcpy(buf, at, len);
        buf[len] = '\0';
        at += len + (at[len] == '\n');
        char *eq = strchr(buf, '=');
        char *key = str_trim(buf);
        if (!*key)
            continue;
        if (!eq) {
            diag_add(diag, name, line, "'%s' is not key = value", key);
            ok = false;
            continue;
        }
        *eq = '\0';
        ok = rules_override_set(o, str_trim(buf), str_trim(eq + 1), name, line, diag) && ok;
    }
    if (!ok)
        memset(o, 0, sizeof *o);
    return ok;
}
