/* app/cmd_plan: `bridgehold plan --history FILE.csv` — what the progression rules decide for the
 * next session, and why, from a History CSV (levels/README.md), so a clinician can check a
 * patient's progression by hand or from a script. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/args.h"
#include "app/commands.h"
#include "app/paths.h"
#include "core/diag.h"
#include "core/str.h"
#include "rehab/advice.h"
#include "rehab/history.h"
#include "rehab/level.h"
#include "rehab/progression.h"
#include "rehab/rules.h"

static const char *USAGE = "bridgehold plan --history FILE.csv [--levels DIR] [--rules FILE] "
                           "[--today YYYY-MM-DD] [--json]";

typedef struct PlanArgs {
    const char *history;
    const char *levels_dir; /* NULL: the shipped ladder */
    const char *rules;      /* NULL: the levels folder's rules.ini, else the defaults */
    const char *today;      /* NULL: the last session's day */
    bool json;
} PlanArgs;

static int parse_args(int argc, char **argv, PlanArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nReads a session history (columns date, level, quality_pct, "
                   "pain_before, pain_during,\npain_after, pain_next_morning) and prints the "
                   "decision for the next session with its\nreason. Levels: --levels DIR "
                   "(default %s); rules: --rules FILE (default the\nlevels folder's rules.ini). "
                   "--json prints {level, zone, decision, next_level, reason, practice_skipped}.\n"
                   "Rows whose source column is not 'live' are practice and are skipped (a file "
                   "without\nthe column is all live). --today: the date to judge a missed "
                   "next-morning answer by\n(default: the last session's date).\n",
                   USAGE, paths_levels_dir());
            return -1;
        }
        if (strcmp(argv[i], "--json") == 0) {
            a->json = true;
        } else if (args_take(argc, argv, &i, "--history", &v)) {
            if (!v || !*v)
                return args_usage_error("plan", USAGE, "--history needs a CSV file");
            a->history = v;
        } else if (args_take(argc, argv, &i, "--levels", &v)) {
            if (!v || !*v)
                return args_usage_error("plan", USAGE, "--levels needs a folder");
            a->levels_dir = v;
        } else if (args_take(argc, argv, &i, "--today", &v)) {
            SessionRecord t;
            if (!v || !history_parse_date(v, &t))
                return args_usage_error("plan", USAGE, "--today needs a date like 2025-03-07");
            a->today = v;
        } else if (args_take(argc, argv, &i, "--rules", &v)) {
            if (!v || !*v)
                return args_usage_error("plan", USAGE, "--rules needs a rules.ini file");
            a->rules = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return args_usage_error("plan", USAGE, "unknown option '%s'", argv[i]);
        } else {
            return args_usage_error("plan", USAGE, "unexpected argument '%s' (the history goes "
                                    "after --history)", argv[i]);
        }
    }
    if (!a->history)
        return args_usage_error("plan", USAGE, "no history given (--history FILE.csv)");
    return EXIT_OK;
}

/* The rules: --rules, else the levels folder's rules.ini when it has one, else the defaults. */
static bool load_rules(const PlanArgs *a, Rules *r, Diag *d)
{
    if (a->rules)
        return rules_load(a->rules, r, d);
    char path[4096];
    if (a->levels_dir)
        snprintf(path, sizeof path, "%s/rules.ini", a->levels_dir);
    else
        str_copy(path, sizeof path, paths_rules_file());
    struct stat st;
    if (stat(path, &st) != 0) {
        rules_defaults(r);
        return true;
    }
    return rules_load(path, r, d);
}

static void print_json(const Plan *p, size_t practice_skipped)
{
    StrBuf b;
    strbuf_init(&b);
    strbuf_append(&b, "{\"level\":");
    strbuf_append_json_string(&b, p->level);
    strbuf_append(&b, ",\"zone\":");
    strbuf_append_json_string(&b, zone_name(p->zone));
    strbuf_append(&b, ",\"decision\":");
    strbuf_append_json_string(&b, decision_name(p->decision));
    strbuf_append(&b, ",\"next_level\":");
    strbuf_append_json_string(&b, p->next_level);
    strbuf_append(&b, ",\"reason\":");
    strbuf_append_json_string(&b, p->reason);
    strbuf_appendf(&b, ",\"practice_skipped\":%zu}\n", practice_skipped);
    fputs(b.data, stdout);
    strbuf_free(&b);
}

