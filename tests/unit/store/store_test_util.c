/* Helpers shared by the store tests (see store_test_util.h). */
#include "store_test_util.h"

#include <dirent.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

char *tu_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    char buf[1024];
    snprintf(buf, sizeof buf, "%s/bh-store-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(buf)) {
        perror("mkdtemp");
        abort();
    }
    return strdup(buf);
}

void tu_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[2048];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                chmod(p, 0700);
                tu_rmtree(p);
            } else {
                unlink(p);
            }
        }
        closedir(d);
    }
    rmdir(dir);
}

Store *tu_store_fresh(char **dir)
{
    *dir = tu_tempdir();
    StoreError err;
    Store *s = store_open(*dir, &err);
    if (!s)
        fprintf(stderr, "%s\n", err.msg);
    return s;
}

void tu_store_drop(Store *s, char *dir)
{
    store_close(s);
    tu_rmtree(dir);
    free(dir);
}

unsigned char *tu_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    fclose(f);
    buf[len] = '\0';
    *n = len;
    return buf;
}

bool tu_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

const char *tu_path(const char *dir, const char *name)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

bool tu_sql(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    bool ok = sqlite3_open(db_path, &db) == SQLITE_OK;
    char *msg = NULL;
    if (ok && sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "tu_sql: %s\n", msg ? msg : "?");
        ok = false;
    }
    sqlite3_free(msg);
    sqlite3_close(db);
    return ok;
}

