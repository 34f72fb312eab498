/* signal/resample: linear interpolation onto a fixed tick (see resample.h). Only the current
 * segment (two points) is kept, so memory is constant however long the session runs. */
#include "signal/resample.h"

#include <math.h>
#include <stdint.h>

bool resample_init(Resampler *r, double tick_s, double max_gap_s)
{
    if (!isfinite(tick_s) || !(tick_s > 0))
        return false;
    *r = (Resampler){0};
    r->tick_s = tick_s;
    r->max_gap_s = (isfinite(max_gap_s) && max_gap_s > 0) ? max_gap_s : 0.0;
    return true;
}

static double tick_time(const Resampler *r, double k) { return r->t0_s + k * r->tick_s; }

static bool tick_reaches(const Resampler *r, double k, double t, bool after)
{
    return after ? tick_time(r, k) > t : tick_time(r, k) >= t;
}

/* Index of the first tick at or after t (strictly after when `after`). The division gives a
 * guess; a few steps correct it for rounding so it agrees with tick_time. The steps are capped:
 * past 2^53 ticks k ± 1 == k and an uncapped loop would never end. */
static double first_tick(const Resampler *r, double t, bool after)
{
    double k = ceil((t - r->t0_s) / r->tick_s);
    if (!(k > 0))
        k = 0;
    for (int i = 0; i < 4 && k > 0 && tick_reaches(r, k - 1, t, after); i++)
        k--;
    for (int i = 0; i < 4 && !tick_reaches(r, k, t, after); i++)
        k++;
    return k;
}

bool resample_push(Resampler *r, const ForcePoint *p)
{
    if (!isfinite(p->t_s)) {
        r->rejected++;
        return false;
    }
    if (!r->have_cur) {
        r->t0_s = p->t_s;
        r->next_k = 0;
        r->cur = *p;
        r->have_cur = true;
        return true;
    }
    if (p->t_s < r->cur.t_s) {
        r->rejected++;
        return false;
    }
    if (p->t_s == r->cur.t_s) {
        r->cur = *p;
        return true;
    }
    /* Ticks up to the old newest point belonged to the old segment; if the caller did not pop
     * them, they are gone now. */
    double k = first_tick(r, r->cur.t_s, true);
    if (k > r->next_k) {
        double lost = k - r->next_k;
        r->dropped += lost < (double)SIZE_MAX ? (size_t)lost : SIZE_MAX;
        r->next_k = k;
    }
    if (r->max_gap_s > 0 && p->t_s - r->cur.t_s > r->max_gap_s) {
        r->have_prev = false;
        r->next_k = first_tick(r, p->t_s, false);
    } else {
        r->prev = r->cur;
        r->have_prev = true;
    }
    r->cur = *p;
    return true;
}

static double lerp(double a, double b, double frac) { return a + (b - a) * frac; }

bool resample_pop(Resampler *r, ForcePoint *out)
{
    if (!r->have_cur)
        return false;
    double t = tick_time(r, r->next_k);
    if (t > r->cur.t_s)
        return false;
    if (r->have_prev && t >= r->prev.t_s) {
        const ForcePoint *a = &r->prev, *b = &r->cur;
        double frac = (t - a->t_s) / (b->t_s - a->t_s);
        out->t_s = t;
        out->force_n = lerp(a->force_n, b->force_n, frac);
        out->has_lr = a->has_lr && b->has_lr;
        out->left_n = out->has_lr ? lerp(a->left_n, b->left_n, frac) : 0.0;
        out->right_n = out->has_lr ? lerp(a->right_n, b->right_n, frac) : 0.0;
    } else {
        /* Only the newest point is known (the first point, or the first after a gap): the tick
         * is at its time. */
        *out = r->cur;
        out->t_s = t;
    }
    r->next_k += 1;
    return true;
}
