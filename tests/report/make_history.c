/* report_make_history DATA_DIR LEVELS_DIR: a four-week history for the report tests, made by
 * the game's own application layer (play/) exactly as headless runs make theirs: each day an
 * answers file plays the patient through play_script (the morning load test for the day before,
 * the safety questions, pain before / after each set / after, the weekly sitting time) while the
 * simulated patient (the sim backend's model) holds on the sensor.
 *
 * The one thing a test cannot have is a person: the headless game counts the simulator as
 * practice. So the patient's own days use "patient", the sim backend declared live (a person's
 * load cell) — the way tests/unit/play declares its sensors live — and the rules decide on
 * them as on a person's sessions. Two evenings add a real practice run ("sim"), one day is
 * supervised with clinician notes (play_supervise, play_note_set), and the strength test is
 * recorded weekly (play_record_mvc). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "play/play.h"
#include "play/play_script.h"
#include "sensor/backends.h"
#include "sensor/sensor_backend.h"
#include "session/answers.h"

#define TICK_S (1.0 / 120.0)
#define MAX_S (6.0 * 3600.0)

static bool patient_open(Sensor *s, const char *arg, const SensorOptions *opt, char *err,
                         size_t n)
{
    if (!sensor_sim_backend.open(s, arg, opt, err, n))
        return false;
    s->info.live = true; /* a person's load cell, for the rules */
    s->info.practice = false;
    return true;
}

static int patient_poll(Sensor *s, double now, Sample *out, int max)
{
    return sensor_sim_backend.poll(s, now, out, max);
}
static void patient_close(Sensor *s) { sensor_sim_backend.close(s); }
static void patient_push(Sensor *s, double a) { sensor_sim_backend.set_push(s, a); }
static void patient_target(Sensor *s, double t) { sensor_sim_backend.set_target(s, t); }

static const SensorBackend PATIENT = {
    .kind = "patient", .flags = SENSOR_BACKEND_FOLLOWS_CUES, .open = patient_open,
    .poll = patient_poll, .close = patient_close, .set_push = patient_push,
    .set_target = patient_target,
};

typedef struct Day {
    const char *date;
    int before;
    const char *sets; /* pain after each set */
    int after;
    int morning;      /* the load test about the day before; -1 = none owed */
    int sitting;      /* minutes; -1 = not this day */
    double mvc;       /* a strength test this day; 0 = none */
    bool practice_too, supervised;
} Day;

static const Day DAYS[] = {
    {"2026-10-01", 2, "1,2,2,2,2", 2, -1, 20, 400, false, false},
    {"2026-10-02", 2, "1,1,2,2,2", 2, 2, -1, 0, false, false},
    {"2026-10-03", 2, "1,1,1,2,2", 1, 2, -1, 0, false, false},
    {"2026-10-05", 1, "1,1,1,1,1", 1, 1, -1, 0, false, false},
    {"2026-10-06", 1, "1,1,1,1,2", 1, 1, -1, 0, true, false},
    {"2026-10-07", 1, "1,1,1,2,2", 1, 2, -1, 0, false, false},
    {"2026-10-08", 2, "2,2,3,3,3", 2, 2, 25, 420, false, false},
    {"2026-10-09", 2, "2,2,2,3,3", 2, 3, -1, 0, false, false},
    {"2026-10-10", 2, "2,2,2,2,2", 2, 2, -1, 0, false, false},
    {"2026-10-12", 2, "2,2,3,3,3", 3, 2, -1, 0, false, false},
    {"2026-10-13", 3, "3,3,4,4,4", 4, 3, -1, 0, false, false},
    {"2026-10-14", 3, "3,4,4,5,5", 5, 4, -1, 0, false, false},
    {"2026-10-15", 4, "4,5,6,7,8", 8, 6, 15, 0, false, false},
    {"2026-10-16", 5, "4,4,4,5,5", 5, 7, -1, 0, false, true},
    {"2026-10-17", 4, "3,3,3,3,3", 3, 5, -1, 0, false, false},
    {"2026-10-19", 3, "2,2,2,3,3", 2, 3, -1, 0, false, false},
    {"2026-10-20", 2, "2,2,2,2,2", 2, 2, -1, 0, true, false},
    {"2026-10-21", 2, "1,2,2,2,2", 2, 2, -1, 0, false, false},
    {"2026-10-22", 2, "1,1,2,2,2", 2, 2, 30, 450, false, false},
    {"2026-10-23", 2, "1,1,1,2,2", 2, 2, -1, 0, false, false},
    {"2026-10-24", 1, "1,1,1,1,1", 1, 1, -1, 0, false, false},
    {"2026-10-26", 1, "1,1,1,1,2", 1, 1, -1, 0, false, false},
    {"2026-10-27", 1, "1,1,1,1,1", 1, 1, -1, 0, false, false},
    {"2026-10-28", 1, "1,1,1,1,1", 1, 1, 35, 0, false, false},
};

