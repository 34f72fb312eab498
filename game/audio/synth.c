/* audio/synth: cue and biofeedback-tone synthesis (pure C, deterministic). */
#include "audio/synth.h"

#include <math.h>
#include <string.h>

/* Amount of 2nd harmonic: enough to make the tone round and easy to localise in a room, far below
 * the level where it would sound buzzy. Below 0.5 it also adds no extra zero crossings, so a
 * zero-crossing pitch measurement still reads the fundamental. */
#define HARMONIC2 0.15
/* Full-scale peak of the feedback tone at volume 1. Cue notes peak at <= 0.45, so a cue over the
 * tone stays below full scale and the mixer never clips. */
#define FEEDBACK_LEVEL 0.35
/* Out of band the tone's loudness breathes slowly; in band it is steady. 3 Hz is slow enough to
 * feel calm yet clearly different from a steady tone. */
#define WOBBLE_HZ 3.0
#define WOBBLE_MIN 0.2 /* depth just outside the band */
#define WOBBLE_MAX 0.4 /* depth at |position| = 1 */
#define WOBBLE_GLIDE_S 0.05
/* Volume moves at a fixed rate (full range in 50 ms) rather than exponentially, so it lands
 * exactly on its target — volume 0 is true silence, not a faint remainder. */
#define VOLUME_SLEW_S 0.05

static const double PI = 3.14159265358979323846;

/* Equal-tempered pitches used below (A4 = 440 Hz). */
#define G4 392.00
#define B4 493.88
#define C5 523.25
#define D5 587.33
#define E5 659.26
#define G5 783.99
#define C6 1046.50

typedef struct CueDesign {
    const char *name;
    size_t count;
    CueNote notes[SYNTH_MAX_NOTES];
} CueDesign;

/* The designs. Short attacks (5–10 ms) keep the onset clear but click-free; releases are long
 * relative to the note so endings fade rather than stop. Rising contours mean "go", falling
 * ones "stop", so the meaning survives without looking at the screen. */
static const CueDesign CUES[CUE_N] = {
    [CUE_COUNT] = {"count", 1, {{0.00, 0.12, 660.0, 0.45, 0.008, 0.07, 0}}},
    [CUE_START] = {"start", 2,
                   {{0.00, 0.16, C5, 0.45, 0.010, 0.06, 0},
                    {0.16, 0.30, G5, 0.45, 0.010, 0.18, 0}}},
    [CUE_HALFWAY] = {"halfway", 1, {{0.00, 0.60, D5, 0.40, 0.005, 0.25, 0.25}}},
    [CUE_LAST5] = {"last5", 1, {{0.00, 0.09, G5, 0.30, 0.006, 0.05, 0}}},
    [CUE_STOP] = {"stop", 2,
                  {{0.00, 0.16, G5, 0.45, 0.010, 0.06, 0},
                   {0.16, 0.36, C5, 0.45, 0.010, 0.22, 0}}},
    [CUE_REST_OVER] = {"rest_over", 3,
                       {{0.00, 0.14, G4, 0.40, 0.010, 0.06, 0},
                        {0.18, 0.14, B4, 0.40, 0.010, 0.06, 0},
                        {0.36, 0.30, D5, 0.40, 0.010, 0.18, 0}}},
    [CUE_TEMPO_UP] = {"tempo_up", 1, {{0.00, 0.05, C6, 0.35, 0.004, 0.03, 0}}},
    [CUE_TEMPO_DOWN] = {"tempo_down", 1, {{0.00, 0.05, C5, 0.35, 0.004, 0.03, 0}}},
    [CUE_REWARD] = {"reward", 4,
                    {{0.00, 0.12, C5, 0.40, 0.008, 0.05, 0},
                     {0.12, 0.12, E5, 0.40, 0.008, 0.05, 0},
                     {0.24, 0.12, G5, 0.40, 0.008, 0.05, 0},
                     {0.36, 0.50, C6, 0.35, 0.008, 0.30, 0.30}}},
};

static const CueDesign *cue_design(Cue c)
{
    if ((int)c < 0 || c >= CUE_N)
        return NULL;
    return &CUES[c];
}

const char *synth_cue_name(Cue c)
{
    const CueDesign *d = cue_design(c);
    return d ? d->name : "?";
}

size_t synth_cue_notes(Cue c, CueNote *out, size_t cap)
{
    const CueDesign *d = cue_design(c);
    if (!d)
        return 0;
    for (size_t i = 0; i < d->count && i < cap; i++)
        out[i] = d->notes[i];
    return d->count;
}

static double cue_end_s(const CueDesign *d)
{
    double end = 0;
    for (size_t i = 0; i < d->count; i++) {
        double e = d->notes[i].start_s + d->notes[i].dur_s;
        if (e > end)
            end = e;
    }
    return end;
}

size_t synth_cue_length(Cue c, int rate)
{
    const CueDesign *d = cue_design(c);
    if (!d || rate <= 0)
        return 0;
    /* +1 so the last sample sits on the end, where every envelope is back at zero. */
    return (size_t)floor(cue_end_s(d) * rate) + 1;
}

/* 0 → 1 along a half cosine: its slope is zero at both ends, so joining a ramp to silence or to
 * a steady level adds no corner (a corner in the envelope is what the ear hears as a click). */
static double smooth_ramp(double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    return 0.5 - 0.5 * cos(PI * x);
}

/* The shared timbre, peak-normalised so |wave| <= 1. */
static double wave(double phase_cycles)
{
    double x = 2 * PI * phase_cycles;
    return (sin(x) + HARMONIC2 * sin(2 * x)) / (1 + HARMONIC2);
}

