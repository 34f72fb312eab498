/* Unit tests for audio/synth and audio/wav: the cues sound as designed (pitch, contour, no click
 * at either end or inside), and the biofeedback tone follows the position smoothly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/synth.h"
#include "audio/wav.h"

#define RATE SYNTH_RATE_HZ
static const double PI = 3.14159265358979323846;

static int16_t *render_cue(Cue c, int rate, size_t *n)
{
    *n = synth_cue_length(c, rate);
    int16_t *buf = malloc(*n * sizeof *buf);
    assert_non_null(buf);
    assert_int_equal(synth_cue_render(c, rate, buf, *n), *n);
    return buf;
}

/* Frequency from upward zero crossings, located to a fraction of a sample by linear
 * interpolation; amplitude changes do not move zero crossings, so envelopes do not bias it. */
static double zc_freq(const int16_t *x, size_t from, size_t to, int rate)
{
    double first = -1, last = -1;
    int count = 0;
    for (size_t i = from + 1; i < to; i++) {
        if (x[i - 1] < 0 && x[i] >= 0) {
            double pos = (double)(i - 1) + (double)-x[i - 1] / (double)(x[i] - x[i - 1]);
            if (count == 0)
                first = pos;
            last = pos;
            count++;
        }
    }
    if (count < 3)
        return 0;
    return (count - 1) / ((last - first) / rate);
}

/* Power at freq_hz over a Hann-windowed span (Goertzel). */
static double goertzel(const int16_t *x, size_t from, size_t to, double freq_hz, int rate)
{
    size_t n = to - from;
    double coef = 2 * cos(2 * PI * freq_hz / rate), s1 = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double w = 0.5 - 0.5 * cos(2 * PI * (double)i / (double)(n - 1));
        double s = w * x[from + i] + coef * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    return s1 * s1 + s2 * s2 - coef * s1 * s2;
}

/* The steady part of a note, where its pitch is measured: past the attack, before the last
 * stretch of the release where the samples are too small to cross zero cleanly. */
static void note_span(const CueNote *nt, int rate, size_t *from, size_t *to)
{
    *from = (size_t)((nt->start_s + nt->attack_s) * rate);
    *to = (size_t)((nt->start_s + nt->dur_s - 0.3 * nt->release_s) * rate);
}

static double note_freq(const int16_t *x, const CueNote *nt, int rate)
{
    size_t from, to;
    note_span(nt, rate, &from, &to);
    return zc_freq(x, from, to, rate);
}

static size_t notes_of(Cue c, CueNote *notes)
{
    size_t n = synth_cue_notes(c, notes, SYNTH_MAX_NOTES);
    assert_in_range(n, 1, SYNTH_MAX_NOTES);
    return n;
}

static int peak_abs(const int16_t *x, size_t n)
{
    int p = 0;
    for (size_t i = 0; i < n; i++)
        if (abs(x[i]) > p)
            p = abs(x[i]);
    return p;
}

/* The steepest a full-scale sine at f can move between two samples. A click (a jump in the
 * waveform) breaks this bound; a smooth sound of peak <= full scale cannot. */
static double max_step(double f, int rate)
{
    return 32767.0 * 2 * PI * f / rate;
}

static void test_cue_names_and_lengths(void **state)
{
    (void)state;
    for (int c = 0; c < CUE_N; c++) {
        assert_string_not_equal(synth_cue_name((Cue)c), "?");
        size_t n44 = synth_cue_length((Cue)c, RATE), n48 = synth_cue_length((Cue)c, 48000);
        assert_true(n44 > 0.03 * RATE && n44 < 1.0 * RATE); /* cues are short */
        /* the same duration at another rate */
        assert_true(fabs((double)n48 / 48000 - (double)n44 / RATE) < 2.0 / RATE);
    }
    assert_string_equal(synth_cue_name(CUE_N), "?");
    assert_int_equal(synth_cue_length(CUE_N, RATE), 0);
    assert_int_equal(synth_cue_length(CUE_COUNT, 0), 0);
    CueNote notes[SYNTH_MAX_NOTES];
    assert_int_equal(synth_cue_notes(CUE_N, notes, SYNTH_MAX_NOTES), 0);
}

