/* app/commands: the subcommands of `bridgehold` (ARCHITECTURE.md § Command line).
 * Each returns the process exit code: 0 ok, 1 runtime failure, 2 bad usage or bad input file,
 * 3 refused (a wrong or missing clinician PIN). */
#pragma once

#define EXIT_OK 0
#define EXIT_RUNTIME 1
#define EXIT_USAGE 2
#define EXIT_REFUSED 3

/* argv[0] is the subcommand's own name ("analyze"), argv[1..] its arguments. */
int cmd_analyze(int argc, char **argv);
int cmd_levels(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_devices(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_clinic(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_sync(int argc, char **argv);
