/* clinic/prescribe: a clinician's change to a prescription, checked against the ladder and the
 * rules before anything is written, then saved with the patient's level in one transaction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/clinic.h"
#include "core/diag.h"
#include "core/str.h"

#define MAX_RULE_LINES 32

typedef struct RuleLine {
    char key[48];
    char value[48];
} RuleLine;

/* Splits the stored "key = value" lines. Lines that do not parse are dropped (they cannot have
 * been written by this code). */
static size_t parse_lines(const char *text, RuleLine *out, size_t cap)
{
    size_t n = 0;
    while (*text && n < cap) {
        size_t len = strcspn(text, "\n");
        char line[128];
        snprintf(line, sizeof line, "%.*s", (int)(len < 127 ? len : 127), text);
        char *eq = strchr(line, '=');
        if (eq) {
            *eq = '\0';
            char *k = str_trim(line), *v = str_trim(eq + 1);
            if (k[0] && v[0] && str_copy(out[n].key, sizeof out[n].key, k) &&
                str_copy(out[n].value, sizeof out[n].value, v))
                n++;
        }
        text += len;
        if (*text == '\n')
            text++;
    }
    return n;
}

/* Applies the "key=value" arguments to the lines, checking each as a level's [unlock] is. */
static bool merge_rules(const ClinicChange *c, RuleLine *lines, size_t *n, const Rules *base,
                        char *msg, size_t cap)
{
    Diag d;
    diag_init(&d);
    RuleOverrides o = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < c->n_rules; i++) {
        char arg[128];
        if (!str_copy(arg, sizeof arg, c->rules[i]) || !strchr(arg, '=')) {
            snprintf(msg, cap, "--rule %s: give it as key=value (like red_pain_during_above=4)",
                     c->rules[i]);
            ok = false;
            break;
        }
        char *eq = strchr(arg, '=');
        *eq = '\0';
        char *k = str_trim(arg), *v = str_trim(eq + 1);
        if (!rules_is_key(k)) {
            snprintf(msg, cap, "--rule %s: '%s' is not a rule (the keys of levels/rules.ini)",
                     c->rules[i], k);
            ok = false;
            break;
        }
        size_t at = 0;
        while (at < *n && strcmp(lines[at].key, k) != 0)
            at++;
        if (!v[0]) { /* "key=": back to the rules' own value */
            if (at < *n)
                memmove(&lines[at], &lines[at + 1], (*n - at - 1) * sizeof *lines);
            *n -= at < *n;
            continue;
        }
        if (strlen(v) >= sizeof lines[0].value || !rules_override_set(&o, k, v, "--rule", 0, &d)) {
            snprintf(msg, cap, "%s", diag_has_errors(&d) ? diag_first(&d) : "value too long");
            ok = false;
            break;
        }
        if (at == *n) {
            if (*n == MAX_RULE_LINES) {
                snprintf(msg, cap, "too many rule overrides (at most %d)", MAX_RULE_LINES);
                ok = false;
                break;
            }
            (*n)++;
            str_copy(lines[at].key, sizeof lines[at].key, k);
        }
        str_copy(lines[at].value, sizeof lines[at].value, v);
    }
    if (ok) { /* the whole set together must still make sense with the ladder's rules */
        RuleOverrides all = {0};
        for (size_t i = 0; ok && i < *n; i++)
            ok = rules_override_set(&all, lines[i].key, lines[i].value, "prescription", 0, &d);
        Rules r = *base;
        rules_apply_overrides(&r, &all);
        if (ok)
            ok = rules_check(&r, "prescription", 0, "with the prescription's overrides", &d);
        if (!ok)
            snprintf(msg, cap, "%s", diag_first(&d));
    }
    diag_free(&d);
    return ok;
}

static int level_index(const Ladder *l, const char *id, const char *opt, char *msg, size_t cap)
{
    int i = ladder_find(l, id);
    if (i < 0) {
        StrBuf b;
        strbuf_init(&b);
        for (size_t k = 0; k < l->count; k++)
            strbuf_appendf(&b, "%s%s", k ? ", " : "", l->levels[k].id);
        snprintf(msg, cap, "%s %s: there is no such level (the ladder has %s)", opt, id, b.data);
        strbuf_free(&b);
    }
    return i;
}

