/* app/cmd_clinic: `bridgehold clinic pin|patients|prescribe|audit|archive|server` — the
 * clinician's commands.
 * Anything that changes a prescription or shows the audit trail needs the clinician PIN
 * (--pin-stdin: its first line of standard input); a wrong, missing or too early PIN exits 3
 * and changes nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/args.h"
#include "app/cli_store.h"
#include "app/commands.h"
#include "app/paths.h"
#include "clinic/clinic.h"
#include "core/alloc.h"
#include "core/diag.h"
#include "core/str.h"

static const char *USAGE =
    "bridgehold clinic pin --set [--name NAME] [--data-dir DIR]\n"
    "       bridgehold clinic patients [--json] [--all] [--pin-stdin] [--data-dir DIR]\n"
    "                 [--server CONNINFO | --local]\n"
    "       bridgehold clinic prescribe --profile NAME [--level ID] [--cap ID|none] [--sets N]\n"
    "                 [--hold S|default] [--rest S|default] [--rule key=value]... --reason TEXT\n"
    "                 --pin-stdin [--clinician NAME] [--levels DIR] [--data-dir DIR]\n"
    "       bridgehold clinic audit --profile NAME [--json] --pin-stdin [--data-dir DIR]\n"
    "       bridgehold clinic archive --profile NAME [--undo] --reason TEXT --pin-stdin\n"
    "       bridgehold clinic server [CONNINFO | none] [--pin-stdin] [--data-dir DIR]";

#define MAX_RULES 32

typedef struct ClinicArgs {
    const char *sub;
    const char *data_dir, *profile, *reason, *clinician, *name, *levels_dir, *today;
    const char *server; /* patients: the clinic server's shared list instead of the local one */
    const char *conninfo; /* server: the clinic server to configure ("none" = no server) */
    bool set, json, all, pin_stdin, undo, local;
    ClinicChange change;
    const char *rules[MAX_RULES];
} ClinicArgs;

#define usage(...) args_usage_error("clinic", USAGE, __VA_ARGS__)

/* --hold / --rest: seconds, or "default" for the level's own. */
static bool seconds_arg(const char *name, const char *v, double hi, double *out)
{
    if (v && strcmp(v, "default") == 0) {
        *out = NAN;
        return true;
    }
    return args_number("clinic", USAGE, name, v, 0, hi, out);
}

/* An option that takes a text, which must not be empty. */
typedef struct TextOpt {
    const char *name;
    const char **dest;
    const char *missing; /* the message when the text is missing or empty */
} TextOpt;

/* True when argv[*i] is one of opts; *rc is then 0 with the text stored, or the usage error's
 * code after its message when the text is missing or empty. */
static bool take_text(int argc, char **argv, int *i, const TextOpt *opts, size_t n, int *rc)
{
    for (size_t k = 0; k < n; k++) {
        const char *v = NULL;
        if (!args_take(argc, argv, i, opts[k].name, &v))
            continue;
        if (!v || !v[0]) {
            *rc = usage("%s", opts[k].missing);
        } else {
            *opts[k].dest = v;
            *rc = EXIT_OK;
        }
        return true;
    }
    return false;
}

