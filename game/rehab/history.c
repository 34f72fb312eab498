/* rehab/history: the History CSV. Strict, because a wrong pain number moves a patient's level:
 * every bad field is reported with its line, and nothing is guessed. */
#include "rehab/history.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "rehab/rehab_internal.h"

enum {
    COL_DATE, COL_LEVEL, COL_QUALITY, COL_BEFORE, COL_DURING, COL_AFTER, COL_NEXT,
    N_REQUIRED, /* the columns before this one must be there; those after are optional */
    COL_SOURCE = N_REQUIRED, COL_SETS_DONE, COL_SETS_PRESCRIBED, COL_MEASURE, N_COLS
};

static const char *const COLUMNS[N_COLS] = {
    "date",       "level",      "quality_pct", "pain_before",     "pain_during", "pain_after",
    "pain_next_morning", "source", "sets_done", "sets_prescribed", "measure"};

/* Howard Hinnant's civil_from_days, the inverse of history_day_number. */
void history_civil_from_day(long z, long *year, int *month, int *day)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long history_day_number(int year, int month, int day)
{
    long y = (long)year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : DAYS[m - 1];
}

bool history_parse_date(const char *s, SessionRecord *r)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    }
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    r->year = y;
    r->month = m;
    r->day = d;
    r->day_number = history_day_number(y, m, d);
    return true;
}

void history_add(History *h, const SessionRecord *r)
{
    void *p = h->rows;
    xgrow(&p, &h->cap, h->count + 1, sizeof *h->rows);
    h->rows = p;
    h->rows[h->count++] = *r;
}

void history_free(History *h)
{
    free(h->rows);
    memset(h, 0, sizeof *h);
}

/* Splits one CSV line in place into at most max fields; quoted fields lose their quotes ("" is
 * one quote). Returns the number of fields, or -1 for a broken quote. */
static int split_fields(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        char *start = p;
        if (*p == '"') {
            char *w = p;
            p++;
            for (;;) {
                if (*p == '\0')
                    return -1;
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p != ',' && *p != '\0')
                return -1;
            char end = *p;
            *w = '\0';
            if (n < max)
                fields[n] = start;
            n++;
            if (end == '\0')
                return n;
            p++;
            continue;
        }
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (n < max)
            fields[n] = str_trim(start);
        n++;
        if (!comma)
            return n;
        p = comma + 1;
    }
}

typedef struct CsvParse {
    const char *name;
    const Ladder *ladder;
    Diag *diag;
    int col[N_COLS]; /* field index of each column */
    int n_header;
    bool have_header;
} CsvParse;

static void read_header(CsvParse *cp, char **fields, int n, int line)
{
    cp->have_header = true;
    cp->n_header = n;
    for (int c = 0; c < N_COLS; c++)
        cp->col[c] = -1;
    for (int i = 0; i < n && i < 64; i++) {
        for (int c = 0; c < N_COLS; c++) {
            if (!str_eq_nocase(fields[i], COLUMNS[c]))
                continue;
            if (cp->col[c] >= 0)
                diag_add(cp->diag, cp->name, line, "column '%s' appears twice in the header",
                         COLUMNS[c]);
            cp->col[c] = i;
        }
    }
    for (int c = 0; c < N_REQUIRED; c++) {
        if (cp->col[c] < 0)
            diag_add(cp->diag, cp->name, line,
                     "the header has no '%s' column (a history needs date, level, quality_pct, "
                     "pain_before, pain_during, pain_after, pain_next_morning)",
                     COLUMNS[c]);
    }
}

/* Parses an optional number in [0, hi]; empty = NAN. */
static bool read_measure(CsvParse *cp, const char *s, int c, double hi, double *out, int line)
{
    if (*s == '\0') {
        *out = NAN;
        return true;
    }
    double v;
    if (!str_to_double(s, &v)) {
        diag_add(cp->diag, cp->name, line, "%s: '%s' is not a number", COLUMNS[c], s);
        return false;
    }
    if (v < 0 || v > hi) {
        diag_add(cp->diag, cp->name, line, "%s = %s is out of range: it must be from 0 to %g%s",
                 COLUMNS[c], s, hi, hi == 10 ? " (pain is rated 0–10)" : " (%)");
        return false;
    }
    *out = v;
    return true;
}

/* An optional whole number of sets; empty = 0 (unknown). */
static bool read_sets(CsvParse *cp, char **fields, int c, int *out, int line)
{
    *out = 0;
    if (cp->col[c] < 0 || *fields[cp->col[c]] == '\0')
        return true;
    const char *s = fields[cp->col[c]];
    long v;
    if (!str_to_long(s, 0, 1000, &v)) {
        diag_add(cp->diag, cp->name, line, "%s: '%s' is not a number of sets (0 to 1000)",
                 COLUMNS[c], s);
        return false;
    }
    *out = (int)v;
    return true;
}

/* source: "live", or what made a practice session (sim, replay, capture, demo, practice). */
static bool read_source(CsvParse *cp, char **fields, bool *practice, int line)
{
    *practice = false;
    if (cp->col[COL_SOURCE] < 0)
        return true; /* histories from before provenance: every row is live */
    const char *s = fields[cp->col[COL_SOURCE]];
    if (*s == '\0') {
        diag_add(cp->diag, cp->name, line,
                 "source is empty (live, or sim, replay, capture or demo for practice)");
        return false;
    }
    *practice = !str_eq_nocase(s, "live");
    return true;
}

