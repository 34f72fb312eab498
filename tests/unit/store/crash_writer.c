/* store_crash_writer DIR [SETS]: opens the store in DIR and saves sets one after another the way
 * a session does (a set, then its pain answer), printing "SESSION INDEX" on stdout after each set
 * is committed. test_store_crash kills it with SIGKILL at many instants and checks that every
 * set it reported is in the database. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static int fail(Store *s, const char *what)
{
    fprintf(stderr, "store_crash_writer: %s: %s\n", what, store_errmsg(s));
    store_close(s);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: store_crash_writer DIR [SETS]\n");
        return 2;
    }
    int sets = argc > 2 ? atoi(argv[2]) : 1000000;
    StoreError err;
    Store *s = store_open(argv[1], &err);
    if (!s) {
        fprintf(stderr, "store_crash_writer: %s\n", err.msg);
        return 1;
    }
    StoreProfile p;
    bool found;
    if (!store_profile_get(s, "crash", &p, &found))
        return fail(s, "profile");
    if (!found) {
        memset(&p, 0, sizeof p);
        strcpy(p.name, "crash");
        p.body_mass_kg = NAN;
        if (!store_profile_create(s, &p))
            return fail(s, "profile");
    }
    StoreSession ss = {.profile_id = p.id, .level = "L02"};
    if (!store_session_begin(s, &ss))
        return fail(s, "session");
    StorePain before = {.profile_id = p.id, .session_id = ss.id, .kind = STORE_PAIN_BEFORE,
                        .value = 2};
    if (!store_pain_add(s, &before))
        return fail(s, "pain");
    enum { N = 1500 }; /* 15 s at 100 Hz */
    static StoreSample tr[N];
    for (int i = 1; i <= sets; i++) {
        for (int k = 0; k < N; k++)
            tr[k] = (StoreSample){k * 0.01, 200 + i + 10 * sin(k * 0.05), 90, 110 + i};
        StoreSet set = {.index = i, .duration_s = 15, .time_in_band_pct = 80 + i % 20,
                        .mean_n = 200 + i, .peak_n = 215 + i, .cv_pct = 2, .drift_pct_per_10s = 0,
                        .left_pct = 45, .form_lost_s = NAN, .target_n = 200, .band_low_n = 180,
                        .band_high_n = 220, .trace = tr, .trace_n = N, .trace_has_lr = true};
        if (!store_set_commit(s, ss.id, &set, NULL))
            return fail(s, "set");
        printf("%lld %d\n", (long long)ss.id, i);
        fflush(stdout);
        StorePain pain = {.profile_id = p.id, .session_id = ss.id, .kind = STORE_PAIN_SET,
                          .set_index = i, .value = i % 4};
        if (!store_pain_add(s, &pain))
            return fail(s, "pain");
    }
    if (!store_session_finish(s, ss.id, STORE_SESSION_FINISHED, 0, NAN))
        return fail(s, "finish");
    store_close(s);
    return 0;
}
