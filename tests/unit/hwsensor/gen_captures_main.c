/* tests/unit/hwsensor/gen_captures_main: writes every test capture into a folder.
 * usage: hwsensor_gen_captures DIR   (normally tests/data/captures) */
#include <stdio.h>

#include "gen_captures.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; HW_CAPTURE_NAMES[i]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", argv[1], HW_CAPTURE_NAMES[i]);
        FILE *f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 1;
        }
        hw_capture_generate(HW_CAPTURE_NAMES[i], f);
        if (fclose(f) != 0) {
            perror(path);
            return 1;
        }
        printf("wrote %s\n", path);
    }
    return 0;
}
