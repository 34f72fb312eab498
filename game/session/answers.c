/* session/answers: parse the headless answers file with the line-numbered INI reader. */
#include "session/answers.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "ini/inifile.h"

typedef struct Ctx {
    Answers *a;
    Diag *d;
    const char *name;
} Ctx;

static bool parse_yes_no(const char *v, bool *out)
{
    if (str_eq_nocase(v, "yes") || str_eq_nocase(v, "true") || strcmp(v, "1") == 0)
        *out = true;
    else if (str_eq_nocase(v, "no") || str_eq_nocase(v, "false") || strcmp(v, "0") == 0)
        *out = false;
    else
        return false;
    return true;
}

static bool parse_pain(Ctx *c, const char *key, const char *v, int line, int *out)
{
    long n;
    if (!str_to_long(v, 0, 10, &n)) {
        diag_add(c->d, c->name, line, "%s: '%s' is not a pain score (a whole number 0 to 10)",
                 key, v);
        return false;
    }
    *out = (int)n;
    return true;
}

static void on_key(void *user, const char *section, const char *key, const char *value, int line)
{
    Ctx *c = user;
    Answers *a = c->a;
    if (section[0]) {
        diag_add(c->d, c->name, line, "sections are not used in an answers file ([%s])",
                 section);
        return;
    }
    if (strcmp(key, "red_flags") == 0) {
        if (!parse_yes_no(value, &a->red_flags))
            diag_add(c->d, c->name, line, "red_flags: '%s' should be yes or no", value);
        a->has_red_flags = true;
    } else if (strcmp(key, "practice") == 0) {
        if (!parse_yes_no(value, &a->practice))
            diag_add(c->d, c->name, line, "practice: '%s' should be yes or no", value);
        a->has_practice = true;
    } else if (strcmp(key, "pain_before") == 0) {
        a->has_pain_before = parse_pain(c, key, value, line, &a->pain_before);
    } else if (strcmp(key, "pain_after") == 0) {
        a->has_pain_after = parse_pain(c, key, value, line, &a->pain_after);
    } else if (strcmp(key, "pain_next_morning") == 0) {
        a->has_pain_next_morning = parse_pain(c, key, value, line, &a->pain_next_morning);
    } else if (strcmp(key, "sitting_minutes") == 0) {
        long m;
        if (!str_to_long(value, 0, 1440, &m))
            diag_add(c->d, c->name, line,
                     "sitting_minutes: '%s' should be whole minutes, 0 to 1440", value);
        else {
            a->has_sitting_minutes = true;
            a->sitting_minutes = (int)m;
        }
    } else if (strcmp(key, "pain_set") == 0) {
        char buf[256];
        if (!str_copy(buf, sizeof buf, value)) {
            diag_add(c->d, c->name, line, "pain_set: too long");
            return;
        }
        a->n_pain_set = 0;
        char *save = NULL;
        for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (a->n_pain_set >= ANSWERS_MAX_SETS) {
                diag_add(c->d, c->name, line, "pain_set: more than %d values",
                         ANSWERS_MAX_SETS);
                return;
            }
            int p;
            if (!parse_pain(c, key, str_trim(tok), line, &p))
                return;
            a->pain_set[a->n_pain_set++] = p;
        }
        if (a->n_pain_set == 0)
            diag_add(c->d, c->name, line, "pain_set: no values");
    } else {
        diag_add(c->d, c->name, line,
                 "unknown key '%s' (known: red_flags, pain_before, pain_set, pain_after, "
                 "practice, pain_next_morning, sitting_minutes)",
                 key);
    }
}

bool answers_load(const char *path, Answers *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    str_copy(out->path, sizeof out->path, path);
    Ctx c = {out, diag, path};
    return ini_read_file(path, on_key, &c, diag, NULL);
}

bool answers_parse_string(const char *name, const char *text, Answers *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    str_copy(out->path, sizeof out->path, name);
    Ctx c = {out, diag, name};
    return ini_read_string(name, text, on_key, &c, diag, NULL);
}

int answers_pain_for_set(const Answers *a, int index)
{
    if (a->n_pain_set == 1)
        return a->pain_set[0];
    if (index >= 1 && index <= a->n_pain_set)
        return a->pain_set[index - 1];
    return -1;
}
