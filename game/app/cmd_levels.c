/* app/cmd_levels: `bridgehold levels check [PATH...]` — validate level files (and a folder's
 * rules.ini) so a clinician who edits a level learns at once, with file:line, what is wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/args.h"
#include "app/commands.h"
#include "app/paths.h"
#include "core/alloc.h"
#include "core/diag.h"
#include "core/str.h"
#include "rehab/level.h"
#include "rehab/rules.h"

static const char *USAGE = "bridgehold levels check [PATH...]   (PATH: a level .ini or a folder)";

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Checks a folder: its levels as one ladder, and its rules.ini when there is one. */
static size_t check_dir(const char *dir, Diag *d)
{
    Ladder l = {0};
    ladder_load_dir(dir, &l, d);
    size_t count = l.count;
    ladder_free(&l);
    char rules_path[4096];
    snprintf(rules_path, sizeof rules_path, "%s/rules.ini", dir);
    struct stat st;
    if (stat(rules_path, &st) == 0) {
        Rules r;
        rules_load(rules_path, &r, d);
    }
    return count;
}

int cmd_levels(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        if (argc >= 2)
            return printf("usage: %s\nWith no PATH, checks the shipped ladder (%s).\n", USAGE,
                          paths_levels_dir()) < 0;
        return args_usage_error("levels", USAGE, "what should be done? (try 'levels check')");
    }
    if (strcmp(argv[1], "check") != 0)
        return args_usage_error("levels", USAGE, "unknown action '%s'", argv[1]);

    Diag d;
    diag_init(&d);
    size_t levels = 0;
    const char **files = xcalloc((size_t)argc, sizeof *files);
    size_t n_files = 0;
    if (argc == 2) {
        levels += check_dir(paths_levels_dir(), &d);
    }
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            free(files);
            diag_free(&d);
            return args_usage_error("levels", USAGE, "unknown option '%s'", argv[i]);
        }
        if (is_dir(argv[i]))
            levels += check_dir(argv[i], &d);
        else if (str_ends_with(argv[i], "rules.ini")) {
            Rules r;
            rules_load(argv[i], &r, &d);
        } else
            files[n_files++] = argv[i];
    }
    if (n_files) {
        Ladder l = {0};
        ladder_load_files(files, n_files, &l, &d);
        levels += l.count;
        ladder_free(&l);
    }
    free(files);
    int rc = EXIT_OK;
    if (diag_has_errors(&d)) {
        diag_print(&d, stderr);
        fprintf(stderr, "%zu problem%s found\n", d.count, d.count == 1 ? "" : "s");
        rc = EXIT_USAGE;
    } else {
        printf("ok: %zu level%s checked\n", levels, levels == 1 ? "" : "s");
    }
    diag_free(&d);
    return rc;
}
