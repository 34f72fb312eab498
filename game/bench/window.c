/* bench/window: CPU time per frame of the hold screen against an empty SDL loop, in the same
 * kind of window (1280×720, SDL's software renderer, so no GPU is involved), and the latency
 * from a sample's arrival to the end of the frame that first draws it. Each runs in its own
 * process (bridgehold-bench --phase empty|hold) and prints `key value` lines. */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "sensor/sensor_backend.h"
#include "ui/game.h"

#define WIN_W 1280
#define WIN_H 720
#define FRAME_S (1.0 / 60.0) /* the game's own frame cap (app/cmd_play.c) */
#define RATE_HZ 1000.0       /* the fake sensor's rate */
#define PI 3.14159265358979323846

typedef struct Window {
    SDL_Window *win;
    SDL_Renderer *r;
} Window;

static bool window_open(Window *w)
{
    /* The software renderer, whatever the machine has: the figure then depends on the CPU
     * alone. The video driver is dummy unless the caller chose one (e.g. x11 under Xvfb). */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    /* Naming a driver turns SDL's command batching off unless asked for; the game asks for it
     * (app/cmd_play.c), so both loops here run with it on. */
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    /* Under X11 SDL would otherwise present a software-rendered window through an OpenGL
     * texture (Mesa or the GPU): the figure would depend on GL again. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (!getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "bridgehold-bench: cannot start SDL: %s\n", SDL_GetError());
        return false;
    }
    w->win = SDL_CreateWindow("bridgehold-bench", SDL_WINDOWPOS_CENTERED,
                              SDL_WINDOWPOS_CENTERED, WIN_W, WIN_H, 0);
    w->r = w->win ? SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!w->r) {
        fprintf(stderr, "bridgehold-bench: cannot open a %dx%d window: %s\n", WIN_W, WIN_H,
                SDL_GetError());
        return false;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(w->r, &info);
    printf("renderer %s\nvideo_driver %s\n", info.name, SDL_GetCurrentVideoDriver());
    return true;
}

static void window_close(Window *w)
{
    if (w->r)
        SDL_DestroyRenderer(w->r);
    if (w->win)
        SDL_DestroyWindow(w->win);
    SDL_Quit();
}

static void drain_events(void)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }
}

/* Sleeps what is left of the frame that began at `start` (the game's 60 Hz cap). */
static void frame_wait(double start)
{
    double spent = clock_now_s() - start;
    if (spent < FRAME_S)
        SDL_Delay((Uint32)((FRAME_S - spent) * 1000));
}

static void print_frames(const char *prefix, double *cpu_ms, size_t n)
{
    printf("%sframes %zu\n", prefix, n);
    printf("%sframe_ms_p50 %.4f\n", prefix, bench_percentile(cpu_ms, n, 50));
    printf("%sframe_ms_p99 %.4f\n", prefix, bench_percentile(cpu_ms, n, 99));
}

int bench_phase_empty(const WindowOptions *o)
{
    Window w = {0};
    if (!window_open(&w)) {
        window_close(&w);
        return 1;
    }
    size_t max = (size_t)(o->seconds / FRAME_S) + 2, n = 0;
    double *cpu_ms = xmalloc(max * sizeof *cpu_ms);
    double end = clock_now_s() + o->seconds;
    while (n < max) {
        double start = clock_now_s();
        if (start >= end)
            break;
        double c0 = bench_cpu_s();
        drain_events();
        SDL_SetRenderDrawColor(w.r, 20, 24, 32, 255);
        SDL_RenderClear(w.r);
        SDL_RenderPresent(w.r);
        cpu_ms[n++] = (bench_cpu_s() - c0) * 1e3;
        frame_wait(start);
    }
    print_frames("empty_", cpu_ms, n);
    free(cpu_ms);
    window_close(&w);
    return 0;
}

/* A timestamped fake live sensor: a patient at 1 kHz on the real clock. Each sample's time is
 * the moment it arrives (a live device delivers as it measures); poll hands over every sample
 * that has arrived, whatever game time it is asked for, and notes it for the latency figure. */
typedef struct Live {
    double t0;
    long next;     /* index of the next sample to arrive */
    double push, target;
} Live;

static double *g_arrivals; /* times of the samples handed to the game since the last frame */
static size_t g_n_arrivals, g_max_arrivals;

static bool live_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                      size_t errlen)
{
    (void)arg, (void)opt, (void)err, (void)errlen;
    Live *l = xcalloc(1, sizeof *l);
    l->t0 = clock_now_s();
    l->push = 1;
    l->target = 200;
    s->state = l;
    snprintf(s->info.name, sizeof s->info.name, "bench 1 kHz patient");
    snprintf(s->info.kind, sizeof s->info.kind, "benchlive");
    s->info.caps = SAMPLE_FORCE;
    s->info.rate_hz = RATE_HZ;
    s->info.live = true;
    return true;
}

static int live_poll(Sensor *s, double now_s, Sample *out, int max)
{
    (void)now_s;
    Live *l = s->state;
    double now = clock_now_s();
    int n = 0;
    while (n < max) {
        double t = l->t0 + (double)l->next / RATE_HZ;
        if (t > now)
            break;
        double rel = t - l->t0;
        /* holding near the target with a slow sway and 8 Hz tremor: the trace keeps moving */
        double f = l->push * l->target * (1.0 + 0.06 * sin(2 * PI * 0.3 * rel)) +
                   3.0 * sin(2 * PI * 8.0 * rel);
        out[n++] = (Sample){.t_s = t, .force_n = f, .has = SAMPLE_FORCE};
        if (g_n_arrivals < g_max_arrivals)
            g_arrivals[g_n_arrivals++] = t;
        l->next++;
    }
    return n;
}