static int parse(int argc, char **argv, ClinicArgs *a)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        if (argc < 2)
            return usage("%s", "which clinic command? (pin, patients, prescribe, audit, archive "
                               "or server)");
        printf("usage: %s\n\nThe PIN is read from standard input: 'pin --set' reads the new PIN "
               "twice (after the\ncurrent one when a PIN is set); --pin-stdin reads it from the "
               "first line.\nExit codes: 0 ok, 2 bad usage, 3 refused (wrong, missing or too "
               "early PIN).\n",
               USAGE);
        return -1;
    }
    a->sub = argv[1];
    a->change = (ClinicChange){.hold_s = NAN, .rest_s = NAN, .rules = a->rules};
    const TextOpt texts[] = {
        {"--data-dir", &a->data_dir, "--data-dir needs a DIR"},
        {"--server", &a->server, "--server needs a connection string (CONNINFO)"},
        {"--profile", &a->profile, "--profile needs a NAME"},
        {"--reason", &a->reason, "--reason needs a TEXT (why the change is made)"},
        {"--clinician", &a->clinician, "--clinician needs a NAME"},
        {"--name", &a->name, "--name needs a NAME"},
        {"--levels", &a->levels_dir, "--levels needs a DIR"},
        {"--today", &a->today, "--today needs a YYYY-MM-DD"},
        {"--level", &a->change.level, "--level needs a level ID (like L02)"},
        {"--cap", &a->change.cap, "--cap needs a level ID or 'none'"},
    };
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        double num;
        int rc;
        if (strcmp(argv[i], "--set") == 0) {
            a->set = true;
        } else if (strcmp(argv[i], "--json") == 0) {
            a->json = true;
        } else if (strcmp(argv[i], "--all") == 0) {
            a->all = true;
        } else if (strcmp(argv[i], "--undo") == 0) {
            a->undo = true;
        } else if (strcmp(argv[i], "--pin-stdin") == 0) {
            a->pin_stdin = true;
        } else if (strcmp(argv[i], "--local") == 0) {
            a->local = true;
        } else if (strcmp(a->sub, "server") == 0 && argv[i][0] != '-' && !a->conninfo) {
            a->conninfo = argv[i];
        } else if (take_text(argc, argv, &i, texts, sizeof texts / sizeof texts[0], &rc)) {
            if (rc != EXIT_OK)
                return rc;
        } else if (args_take(argc, argv, &i, "--sets", &v)) {
            if (!args_number("clinic", USAGE, "--sets", v, 0, 20, &num) || num != floor(num))
                return v && num != floor(num) ? usage("--sets %s: give a whole number", v) : 2;
            a->change.has_sets = true;
            a->change.sets = (int)num;
        } else if (args_take(argc, argv, &i, "--hold", &v)) {
            if (!seconds_arg("--hold", v, 600, &a->change.hold_s))
                return EXIT_USAGE;
            a->change.has_hold = true;
        } else if (args_take(argc, argv, &i, "--rest", &v)) {
            if (!seconds_arg("--rest", v, 1800, &a->change.rest_s))
                return EXIT_USAGE;
            a->change.has_rest = true;
        } else if (args_take(argc, argv, &i, "--rule", &v)) {
            if (!v || !strchr(v, '='))
                return usage("%s", "--rule needs key=value (like red_pain_during_above=4)");
            if (a->change.n_rules == MAX_RULES)
                return usage("%s", "too many --rule options");
            a->rules[a->change.n_rules++] = v;
        } else {
            return usage("unknown option '%s'", argv[i]);
        }
    }
    return EXIT_OK;
}

/* ---- pin --set ---- */

static int read_pin(const char *what, char *buf, size_t cap)
{
    bool too_long;
    if (cli_read_line(buf, cap, &too_long))
        return EXIT_OK;
    fprintf(stderr, "bridgehold clinic: %s: %s\n", what,
            too_long ? "the line is too long (at most 128 bytes)"
                     : "missing on standard input (give the new PIN on two lines)");
    return EXIT_USAGE;
}

