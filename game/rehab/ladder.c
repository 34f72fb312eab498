/* rehab/ladder: the levels a patient climbs (the .ini files of levels/) and `levels check`. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/str.h"
#include "rehab/level.h"
#include "rehab/rehab_internal.h"

static int by_id(const void *a, const void *b)
{
    return strcmp(((const Level *)a)->id, ((const Level *)b)->id);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_rules_file(const char *path)
{
    const char *slash = strrchr(path, '/');
    return strcmp(slash ? slash + 1 : path, "rules.ini") == 0;
}

bool ladder_load_files(const char *const *paths, size_t n, Ladder *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    bool ok = true;
    out->levels = xcalloc(n ? n : 1, sizeof *out->levels);
    Level *lv = xmalloc(sizeof *lv);
    for (size_t i = 0; i < n; i++) {
        if (!level_load(paths[i], lv, diag)) {
            ok = false;
            continue;
        }
        /* The second file with an id is the one to fix: point there and name the first. */
        bool dup = false;
        for (size_t j = 0; j < out->count && !dup; j++) {
            const Level *first = &out->levels[j];
            if (strcmp(first->id, lv->id) == 0) {
                diag_add(diag, lv->path, lv->line_of_id,
                         "duplicate level id '%s' (already used by %s:%d)", lv->id, first->path,
                         first->line_of_id);
                dup = true;
            }
        }
        if (dup) {
            ok = false;
            continue;
        }
        out->levels[out->count++] = *lv;
    }
    free(lv);
    if (ok && out->count > 1)
        qsort(out->levels, out->count, sizeof *out->levels, by_id);
    if (!ok)
        ladder_free(out);
    return ok;
}

/* The level files of a folder, sorted by name; NULL with a message when it cannot be read. */
static char **list_level_files(const char *dir, size_t *n, Diag *diag)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_add(diag, dir, 0, "cannot open the levels folder: %s", strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        /* Hidden files are editors' locks and backups, not levels. */
        if (name[0] == '.' || !str_ends_with(name, ".ini") || strcmp(name, "rules.ini") == 0)
            continue;
        size_t len = strlen(dir) + strlen(name) + 2;
        char *path = xmalloc(len);
        snprintf(path, len, "%s/%s", dir, name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        void *p = names;
        xgrow(&p, &cap, *n + 1, sizeof *names);
        names = p;
        names[(*n)++] = path;
    }
    closedir(d);
    if (*n > 1)
        qsort(names, *n, sizeof *names, by_string);
    return names ? names : xcalloc(1, sizeof *names);
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

bool ladder_load_dir(const char *dir, Ladder *out, Diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t n = 0;
    char **names = list_level_files(dir, &n, diag);
    if (!names)
        return false;
    if (n == 0) {
        diag_add(diag, dir, 0, "no level files (*.ini other than rules.ini) in this folder");
        free(names);
        return false;
    }
    bool ok = ladder_load_files((const char *const *)names, n, out, diag);
    free_list(names, n);
    return ok;
}

void ladder_free(Ladder *l)
{
    free(l->levels);
    l->levels = NULL;
    l->count = 0;
}

int ladder_find(const Ladder *l, const char *id)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->levels[i].id, id) == 0)
            return (int)i;
    }
    return -1;
}

/* Each level's [unlock] combined with the rules it will run under must still make sense. */
static bool check_unlocks(const Ladder *l, const Rules *base, Diag *diag)
{
    bool ok = true;
    for (size_t i = 0; i < l->count; i++) {
        const Level *lv = &l->levels[i];
        if (!lv->line_of_unlock)
            continue;
        Rules r = *base;
        rules_apply_overrides(&r, &lv->unlock);
        char where[64];
        snprintf(where, sizeof where, "once %s's [unlock] is applied", lv->id);
        ok = rules_check(&r, lv->path, lv->line_of_unlock, where, diag) && ok;
    }
    return ok;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool check_dir(const char *dir, size_t *n_levels, Diag *diag)
{
    Ladder l;
    bool ok = ladder_load_dir(dir, &l, diag);
    *n_levels += l.count;
    size_t len = strlen(dir) + sizeof "/rules.ini";
    char *rules_path = xmalloc(len);
    snprintf(rules_path, len, "%s/rules.ini", dir);
    Rules r;
    rules_defaults(&r);
    struct stat st;
    bool rules_ok = true;
    if (stat(rules_path, &st) == 0)
        rules_ok = rules_load(rules_path, &r, diag);
    if (ok && rules_ok)
        ok = check_unlocks(&l, &r, diag);
    free(rules_path);
    ladder_free(&l);
    return ok && rules_ok;
}

bool levels_check(const char *const *paths, size_t n_paths, const char *default_dir,
                  size_t *n_levels, Diag *diag)
{
    *n_levels = 0;
    if (n_paths == 0)
        return check_dir(default_dir, n_levels, diag);
    bool ok = true;
    const char **files = xcalloc(n_paths, sizeof *files);
    size_t n_files = 0;
    for (size_t i = 0; i < n_paths; i++) {
        if (is_dir(paths[i])) {
            ok = check_dir(paths[i], n_levels, diag) && ok;
        } else if (is_rules_file(paths[i])) {
            Rules r;
            ok = rules_load(paths[i], &r, diag) && ok;
        } else {
            files[n_files++] = paths[i];
        }
    }
    if (n_files) {
        Ladder l;
        bool lok = ladder_load_files(files, n_files, &l, diag);
        *n_levels += l.count;
        Rules r;
        rules_defaults(&r);
        if (lok)
            lok = check_unlocks(&l, &r, diag);
        ladder_free(&l);
        ok = ok && lok;
    }
    free(files);
    return ok;
}
