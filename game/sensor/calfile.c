/* sensor/calfile: per-device calibration files (see calstore.h). */
#include "sensor/calfile.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/str.h"
#include "ini/inifile.h"

#define CAL_SECTION "calibration"
#define NAME_PART_MAX 80 /* keeps the file name far below NAME_MAX (255) */

bool calstore_applies(const SensorInfo *si)
{
    return si && (si->caps & SAMPLE_FORCE) && !si->force_is_proxy;
}

/* Appends s reduced to [A-Za-z0-9] runs joined by single '-', at most max bytes. */
static void append_sanitised(char *out, size_t cap, const char *s, size_t max)
{
    size_t len = strlen(out), added = 0;
    bool dash = len > 0 && out[len - 1] == '-';
    for (; *s && added < max && len + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (keep) {
            out[len++] = (char)c;
            added++;
            dash = false;
        } else if (!dash && len > 0) {
            out[len++] = '-';
            added++;
            dash = true;
        }
        out[len] = '\0';
    }
    while (len > 0 && out[len - 1] == '-')
        out[--len] = '\0';
}

void calstore_file_name(const SensorInfo *si, char *out, size_t cap)
{
    if (cap == 0)
        return;
    char part[2 * NAME_PART_MAX + 2] = "";
    append_sanitised(part, sizeof part, si && si->kind[0] ? si->kind : "sensor", 20);
    if (part[0])
        str_copy(part + strlen(part), sizeof part - strlen(part), "-");
    append_sanitised(part, sizeof part, si ? si->name : "", NAME_PART_MAX);
    if (!part[0])
        str_copy(part, sizeof part, "sensor");
    snprintf(out, cap, "calibration-%s.ini", part);
}

bool calstore_path(const char *db_path, const SensorInfo *si, char *out, size_t cap)
{
    char name[2 * NAME_PART_MAX + 32];
    calstore_file_name(si, name, sizeof name);
    const char *slash = db_path ? strrchr(db_path, '/') : NULL;
    int n;
    if (!slash)
        n = snprintf(out, cap, "%s", name);
    else
        n = snprintf(out, cap, "%.*s/%s", (int)(slash - db_path), db_path, name);
    return n >= 0 && (size_t)n < cap;
}

/* ---- reading ---- */

typedef struct CalRead {
    const char *path;
    Diag *diag;
    double scale, offset;
    int scale_line, offset_line, version_line;
} CalRead;

static bool read_number(CalRead *r, const char *key, const char *value, int line, double *out)
{
    if (!str_to_double(value, out)) {
        diag_add(r->diag, r->path, line, "%s must be a number (got '%s')", key, value);
        return false;
    }
    return true;
}

static void on_key(void *user, const char *section, const char *key, const char *value, int line)
{
    CalRead *r = user;
    if (strcmp(section, CAL_SECTION) != 0) {
        diag_add(r->diag, r->path, line, "'%s' is outside the [" CAL_SECTION "] section", key);
        return;
    }
    int *seen = NULL;
    if (strcmp(key, "version") == 0)
        seen = &r->version_line;
    else if (strcmp(key, "scale_n_per_count") == 0)
        seen = &r->scale_line;
    else if (strcmp(key, "offset_n") == 0)
        seen = &r->offset_line;
    else if (strcmp(key, "kind") == 0 || strcmp(key, "sensor") == 0)
        return; /* for people reading the file; the file name already says which device */
    else {
        diag_add(r->diag, r->path, line, "unknown key '%s'", key);
        return;
    }
    if (*seen) {
        diag_add(r->diag, r->path, line, "'%s' is given twice (first on line %d)", key, *seen);
        return;
    }
    *seen = line;
    double v;
    if (!read_number(r, key, value, line, &v))
        return;
    if (seen == &r->version_line) {
        if (v != floor(v) || v < 1)
            diag_add(r->diag, r->path, line, "version must be a whole number from 1 (got '%s')",
                     value);
        else if (v > CALSTORE_VERSION)
            diag_add(r->diag, r->path, line,
                     "written by a newer Bridgehold (version %s; this one reads %d)", value,
                     CALSTORE_VERSION);
    } else if (seen == &r->scale_line) {
        if (v == 0)
            diag_add(r->diag, r->path, line, "scale_n_per_count must not be 0");
        r->scale = v;
    } else {
        r->offset = v;
    }
}

/* What every read ends with: the required keys, then the result. */
static bool finish_read(const CalRead *r, bool ok, size_t before, Calibration *out)
{
    if (ok && !r->version_line)
        diag_add(r->diag, r->path, 0, "missing 'version' in [" CAL_SECTION "]");
    if (ok && !r->scale_line)
        diag_add(r->diag, r->path, 0, "missing 'scale_n_per_count' in [" CAL_SECTION "]");
    if (ok && !r->offset_line)
        diag_add(r->diag, r->path, 0, "missing 'offset_n' in [" CAL_SECTION "]");
    if (!ok || r->diag->count != before)
        return false;
    out->scale_n_per_count = r->scale;
    out->offset_n = r->offset;
    return true;
}

bool calstore_load(const char *path, Calibration *out, bool *found, Diag *diag)
{
    *found = false;
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return true;
    *found = true;
    CalRead r = {.path = path, .diag = diag};
    size_t before = diag->count;
    bool ok = ini_read_file(path, on_key, &r, diag, NULL);
    return finish_read(&r, ok, before, out);
}

bool calstore_parse_string(const char *name, const char *text, Calibration *out, Diag *diag)
{
    CalRead r = {.path = name, .diag = diag};
    size_t before = diag->count;
    bool ok = ini_read_string(name, text, on_key, &r, diag, NULL);
    return finish_read(&r, ok, before, out);
}

/* ---- writing ---- */

/* The device name as a comment-safe, one-line value (inih treats " ;" as a comment). */
static void plain_value(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        out[n++] = (c < 0x20 || c == 0x7f || c == ';' || c == '#') ? ' ' : (char)c;
    }
    out[n] = '\0';
}

bool calstore_save(const char *path, const SensorInfo *si, const Calibration *cal, char *err,
                   size_t errlen)
{
    if (!isfinite(cal->scale_n_per_count) || cal->scale_n_per_count == 0 ||
        !isfinite(cal->offset_n)) {
        snprintf(err, errlen, "not saved: the calibration is not a usable line");
        return false;
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(err, errlen, "not saved: the path is too long");
        return false;
    }
    int fd = mkstemp(tmp); /* created 0600; unique, so two programs never share a temp file */
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    (void)fchmod(fd, S_IRUSR | S_IWUSR);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        return false;
    }
    char name[sizeof si->name], kind[sizeof si->kind];
    plain_value(name, sizeof name, si ? si->name : "");
    plain_value(kind, sizeof kind, si ? si->kind : "");
    fprintf(f, "; Bridgehold sensor calibration: newtons = scale_n_per_count * reading + offset_n\n"
               "; Written by the sensor set-up screen. Delete this file to forget it.\n"
               "[" CAL_SECTION "]\nversion = %d\nkind = %s\nsensor = %s\n"
               "scale_n_per_count = %.17g\noffset_n = %.17g\n",
            CALSTORE_VERSION, kind, name, cal->scale_n_per_count, cal->offset_n);
    /* Flushed to the disk before the rename, so the new name never points at lost data. */
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fd) == 0;
    int e = ok ? 0 : errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(e ? e : EIO));
        unlink(tmp);
        return false;
    }
    return true;
}