static void test_cues_audible_not_loud_and_click_free(void **state)
{
    (void)state;
    for (int c = 0; c < CUE_N; c++) {
        size_t n;
        int16_t *x = render_cue((Cue)c, RATE, &n);
        int peak = peak_abs(x, n);
        /* heard from 2 m, yet calm and with room to mix over the tone without clipping */
        assert_in_range(peak, (int)(0.2 * 32767), (int)(0.5 * 32767));
        /* starts and ends at (almost) zero: no click at either edge */
        assert_true(abs(x[0]) <= 30);
        assert_true(abs(x[n - 1]) <= 30);
        /* and no jump anywhere inside (e.g. between notes) */
        CueNote notes[SYNTH_MAX_NOTES];
        size_t nn = notes_of((Cue)c, notes);
        double fmax = 0;
        for (size_t k = 0; k < nn; k++)
            fmax = fmax > notes[k].freq_hz ? fmax : notes[k].freq_hz;
        double bound = max_step(fmax, RATE);
        for (size_t i = 1; i < n; i++)
            if (abs(x[i] - x[i - 1]) > bound)
                fail_msg("cue %s: jump of %d at sample %zu (bound %.0f)", synth_cue_name((Cue)c),
                         abs(x[i] - x[i - 1]), i, bound);
        free(x);
    }
}

static void test_cues_have_designed_pitch(void **state)
{
    (void)state;
    for (int c = 0; c < CUE_N; c++) {
        size_t n;
        int16_t *x = render_cue((Cue)c, RATE, &n);
        CueNote notes[SYNTH_MAX_NOTES];
        size_t nn = notes_of((Cue)c, notes);
        for (size_t k = 0; k < nn; k++) {
            double f = note_freq(x, &notes[k], RATE);
            if (fabs(f / notes[k].freq_hz - 1) > 0.01)
                fail_msg("cue %s note %zu: measured %.1f Hz, designed %.1f Hz",
                         synth_cue_name((Cue)c), k, f, notes[k].freq_hz);
            /* and the energy is at that pitch, not a few semitones away */
            size_t from, to;
            note_span(&notes[k], RATE, &from, &to);
            double p = goertzel(x, from, to, notes[k].freq_hz, RATE);
            assert_true(p > 10 * goertzel(x, from, to, notes[k].freq_hz * 0.75, RATE));
            assert_true(p > 10 * goertzel(x, from, to, notes[k].freq_hz * 1.33, RATE));
        }
        free(x);
    }
}

/* Measured pitches of every note of a cue, in order. */
static size_t measured_notes(Cue c, double *f)
{
    size_t n;
    int16_t *x = render_cue(c, RATE, &n);
    CueNote notes[SYNTH_MAX_NOTES];
    size_t nn = notes_of(c, notes);
    for (size_t k = 0; k < nn; k++)
        f[k] = note_freq(x, &notes[k], RATE);
    free(x);
    return nn;
}

static bool near_hz(double f, double want) { return fabs(f / want - 1) < 0.01; }

/* The sound design the brief asks for, checked against the audio itself. */
static void test_cue_contours(void **state)
{
    (void)state;
    double f[SYNTH_MAX_NOTES];
    assert_int_equal(measured_notes(CUE_COUNT, f), 1);
    assert_true(near_hz(f[0], 660));
    assert_true(fabs((double)synth_cue_length(CUE_COUNT, RATE) / RATE - 0.12) < 0.005);

    assert_int_equal(measured_notes(CUE_START, f), 2); /* rising: go */
    assert_true(near_hz(f[0], 523.25) && near_hz(f[1], 783.99));

    assert_int_equal(measured_notes(CUE_STOP, f), 2); /* falling: stop */
    assert_true(f[0] > f[1] * 1.2);

    assert_int_equal(measured_notes(CUE_HALFWAY, f), 1);

    assert_int_equal(measured_notes(CUE_LAST5, f), 1);
    assert_true(synth_cue_length(CUE_LAST5, RATE) < 0.15 * RATE);

    assert_int_equal(measured_notes(CUE_REST_OVER, f), 3);
    assert_true(f[0] < f[1] && f[1] < f[2]);

    double up[SYNTH_MAX_NOTES], down[SYNTH_MAX_NOTES];
    assert_int_equal(measured_notes(CUE_TEMPO_UP, up), 1);
    assert_int_equal(measured_notes(CUE_TEMPO_DOWN, down), 1);
    assert_true(up[0] > down[0] * 1.5);
    assert_true(synth_cue_length(CUE_TEMPO_UP, RATE) < 0.08 * RATE); /* a click, not a note */

    size_t nr = measured_notes(CUE_REWARD, f);
    assert_true(nr >= 3);
    for (size_t k = 1; k < nr; k++)
        assert_true(f[k] > f[k - 1]);
}