/* Prints "label text" with text wrapped at about 100 columns under a 14-column margin. */
static void print_wrapped(const char *label, const char *text)
{
    enum { MARGIN = 14, WIDTH = 100 };
    printf("%-*s", MARGIN, label);
    int col = MARGIN;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t word = strcspn(p, " ");
        if (word == 0)
            break;
        /* count characters, not bytes, so "≤" takes one column */
        int cols = 0;
        for (size_t i = 0; i < word; i++)
            cols += ((unsigned char)p[i] & 0xC0) != 0x80;
        if (col > MARGIN && col + 1 + cols > WIDTH) {
            printf("\n%*s", MARGIN, "");
            col = MARGIN;
        } else if (col > MARGIN) {
            putchar(' ');
            col++;
        }
        fwrite(p, 1, word, stdout);
        col += cols;
        p += word;
    }
    putchar('\n');
}

static void print_text(const Plan *p, const Ladder *l, size_t practice_skipped)
{
    const Level *now = &l->levels[p->level_index];
    const Level *next = &l->levels[p->next_index];
    char line[512];
    snprintf(line, sizeof line, "%s at %s (%s): %s", p->last_date, p->level, now->name,
             zone_name(p->zone));
    print_wrapped("Last session:", line);
    snprintf(line, sizeof line, "%s, next session at %s (%s)", decision_name(p->decision),
             p->next_level, next->name);
    print_wrapped("Decision:", line);
    print_wrapped("Why:", p->reason);
    if (practice_skipped) {
        snprintf(line, sizeof line, "%zu practice session%s (source not live) left out: practice "
                 "never moves a level.", practice_skipped, practice_skipped == 1 ? "" : "s");
        print_wrapped("Practice:", line);
    }
    const AdviceCard *cards[ADVICE_COUNT];
    size_t n = advice_for_plan(p, cards, ADVICE_COUNT);
    for (size_t i = 0; i < n; i++) {
        snprintf(line, sizeof line, "%s: %s", cards[i]->title, cards[i]->text);
        print_wrapped(i == 0 ? "Advice:" : "", line);
    }
}

int cmd_plan(int argc, char **argv)
{
    PlanArgs a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc < 0)
        return EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    Diag d;
    diag_init(&d);
    Ladder ladder = {0};
    History h = {0};
    Rules rules;
    rc = EXIT_USAGE;
    const char *dir = a.levels_dir ? a.levels_dir : paths_levels_dir();
    bool ok = ladder_load_dir(dir, &ladder, &d);
    ok = load_rules(&a, &rules, &d) && ok;
    /* Without a ladder the level ids cannot be checked; report the ladder first. */
    if (ok)
        ok = history_load(a.history, &ladder, &h, &d);
    if (!ok) {
        diag_print(&d, stderr);
        goto done;
    }
    if (a.today) {
        SessionRecord t;
        history_parse_date(a.today, &t);
        h.today_day = t.day_number;
    }
    Plan plan;
    char err[256];
    if (h.count == 0 && h.practice_skipped > 0 && ladder.count > 0) {
        /* Only practice in the file: as in the game, it moves nothing; the patient starts at
         * the first level (or stays where a clinician put them). */
        memset(&plan, 0, sizeof plan);
        str_copy(plan.level, sizeof plan.level, ladder.levels[0].id);
        str_copy(plan.next_level, sizeof plan.next_level, ladder.levels[0].id);
        plan.zone = ZONE_PENDING;
        plan.decision = DECISION_REPEAT;
        plan.flags = PLAN_PENDING;
        snprintf(plan.reason, sizeof plan.reason,
                 "No live session yet: the %zu practice session%s in the file never move a "
                 "level, so the first session is at %s.",
                 h.practice_skipped, h.practice_skipped == 1 ? "" : "s", plan.next_level);
    } else if (!progression_decide(&h, &ladder, &rules, NULL, &plan, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", a.history, err);
        goto done;
    }
    if (a.json)
        print_json(&plan, h.practice_skipped);
    else
        print_text(&plan, &ladder, h.practice_skipped);
    rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
done:
    history_free(&h);
    ladder_free(&ladder);
    diag_free(&d);
    return rc;
}
