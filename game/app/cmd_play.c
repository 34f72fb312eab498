/* app/cmd_play: `bridgehold play` (and plain `bridgehold`) — open the window and run the game, or
 * with --headless run the same scenes without a window on a virtual clock, answering the
 * prompts from a file and printing a JSON summary (deterministic for non-live inputs). */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/args.h"
#include "app/commands.h"
#include "app/paths.h"
#include "audio/audio.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "rehab/history.h"
#include "session/summary_json.h"
#include "rehab/rules.h"
#include "sensor/hwsensor.h"
#include "sensor_pad/sensor_pad.h"
#include "store/store.h"
#include "ui/game.h"
#include "ui/calstore.h"
#include "ui/persist.h"

static const char *USAGE =
    "bridgehold play [--input SPEC] [--level ID] [--profile NAME] [--data-dir DIR] [--mvc-n N]\n"
    "                [--seed N] [--fullscreen] [--quit-after SECONDS] [--screenshot FILE.png]\n"
    "                [--answers FILE [--pace X]]   (a demo: the answers file plays the patient)\n"
    "       bridgehold play --headless --input SPEC --answers FILE [--level ID] [--mvc-n N]\n"
    "                [--profile NAME] [--data-dir DIR] [--today YYYY-MM-DD] [--pace X]";

#define HEADLESS_MAX_S (6.0 * 3600.0) /* a headless run that has not ended by then never will */

typedef struct PlayArgs {
    const char *input;
    const char *level;
    const char *answers;
    const char *profile;
    const char *data_dir;
    const char *today;      /* YYYY-MM-DD the session counts for (tests, back-filling) */
    const char *screenshot; /* window: save the last frame here (PNG) */
    double quit_after_s;    /* window: quit after this much game time (smoke tests, demos);
                               < 0: never */
    double pace;            /* with --answers: game seconds per real second (headless default:
                               as fast as possible; window default: 1) */
    double mvc_n;
    double seed;
    bool headless, fullscreen, practice;
} PlayArgs;

static int parse_args(int argc, char **argv, PlayArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nInputs: sim, keyboard, replay:FILE.csv and the sensors listed "
                   "by 'bridgehold devices'.\nKeys: arrows and Enter in menus, space to push "
                   "(keyboard mode), Esc to go back, F11 full screen.\n",
                   USAGE);
            return -1;
        }
        if (strcmp(argv[i], "--headless") == 0)
            a->headless = true;
        else if (strcmp(argv[i], "--fullscreen") == 0)
            a->fullscreen = true;
        else if (strcmp(argv[i], "--clinic") == 0)
            return args_usage_error("play", USAGE, "clinic mode is not built yet");
        else if (args_take(argc, argv, &i, "--input", &v)) {
            if (!v)
                return args_usage_error("play", USAGE, "--input needs a SPEC (e.g. sim)");
            a->input = v;
        } else if (args_take(argc, argv, &i, "--level", &v)) {
            if (!v)
                return args_usage_error("play", USAGE, "--level needs a level id (e.g. L01)");
            a->level = v;
        } else if (args_take(argc, argv, &i, "--answers", &v)) {
            if (!v)
                return args_usage_error("play", USAGE, "--answers needs a file");
            a->answers = v;
        } else if (args_take(argc, argv, &i, "--profile", &v)) {
            if (!v)
                return args_usage_error("play", USAGE, "--profile needs a name");
            a->profile = v;
        } else if (args_take(argc, argv, &i, "--data-dir", &v)) {
            if (!v)
                return args_usage_error("play", USAGE, "--data-dir needs a folder");
            a->data_dir = v;
        } else if (args_take(argc, argv, &i, "--today", &v)) {
            SessionRecord probe;
            if (!v || !history_parse_date(v, &probe))
                return args_usage_error("play", USAGE, "--today needs a date as YYYY-MM-DD");
            a->today = v;
        } else if (args_take(argc, argv, &i, "--mvc-n", &v)) {
            if (!args_number("play", USAGE, "--mvc-n", v, 1, 1e5, &a->mvc_n))
                return EXIT_USAGE;
        } else if (args_take(argc, argv, &i, "--quit-after", &v)) {
            /* 0: quit after the first frame (start-up time in bridgehold-bench) */
            if (!args_number("play", USAGE, "--quit-after", v, 0, 1e6, &a->quit_after_s))
                return EXIT_USAGE;
        } else if (args_take(argc, argv, &i, "--pace", &v)) {
            if (!args_number("play", USAGE, "--pace", v, 1, 1e6, &a->pace))
                return EXIT_USAGE;
        } else if (args_take(argc, argv, &i, "--screenshot", &v)) {
            if (!v)
                return args_usage_error("play", USAGE, "--screenshot needs a PNG path");
            a->screenshot = v;
        } else if (args_take(argc, argv, &i, "--seed", &v)) {
            if (!args_number("play", USAGE, "--seed", v, 0, 4294967295.0, &a->seed))
                return EXIT_USAGE;
        } else {
            return args_usage_error("play", USAGE, "unknown argument '%s'", argv[i]);
        }
    }
    if (a->headless && !a->answers)
        return args_usage_error("play", USAGE, "--headless needs --answers FILE");
    if (a->headless && !a->input)
        return args_usage_error("play", USAGE, "--headless needs --input SPEC (e.g. sim)");
    if (a->pace > 0 && !a->answers)
        return args_usage_error("play", USAGE, "--pace goes with --answers (headless or demo)");
    return EXIT_OK;
}

