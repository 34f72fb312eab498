/* session/mvc_protocol: the timing and the arithmetic of the MVC test, kept apart from drawing so they
 * are tested without a window. Pure C: no SDL, no I/O.
 * Protocol (CLINICAL.md § Isometric dosing [P]): 3 maximal 3–5 s efforts, 60 s rest, the best
 * counts; retest weekly and at each new level; a pain-limited maximum if the test hurts > 3/10.
 * Units: seconds, newtons, percent. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "signal/mvc.h"

#define MVC_TEST_EFFORTS 3
#define MVC_TEST_COUNTDOWN_S 3.0 /* "3-2-1" before each effort */
#define MVC_TEST_EFFORT_S 5.0    /* the top of the protocol's 3–5 s */
#define MVC_TEST_REST_S 60.0     /* end of one effort to the start of the next (countdown in it) */
#define MVC_TEST_RELAX_S 2.0     /* after the last effort, so its release is recorded */
#define MVC_TEST_LATE_S 1.0      /* an effort's window runs this long past "stop" (reaction) */
#define MVC_PAIN_LIMIT 3           /* [P] pain above this (NRS) makes the maximum pain-limited */

typedef enum MvcStepKind {
    MVC_STEP_COUNTDOWN, /* 3-2-1 before effort `effort` */
    MVC_STEP_EFFORT,    /* pushing, effort `effort` */
    MVC_STEP_REST,      /* resting after effort `effort` − 1, before effort `effort` */
    MVC_STEP_RELAX,     /* after the last effort */
    MVC_STEP_DONE,
} MvcStepKind;

typedef struct MvcStep {
    MvcStepKind kind;
    int effort;        /* 0-based: the effort being done or coming next (last one when done) */
    double left_s;     /* time left in this step */
    double until_s;    /* time left until effort `effort` starts (0 once it has) */
    double progress;   /* 0..1 through the whole test */
} MvcStep;

/* Total length of the test, seconds. */
double mvc_test_total_s(void);
/* When effort i (0-based) starts, seconds from the start of the test. */
double mvc_test_effort_start_s(int i);
/* Where the test is t seconds after it started (t < 0 counts as 0). */
MvcStep mvc_test_step(double t);

/* The test's result from the trace (times on the same clock as t0, the test's start). mvc_analyze
 * over the whole trace when it finds exactly one effort inside each effort window; otherwise the
 * peak of each window (an effort weaker than half the best — a painful one — would vanish from
 * mvc_analyze and change the best/CV picture). False when no window holds a positive force. */
bool mvc_test_result(const ForcePoint *pts, size_t n, double t0, MvcResult *out);
/* The per-window fallback alone: peak of pts inside [start[i], end[i]] for k windows
 * (k <= MVC_MAX_EFFORTS); best and CV as mvc_analyze computes them (sample SD). False when a
 * window has no finite sample or no peak is positive. */
bool mvc_from_windows(const ForcePoint *pts, size_t n, const double *start, const double *end,
                      size_t k, MvcResult *out);

/* A pain answer (NRS 0–10) above MVC_PAIN_LIMIT makes the maximum pain-limited. */
bool mvc_pain_limited(int pain);