static void live_close(Sensor *s)
{
    free(s->state);
}

static void live_set_push(Sensor *s, double amount)
{
    ((Live *)s->state)->push = amount > 0.2 ? amount : 0.2;
}

static void live_set_target(Sensor *s, double target_n)
{
    ((Live *)s->state)->target = target_n;
}

static const SensorBackend LIVE = {
    .kind = "benchlive",
    .open = live_open,
    .poll = live_poll,
    .close = live_close,
    .set_push = live_set_push,
    .set_target = live_set_target,
};

/* The game on L01's hold screen, as `bridgehold play` sets it up, with the fake sensor.
 * (This is the one place the bench knows the game's set-up.) */
static bool game_setup(Game *g, Gfx *gfx, const WindowOptions *o)
{
    char rules[1200], err[512];
    snprintf(rules, sizeof rules, "%s/rules.ini", o->levels_dir);
    PlayOptions po = {0};
    po.levels_dir = o->levels_dir;
    po.rules_file = rules;
    po.no_store = true;
    po.level = "L01";
    po.mvc_n = 400;
    bool bad = false;
    Play *p = play_new(&po, err, sizeof err, &bad);
    if (!p) {
        fprintf(stderr, "bridgehold-bench: %s\n", err);
        return false;
    }
    game_init(g, p);
    g->gfx = gfx;
    sensor_register(&LIVE);
    SensorOptions so = {0};
    if (!play_open_input(p, "benchlive", &so, err, sizeof err)) {
        fprintf(stderr, "bridgehold-bench: %s\n", err);
        return false;
    }
    game_push(g, scene_hold_new());
    game_apply_scene_changes(g);
    return game_state(g)->session != NULL;
}

int bench_phase_hold(const WindowOptions *o)
{
    double t_start = clock_now_s();
    Window w = {0};
    if (!window_open(&w)) {
        window_close(&w);
        return 1;
    }
    char err[512];
    Gfx *gfx = gfx_new(w.r, o->assets_dir, err, sizeof err);
    if (!gfx) {
        fprintf(stderr, "bridgehold-bench: %s\n", err);
        window_close(&w);
        return 1;
    }
    Game g;
    memset(&g, 0, sizeof g); /* game_free is safe on a set-up that stopped half way */
    if (!game_setup(&g, gfx, o)) {
        fprintf(stderr, "bridgehold-bench: cannot set up the hold screen\n");
        game_free(&g);
        gfx_free(gfx);
        window_close(&w);
        return 1;
    }
    size_t max = (size_t)((o->seconds + 10) / FRAME_S) + 2, n = 0;
    double *cpu_ms = xmalloc(max * sizeof *cpu_ms);
    g_max_arrivals = (size_t)((o->seconds + 10) * RATE_HZ * 1.5) + 1024;
    g_arrivals = xmalloc(g_max_arrivals * sizeof *g_arrivals);
    double *lat_ms = xmalloc(g_max_arrivals * sizeof *lat_ms);
    size_t n_lat = 0;
    /* The fixed-timestep loop of app/cmd_play.c run_window. Frames count from the start of the
     * first hold (after its get-ready countdown) for o->seconds. */
    double last = clock_now_s(), acc = 0, hold_start = -1;
    bool first = true;
    while (!g.quit && n < max) {
        double start = clock_now_s();
        double c0 = bench_cpu_s();
        drain_events();
        acc += fmin(start - last, 0.25);
        last = start;
        while (acc >= GAME_TICK_S && !g.quit) {
            g.now += GAME_TICK_S;
            game_tick(&g);
            acc -= GAME_TICK_S;
        }
        game_draw(&g);
        SDL_RenderPresent(w.r);
        double end = clock_now_s();
        double cpu = (bench_cpu_s() - c0) * 1e3;
        if (first) {
            printf("window_startup_ms %.2f\n", (end - t_start) * 1e3);
            first = false;
        }
        const Session *sess = game_state(&g)->session;
        bool holding = sess && session_phase(sess) == PHASE_HOLD;
        if (holding && hold_start < 0)
            hold_start = end;
        if (holding) {
            cpu_ms[n++] = cpu;
            for (size_t i = 0; i < g_n_arrivals; i++)
                lat_ms[n_lat++] = (end - g_arrivals[i]) * 1e3;
        }
        g_n_arrivals = 0;
        if (hold_start >= 0 && (end - hold_start >= o->seconds || !holding))
            break;
        frame_wait(start);
    }
    if (o->png && !gfx_save_png(gfx, o->png, err, sizeof err))
        fprintf(stderr, "bridgehold-bench: %s\n", err);
    print_frames("", cpu_ms, n);
    printf("latency_samples %zu\n", n_lat);
    printf("latency_ms_p50 %.4f\n", bench_percentile(lat_ms, n_lat, 50));
    printf("latency_ms_p99 %.4f\n", bench_percentile(lat_ms, n_lat, 99));
    printf("frame_period_ms %.4f\n", FRAME_S * 1e3);
    free(cpu_ms);
    free(lat_ms);
    free(g_arrivals);
    game_free(&g); /* closes the sensor */
    gfx_free(gfx);
    window_close(&w);
    return n > 0 ? 0 : 1;
}