bool clinic_prescribe(Store *s, const Ladder *ladder, const Rules *base, int64_t profile_id,
                      const ClinicChange *c, const char *clinician, const char *reason,
                      char *msg, size_t cap, bool *usage)
{
    *usage = true;
    msg[0] = '\0';
    if (!reason || !reason[0]) {
        snprintf(msg, cap, "a prescription change needs its reason (--reason TEXT)");
        return false;
    }
    StoreProfile p;
    StorePrescription rx;
    bool found;
    if (!store_profile_get_by_id(s, profile_id, &p, &found) || !found ||
        !store_prescription_get(s, profile_id, &rx, &found)) {
        snprintf(msg, cap, "%s", found ? store_errmsg(s) : "no such patient");
        *usage = !found;
        return false;
    }
    if (c->level) {
        if (level_index(ladder, c->level, "--level", msg, cap) < 0)
            return false;
        str_copy(rx.start_level, sizeof rx.start_level, c->level);
    }
    if (c->cap) {
        bool none = !c->cap[0] || strcmp(c->cap, "none") == 0;
        if (!none && level_index(ladder, c->cap, "--cap", msg, cap) < 0)
            return false;
        str_copy(rx.level_cap, sizeof rx.level_cap, none ? "" : c->cap);
    }
    int cap_i = rx.level_cap[0] ? ladder_find(ladder, rx.level_cap) : -1;
    int start_i = rx.start_level[0] ? ladder_find(ladder, rx.start_level) : -1;
    if (cap_i >= 0 && start_i > cap_i) {
        snprintf(msg, cap, "the starting level %s is above the cap %s; lower the level or raise "
                           "the cap",
                 rx.start_level, rx.level_cap);
        return false;
    }
    if (c->has_sets) {
        if (c->sets < 0 || c->sets > 20) {
            snprintf(msg, cap, "--sets %d: give 1 to 20 sets (0 = the level's own)", c->sets);
            return false;
        }
        rx.sets = c->sets;
    }
    if (c->has_hold) {
        if (!isnan(c->hold_s) && !(c->hold_s >= 1 && c->hold_s <= 600)) {
            snprintf(msg, cap, "--hold %g: give 1 to 600 seconds", c->hold_s);
            return false;
        }
        rx.hold_s = c->hold_s;
    }
    if (c->has_rest) {
        if (!isnan(c->rest_s) && !(c->rest_s >= 0 && c->rest_s <= 1800)) {
            snprintf(msg, cap, "--rest %g: give 0 to 1800 seconds", c->rest_s);
            return false;
        }
        rx.rest_s = c->rest_s;
    }
    if (c->n_rules) {
        RuleLine lines[MAX_RULE_LINES];
        size_t n = parse_lines(rx.overrides, lines, MAX_RULE_LINES);
        if (!merge_rules(c, lines, &n, base, msg, cap))
            return false;
        StrBuf b;
        strbuf_init(&b);
        for (size_t i = 0; i < n; i++)
            strbuf_appendf(&b, "%s = %s\n", lines[i].key, lines[i].value);
        bool fits = str_copy(rx.overrides, sizeof rx.overrides, b.data);
        strbuf_free(&b);
        if (!fits) {
            snprintf(msg, cap, "the rule overrides are too long together");
            return false;
        }
    }
    /* The patient's level: to the new start level, or down to a cap below it. */
    const char *move = NULL;
    int now_i = ladder_find(ladder, p.level);
    if (c->level && strcmp(c->level, p.level) != 0)
        move = c->level;
    else if (c->cap && cap_i >= 0 && now_i > cap_i)
        move = rx.level_cap;

    *usage = false;
    if (!store_batch_begin(s)) {
        snprintf(msg, cap, "%s", store_errmsg(s));
        return false;
    }
    bool ok = store_prescription_set(s, &rx, clinician, reason) &&
              (!move || store_profile_set_level(s, profile_id, move, clinician));
    if (ok)
        ok = store_batch_commit(s);
    else
        store_batch_rollback(s);
    if (!ok) {
        *usage = store_errkind(s) == STORE_E_INVALID;
        snprintf(msg, cap, "nothing was changed: %s", store_errmsg(s));
    }
    return ok;
}
