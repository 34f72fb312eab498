/* store_make_fixture DIR: a data folder holding profile "Ann" with the known history of
 * store_test_util.c (TU_HISTORY_CSV), for the end-to-end tests of `bridgehold report`. */
#include <stdio.h>

#include "store_test_util.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: store_make_fixture DIR\n");
        return 2;
    }
    StoreError err;
    Store *s = store_open(argv[1], &err);
    if (!s) {
        fprintf(stderr, "store_make_fixture: %s\n", err.msg);
        return 1;
    }
    tu_fill_history(s);
    StoreProfile p = {.side = STORE_SIDE_LEFT, .body_mass_kg = 60, .created = tu_noon(2025, 2, 1)};
    snprintf(p.name, sizeof p.name, "Bo");
    if (!store_profile_create(s, &p)) {
        fprintf(stderr, "store_make_fixture: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    store_close(s);
    return 0;
}