/* measure: force, angle, self_timed or none (empty: force). */
static bool read_measure_kind(CsvParse *cp, char **fields, SessionRecord *r, int line)
{
    if (cp->col[COL_MEASURE] < 0)
        return true;
    const char *s = fields[cp->col[COL_MEASURE]];
    if (*s == '\0' || str_eq_nocase(s, "force") || str_eq_nocase(s, "angle") ||
        str_eq_nocase(s, "none"))
        return true;
    if (str_eq_nocase(s, "self_timed")) {
        r->self_timed = true;
        return true;
    }
    diag_add(cp->diag, cp->name, line,
             "measure '%.40s' is not one of force, angle, self_timed, none", s);
    return false;
}

static bool read_level(CsvParse *cp, const char *s, SessionRecord *r, int line)
{
    if (*s == '\0') {
        diag_add(cp->diag, cp->name, line, "level is empty");
        return false;
    }
    if (!str_copy(r->level, sizeof r->level, s)) {
        diag_add(cp->diag, cp->name, line, "level '%.40s' is too long for a level id", s);
        return false;
    }
    if (cp->ladder && ladder_find(cp->ladder, s) < 0) {
        const Ladder *l = cp->ladder;
        if (l->count)
            diag_add(cp->diag, cp->name, line, "level '%s' is not in the ladder (%s to %s)", s,
                     l->levels[0].id, l->levels[l->count - 1].id);
        else
            diag_add(cp->diag, cp->name, line, "level '%s' is not in the ladder (it is empty)", s);
        return false;
    }
    return true;
}

static void read_row(CsvParse *cp, char **fields, int n, int line, History *out)
{
    if (n != cp->n_header) {
        diag_add(cp->diag, cp->name, line, "has %d field%s; the header has %d", n,
                 n == 1 ? "" : "s", cp->n_header);
        return;
    }
    SessionRecord r = {.line = line};
    bool ok = true;
    const char *date = fields[cp->col[COL_DATE]];
    if (!history_parse_date(date, &r)) {
        diag_add(cp->diag, cp->name, line, "date '%s' is not a date like 2025-03-07", date);
        ok = false;
    }
    ok = read_level(cp, fields[cp->col[COL_LEVEL]], &r, line) && ok;
    ok = read_measure(cp, fields[cp->col[COL_QUALITY]], COL_QUALITY, 100, &r.quality_pct, line) &&
         ok;
    ok = read_measure(cp, fields[cp->col[COL_BEFORE]], COL_BEFORE, 10, &r.pain_before, line) && ok;
    ok = read_measure(cp, fields[cp->col[COL_DURING]], COL_DURING, 10, &r.pain_during, line) && ok;
    ok = read_measure(cp, fields[cp->col[COL_AFTER]], COL_AFTER, 10, &r.pain_after, line) && ok;
    ok = read_measure(cp, fields[cp->col[COL_NEXT]], COL_NEXT, 10, &r.pain_next_morning, line) &&
         ok;
    bool practice = false;
    ok = read_source(cp, fields, &practice, line) && ok;
    ok = read_sets(cp, fields, COL_SETS_DONE, &r.sets_done, line) && ok;
    ok = read_sets(cp, fields, COL_SETS_PRESCRIBED, &r.sets_prescribed, line) && ok;
    ok = read_measure_kind(cp, fields, &r, line) && ok;
    if (!ok)
        return;
    if (practice) { /* CLINICAL.md: practice never moves a level, so the rules never see it */
        out->practice_skipped++;
        return;
    }
    /* The day windows read "the last session" and "before it" from the row order. */
    const SessionRecord *prev = out->count ? &out->rows[out->count - 1] : NULL;
    if (prev && r.day_number < prev->day_number) {
        diag_add(cp->diag, cp->name, line,
                 "date %s is before the row above (%04d-%02d-%02d, line %d); rows must be in "
                 "date order",
                 date, prev->year, prev->month, prev->day, prev->line);
        return;
    }
    history_add(out, &r);
}

bool history_parse_string(const char *name, const char *text, const Ladder *ladder, History *out,
                          Diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t before = diag->count;
    CsvParse cp = {.name = name, .ladder = ladder, .diag = diag};
    char *copy = xstrdup(text);
    char *p = copy;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    int line = 0;
    enum { MAX_FIELDS = 64 };
    char *fields[MAX_FIELDS];
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        char *start = p;
        p = nl ? nl + 1 : p + len;
        while (*start == ' ' || *start == '\t')
            start++;
        if (*start == '\0' || *start == '#')
            continue;
        int n = split_fields(start, fields, MAX_FIELDS);
        if (n < 0 || n > MAX_FIELDS) {
            if (n < 0)
                diag_add(diag, name, line, "a quoted field has no closing quote");
            else
                diag_add(diag, name, line, "has %d fields; a history has at most %d", n,
                         MAX_FIELDS);
            if (!cp.have_header)
                break; /* the header is unreadable: no row can be read */
            continue;
        }
        if (!cp.have_header) {
            read_header(&cp, fields, n, line);
            if (diag->count != before)
                break; /* without the columns no row can be read */
            continue;
        }
        read_row(&cp, fields, n, line, out);
    }
    if (!cp.have_header && diag->count == before)
        diag_add(diag, name, line,
                 "has no header line (date,level,quality_pct,pain_before,pain_during,pain_after,"
                 "pain_next_morning)");
    free(copy);
    return diag->count == before;
}

bool history_load(const char *path, const Ladder *ladder, History *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    char *text = rehab_read_text(path, diag);
    if (!text)
        return false;
    bool ok = history_parse_string(path, text, ladder, out, diag);
    free(text);
    return ok;
}
