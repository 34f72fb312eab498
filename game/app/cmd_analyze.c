/* app/cmd_analyze: `bridgehold analyze` — measure every hold in a trace CSV against a band, with
 * exactly the metrics the game scores a set with (signal/hold), so a clinician can check them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/args.h"
#include "app/commands.h"
#include "core/alloc.h"
#include "core/diag.h"
#include "core/str.h"
#include "rehab/level.h"
#include "sensor/trace_csv.h"
#include "signal/hold.h"

static const char *USAGE =
    "bridgehold analyze TRACE.csv (--target-n N | --level FILE --mvc-n N) [--tolerance PCT] "
    "[--json]";

typedef struct AnalyzeArgs {
    const char *trace;
    const char *level;
    double target_n, mvc_n, tolerance_pct;
    bool have_target, have_mvc, have_tolerance, json;
} AnalyzeArgs;

static int parse_args(int argc, char **argv, AnalyzeArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nMeasures each hold (>= 2 s) in a trace CSV (columns t_s, force_n; "
                   "optional left_n, right_n).\nTarget: --target-n newtons, or a level file's "
                   "%%MVC of --mvc-n newtons.\nBand: target +/- tolerance %% (default 10, or the "
                   "level's).\n",
                   USAGE);
            return -1;
        }
        if (strcmp(argv[i], "--json") == 0) {
            a->json = true;
        } else if (args_take(argc, argv, &i, "--target-n", &v)) {
            if (!args_number("analyze", USAGE, "--target-n", v, 1e-9, 1e7, &a->target_n))
                return EXIT_USAGE;
            a->have_target = true;
        } else if (args_take(argc, argv, &i, "--mvc-n", &v)) {
            if (!args_number("analyze", USAGE, "--mvc-n", v, 1e-9, 1e7, &a->mvc_n))
                return EXIT_USAGE;
            a->have_mvc = true;
        } else if (args_take(argc, argv, &i, "--tolerance", &v)) {
            /* at 50 % or more the band's low edge would reach the 50 % release level */
            if (!args_number("analyze", USAGE, "--tolerance", v, 0.1, 49.9, &a->tolerance_pct))
                return EXIT_USAGE;
            a->have_tolerance = true;
        } else if (args_take(argc, argv, &i, "--level", &v)) {
            if (!v)
                return args_usage_error("analyze", USAGE, "--level needs a level file");
            a->level = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return args_usage_error("analyze", USAGE, "unknown option '%s'", argv[i]);
        } else if (a->trace) {
            return args_usage_error("analyze", USAGE, "only one trace file, please (got '%s' "
                                    "and '%s')", a->trace, argv[i]);
        } else {
            a->trace = argv[i];
        }
    }
    if (!a->trace)
        return args_usage_error("analyze", USAGE, "no trace file given");
    if (a->have_target && a->level)
        return args_usage_error("analyze", USAGE, "give either --target-n or --level, not both");
    if (!a->have_target && !a->level)
        return args_usage_error("analyze", USAGE, "give a target: --target-n N, or --level FILE "
                                "--mvc-n N");
    if (a->level && !a->have_mvc)
        return args_usage_error("analyze", USAGE, "--level needs --mvc-n (the patient's maximal "
                                "force in newtons)");
    if (a->have_mvc && !a->level)
        return args_usage_error("analyze", USAGE, "--mvc-n goes with --level");
    return EXIT_OK;
}

/* Resolves the target and tolerance from a level file; returns an exit code. */
static int target_from_level(AnalyzeArgs *a)
{
    Level lv;
    Diag d;
    diag_init(&d);
    bool ok = level_load(a->level, &lv, &d);
    if (!ok) {
        diag_print(&d, stderr);
        diag_free(&d);
        return EXIT_USAGE;
    }
    diag_free(&d);
    if (lv.target_kind != TARGET_PCT_MVC) {
        fprintf(stderr,
                "bridgehold analyze: %s: level %s has a '%s' target; analyze --level needs a "
                "pct_mvc level (use --target-n for others)\n",
                a->level, lv.id, target_kind_name(lv.target_kind));
        return EXIT_USAGE;
    }
    a->target_n = level_target_value(&lv, a->mvc_n, 0);
    if (!a->have_tolerance)
        a->tolerance_pct = lv.tolerance_pct;
    return EXIT_OK;
}