static int run_pin(const ClinicArgs *a, Store *s)
{
    if (!a->set)
        return usage("%s", "clinic pin: give --set (the new PIN twice on standard input)");
    StoreClinician c;
    bool found;
    if (!store_clinician_get(s, &c, &found)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    cli_wipe(c.pin_hash, sizeof c.pin_hash);
    if (found) { /* changing a PIN takes the current one first */
        int rc = cli_check_pin("clinic", s, true);
        if (rc != EXIT_OK) {
            fprintf(stderr, "bridgehold clinic: the PIN was not changed (give the current PIN "
                            "first, then the new one twice)\n");
            return rc;
        }
    }
    char pin1[CLINIC_PIN_MAX_BYTES + 2], pin2[CLINIC_PIN_MAX_BYTES + 2];
    int rc = read_pin("the new PIN", pin1, sizeof pin1);
    if (rc == EXIT_OK)
        rc = read_pin("the new PIN again", pin2, sizeof pin2);
    char msg[256];
    if (rc == EXIT_OK && strcmp(pin1, pin2) != 0) {
        fprintf(stderr, "bridgehold clinic: the two new PINs differ; nothing was changed\n");
        rc = EXIT_USAGE;
    } else if (rc == EXIT_OK && !clinic_pin_acceptable(pin1, msg, sizeof msg)) {
        fprintf(stderr, "bridgehold clinic: %s; nothing was changed\n", msg);
        rc = EXIT_USAGE;
    } else if (rc == EXIT_OK) {
        const char *name = a->name ? a->name : found ? c.name : "clinician";
        if (!clinic_pin_set(s, name, pin1, msg, sizeof msg)) {
            fprintf(stderr, "bridgehold clinic: %s\n", msg);
            rc = cli_exit_for(store_errkind(s));
        } else {
            printf("The clinician PIN for %s is %s in %s.\n", name, found ? "changed" : "set",
                   store_path(s));
        }
    }
    cli_wipe(pin1, sizeof pin1);
    cli_wipe(pin2, sizeof pin2);
    return rc;
}

/* ---- patients ---- */

static void json_str_or_null(StrBuf *b, const char *key, const char *v, bool comma)
{
    strbuf_appendf(b, "\"%s\":", key);
    if (v && v[0])
        strbuf_append_json_string(b, v);
    else
        strbuf_append(b, "null");
    if (comma)
        strbuf_append(b, ",");
}

static int print_patients(const ClinicArgs *a, ClinicPatient *list, size_t n, const char *where);

static int run_patients(const ClinicArgs *a, Store *s)
{
    bool set;
    if (!s)
        set = false;
    else if (!clinic_pin_is_set(s, &set)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    /* On a clinic machine (a PIN is set) the list is a clinic view: PIN first. A home machine
     * without a PIN lists its own household's profiles, as the profile picker does. */
    if (set) {
        int rc = cli_check_pin("clinic", s, a->pin_stdin);
        if (rc != EXIT_OK)
            return rc;
    }
    char today[11];
    if (a->today)
        str_copy(today, sizeof today, a->today);
    else
        store_local_date(store_now(), today);
    ClinicPatient *list;
    size_t n;
    char where[512], configured[STORE_SETTING_MAX] = "";
    if (!a->server && !a->local && s && !clinic_server_get(s, configured, sizeof configured)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    const char *server = a->server ? a->server : configured[0] ? configured : NULL;
    if (server) {
        ClinicServerList l;
        if (!clinic_server_patients(server, a->all, today, &l)) {
            fprintf(stderr, "bridgehold clinic: %s\n", l.msg);
            if (!a->server && !l.usage)
                fprintf(stderr, "bridgehold clinic: that is the clinic server configured for "
                                "this computer; --local lists this computer's patients\n");
            return l.usage ? EXIT_USAGE : EXIT_RUNTIME;
        }
        /* this computer's patients not synced yet belong on the list too */
        ClinicPatient *local = NULL;
        size_t n_local = 0;
        bool merged = !s || (clinic_patients(s, a->all, today, &local, &n_local) &&
                             clinic_patients_merge_local(s, &l, local, n_local));
        free(local);
        if (!merged) {
            fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
            clinic_server_list_free(&l);
            return cli_exit_for(store_errkind(s));
        }
        list = l.rows;
        n = l.n;
        str_copy(where, sizeof where, l.where);
    } else {
        if (!clinic_patients(s, a->all, today, &list, &n)) {
            fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
            return cli_exit_for(store_errkind(s));
        }
        str_copy(where, sizeof where, store_path(s));
    }
    return print_patients(a, list, n, where);
}

/* The list as JSON or a table; frees list. */
static int print_patients(const ClinicArgs *a, ClinicPatient *list, size_t n, const char *where)
{
    StrBuf b;
    strbuf_init(&b);
    if (a->json) {
        strbuf_append(&b, "[");
        for (size_t i = 0; i < n; i++) {
            const ClinicPatient *p = &list[i];
            strbuf_append(&b, i ? ",\n {" : "\n {");
            json_str_or_null(&b, "name", p->profile.name, true);
            json_str_or_null(&b, "level", p->profile.level, true);
            json_str_or_null(&b, "cap", p->profile.level_cap, true);
            json_str_or_null(&b, "last_session", p->last_session, true);
            if (p->days_since >= 0)
                strbuf_appendf(&b, "\"days_since\":%d,", p->days_since);
            else
                strbuf_append(&b, "\"days_since\":null,");
            json_str_or_null(&b, "zone", p->zone, true);
            json_str_or_null(&b, "decision", p->decision, true);
            json_str_or_null(&b, "next_level", p->next_level, true);
            strbuf_appendf(&b, "\"archived\":%s}", p->profile.archived ? "true" : "false");
        }
        strbuf_append(&b, n ? "\n]\n" : "]\n");
    } else if (n == 0) {
        strbuf_appendf(&b, "No patients in %s yet.\n", where);
    } else {
        strbuf_appendf(&b, "%-20s %-6s %-6s %-12s %-6s %-8s %-14s %s\n", "NAME", "LEVEL", "CAP",
                       "LAST", "DAYS", "ZONE", "DECISION", "NEXT");
        for (size_t i = 0; i < n; i++) {
            const ClinicPatient *p = &list[i];
            char days[16] = "-";
            if (p->days_since >= 0)
                snprintf(days, sizeof days, "%d", p->days_since);
            strbuf_appendf(&b, "%-20s %-6s %-6s %-12s %-6s %-8s %-14s %s%s\n", p->profile.name,
                           p->profile.level, p->profile.level_cap[0] ? p->profile.level_cap : "-",
                           p->last_session[0] ? p->last_session : "-", days,
                           p->zone[0] ? p->zone : "-", p->decision[0] ? p->decision : "-",
                           p->next_level[0] ? p->next_level : "-",
                           p->profile.archived ? "  (archived)" : "");
        }
    }
    fputs(b.data, stdout);
    strbuf_free(&b);
    free(list);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- prescribe ---- */

static bool load_ladder(const ClinicArgs *a, Ladder *l, Rules *r)
{
    Diag d;
    diag_init(&d);
    const char *dir = a->levels_dir ? a->levels_dir : paths_levels_dir();
    char rules[4200];
    snprintf(rules, sizeof rules, "%s/rules.ini", dir);
    struct stat st;
    bool ok = ladder_load_dir(dir, l, &d);
    if (stat(rules, &st) == 0)
        ok = rules_load(rules, r, &d) && ok;
    else
        rules_defaults(r);
    if (!ok)
        diag_print(&d, stderr);
    diag_free(&d);
    return ok;
}

/* Who makes a change: --clinician, else the name the PIN was set with. An exit code. */
static int clinician_of(const ClinicArgs *a, Store *s, char *clinician, size_t cap)
{
    StoreClinician who;
    bool found;
    if (!store_clinician_get(s, &who, &found)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return EXIT_RUNTIME;
    }
    cli_wipe(who.pin_hash, sizeof who.pin_hash);
    str_copy(clinician, cap, a->clinician ? a->clinician : who.name);
    return EXIT_OK;
}

/* What every clinician's change to a patient starts with: the PIN checked, the patient found,
 * and who makes the change. An exit code; EXIT_OK to go on. */
static int clinician_change(const ClinicArgs *a, Store *s, StoreProfile *p, char *clinician,
                            size_t cap)
{
    int rc = cli_check_pin("clinic", s, a->pin_stdin);
    if (rc == EXIT_OK)
        rc = cli_find_profile("clinic", s, a->profile, p);
    return rc == EXIT_OK ? clinician_of(a, s, clinician, cap) : rc;
}

static int run_prescribe(const ClinicArgs *a, Store *s)
{
    const ClinicChange *c = &a->change;
    if (!a->profile)
        return usage("%s", "clinic prescribe: which patient? (--profile NAME)");
    if (!a->reason)
        return usage("%s", "clinic prescribe: every change needs its reason (--reason TEXT)");
    if (!c->level && !c->cap && !c->has_sets && !c->has_hold && !c->has_rest && !c->n_rules)
        return usage("%s", "clinic prescribe: nothing to change (give --level, --cap, --sets, "
                           "--hold, --rest or --rule)");
    StoreProfile p;
    char clinician[STORE_NAME_MAX];
    int rc = clinician_change(a, s, &p, clinician, sizeof clinician);
    if (rc != EXIT_OK)
        return rc;
    Ladder ladder = {0};
    Rules rules;
    if (!load_ladder(a, &ladder, &rules)) {
        ladder_free(&ladder);
        return EXIT_USAGE;
    }
    char msg[1024];
    bool bad_request;
    if (!clinic_prescribe(s, &ladder, &rules, p.id, c, clinician, a->reason, msg, sizeof msg,
                          &bad_request)) {
        fprintf(stderr, "bridgehold clinic: %s\n", msg);
        rc = bad_request ? EXIT_USAGE : EXIT_RUNTIME;
    } else {
        StorePrescription rx;
        char text[1400];
        bool found;
        store_prescription_get(s, p.id, &rx, &found);
        store_prescription_describe(&rx, text, sizeof text);
        store_profile_get_by_id(s, p.id, &p, &found);
        printf("%s's prescription, changed by %s: %s. Current level %s.\n", p.name, clinician,
               text, p.level);
    }
    ladder_free(&ladder);
    return rc;
}

/* ---- audit ---- */

static void iso_time(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 32, "%lld", (long long)t);
}

static int run_audit(const ClinicArgs *a, Store *s)
{
    if (!a->profile)
        return usage("%s", "clinic audit: whose audit log? (--profile NAME)");
    int rc = cli_check_pin("clinic", s, a->pin_stdin);
    if (rc != EXIT_OK)
        return rc;
    StoreProfile p;
    if ((rc = cli_find_profile("clinic", s, a->profile, &p)) != EXIT_OK)
        return rc;
    StoreAudit *list;
    size_t n;
    if (!store_audit_list(s, p.id, &list, &n)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return cli_exit_for(store_errkind(s));
    }
    StrBuf b;
    strbuf_init(&b);
    if (a->json) {
        strbuf_append(&b, "{\"profile\":");
        strbuf_append_json_string(&b, p.name);
        strbuf_append(&b, ",\"entries\":[");
    } else {
        strbuf_appendf(&b, "Audit log of %s (%zu entr%s, times in UTC):\n", p.name, n,
                       n == 1 ? "y" : "ies");
    }
    for (size_t i = 0; i < n; i++) {
        const StoreAudit *e = &list[i];
        char when[32];
        iso_time(e->time, when);
        if (a->json) {
            strbuf_append(&b, i ? ",\n {" : "\n {");
            json_str_or_null(&b, "time", when, true);
            json_str_or_null(&b, "actor", e->actor, true);
            json_str_or_null(&b, "action", e->action, true);
            json_str_or_null(&b, "detail", e->detail, true);
            json_str_or_null(&b, "before", e->before, true);
            json_str_or_null(&b, "after", e->after, true);
            json_str_or_null(&b, "reason", e->reason, true);
            json_str_or_null(&b, "uid", e->uid, false);
            strbuf_append(&b, "}");
        } else {
            strbuf_appendf(&b, "%s  %s  %s%s%s\n", when, e->actor, e->action,
                           e->detail[0] ? ": " : "", e->detail);
            if (e->before[0] || e->after[0])
                strbuf_appendf(&b, "    before: %s\n    after:  %s\n",
                               e->before[0] ? e->before : "-", e->after[0] ? e->after : "-");
            if (e->reason[0])
                strbuf_appendf(&b, "    reason: %s\n", e->reason);
        }
    }
    if (a->json)
        strbuf_append(&b, n ? "\n]}\n" : "]}\n");
    fputs(b.data, stdout);
    strbuf_free(&b);
    free(list);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- archive ---- */

static int run_archive(const ClinicArgs *a, Store *s)
{
    if (!a->profile)
        return usage("%s", "clinic archive: which patient? (--profile NAME)");
    if (!a->reason)
        return usage("%s", "clinic archive: give the reason (--reason TEXT)");
    StoreProfile p;
    char clinician[STORE_NAME_MAX];
    int rc = clinician_change(a, s, &p, clinician, sizeof clinician);
    if (rc != EXIT_OK)
        return rc;
    if (!store_profile_set_archived(s, p.id, !a->undo, clinician, a->reason)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return cli_exit_for(store_errkind(s));
    }
    printf("%s is %s.\n", p.name,
           a->undo ? "back on the patient list" : "archived (shown with 'clinic patients --all')");
    return EXIT_OK;
}

/* ---- server ---- */

static int run_server(const ClinicArgs *a, Store *s)
{
    char now[STORE_SETTING_MAX];
    if (!clinic_server_get(s, now, sizeof now)) {
        fprintf(stderr, "bridgehold clinic: %s\n", store_errmsg(s));
        return cli_exit_for(store_errkind(s));
    }
    if (!a->conninfo) {
        if (now[0])
            printf("clinic server: %s\n", now);
        else
            printf("clinic server: none (this computer keeps its records to itself)\n");
        return EXIT_OK;
    }
    bool none = strcmp(a->conninfo, "none") == 0 || !a->conninfo[0];
    char clinician[STORE_NAME_MAX];
    int rc = cli_check_pin("clinic", s, a->pin_stdin);
    if (rc == EXIT_OK)
        rc = clinician_of(a, s, clinician, sizeof clinician);
    if (rc != EXIT_OK)
        return rc;
    char msg[1024];
    bool bad;
    if (!clinic_server_set(s, none ? NULL : a->conninfo, clinician, msg, sizeof msg, &bad)) {
        fprintf(stderr, "bridgehold clinic: %s\n", msg);
        return bad ? EXIT_USAGE : cli_exit_for(store_errkind(s));
    }
    if (none)
        printf("clinic server: none; 'bridgehold sync' now needs --server\n");
    else
        printf("clinic server: %s\n'bridgehold sync' sends this computer's records there and "
               "the clinic's patient list reads it.\n",
               a->conninfo);
    return EXIT_OK;
}

/* Whether the data folder has a database (then its PIN also guards the server's list). */
static bool local_store_exists(const char *data_dir)
{
    char dir[4096], path[4200];
    StoreError err;
    struct stat st;
    if (!store_resolve_dir(data_dir, dir, sizeof dir, &err))
        return false;
    snprintf(path, sizeof path, "%s/%s", dir, STORE_DB_FILE);
    return stat(path, &st) == 0;
}

int cmd_clinic(int argc, char **argv)
{
    ClinicArgs a = {0};
    int rc = parse(argc, argv, &a);
    if (rc < 0)
        return EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    bool is_pin = strcmp(a.sub, "pin") == 0;
    bool is_server = strcmp(a.sub, "server") == 0;
    if (!is_pin && !is_server && strcmp(a.sub, "patients") != 0 &&
        strcmp(a.sub, "prescribe") != 0 && strcmp(a.sub, "audit") != 0 &&
        strcmp(a.sub, "archive") != 0)
        return usage("unknown clinic command '%s' (pin, patients, prescribe, audit, archive or "
                     "server)",
                     a.sub);
    if (a.today) {
        SessionRecord r;
        if (!history_parse_date(a.today, &r))
            return usage("--today %s: give a date as YYYY-MM-DD", a.today);
    }
    if ((a.server || a.local) && strcmp(a.sub, "patients") != 0)
        return usage("%s", "--server and --local go with 'clinic patients'");
    if (a.server && a.local)
        return usage("%s", "give --server or --local, not both");
    if (a.server && !local_store_exists(a.data_dir))
        return run_patients(&a, NULL); /* a machine with no store of its own has no PIN */
    /* Only setting the first PIN may create the data folder; the rest read an existing one. */
    Store *s = cli_open_store("clinic", a.data_dir, is_pin, &rc);
    if (!s)
        return rc;
    if (is_pin)
        rc = run_pin(&a, s);
    else if (strcmp(a.sub, "patients") == 0)
        rc = run_patients(&a, s);
    else if (strcmp(a.sub, "prescribe") == 0)
        rc = run_prescribe(&a, s);
    else if (strcmp(a.sub, "archive") == 0)
        rc = run_archive(&a, s);
    else if (is_server)
        rc = run_server(&a, s);
    else
        rc = run_audit(&a, s);
    store_close(s);
    return rc;
}
