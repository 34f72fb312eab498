/* app/cmd_bundle: placeholder until bundles land (next commit). */
#include <stdio.h>

#include "app/commands.h"

int cmd_bundle(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "bridgehold bundle: not built yet\n");
    return EXIT_USAGE;
}