long long tu_sql_int(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

int tu_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

int64_t tu_noon(int year, int month, int day)
{
    struct tm tm = {0};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

/* ---- a minimal JSON checker (recursive descent) ---- */

typedef struct J {
    const char *p;
    int depth;
} J;

static void j_ws(J *j)
{
    while (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')
        j->p++;
}

static bool j_value(J *j);

static bool j_string(J *j)
{
    if (*j->p != '"')
        return false;
    for (j->p++; *j->p != '"'; j->p++) {
        unsigned char c = (unsigned char)*j->p;
        if (c < 0x20)
            return false;
        if (c == '\\') {
            j->p++;
            if (*j->p == 'u') {
                for (int i = 1; i <= 4; i++) {
                    char h = j->p[i];
                    bool hex = (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
                               (h >= 'A' && h <= 'F');
                    if (!hex)
                        return false;
                }
                j->p += 4;
            } else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
                return false;
            }
        }
    }
    j->p++;
    return true;
}

static bool j_number(J *j)
{
    const char *s = j->p;
    if (*j->p == '-')
        j->p++;
    if (*j->p == '0')
        j->p++;
    else if (*j->p >= '1' && *j->p <= '9')
        while (*j->p >= '0' && *j->p <= '9')
            j->p++;
    else
        return false;
    if (*j->p == '.') {
        j->p++;
        if (!(*j->p >= '0' && *j->p <= '9'))
            return false;
        while (*j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if (*j->p == 'e' || *j->p == 'E') {
        j->p++;
        if (*j->p == '+' || *j->p == '-')
            j->p++;
        if (!(*j->p >= '0' && *j->p <= '9'))
            return false;
        while (*j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    return j->p > s;
}

static bool j_list(J *j, char close, bool object)
{
    j->p++;
    j_ws(j);
    if (*j->p == close) {
        j->p++;
        return true;
    }
    for (;;) {
        j_ws(j);
        if (object) {
            if (!j_string(j))
                return false;
            j_ws(j);
            if (*j->p++ != ':')
                return false;
        }
        if (!j_value(j))
            return false;
        j_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p == close) {
            j->p++;
            return true;
        }
        return false;
    }
}

static bool j_value(J *j)
{
    j_ws(j);
    if (++j->depth > 64)
        return false;
    bool ok;
    switch (*j->p) {
    case '{': ok = j_list(j, '}', true); break;
    case '[': ok = j_list(j, ']', false); break;
    case '"': ok = j_string(j); break;
    case 't': ok = strncmp(j->p, "true", 4) == 0 && (j->p += 4); break;
    case 'f': ok = strncmp(j->p, "false", 5) == 0 && (j->p += 5); break;
    case 'n': ok = strncmp(j->p, "null", 4) == 0 && (j->p += 4); break;
    default: ok = j_number(j);
    }
    j->depth--;
    return ok;
}

bool tu_json_valid(const char *text)
{
    J j = {text, 0};
    if (!j_value(&j))
        return false;
    j_ws(&j);
    return *j.p == '\0';
}

/* ---- a known history ---- */

const char TU_HISTORY_CSV[] =
    "date,level,quality_pct,pain_before,pain_during,pain_after,pain_next_morning,source,"
    "sets_done,sets_prescribed,measure\n"
    "2025-03-03,L02,85,2,3,2,2,live,5,5,force\n"
    "2025-03-05,L02,75.5,1.5,4,3,,live,2,,force\n"
    "2025-03-05,L03,91.24,0,,,0,live,1,,force\n"
    "2025-03-07,L03,80,2,6,,,live,3,4,force\n"
    "2025-03-07,L10,97.5,,,,,sim,1,3,force\n";

static void must(bool ok, Store *s)
{
    if (!ok) {
        fprintf(stderr, "tu_fill_history: %s\n", store_errmsg(s));
        abort();
    }
}

static void add_set(Store *s, int64_t session, int index, double in_band, bool interrupted)
{
    StoreSample tr[3] = {{10.0, 100, 0, 0}, {10.01, 101.5, 0, 0}, {10.02, 99.25, 0, 0}};
    StoreSet set = {.index = index, .duration_s = 45, .time_in_band_pct = in_band,
                    .mean_n = 100, .peak_n = 101.5, .cv_pct = 1.2, .drift_pct_per_10s = -0.5,
                    .left_pct = NAN, .form_lost_s = NAN, .interrupted = interrupted,
                    .target_n = 100, .band_low_n = 90, .band_high_n = 110, .trace = tr,
                    .trace_n = 3};
    must(store_set_commit(s, session, &set, NULL), s);
}

static void add_pain(Store *s, int64_t profile, int64_t session, StorePainKind kind, int set,
                     double value, int64_t t)
{
    StorePain p = {.profile_id = profile, .session_id = session, .kind = kind, .set_index = set,
                   .value = value, .time = t};
    must(store_pain_add(s, &p), s);
}

static int64_t begin_as(Store *s, int64_t profile, const char *level, int64_t t,
                        StoreSource source, int sets_prescribed)
{
    StoreSession ss = {.profile_id = profile, .started = t, .source = source,
                       .origin = source == STORE_LIVE ? STORE_ORIGIN_PERSON : STORE_ORIGIN_SIM,
                       .sets_prescribed = sets_prescribed};
    strcpy(ss.level, level);
    must(store_session_begin(s, &ss), s);
    return ss.id;
}

static int64_t begin(Store *s, int64_t profile, const char *level, int64_t t)
{
    StoreSession ss = {.profile_id = profile, .started = t};
    strcpy(ss.level, level);
    must(store_session_begin(s, &ss), s);
    return ss.id;
}

int64_t tu_fill_history(Store *s)
{
    StoreProfile p = {.side = STORE_SIDE_RIGHT, .body_mass_kg = 70, .created = tu_noon(2025, 3, 1)};
    strcpy(p.name, "Ann");
    strcpy(p.level, "L03");
    must(store_profile_create(s, &p), s);
    int64_t a = p.id;

    /* 1: finished; quality from its sets (the practice hold, index 0, does not count). */
    int64_t t = tu_noon(2025, 3, 3);
    int64_t s1 = begin_as(s, a, "L02", t, STORE_LIVE, 5);
    add_pain(s, a, s1, STORE_PAIN_BEFORE, 0, 2, t + 1);
    add_set(s, s1, 0, 20, false);
    const double q1[5] = {90, 85, 80, 88, 82};
    const double p1[5] = {1, 3, 2, 2, 1};
    for (int i = 0; i < 5; i++) {
        add_set(s, s1, i + 1, q1[i], false);
        add_pain(s, a, s1, STORE_PAIN_SET, i + 1, p1[i], t + 10 + i);
    }
    add_pain(s, a, s1, STORE_PAIN_AFTER, 0, 2, t + 100);
    must(store_session_finish(s, s1, STORE_SESSION_FINISHED, t + 600, NAN), s);
    add_pain(s, a, s1, STORE_PAIN_NEXT_MORNING, 0, 2, tu_noon(2025, 3, 4) - 4 * 3600);

    /* 2: the next morning was never answered. */
    t = tu_noon(2025, 3, 5) - 3 * 3600;
    int64_t s2 = begin(s, a, "L02", t);
    add_pain(s, a, s2, STORE_PAIN_BEFORE, 0, 1.5, t + 1);
    add_set(s, s2, 1, 80, false);
    add_pain(s, a, s2, STORE_PAIN_SET, 1, 4, t + 10);
    add_set(s, s2, 2, 71, false);
    add_pain(s, a, s2, STORE_PAIN_SET, 2, 2, t + 20);
    add_pain(s, a, s2, STORE_PAIN_AFTER, 0, 3, t + 100);
    must(store_session_finish(s, s2, STORE_SESSION_FINISHED, t + 600, NAN), s);

    /* 3: same day, later; its own quality; no set or after answers; the next morning was
     * answered twice (the later answer counts). */
    t = tu_noon(2025, 3, 5);
    int64_t s3 = begin(s, a, "L03", t);
    add_pain(s, a, s3, STORE_PAIN_BEFORE, 0, 0, t + 1);
    add_set(s, s3, 1, 50, false);
    must(store_session_finish(s, s3, STORE_SESSION_FINISHED, t + 600, 91.24), s);
    add_pain(s, a, s3, STORE_PAIN_NEXT_MORNING, 0, 1, tu_noon(2025, 3, 6) - 4 * 3600);
    add_pain(s, a, s3, STORE_PAIN_NEXT_MORNING, 0, 0, tu_noon(2025, 3, 6) - 3 * 3600);

    /* 4: cut short by a crash (never finished); an interrupted set does not count for quality. */
    t = tu_noon(2025, 3, 7);
    int64_t s4 = begin_as(s, a, "L03", t, STORE_LIVE, 4);
    add_pain(s, a, s4, STORE_PAIN_BEFORE, 0, 2, t + 1);
    add_set(s, s4, 1, 60, false);
    add_pain(s, a, s4, STORE_PAIN_SET, 1, 6, t + 10);
    add_set(s, s4, 2, 100, false);
    add_set(s, s4, 3, 10, true);

    /* 4b: a simulator practice run the same afternoon, at a level Ann has not reached: kept and
     * exported with its source, never one of the rules' rows (CLINICAL.md). */
    t = tu_noon(2025, 3, 7) + 3600;
    int64_t sp = begin_as(s, a, "L10", t, STORE_PRACTICE, 3);
    add_set(s, sp, 1, 97.5, false);
    must(store_session_finish(s, sp, STORE_SESSION_INTERRUPTED, t + 100, NAN), s);

    /* 5: begun, nothing done: not counted (and it marks 4 interrupted). */
    begin(s, a, "L03", tu_noon(2025, 3, 8));

    /* Not about a session: not in the CSV. */
    add_pain(s, a, 0, STORE_PAIN_SITTING_TOLERANCE, 0, 45, tu_noon(2025, 3, 6));
    return a;
}