static void test_cue_render_truncates_and_is_deterministic(void **state)
{
    (void)state;
    for (int c = 0; c < CUE_N; c++) {
        size_t n;
        int16_t *a = render_cue((Cue)c, RATE, &n);
        int16_t *b = render_cue((Cue)c, RATE, &n);
        assert_memory_equal(a, b, n * sizeof *a);
        int16_t part[100];
        assert_int_equal(synth_cue_render((Cue)c, RATE, part, 100), 100);
        assert_memory_equal(part, a, sizeof part);
        free(a);
        free(b);
    }
    int16_t one[1] = {123};
    assert_int_equal(synth_cue_render(CUE_N, RATE, one, 1), 0);
    assert_int_equal(one[0], 123);
}

/* ---- feedback tone ---- */

static void test_feedback_pitch_mapping(void **state)
{
    (void)state;
    assert_true(fabs(synth_feedback_pitch_hz(0) - SYNTH_FEEDBACK_BASE_HZ) < 1e-9);
    assert_true(fabs(synth_feedback_pitch_hz(-1) - SYNTH_FEEDBACK_BASE_HZ / 2) < 1e-9);
    assert_true(fabs(synth_feedback_pitch_hz(1) - SYNTH_FEEDBACK_BASE_HZ * 2) < 1e-9);
    assert_true(synth_feedback_pitch_hz(-7) == synth_feedback_pitch_hz(-1)); /* clamped */
    assert_true(synth_feedback_pitch_hz(7) == synth_feedback_pitch_hz(1));
    assert_true(synth_feedback_pitch_hz(NAN) == SYNTH_FEEDBACK_BASE_HZ);
    double prev = 0;
    for (int i = -100; i <= 100; i++) {
        double f = synth_feedback_pitch_hz(i / 100.0);
        assert_true(f > prev);
        prev = f;
    }
}

static void test_feedback_position_mapping(void **state)
{
    (void)state;
    /* band 90..110 N (target 100 N, ±10 %) */
    assert_true(synth_feedback_position(100, 90, 110) == 0);
    assert_true(synth_feedback_position(90, 90, 110) == 0);
    assert_true(synth_feedback_position(110, 90, 110) == 0);
    assert_true(fabs(synth_feedback_position(80, 90, 110) + 0.5) < 1e-12);
    assert_true(fabs(synth_feedback_position(115, 90, 110) - 0.25) < 1e-12);
    assert_true(synth_feedback_position(0, 90, 110) == -1);
    assert_true(synth_feedback_position(500, 90, 110) == 1);
    assert_true(synth_feedback_position(NAN, 90, 110) == 0);
    assert_true(synth_feedback_position(100, 110, 90) == 0); /* empty band */
}

/* A tone switched on at `position` and rendered for `seconds`. */
static int16_t *render_tone(double position, double seconds, size_t *n)
{
    FeedbackTone t;
    synth_feedback_init(&t);
    synth_feedback_set_volume(&t, 1.0);
    synth_feedback_set(&t, position);
    synth_feedback_enable(&t, true);
    *n = (size_t)(seconds * RATE);
    int16_t *x = malloc(*n * sizeof *x);
    assert_non_null(x);
    synth_feedback_render(&t, x, *n, RATE);
    return x;
}

static void test_feedback_measured_pitch_follows_position(void **state)
{
    (void)state;
    const double pos[] = {-1, -0.6, -0.25, -0.05, 0, 0.05, 0.25, 0.6, 1};
    double prev = 0;
    for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++) {
        size_t n;
        int16_t *x = render_tone(pos[i], 0.5, &n);
        double f = zc_freq(x, n / 2, n, RATE); /* after the fade-in */
        free(x);
        if (fabs(f / synth_feedback_pitch_hz(pos[i]) - 1) > 0.002)
            fail_msg("position %.2f: %.2f Hz, want %.2f", pos[i], f,
                     synth_feedback_pitch_hz(pos[i]));
        if (pos[i] == 0)
            assert_true(fabs(f - SYNTH_FEEDBACK_BASE_HZ) < 1.0);
        if (pos[i] < 0)
            assert_true(f < SYNTH_FEEDBACK_BASE_HZ);
        if (pos[i] > 0)
            assert_true(f > SYNTH_FEEDBACK_BASE_HZ);
        assert_true(f > prev); /* monotonic in position */
        prev = f;
    }
}