static void print_json(const AnalyzeArgs *a, double lo, double hi, const HoldMetrics *h, size_t n,
                       bool has_lr)
{
    StrBuf b;
    strbuf_init(&b);
    strbuf_append(&b, "{\"target_n\":");
    strbuf_append_json_number(&b, a->target_n, 3);
    strbuf_append(&b, ",\"band_low_n\":");
    strbuf_append_json_number(&b, lo, 3);
    strbuf_append(&b, ",\"band_high_n\":");
    strbuf_append_json_number(&b, hi, 3);
    strbuf_append(&b, ",\"holds\":[");
    for (size_t i = 0; i < n; i++) {
        const struct { const char *key; double v; int dec; } f[] = {
            {"start_s", h[i].start_s, 3},
            {"end_s", h[i].end_s, 3},
            {"duration_s", h[i].duration_s, 3},
            {"mean_n", h[i].mean_n, 2},
            {"peak_n", h[i].peak_n, 2},
            {"time_in_band_pct", h[i].time_in_band_pct, 2},
            {"cv_pct", h[i].cv_pct, 2},
            {"drift_pct_per_10s", h[i].drift_pct_per_10s, 2},
        };
        strbuf_append(&b, i ? ",{" : "{");
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
            strbuf_appendf(&b, "%s\"%s\":", k ? "," : "", f[k].key);
            strbuf_append_json_number(&b, f[k].v, f[k].dec);
        }
        if (has_lr) {
            strbuf_append(&b, ",\"left_pct\":");
            strbuf_append_json_number(&b, h[i].left_pct, 2);
        }
        strbuf_append(&b, ",\"form_lost_s\":");
        strbuf_append_json_number(&b, h[i].form_lost ? h[i].form_lost_s : NAN, 3);
        strbuf_append(&b, "}");
    }
    strbuf_append(&b, "]}\n");
    fputs(b.data, stdout);
    strbuf_free(&b);
}

static void print_table(const AnalyzeArgs *a, double lo, double hi, const HoldMetrics *h,
                        size_t n, bool has_lr)
{
    printf("Trace: %s\n", a->trace);
    printf("Target %.1f N, band %.1f to %.1f N (+/- %g %%)\n", a->target_n, lo, hi,
           a->tolerance_pct);
    if (n == 0) {
        printf("No hold of %g s or more was found.\n", HOLD_MIN_DURATION_S);
        return;
    }
    printf("\n%4s %8s %8s %8s %8s %8s %8s %6s %12s%s %s\n", "hold", "start_s", "end_s", "secs",
           "mean_N", "peak_N", "in_band%", "CV%", "drift%/10s", has_lr ? "  left%" : "",
           "form");
    for (size_t i = 0; i < n; i++) {
        char lr[16] = "";
        if (has_lr)
            snprintf(lr, sizeof lr, " %6.1f", h[i].left_pct);
        char form[32] = "held";
        if (h[i].form_lost)
            snprintf(form, sizeof form, "lost at %.1f s", h[i].form_lost_s);
        printf("%4zu %8.2f %8.2f %8.2f %8.1f %8.1f %8.1f %6.1f %12.2f%s %s\n", i + 1,
               h[i].start_s, h[i].end_s, h[i].duration_s, h[i].mean_n, h[i].peak_n,
               h[i].time_in_band_pct, h[i].cv_pct, h[i].drift_pct_per_10s, lr, form);
    }
}

static void feed_detector(void *ctx, const Sample *s)
{
    ForcePoint pt = {s->t_s, s->force_n, s->left_n, s->right_n, (s->has & SAMPLE_LEFT_RIGHT) != 0};
    hold_detector_push(ctx, &pt);
}

int cmd_analyze(int argc, char **argv)
{
    AnalyzeArgs a = {.tolerance_pct = HOLD_DEFAULT_TOLERANCE_PCT};
    int rc = parse_args(argc, argv, &a);
    if (rc == -1)
        return EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    if (a.level && (rc = target_from_level(&a)) != EXIT_OK)
        return rc;

    /* The trace streams through the detector one row at a time: memory stays small whatever
     * the recording's length (an hour at 1 kHz is 100 MB of text). */
    HoldParams p = {a.target_n, a.tolerance_pct};
    double lo, hi;
    hold_band(&p, &lo, &hi);
    HoldDetector det;
    hold_detector_init(&det, &p);
    unsigned columns = 0;
    Diag d;
    diag_init(&d);
    if (!trace_stream(a.trace, feed_detector, &det, &columns, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        hold_detector_free(&det);
        return EXIT_USAGE;
    }
    diag_free(&d);
    bool has_lr = (columns & SAMPLE_LEFT_RIGHT) != 0;
    size_t n = hold_detector_finish(&det);
    const HoldMetrics *holds = det.holds;
    if (a.json)
        print_json(&a, lo, hi, holds, n, has_lr);
    else
        print_table(&a, lo, hi, holds, n, has_lr);
    hold_detector_free(&det);
    return EXIT_OK;
}