/* One run of the game on `date`: input `spec`, the patient answering `text`. */
static bool run(const char *dir, const char *levels, const char *date, const char *spec,
                const char *text, const Day *day)
{
    char rules[1024], err[512];
    snprintf(rules, sizeof rules, "%s/rules.ini", levels);
    PlayOptions o = {.levels_dir = levels, .rules_file = rules, .data_dir = dir, .today = date};
    bool bad = false;
    Play *p = play_new(&o, err, sizeof err, &bad);
    if (!p) {
        fprintf(stderr, "make_history: %s\n", err);
        return false;
    }
    SensorOptions so = {.seed = (unsigned)strtoul(date + 8, NULL, 10), .speed = 1.0};
    bool ok = play_open_input(p, spec, &so, err, sizeof err);
    if (ok && !play_use_profile(p, "Ann"))
        ok = play_create_profile(p, "Ann", PLAY_SIDE_LEFT, 68, 0);
    if (ok && day && day->mvc > 0)
        ok = play_record_mvc(p, day->mvc, 4.0, false);
    if (ok && day && day->supervised)
        play_supervise(p, "Dr Lee");
    Answers a;
    Diag d;
    diag_init(&d);
    ok = ok && answers_parse_string(date, text, &a, &d);
    if (diag_has_errors(&d))
        diag_print(&d, stderr);
    diag_free(&d);
    if (ok) {
        PlayScript sc;
        play_script_init(&sc, &a);
        for (double now = TICK_S; !sc.done && now < MAX_S; now += TICK_S)
            play_script_step(&sc, p, now);
        ok = sc.done && !sc.failed;
        if (!ok)
            snprintf(err, sizeof err, "%s", play_state(p)->error);
    }
    if (ok && day && day->supervised)
        ok = play_note_set(p, 2, "Pelvis dropped on the left after 20 s; cued to keep the hips "
                                 "level.") &&
             play_note_set(p, 4, "Better: steady in the band, pain 5 at the end of the set.");
    if (!ok)
        fprintf(stderr, "make_history: %s (%s): %s\n", date, spec, err[0] ? err : "failed");
    play_free(p);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: report_make_history DATA_DIR LEVELS_DIR\n");
        return 2;
    }
    sensor_register(&PATIENT);
    for (size_t i = 0; i < sizeof DAYS / sizeof DAYS[0]; i++) {
        const Day *day = &DAYS[i];
        char text[512];
        int n = snprintf(text, sizeof text, "red_flags = no\n");
        if (day->morning >= 0)
            n += snprintf(text + n, sizeof text - (size_t)n, "pain_next_morning = %d\n",
                          day->morning);
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "pain_before = %d\npain_set = %s\npain_after = %d\n", day->before,
                      day->sets, day->after);
        if (day->sitting >= 0)
            snprintf(text + n, sizeof text - (size_t)n, "sitting_minutes = %d\n", day->sitting);
        if (!run(argv[1], argv[2], day->date, "patient", text, day))
            return 1;
        /* an evening's practice with the simulator: stored as practice by the game itself */
        if (day->practice_too &&
            !run(argv[1], argv[2], day->date, "sim",
                 "red_flags = no\npain_before = 1\npain_set = 1\npain_after = 1\n", NULL))
            return 1;
    }
    return 0;
}
