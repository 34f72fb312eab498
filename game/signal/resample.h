/* signal/resample: put non-uniformly timestamped samples (USB reports arrive in bursts, HID
 * scales report only on change) onto a fixed tick, by linear interpolation between neighbours,
 * so the low-pass filter and the fixed-timestep game loop see one sample per tick.
 *
 * Streaming use: push each input point in time order, then pop until it returns false:
 *     resample_push(&r, &p);
 *     while (resample_pop(&r, &out)) use(&out);
 * The tick grid is anchored at the first point's time: ticks are t0 + k·tick_s, and the first
 * output is the first point itself. Units: seconds; the values are interpolated as they are. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "signal/hold.h"

typedef struct Resampler {
    double tick_s;    /* output spacing */
    double max_gap_s; /* inputs further apart than this are not bridged (<= 0: bridge any gap) */
    double t0_s;      /* grid anchor: the first point's time */
    double next_k;    /* index of the next tick to emit (a double: exact up to 2^53) */
    ForcePoint prev;  /* the older end of the current segment (valid when have_prev) */
    ForcePoint cur;   /* the newest point (valid when have_cur) */
    bool have_prev, have_cur;
    size_t rejected; /* inputs ignored: non-finite time, or earlier than the newest point */
    size_t dropped;  /* ticks lost because they were not popped before the next push */
} Resampler;

/* Sets up an empty resampler. False, leaving *r unchanged, unless tick_s is finite and > 0
 * (max_gap_s may be anything; non-finite or <= 0 means no gap limit). */
bool resample_init(Resampler *r, double tick_s, double max_gap_s);
/* Adds one input point. A point with the same time as the newest replaces it (the latest reading
 * at that instant wins); a point earlier than the newest, or with a non-finite time, is ignored
 * and false is returned. After a gap longer than max_gap_s nothing is invented across the gap:
 * the grid resumes at the first tick at or after the new point, so the output has a hole. */
bool resample_push(Resampler *r, const ForcePoint *p);
/* The next output point, if the inputs so far reach its tick. left/right are interpolated when
 * both neighbours have them; otherwise has_lr is false. */
bool resample_pop(Resampler *r, ForcePoint *out);
