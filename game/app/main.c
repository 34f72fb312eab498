/* app/main: `bridgehold [COMMAND] [ARGS]` — dispatch to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "app/commands.h"
#include "app/version.h"
#include "core/log.h"

typedef struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} Command;

/* The command-line contract (ARCHITECTURE.md § Command line). Add one line per subcommand. */
static const Command COMMANDS[] = {
    {"play", cmd_play, "play the game (the default); --headless runs a session from a file"},
    {"analyze", cmd_analyze, "measure the holds in a trace CSV against a target band"},
    {"levels", cmd_levels, "levels check [PATH...]: validate level files"},
    {"devices", cmd_devices, "list the force sensors attached, with what each measures"},
    {"record", cmd_record, "record an input to a trace CSV (--raw: the device's own capture)"},
    {"report", cmd_report, "export a profile: --out FILE.csv (history for plan) or FILE.json"},
    {"plan", cmd_plan, "the next session's level from a history CSV, with the reason"},
    {"clinic", cmd_clinic, "clinician: pin --set | patients | prescribe | audit (PIN protected)"},
    {"bundle", cmd_bundle, "export one patient to a bundle file, or import one (home <-> clinic)"},
};

#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void print_help(FILE *out)
{
    fprintf(out, "Bridgehold: a glute-bridge hold biofeedback game for sit-bone (proximal "
                 "hamstring) tendon pain.\n\nusage: bridgehold [COMMAND] [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\nRun 'bridgehold COMMAND --help' for a command's options.\n"
                 "Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input file, 3 refused "
                 "(wrong or missing clinician PIN).\n");
}

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    }
    return NULL;
}

int main(int argc, char **argv)
{
    log_init_from_env();
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            print_help(stdout);
            return EXIT_OK;
        }
        if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
            printf("bridgehold %s\n", BH_VERSION);
            return EXIT_OK;
        }
        /* No command: play (options, if any, are play's). */
        const Command *play = find_command("play");
        if (play)
            return play->run(argc, argv);
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "version") == 0) {
        printf("bridgehold %s\n", BH_VERSION);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    const Command *cmd = find_command(argv[1]);
    if (!cmd) {
        fprintf(stderr, "bridgehold: unknown command '%s'\n\n", argv[1]);
        print_help(stderr);
        return EXIT_USAGE;
    }
    return cmd->run(argc - 1, argv + 1);
}
