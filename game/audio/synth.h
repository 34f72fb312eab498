/* audio/synth: pure, deterministic synthesis of the game's sound cues and of the continuous
 * biofeedback tone, as mono signed 16-bit PCM. No SDL here, so every sound is unit-tested and
 * can be written to WAV without an audio device.
 *
 * The listener lies on the floor two metres away, in pain, often looking at the ceiling. So every
 * sound is soft and round (a sine with a little 2nd harmonic), starts and ends at zero amplitude
 * through raised-cosine ramps (an abrupt edge is heard as a click, and a click startles), and the
 * cues differ in pitch contour (rising = begin, falling = stop) rather than in loudness. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The sample rate the game plays at; any rate from 8000 Hz up works. */
#define SYNTH_RATE_HZ 44100

typedef enum Cue {
    CUE_COUNT,      /* get-ready 3-2-1 tick (one per second) */
    CUE_START,      /* hold now: rising two-note */
    CUE_HALFWAY,    /* single soft chime at half time */
    CUE_LAST5,      /* soft tick, once for each of the last 5 s */
    CUE_STOP,       /* release: falling two-note */
    CUE_REST_OVER,  /* rest is over: three soft rising notes */
    CUE_TEMPO_UP,   /* metronome: "push up" (short higher click) */
    CUE_TEMPO_DOWN, /* metronome: "lower" (short lower click) */
    CUE_REWARD,     /* a well-held set: a short pleasant arpeggio */
    CUE_N           /* number of cues, not a cue */
} Cue;

/* One note of a cue, as designed; exposed so tests and tools can check the rendered sound
 * against the design. Times in seconds from the start of the cue. */
typedef struct CueNote {
    double start_s;
    double dur_s;
    double freq_hz;
    double amp;       /* peak, as a fraction of full scale */
    double attack_s;  /* raised-cosine rise from 0 */
    double release_s; /* raised-cosine fall to 0 at start_s + dur_s */
    double decay_s;   /* exponential sustain decay time constant (bell-like); 0 = flat */
} CueNote;

/* Most notes in one cue. */
#define SYNTH_MAX_NOTES 6

/* A short lowercase name ("count", "start", ...) for logs and file names; "?" when out of range. */
const char *synth_cue_name(Cue c);
/* Copies up to cap notes of cue c into out; returns the cue's note count (0 for a bad cue). */
size_t synth_cue_notes(Cue c, CueNote *out, size_t cap);
/* Length of cue c in samples at `rate` Hz (0 for a bad cue or rate <= 0). */
size_t synth_cue_length(Cue c, int rate);
/* Renders cue c at `rate` Hz into out (at most cap samples); returns the samples written, which is
 * min(cap, synth_cue_length(c, rate)). Same inputs, same samples. */
size_t synth_cue_render(Cue c, int rate, int16_t *out, size_t cap);

/* The continuous biofeedback tone. Plain data so the caller can keep it anywhere; change it only
 * through the functions below (audio/ calls them under its lock). */
typedef struct FeedbackTone {
    double phase;        /* oscillator phase in cycles, [0, 1): continuous across renders */
    double freq_hz;      /* current pitch, gliding toward target_hz */
    double target_hz;
    double wobble_phase; /* amplitude-wobble phase in cycles, [0, 1) */
    double wobble;       /* current wobble depth, gliding toward target_wobble */
    double target_wobble;
    double volume;       /* current volume, gliding toward target_volume (no zipper noise) */
    double target_volume;
    double gain;         /* on/off fade, 0..1 */
    bool enabled;
} FeedbackTone;

/* Pitch in band, and the span either side (an octave at |position| = 1). 440 Hz sits in the
 * middle of the range where hearing is most sensitive, so it is clear at low volume. */
#define SYNTH_FEEDBACK_BASE_HZ 440.0
/* Glide time constant: the pitch is ~95 % of the way to a new target after 3·tau = 45 ms — quick
 * enough to follow the hold, slow enough that a noisy sensor does not make the tone warble. */
#define SYNTH_FEEDBACK_GLIDE_S 0.015
/* Fade in/out time when the tone is switched on or off. */
#define SYNTH_FEEDBACK_FADE_S 0.08

/* Starts disabled (silent), in band, at volume 0.5. */
void synth_feedback_init(FeedbackTone *t);
/* Sets where the measured value is relative to the target band: 0 inside, negative below,
 * positive above, clamped to [-1, 1] (see synth_feedback_position). The tone glides there. */
void synth_feedback_set(FeedbackTone *t, double position);
/* Volume 0..1 (clamped); glides, so moving a slider does not crackle. */
void synth_feedback_set_volume(FeedbackTone *t, double volume);
/* Switches the tone on or off with a short fade, never abruptly. */
void synth_feedback_enable(FeedbackTone *t, bool on);
/* Renders the next n samples at `rate` Hz, continuing phase, glide and fade from the last call.
 * Writes zeros while disabled and faded out. */
void synth_feedback_render(FeedbackTone *t, int16_t *out, size_t n, int rate);
/* The steady-state pitch for a position: BASE·2^position, position clamped to [-1, 1], so equal
 * steps in position are equal musical intervals (an octave below at -1, an octave above at +1). */
double synth_feedback_pitch_hz(double position);
/* Maps a measured value onto a position for a band [low, high]: 0 inside; outside, the distance
 * past the nearer edge in band widths, clamped to [-1, 1]. So with a ±10 % band, being a further
 * 20 % of target off sounds an octave away. 0 when the band is empty or a value is not finite. */
double synth_feedback_position(double value, double low, double high);
