/* app/cmd_bundle: `bridgehold bundle export --profile NAME --out FILE.json` and
 * `bridgehold bundle import FILE.json` — carry one patient's whole record between a home machine
 * and the clinic (clinic/bundle.h). An import checks the whole file first and changes nothing
 * unless all of it is good. */
#include <stdio.h>
#include <string.h>

#include "app/args.h"
#include "app/cli_store.h"
#include "app/commands.h"
#include "clinic/bundle.h"

static const char *USAGE = "bridgehold bundle export --profile NAME --out FILE.json "
                           "[--data-dir DIR]\n"
                           "       bridgehold bundle import FILE.json [--data-dir DIR]";

#define usage(...) args_usage_error("bundle", USAGE, __VA_ARGS__)

static int exit_for(BundleStatus st)
{
    return st == BUNDLE_OK ? EXIT_OK : st == BUNDLE_BAD_FILE ? EXIT_USAGE : EXIT_RUNTIME;
}

static int do_export(Store *s, const char *profile, const char *out)
{
    StoreProfile p;
    int rc = cli_find_profile("bundle", s, profile, &p);
    if (rc != EXIT_OK)
        return rc;
    char msg[1024];
    BundleStatus st = bundle_export(s, p.id, out, msg, sizeof msg);
    if (st != BUNDLE_OK)
        fprintf(stderr, "bridgehold bundle: %s\n", msg);
    else
        printf("Wrote %s's bundle to %s.\n", p.name, out);
    return exit_for(st);
}

static int do_import(Store *s, const char *file)
{
    char msg[1024];
    BundleImportCounts n;
    BundleStatus st = bundle_import(s, file, &n, msg, sizeof msg);
    if (st != BUNDLE_OK) {
        fprintf(stderr, "bridgehold bundle: %s\n", msg);
        if (st == BUNDLE_BAD_FILE && !strstr(msg, "nothing was imported"))
            fprintf(stderr, "bridgehold bundle: nothing was imported\n");
        return exit_for(st);
    }
    printf("Imported %s from %s: %s; %zu record%s added, %zu already here%s%s.\n", n.profile,
           file, n.profile_created ? "a new patient" : "merged into the patient here", n.added,
           n.added == 1 ? "" : "s", n.skipped,
           n.prescription_changed ? "; the prescription was updated" : "",
           n.level_changed ? "; the current level was updated" : "");
    return EXIT_OK;
}

int cmd_bundle(int argc, char **argv)
{
    if (argc < 2)
        return usage("export or import?");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        printf("usage: %s\n\nA bundle is one versioned JSON file with everything of one patient "
               "(profile, prescription,\nsessions with their source, sets with traces, pain, "
               "decisions, MVC tests, audit log),\nkeyed by stable ids: importing twice is the "
               "same as once. It never holds the clinician PIN.\n",
               USAGE);
        return EXIT_OK;
    }
    const char *sub = argv[1];
    bool is_export = strcmp(sub, "export") == 0;
    if (!is_export && strcmp(sub, "import") != 0)
        return usage("unknown bundle command '%s' (export or import)", sub);
    const char *profile = NULL, *out = NULL, *data_dir = NULL, *file = NULL;
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        if (args_take(argc, argv, &i, "--data-dir", &v)) {
            if (!v || !v[0])
                return usage("--data-dir needs a DIR");
            data_dir = v;
        } else if (is_export && args_take(argc, argv, &i, "--profile", &v)) {
            if (!v || !v[0])
                return usage("--profile needs a NAME");
            profile = v;
        } else if (is_export && args_take(argc, argv, &i, "--out", &v)) {
            if (!v || !v[0])
                return usage("--out needs a FILE.json");
            out = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage("unknown option '%s'", argv[i]);
        } else if (!is_export && !file) {
            file = argv[i];
        } else {
            return usage("unexpected argument '%s'", argv[i]);
        }
    }
    if (is_export && (!profile || !out))
        return usage(!profile ? "whose bundle? (--profile NAME)" : "where to? (--out FILE.json)");
    if (!is_export && !file)
        return usage("which bundle? (bundle import FILE.json)");
    int rc;
    /* An import may start a new data folder (a clinic receiving its first patient). */
    Store *s = cli_open_store("bundle", data_dir, !is_export, &rc);
    if (!s)
        return rc;
    rc = is_export ? do_export(s, profile, out) : do_import(s, file);
    store_close(s);
    return rc;
}