/* Spread of per-block peaks over one second, relative to the largest: ~0 for a steady tone. */
static double loudness_spread(double position)
{
    size_t n;
    int16_t *x = render_tone(position, 1.5, &n);
    size_t block = RATE / 100; /* 10 ms: several periods even at 220 Hz */
    int lo = 1 << 20, hi = 0;
    for (size_t b = n / 3; b + block <= n; b += block) {
        int p = peak_abs(x + b, block);
        lo = p < lo ? p : lo;
        hi = p > hi ? p : hi;
    }
    free(x);
    return (double)(hi - lo) / hi;
}

static void test_feedback_steady_in_band_wobbles_out_of_band(void **state)
{
    (void)state;
    assert_true(loudness_spread(0) < 0.02);
    assert_true(loudness_spread(-0.3) > 0.1);
    assert_true(loudness_spread(0.3) > 0.1);
    assert_true(loudness_spread(1) <= 0.45); /* gentle even at the extreme */
}

static void test_feedback_glides(void **state)
{
    (void)state;
    FeedbackTone t;
    synth_feedback_init(&t);
    synth_feedback_enable(&t, true);
    int16_t buf[RATE / 10];
    synth_feedback_render(&t, buf, RATE / 10, RATE);
    synth_feedback_set(&t, 1);
    synth_feedback_render(&t, buf, RATE / 200, RATE); /* 5 ms: still on its way */
    assert_true(t.freq_hz > 450 && t.freq_hz < 700);
    synth_feedback_render(&t, buf, RATE / 20, RATE); /* 55 ms in: essentially there */
    assert_true(fabs(t.freq_hz / 880 - 1) < 0.05);
    assert_true(t.freq_hz <= 880.0 + 1e-9); /* never overshoots */
}

static void test_feedback_phase_continuous(void **state)
{
    (void)state;
    FeedbackTone t;
    synth_feedback_init(&t);
    synth_feedback_set_volume(&t, 1.0);
    synth_feedback_enable(&t, true);
    /* Jump the position hard and often, in render calls of odd sizes, as a game would. */
    const double pos[] = {0, 1, -1, 0.3, -0.7, 0, 1, 0, -1, 0.05};
    const size_t sizes[] = {1, 997, 64, 3, 441, 1024, 17, 2000, 5, 733};
    int16_t buf[2048];
    int16_t last = 0;
    bool have_last = false;
    double bound = max_step(SYNTH_FEEDBACK_BASE_HZ * 2, RATE); /* the highest pitch it reaches */
    for (int round = 0; round < 30; round++) {
        for (size_t i = 0; i < 10; i++) {
            synth_feedback_set(&t, pos[(i + (size_t)round) % 10]);
            if (round == 12 && i == 4)
                synth_feedback_set_volume(&t, 0.2);
            size_t n = sizes[i];
            synth_feedback_render(&t, buf, n, RATE);
            for (size_t k = 0; k < n; k++) {
                if (have_last && abs(buf[k] - last) > bound)
                    fail_msg("jump of %d (bound %.0f) in round %d", abs(buf[k] - last), bound,
                             round);
                last = buf[k];
                have_last = true;
            }
        }
    }
}

static void test_feedback_fades_in_and_out(void **state)
{
    (void)state;
    FeedbackTone t;
    synth_feedback_init(&t);
    synth_feedback_set_volume(&t, 1.0);
    int16_t buf[RATE / 4];
    synth_feedback_render(&t, buf, RATE / 4, RATE); /* off: silence */
    assert_int_equal(peak_abs(buf, RATE / 4), 0);

    synth_feedback_enable(&t, true);
    synth_feedback_render(&t, buf, RATE / 4, RATE);
    assert_true(abs(buf[0]) <= 5 && abs(buf[1]) <= 5);       /* rises from nothing */
    assert_true(peak_abs(buf, RATE / 100) < 0.05 * 32767);  /* first 10 ms still quiet */
    assert_true(peak_abs(buf + RATE / 8, RATE / 8) > 0.3 * 32767); /* then full (0.35) */

    synth_feedback_enable(&t, false);
    synth_feedback_render(&t, buf, RATE / 4, RATE);
    size_t fade = (size_t)(SYNTH_FEEDBACK_FADE_S * RATE);
    assert_int_equal(peak_abs(buf + fade + 1, RATE / 4 - fade - 1), 0); /* silent after fade */
    double bound = max_step(SYNTH_FEEDBACK_BASE_HZ, RATE);
    for (size_t i = 1; i < RATE / 4; i++)
        assert_true(abs(buf[i] - buf[i - 1]) <= bound);
}