/* Tries the real sensors in order; the keyboard is the honest fallback. */
static Sensor *open_input(const PlayArgs *a, const SensorOptions *opt, char *err, size_t n)
{
    if (a->input)
        return sensor_open(a->input, opt, err, n);
    static const char *const AUTO[] = {"scale", "balance-board", "pad"};
    for (size_t i = 0; i < sizeof AUTO / sizeof AUTO[0]; i++) {
        char ignored[256];
        Sensor *s = sensor_open(AUTO[i], opt, ignored, sizeof ignored);
        if (s)
            return s;
    }
    return sensor_open("keyboard", opt, err, n);
}

/* The day the session counts for: --today (at noon, so time zones cannot move it) or now. */
static void set_today(Game *g, const PlayArgs *a)
{
    if (a->today) {
        SessionRecord r;
        history_parse_date(a->today, &r);
        g->now_unix = (long long)r.day_number * 86400 + 12 * 3600;
        g->today_fixed = true;
        str_copy(g->today, sizeof g->today, a->today);
    } else {
        g->now_unix = store_now();
        store_local_date(g->now_unix, g->today);
    }
}

static bool answers_practice(const Answers *a) { return a && a->has_practice && a->practice; }

/* Opens the database and picks the player. Interactive play goes on without a database (and
 * says so); a headless run stores like a real session, so there a failure is an error. */
static int open_storage(Game *g, const PlayArgs *a)
{
    set_today(g, a);
    char err[1024];
    if (!persist_open(g, a->data_dir, err, sizeof err)) {
        fprintf(stderr, "bridgehold play: %s\n", err);
        if (a->headless)
            return EXIT_RUNTIME;
        snprintf(g->storage_msg, sizeof g->storage_msg, "Sessions are not being saved: %.400s",
                 err);
        return EXIT_OK;
    }
    size_t n = persist_profile_count(g);
    const char *name = a->profile;
    if (!name && n == 1)
        name = persist_profile_name(g, 0);
    if (!name && a->answers)
        name = "Patient";
    if (name && persist_use_profile(g, name)) {
        if (a->answers) /* the answers file says whether to practise */
            g->profile.first_session = answers_practice(g->answers);
        return EXIT_OK;
    }
    if (name && a->answers) { /* a first run from an answers file: a default profile */
        str_copy(g->profile.name, sizeof g->profile.name, name);
        g->profile.side = SIDE_BOTH;
        if (!persist_create_profile(g)) {
            fprintf(stderr, "bridgehold play: %s\n", g->storage_msg);
            return EXIT_RUNTIME;
        }
        g->profile.first_session = answers_practice(g->answers);
        return EXIT_OK;
    }
    if (name)
        str_copy(g->profile.name, sizeof g->profile.name, name);
    return EXIT_OK;
}

