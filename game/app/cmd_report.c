/* app/cmd_report: `bridgehold report --profile NAME --out FILE.{csv,json,pdf,fhir.json}
 * [--data-dir DIR] [--include-practice]` — export one profile from the database: FILE.csv is the
 * History CSV that `bridgehold plan` reads, FILE.json the full export (sessions, sets with raw
 * traces, pain, decisions, MVC tests), FILE.pdf the clinician's printable report and
 * FILE.fhir.json a FHIR R4 Bundle (report/report.h).
 * The file is written to a temporary name beside it and renamed into place, so a crash or a full
 * disk never leaves half a report under the real name. Reports hold health data: mode 0600. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/args.h"
#include "app/cli_store.h"
#include "app/commands.h"
#include "app/paths.h"
#include "core/atomic_file.h"
#include "core/diag.h"
#include "core/str.h"
#include "rehab/level.h"
#include "report/report.h"
#include "store/store.h"

static const char *USAGE =
    "bridgehold report --profile NAME --out FILE.csv|FILE.json|FILE.pdf|FILE.fhir.json\n"
    "                  [--data-dir DIR] [--include-practice]";

typedef enum ReportKind { REPORT_CSV, REPORT_JSON, REPORT_PDF, REPORT_FHIR } ReportKind;

static bool report_kind(const char *out, ReportKind *k)
{
    size_t n = strlen(out);
    const char *dot = strrchr(out, '.');
    if (!dot || dot == out || n < 5)
        return false;
    if (n > 10 && str_eq_nocase(out + n - 10, ".fhir.json"))
        *k = REPORT_FHIR;
    else if (str_eq_nocase(dot, ".csv"))
        *k = REPORT_CSV;
    else if (str_eq_nocase(dot, ".json"))
        *k = REPORT_JSON;
    else if (str_eq_nocase(dot, ".pdf"))
        *k = REPORT_PDF;
    else
        return false;
    return true;
}

/* Writes a PDF or FHIR report of the profile to f; false with the reason in why. */
static bool write_clinical(Store *s, int64_t profile_id, ReportKind kind, bool include_practice,
                           FILE *f, char *why, size_t cap)
{
    /* The levels give %MVC for sessions that stored no MVC; a report still works without them. */
    Ladder ladder = {0};
    Diag diag;
    diag_init(&diag);
    bool have_ladder = ladder_load_dir(paths_levels_dir(), &ladder, &diag);
    diag_free(&diag);
    ReportOptions opt = {.include_practice = include_practice,
                         .ladder = have_ladder ? &ladder : NULL};
    ReportData d;
    bool ok = report_load(s, profile_id, &opt, &d, why, cap);
    if (ok) {
        if (kind == REPORT_PDF) {
            ok = report_write_pdf(&d, f, why, cap);
        } else {
            ok = report_write_fhir(&d, f);
            if (!ok)
                str_copy(why, cap, strerror(errno));
        }
        report_free(&d);
    }
    ladder_free(&ladder);
    return ok;
}

/* Writes the report to OUT.tmp-XXXXXX (0600), syncs it, then renames it over OUT
 * (core/atomic_file), so a crash or a full disk never leaves half a report under its name. */
static int write_report(Store *s, int64_t profile_id, ReportKind kind, bool include_practice,
                        const char *out)
{
    AtomicFile af;
    char why[1024] = "";
    if (!atomic_file_open(&af, out, why, sizeof why)) {
        fprintf(stderr, "bridgehold report: %s was not written: %s\n", out, why);
        return EXIT_RUNTIME;
    }
    bool ok;
    int rc = EXIT_RUNTIME;
    if (kind == REPORT_PDF || kind == REPORT_FHIR) {
        ok = write_clinical(s, profile_id, kind, include_practice, af.f, why, sizeof why);
    } else {
        ok = kind == REPORT_CSV ? store_export_history_csv(s, profile_id, af.f)
                                : store_export_json(s, profile_id, af.f, true);
        if (!ok) {
            str_copy(why, sizeof why, store_errmsg(s));
            rc = cli_exit_for(store_errkind(s));
        }
    }
    if (!ok) {
        atomic_file_abort(&af);
        fprintf(stderr, "bridgehold report: %s was not written: %s\n", out, why);
        return rc;
    }
    if (!atomic_file_commit(&af, why, sizeof why)) {
        fprintf(stderr, "bridgehold report: %s was not written: %s\n", out, why);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
    const char *profile = NULL, *out = NULL, *data_dir = NULL;
    bool include_practice = false;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nFILE.csv: the history CSV that 'bridgehold plan' reads.\n"
                   "FILE.json: everything about the profile (sessions, sets with raw traces, "
                   "pain, decisions, MVC tests).\nFILE.pdf: the clinician's printable report "
                   "(charts, decisions with reasons, sessions, notes).\nFILE.fhir.json: a FHIR "
                   "R4 Bundle (collection) of the patient's pain answers, holds, decisions and "
                   "MVC tests; live sessions only unless --include-practice (then tagged "
                   "'practice').\nThe data folder is --data-dir, else "
                   "$BRIDGEHOLD_DATA_DIR, else $XDG_DATA_HOME/bridgehold, else "
                   "~/.local/share/bridgehold.\n",
                   USAGE);
            return EXIT_OK;
        }
        if (args_take(argc, argv, &i, "--profile", &v)) {
            if (!v || !v[0])
                return args_usage_error("report", USAGE, "--profile needs a NAME");
            profile = v;
        } else if (args_take(argc, argv, &i, "--out", &v)) {
            if (!v || !v[0])
                return args_usage_error("report", USAGE, "--out needs a FILE");
            out = v;
        } else if (strcmp(argv[i], "--include-practice") == 0) {
            include_practice = true;
        } else if (args_take(argc, argv, &i, "--data-dir", &v)) {
            if (!v || !v[0])
                return args_usage_error("report", USAGE, "--data-dir needs a DIR");
            data_dir = v;
        } else {
            return args_usage_error("report", USAGE, "unknown option '%s'", argv[i]);
        }
    }
    if (!profile)
        return args_usage_error("report", USAGE, "which profile? (--profile NAME)");
    if (!out)
        return args_usage_error("report", USAGE,
                                "where to? (--out FILE.csv, FILE.json, FILE.pdf or FILE.fhir.json)");
    ReportKind kind;
    if (!report_kind(out, &kind))
        return args_usage_error("report", USAGE,
                                "--out %s: the name must end in .csv, .json, .pdf or .fhir.json",
                                out);

    int rc;
    Store *s = cli_open_store("report", data_dir, false, &rc);
    if (!s)
        return rc;
    StoreProfile p;
    rc = cli_find_profile("report", s, profile, &p);
    if (rc == EXIT_OK)
        rc = write_report(s, p.id, kind, include_practice, out);
    store_close(s);
    return rc;
}