static void test_feedback_volume(void **state)
{
    (void)state;
    FeedbackTone t;
    synth_feedback_init(&t);
    synth_feedback_set_volume(&t, 0.5);
    synth_feedback_enable(&t, true);
    int16_t buf[RATE / 4];
    synth_feedback_render(&t, buf, RATE / 4, RATE);
    int half = peak_abs(buf + RATE / 8, RATE / 8);
    synth_feedback_set_volume(&t, 1.0);
    synth_feedback_render(&t, buf, RATE / 4, RATE);
    int full = peak_abs(buf + RATE / 8, RATE / 8);
    assert_true(fabs((double)half / full - 0.5) < 0.02);
    synth_feedback_set_volume(&t, 0);
    synth_feedback_render(&t, buf, RATE / 4, RATE);
    assert_true(peak_abs(buf + RATE / 8, RATE / 8) <= 1);
    synth_feedback_set_volume(&t, 9); /* clamped */
    synth_feedback_render(&t, buf, RATE / 4, RATE);
    assert_true(abs(peak_abs(buf + RATE / 8, RATE / 8) - full) <= 2);
}

static void test_feedback_deterministic(void **state)
{
    (void)state;
    size_t n;
    int16_t *a = render_tone(0.4, 0.3, &n);
    int16_t *b = render_tone(0.4, 0.3, &n);
    assert_memory_equal(a, b, n * sizeof *a);
    free(a);
    free(b);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_wav_write(void **state)
{
    (void)state;
    const char *path = BH_BINARY_DIR "/test_audio_synth.wav";
    const int16_t s[3] = {0, -2, 0x1234};
    char err[256];
    assert_true(wav_write_mono16(path, s, 3, 22050, err, sizeof err));
    unsigned char h[64];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t got = fread(h, 1, sizeof h, f);
    fclose(f);
    remove(path);
    assert_int_equal(got, 44 + 6);
    assert_memory_equal(h, "RIFF", 4);
    assert_int_equal(get_u32(h + 4), 36 + 6);
    assert_memory_equal(h + 8, "WAVEfmt ", 8);
    assert_int_equal(get_u32(h + 24), 22050);
    assert_int_equal(h[22], 1); /* mono */
    assert_int_equal(h[34], 16);
    assert_memory_equal(h + 36, "data", 4);
    assert_int_equal(get_u32(h + 40), 6);
    const unsigned char data[6] = {0, 0, 0xFE, 0xFF, 0x34, 0x12}; /* little-endian */
    assert_memory_equal(h + 44, data, 6);

    assert_false(wav_write_mono16(BH_BINARY_DIR "/no/such/dir/x.wav", s, 3, 22050, err,
                                  sizeof err));
    assert_non_null(strstr(err, "x.wav"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cue_names_and_lengths),
        cmocka_unit_test(test_cues_audible_not_loud_and_click_free),
        cmocka_unit_test(test_cues_have_designed_pitch),
        cmocka_unit_test(test_cue_contours),
        cmocka_unit_test(test_cue_render_truncates_and_is_deterministic),
        cmocka_unit_test(test_feedback_pitch_mapping),
        cmocka_unit_test(test_feedback_position_mapping),
        cmocka_unit_test(test_feedback_measured_pitch_follows_position),
        cmocka_unit_test(test_feedback_steady_in_band_wobbles_out_of_band),
        cmocka_unit_test(test_feedback_glides),
        cmocka_unit_test(test_feedback_phase_continuous),
        cmocka_unit_test(test_feedback_fades_in_and_out),
        cmocka_unit_test(test_feedback_volume),
        cmocka_unit_test(test_feedback_deterministic),
        cmocka_unit_test(test_wav_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