static int setup_game(Game *g, const PlayArgs *a, Answers *answers)
{
    Diag d;
    diag_init(&d);
    if (a->answers && !answers_load(a->answers, answers, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        return EXIT_USAGE;
    }
    if (!ladder_load_dir(paths_levels_dir(), &g->ladder, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        return EXIT_USAGE;
    }
    diag_free(&d);
    rules_defaults(&g->rules);
    diag_init(&d);
    if (!rules_load(paths_rules_file(), &g->rules, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        return EXIT_USAGE;
    }
    diag_free(&d);
    g->level_index = 0;
    g->level_forced = a->level != NULL;
    if (a->level) {
        g->level_index = ladder_find(&g->ladder, a->level);
        if (g->level_index < 0) {
            fprintf(stderr, "bridgehold play: no level '%s' in %s (levels are L01 to %s)\n",
                    a->level, paths_levels_dir(),
                    g->ladder.count ? g->ladder.levels[g->ladder.count - 1].id : "?");
            return EXIT_USAGE;
        }
    }
    SensorOptions opt = {0};
    opt.seed = (unsigned long)a->seed;
    /* Recorded inputs are paced by the clock we pass to sensor_poll: in headless runs that is
     * the virtual clock, which runs as fast as the CPU allows, so real-time pacing is right. */
    opt.speed = 1.0;
    char err[512] = "";
    g->sensor = open_input(a, &opt, err, sizeof err);
    if (!g->sensor) {
        fprintf(stderr, "bridgehold play: %s\n", err);
        return EXIT_USAGE;
    }
    if (a->headless && sensor_info(g->sensor)->live) {
        fprintf(stderr, "bridgehold play: --headless needs a recorded or simulated input, not "
                        "the live %s\n", sensor_info(g->sensor)->name);
        return EXIT_USAGE;
    }
    g->headless = a->headless;
    g->answers = a->answers ? answers : NULL;
    str_copy(g->profile.name, sizeof g->profile.name, a->profile ? a->profile : "");
    g->profile.first_session = a->headless ? answers_practice(answers) : true;
    g->profile.mvc_n = a->mvc_n;
    g->profile.body_mass_kg = 70;
    return open_storage(g, a);
}

static int run_headless(Game *g, const PlayArgs *a)
{
    /* Replays run "as fast as asked": each tick is 1/120 s of game time, no waiting. */
    game_push(g, scene_title_new());
    game_apply_scene_changes(g);
    double start = clock_now_s();
    while (!g->quit && g->now < HEADLESS_MAX_S) {
        g->now += GAME_TICK_S;
        game_tick(g);
        /* --pace slows the virtual clock down (the crash-safety test kills runs mid-session) */
        if (a->pace > 0) {
            double ahead = g->now / a->pace - (clock_now_s() - start);
            if (ahead > 0.001)
                SDL_Delay((Uint32)(ahead * 1000));
        }
    }
    if (g->error[0]) {
        fprintf(stderr, "bridgehold play: %s\n", g->error);
        return EXIT_USAGE;
    }
    if (!g->quit) {
        fprintf(stderr, "bridgehold play: the headless session did not end within %.0f h\n",
                HEADLESS_MAX_S / 3600);
        return EXIT_RUNTIME;
    }
    const Level *lv = game_level(g);
    SummaryInfo info = {
        .level_id = g->played_level[0] ? g->played_level : lv ? lv->id : "",
        .input = a->input,
        .unit = g->unit,
        .target = g->target,
        .red_flag_stop = g->red_flag_stop,
        .completed = g->session && session_completed(g->session),
        .pain_before = g->pain_before,
        .pain_after = g->pain_after,
    };
    if (g->have_plan && g->session_id_done) {
        info.zone = zone_name(g->plan.zone);
        info.decision = decision_name(g->plan.decision);
        info.next_level = g->plan.next_level;
        info.reason = g->plan.reason;
    }
    if (g->storage_msg[0]) {
        fprintf(stderr, "bridgehold play: %s\n", g->storage_msg);
        return EXIT_RUNTIME;
    }
    StrBuf b;
    strbuf_init(&b);
    summary_json(&b, &info, g->session);
    fputs(b.data, stdout);
    strbuf_free(&b);
    return EXIT_OK;
}

static void open_pads(void)
{
    for (int i = 0; i < SDL_NumJoysticks(); i++) {
        if (SDL_IsGameController(i))
            SDL_GameControllerOpen(i); /* closed by SDL_Quit */
    }
}

static int run_window(Game *g, const PlayArgs *a)
{
    SDL_Window *win = SDL_CreateWindow("Bridgehold", SDL_WINDOWPOS_CENTERED,
                                       SDL_WINDOWPOS_CENTERED, 1280, 720,
                                       SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                                           (a->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    if (!win) {
        fprintf(stderr, "bridgehold: cannot open a window: %s\n", SDL_GetError());
        return EXIT_RUNTIME;
    }
    SDL_SetWindowMinimumSize(win, 640, 360);
    /* Batch draw calls even when SDL_RENDER_DRIVER names a renderer (SDL then turns batching
     * off by default); everything we draw goes through SDL's renderer. */
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!r)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    char err[512];
    g->gfx = r ? gfx_new(r, paths_assets_dir(), err, sizeof err) : NULL;
    if (!g->gfx) {
        fprintf(stderr, "bridgehold: %s\n", r ? err : SDL_GetError());
        if (r)
            SDL_DestroyRenderer(r);
        SDL_DestroyWindow(win);
        return EXIT_RUNTIME;
    }
    AudioSettings as;
    audio_settings_default(&as);
    g->audio = audio_open(&as, err, sizeof err);
    if (!g->audio)
        log_warn("play", "no sound: %s", err);
    open_pads();
    game_push(g, scene_title_new());
    game_apply_scene_changes(g);
    double last = clock_now_s(), acc = 0;
    bool shown = false;
    while (!g->quit) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            Scene *top = game_top(g);
            UiInput in = input_translate(&e, top && top->typing);
            if (in.action == ACT_QUIT)
                g->quit = true;
            else if (in.action == ACT_FULLSCREEN) {
                bool fs = SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN_DESKTOP;
                SDL_SetWindowFullscreen(win, fs ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
            } else if (e.type == SDL_CONTROLLERDEVICEADDED) {
                SDL_GameControllerOpen(e.cdevice.which);
            } else if (in.action != ACT_NONE)
                game_input(g, &in);
        }
        /* Fixed-timestep logic (Fiedler, "Fix Your Timestep"); rendering once per frame. A demo
         * with --pace runs the game clock faster than the wall clock. */
        double now = clock_now_s();
        acc += fmin(now - last, 0.25) * (a->pace > 0 ? a->pace : 1.0);
        last = now;
        while (acc >= GAME_TICK_S && !g->quit) {
            g->now += GAME_TICK_S;
            game_tick(g);
            acc -= GAME_TICK_S;
        }
        if (a->quit_after_s >= 0 && g->now >= a->quit_after_s)
            g->quit = true;
        game_draw(g);
        if (g->quit && a->screenshot && !gfx_save_png(g->gfx, a->screenshot, err, sizeof err))
            log_error("play", "%s", err);
        SDL_RenderPresent(r);
        if (!shown) { /* BRIDGEHOLD_LOG=info: bridgehold-bench times start-up by this line */
            log_info("play", "first frame shown");
            shown = true;
        }
        /* Vsync may be missing (software renderer, Xvfb): cap at about 60 frames a second. */
        double spent = clock_now_s() - now;
        if (spent < 1.0 / 60)
            SDL_Delay((Uint32)((1.0 / 60 - spent) * 1000));
    }
    audio_close(g->audio);
    g->audio = NULL;
    gfx_free(g->gfx);
    g->gfx = NULL;
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    return EXIT_OK;
}

static bool has_display(void)
{
    const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

/* With no display SDL falls back to its invisible offscreen driver: the game would run where
 * nobody can see it. A driver asked for by name (SDL_VIDEODRIVER=dummy in tests) is allowed. */
static bool window_unseen(void)
{
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (asked && *asked)
        return false;
    const char *drv = SDL_GetCurrentVideoDriver();
    return !drv || strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0;
}

static int no_display_error(const char *sdl_error)
{
    fprintf(stderr,
            "bridgehold: there is no display to show the game on (DISPLAY and WAYLAND_DISPLAY "
            "are not set%s%s).\n"
            "Start it from a desktop session, or run a session without a window:\n"
            "  bridgehold play --headless --input sim --answers FILE\n",
            sdl_error ? "; SDL: " : "", sdl_error ? sdl_error : "");
    return EXIT_RUNTIME;
}

int cmd_play(int argc, char **argv)
{
    PlayArgs a = {.quit_after_s = -1};
    int rc = parse_args(argc, argv, &a);
    if (rc == -1)
        return EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    if (a.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy");
    }
    /* SDL first: the pad backend opens its devices through it. Our hidapi devices are kept
     * away from SDL's own HIDAPI drivers (sensor_pad_set_hints). */
    paths_use_device_profiles();
    sensor_pad_set_hints();
    Uint32 flags = SDL_INIT_EVENTS |
                   (a.headless ? 0 : SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER | SDL_INIT_SENSOR);
    if (SDL_Init(flags) != 0) {
        if (!a.headless && !has_display())
            return no_display_error(SDL_GetError());
        fprintf(stderr, "bridgehold: cannot start SDL: %s\n", SDL_GetError());
        return EXIT_RUNTIME;
    }
    if (!a.headless && window_unseen()) {
        int code = no_display_error(NULL);
        SDL_Quit();
        return code;
    }
    if (!a.headless)
        sensor_pad_register();
    Game g;
    game_init(&g);
    Answers answers;
    memset(&answers, 0, sizeof answers);
    rc = setup_game(&g, &a, &answers);
    if (rc != EXIT_OK) {
        game_free(&g);
        SDL_Quit();
        return rc;
    }
    char cal_msg[600] = "";
    if (!calstore_apply_saved(&g, cal_msg, sizeof cal_msg) && cal_msg[0])
        fprintf(stderr, "bridgehold play: %s (using the sensor uncalibrated)\n", cal_msg);
    rc = a.headless ? run_headless(&g, &a) : run_window(&g, &a);
    game_free(&g);
    SDL_Quit();
    return rc;
}
