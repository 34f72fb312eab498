/* Benchmark: how long a whole headless session takes — the virtual-clock loop, the simulated
 * patient, scoring and the scene flow, without storage or drawing. Prints figures; asserts
 * nothing (timings vary by machine). */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "ui/game.h"

#define RUNS 20

/* One session of `level` from the title to the summary; returns game seconds simulated. */
static double one_session(const char *level, unsigned long seed)
{
    Game g;
    game_init(&g);
    Diag d;
    diag_init(&d);
    if (!ladder_load_dir(BH_LEVELS, &g.ladder, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        return 0;
    }
    diag_free(&d);
    g.level_index = ladder_find(&g.ladder, level);
    g.level_forced = true;
    rules_defaults(&g.rules);
    SensorOptions opt = {.seed = seed, .speed = 1.0};
    char err[256];
    g.sensor = sensor_open("sim", &opt, err, sizeof err);
    Answers a;
    memset(&a, 0, sizeof a);
    a.has_red_flags = true;
    a.has_pain_before = a.has_pain_after = true;
    a.pain_before = a.pain_after = 2;
    a.n_pain_set = 1;
    a.pain_set[0] = 2;
    g.answers = &a;
    g.headless = true;
    game_push(&g, scene_title_new());
    game_apply_scene_changes(&g);
    while (!g.quit && g.now < 3600) {
        g.now += GAME_TICK_S;
        game_tick(&g);
    }
    double simulated = g.now;
    game_free(&g);
    return simulated;
}

int main(void)
{
    const char *levels[] = {"L01", "L10"};
    for (size_t k = 0; k < 2; k++) {
        double t0 = clock_now_s(), game_s = 0;
        for (int i = 0; i < RUNS; i++)
            game_s += one_session(levels[k], (unsigned long)i + 1);
        double wall = clock_now_s() - t0;
        printf("headless session %s: %d sessions (%.0f s of game time each) in %.1f ms, "
               "%.2f ms a session, %.0fx real time\n",
               levels[k], RUNS, game_s / RUNS, wall * 1e3, wall * 1e3 / RUNS, game_s / wall);
    }
    return 0;
}
