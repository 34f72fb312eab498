/* app/cmd_levels: `bridgehold levels check [PATH...]` — validate level files (and a folder's
 * rules.ini) so a clinician who edits a level learns at once, with file:line, what is wrong. */
#include <stdio.h>
#include <string.h>

#include "app/args.h"
#include "app/commands.h"
#include "app/paths.h"
#include "core/diag.h"
#include "rehab/level.h"

static const char *USAGE = "bridgehold levels check [PATH...]   (PATH: a level .ini, a rules.ini "
                           "or a folder of them)";

int cmd_levels(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        if (argc >= 2) {
            printf("usage: %s\nWith no PATH, checks the shipped ladder (%s).\n", USAGE,
                   paths_levels_dir());
            return EXIT_OK;
        }
        return args_usage_error("levels", USAGE, "what should be done? (try 'levels check')");
    }
    if (strcmp(argv[1], "check") != 0)
        return args_usage_error("levels", USAGE, "unknown action '%s'", argv[1]);
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return args_usage_error("levels", USAGE, "unknown option '%s'", argv[i]);
    }
    Diag d;
    diag_init(&d);
    size_t levels = 0;
    bool ok = levels_check((const char *const *)argv + 2, (size_t)(argc - 2), paths_levels_dir(),
                           &levels, &d);
    int rc = EXIT_OK;
    if (!ok || diag_has_errors(&d)) {
        diag_print(&d, stderr);
        fprintf(stderr, "%zu problem%s found\n", d.count, d.count == 1 ? "" : "s");
        rc = EXIT_USAGE;
    } else {
        printf("ok: %zu level%s checked\n", levels, levels == 1 ? "" : "s");
    }
    diag_free(&d);
    return rc;
}
