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
#include "play/play_script.h"
#include "session/answers.h"

static const char *USAGE =
    "bridgehold play [--input SPEC] [--level ID] [--profile NAME] [--data-dir DIR] [--mvc-n N]\n"
    "                [--clinic]   (clinic mode: the clinician's PIN, the patient list)\n"
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
    bool clinic; /* start at the clinician's PIN, then the patient list */
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
            a->clinic = true;
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
    if (a->clinic && (a->headless || a->answers))
        return args_usage_error("play", USAGE, "--clinic is for a person at the screen: not with "
                                               "--headless or --answers");
    if (a->headless && !a->answers)
        return args_usage_error("play", USAGE, "--headless needs --answers FILE");
    if (a->headless && !a->input)
        return args_usage_error("play", USAGE, "--headless needs --input SPEC (e.g. sim)");
    if (a->pace > 0 && !a->answers)
        return args_usage_error("play", USAGE, "--pace goes with --answers (headless or demo)");
    return EXIT_OK;
}

/* The Play: ladder, rules, database, input and the player. Exit code; *out on success. */
static int setup_play(const PlayArgs *a, Play **out)
{
    PlayOptions po = {0};
    po.levels_dir = paths_levels_dir();
    po.rules_file = paths_rules_file();
    po.data_dir = a->data_dir;
    po.today = a->today;
    po.level = a->level;
    po.mvc_n = a->mvc_n;
    po.demo = a->answers && !a->headless;
    char err[1024];
    bool bad_file = false;
    Play *p = play_new(&po, err, sizeof err, &bad_file);
    if (!p) {
        fprintf(stderr, "bridgehold play: %s\n", err);
        return bad_file ? EXIT_USAGE : EXIT_RUNTIME;
    }
    *out = p;
    const PlayState *st = play_state(p);
    if (a->headless && !st->has_store) { /* a headless run stores like a real session */
        fprintf(stderr, "bridgehold play: %s\n", st->storage_msg);
        return EXIT_RUNTIME;
    }
    SensorOptions opt = {0};
    opt.seed = (unsigned long)a->seed;
    /* Recorded inputs are paced by the clock we pass to sensor_poll: in headless runs that is
     * the virtual clock, which runs as fast as the CPU allows, so real-time pacing is right. */
    opt.speed = 1.0;
    if (!play_open_input(p, a->input, &opt, err, sizeof err)) {
        fprintf(stderr, "bridgehold play: %s\n", err);
        return EXIT_USAGE;
    }
    if (a->headless && st->input.live_device) {
        fprintf(stderr, "bridgehold play: --headless needs a recorded or simulated input, not "
                        "the live %s\n", st->input.name);
        return EXIT_USAGE;
    }
    char cal_msg[600];
    if (!play_load_calibration(p, cal_msg, sizeof cal_msg))
        fprintf(stderr, "bridgehold play: %s (using the sensor uncalibrated)\n", cal_msg);
    /* The player: --profile, the only stored one, or (an answers file) "Patient". */
    const char *name = a->profile;
    if (!name && st->n_profiles == 1)
        name = play_profile_name(p, 0);
    if (!name && a->answers)
        name = "Patient";
    if (name && !play_use_profile(p, name) && a->answers &&
        !play_create_profile(p, name, PLAY_SIDE_BOTH, 70, 0) && a->headless) {
        fprintf(stderr, "bridgehold play: %s\n", st->storage_msg);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* Prints the JSON summary of a headless run from the Play's state. */
static int print_summary(const Play *p, const PlayArgs *a)
{
    const PlayState *st = play_state(p);
    char practice_reason[256];
    SummaryInfo info = {
        .level_id = st->played_level[0] ? st->played_level
                    : st->ladder->count ? st->ladder->levels[st->level_index].id : "",
        .input = a->input,
        .source = st->practice ? "practice" : "live",
        .unit = st->unit,
        .target = st->target,
        .red_flag_stop = st->red_flag_stop,
        .completed = st->session && session_completed(st->session),
        .pain_before = st->pain_before,
        .pain_after = st->pain_after,
    };
    if (st->decided_now) {
        info.zone = zone_name(st->plan.zone);
        info.decision = decision_name(st->plan.decision);
        info.next_level = st->plan.next_level;
        info.reason = st->plan.reason;
    } else if (st->practice && st->session) {
        snprintf(practice_reason, sizeof practice_reason,
                 "Practice: a simulator, a recording or a demo played this session. It is kept "
                 "and shown as practice and never changes a level%s%s.",
                 st->profile_level[0] ? ": the patient's level stays " : "", st->profile_level);
        info.reason = practice_reason;
    }
    if (st->storage_msg[0]) {
        fprintf(stderr, "bridgehold play: %s\n", st->storage_msg);
        return EXIT_RUNTIME;
    }
    StrBuf b;
    strbuf_init(&b);
    summary_json(&b, &info, st->session);
    fputs(b.data, stdout);
    strbuf_free(&b);
    return EXIT_OK;
}

/* Headless: the answers file drives the Play directly on a virtual clock, no scenes. */
static int run_headless(Play *p, const PlayArgs *a, const Answers *answers)
{
    PlayScript script;
    play_script_init(&script, answers);
    double now = 0, start = clock_now_s();
    while (!script.done && now < HEADLESS_MAX_S) {
        now += GAME_TICK_S;
        play_script_step(&script, p, now);
        /* --pace slows the virtual clock down (the crash-safety test kills runs mid-session) */
        if (a->pace > 0) {
            double ahead = now / a->pace - (clock_now_s() - start);
            if (ahead > 0.001)
                SDL_Delay((Uint32)(ahead * 1000));
        }
    }
    if (script.failed) {
        fprintf(stderr, "bridgehold play: %s\n", play_state(p)->error);
        return EXIT_USAGE;
    }
    if (!script.done) {
        fprintf(stderr, "bridgehold play: the headless session did not end within %.0f h\n",
                HEADLESS_MAX_S / 3600);
        return EXIT_RUNTIME;
    }
    return print_summary(p, a);
}

static void open_pads(void)
{
    for (int i = 0; i < SDL_NumJoysticks(); i++) {
        if (SDL_IsGameController(i))
            SDL_GameControllerOpen(i); /* closed by SDL_Quit */
    }
}

static int run_window(Game *g, const PlayArgs *a, const Answers *answers)
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
    g->demo = a->answers != NULL;
    game_push(g, g->demo    ? scene_demo_new(answers)
                 : a->clinic ? scene_clinic_pin_new()
                             : scene_title_new());
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
    Answers answers;
    memset(&answers, 0, sizeof answers);
    Diag d;
    diag_init(&d);
    if (a.answers && !answers_load(a.answers, &answers, &d)) {
        diag_print(&d, stderr);
        diag_free(&d);
        SDL_Quit();
        return EXIT_USAGE;
    }
    diag_free(&d);
    Play *play = NULL;
    rc = setup_play(&a, &play);
    if (rc != EXIT_OK || a.headless) {
        if (rc == EXIT_OK)
            rc = run_headless(play, &a, &answers);
        play_free(play);
        SDL_Quit();
        return rc;
    }
    Game g;
    game_init(&g, play);
    rc = run_window(&g, &a, &answers);
    if (rc == EXIT_OK && g.error[0]) {
        fprintf(stderr, "bridgehold play: %s\n", g.error);
        rc = EXIT_USAGE;
    }
    game_free(&g);
    SDL_Quit();
    return rc;
}