static double note_sample(const CueNote *n, double t)
{
    double tau = t - n->start_s;
    if (tau < 0 || tau > n->dur_s)
        return 0;
    double env = n->amp;
    if (n->attack_s > 0)
        env *= smooth_ramp(tau / n->attack_s);
    if (n->release_s > 0)
        env *= smooth_ramp((n->dur_s - tau) / n->release_s);
    if (n->decay_s > 0 && tau > n->attack_s)
        env *= exp(-(tau - n->attack_s) / n->decay_s);
    return env * wave(n->freq_hz * tau);
}

static int16_t to_pcm(double x)
{
    double v = x * 32767.0;
    if (v > 32767.0)
        v = 32767.0;
    if (v < -32767.0)
        v = -32767.0;
    return (int16_t)lrint(v);
}

size_t synth_cue_render(Cue c, int rate, int16_t *out, size_t cap)
{
    size_t len = synth_cue_length(c, rate);
    if (len > cap)
        len = cap;
    const CueDesign *d = cue_design(c);
    for (size_t i = 0; i < len; i++) {
        double t = (double)i / rate;
        double x = 0;
        for (size_t k = 0; k < d->count; k++)
            x += note_sample(&d->notes[k], t);
        out[i] = to_pcm(x);
    }
    return len;
}

/* ---- biofeedback tone ---- */

static double clampd(double x, double lo, double hi)
{
    if (!(x >= lo)) /* also maps NaN to lo */
        return lo;
    return x > hi ? hi : x;
}

double synth_feedback_pitch_hz(double position)
{
    if (isnan(position))
        position = 0;
    return SYNTH_FEEDBACK_BASE_HZ * pow(2.0, clampd(position, -1, 1));
}

double synth_feedback_position(double value, double low, double high)
{
    if (!isfinite(value) || !isfinite(low) || !isfinite(high) || !(high > low))
        return 0;
    double width = high - low;
    if (value < low)
        return clampd((value - low) / width, -1, 1);
    if (value > high)
        return clampd((value - high) / width, -1, 1);
    return 0;
}

void synth_feedback_init(FeedbackTone *t)
{
    memset(t, 0, sizeof *t);
    t->freq_hz = t->target_hz = SYNTH_FEEDBACK_BASE_HZ;
    t->volume = t->target_volume = 0.5;
}

void synth_feedback_set(FeedbackTone *t, double position)
{
    if (isnan(position))
        position = 0;
    position = clampd(position, -1, 1);
    t->target_hz = synth_feedback_pitch_hz(position);
    double a = fabs(position);
    t->target_wobble = a > 0 ? WOBBLE_MIN + (WOBBLE_MAX - WOBBLE_MIN) * a : 0;
}

void synth_feedback_set_volume(FeedbackTone *t, double volume)
{
    t->target_volume = clampd(volume, 0, 1);
}

void synth_feedback_enable(FeedbackTone *t, bool on)
{
    if (on && !t->enabled && t->gain <= 0) {
        /* Starting from silence: begin at the target rather than audibly gliding from wherever
         * the tone was when it was switched off. Safe, because the fade-in starts at zero. */
        t->freq_hz = t->target_hz;
        t->wobble = t->target_wobble;
        t->volume = t->target_volume;
    }
    t->enabled = on;
}

/* Per-sample coefficient of a one-pole glide with time constant tau_s. */
static double glide_coef(double tau_s, int rate)
{
    return 1.0 - exp(-1.0 / (tau_s * rate));
}

void synth_feedback_render(FeedbackTone *t, int16_t *out, size_t n, int rate)
{
    if (rate <= 0) {
        memset(out, 0, n * sizeof *out);
        return;
    }
    const double kf = glide_coef(SYNTH_FEEDBACK_GLIDE_S, rate);
    const double kw = glide_coef(WOBBLE_GLIDE_S, rate);
    const double vol_step = 1.0 / (VOLUME_SLEW_S * rate);
    const double fade_step = 1.0 / (SYNTH_FEEDBACK_FADE_S * rate);
    const double log_target = log(t->target_hz);
    double log_f = log(t->freq_hz);

    for (size_t i = 0; i < n; i++) {
        if (!t->enabled && t->gain <= 0) {
            /* Off and faded out: nothing to hear. Glides need not advance, because switching
             * on from silence snaps them to their targets (synth_feedback_enable). */
            memset(out + i, 0, (n - i) * sizeof *out);
            t->gain = 0;
            break;
        }
        t->gain = t->enabled ? fmin(1.0, t->gain + fade_step) : fmax(0.0, t->gain - fade_step);
        /* Glide in log frequency, so the glide sounds even whether it goes up or down. */
        log_f += (log_target - log_f) * kf;
        t->freq_hz = exp(log_f);
        t->wobble += (t->target_wobble - t->wobble) * kw;
        double dv = t->target_volume - t->volume;
        t->volume = fabs(dv) <= vol_step ? t->target_volume : t->volume + copysign(vol_step, dv);

        /* The phase accumulates the current frequency, so a pitch change bends the waveform
         * without a jump: this is what keeps a changing tone click-free. */
        t->phase += t->freq_hz / rate;
        t->phase -= floor(t->phase);
        t->wobble_phase += WOBBLE_HZ / rate;
        t->wobble_phase -= floor(t->wobble_phase);

        double breath = 1.0 - t->wobble * (0.5 - 0.5 * cos(2 * PI * t->wobble_phase));
        double amp = FEEDBACK_LEVEL * t->volume * smooth_ramp(t->gain) * breath;
        out[i] = to_pcm(amp * wave(t->phase));
    }
}
