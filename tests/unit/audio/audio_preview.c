/* audio_preview: writes every cue and a 5-second biofeedback sweep as WAV files, so a person can
 * listen to the sound design without running the game. A tool, not a test.
 *   audio_preview [OUT_DIR]     (default: <build dir>/audio-preview) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio/synth.h"
#include "audio/wav.h"

#define RATE SYNTH_RATE_HZ
#define SWEEP_S 5
/* The game updates the tone once a frame; 10 ms steps mimic a 100 Hz update. */
#define STEP (RATE / 100)

/* The sweep's position at time t: below the band rising into it, a steady second in band,
 * drifting above, falling right through the band to below, back in band, then switched off. */
static double sweep_position(double t)
{
    if (t < 1)
        return -1 + t;
    if (t < 2)
        return 0;
    if (t < 3)
        return t - 2;
    if (t < 4)
        return 1 - 2 * (t - 3);
    return 0;
}

static int write_or_complain(const char *path, const int16_t *x, size_t n)
{
    char err[512];
    if (!wav_write_mono16(path, x, n, RATE, err, sizeof err)) {
        fprintf(stderr, "audio_preview: %s\n", err);
        return 1;
    }
    printf("%s\n", path);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : BH_BINARY_DIR "/audio-preview";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "audio_preview: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char path[4096];
    int failed = 0;
    for (int c = 0; c < CUE_N; c++) {
        size_t n = synth_cue_length((Cue)c, RATE);
        int16_t *x = malloc(n * sizeof *x);
        if (!x)
            return 1;
        synth_cue_render((Cue)c, RATE, x, n);
        snprintf(path, sizeof path, "%s/cue_%s.wav", dir, synth_cue_name((Cue)c));
        failed |= write_or_complain(path, x, n);
        free(x);
    }

    size_t total = (size_t)SWEEP_S * RATE;
    int16_t *x = malloc(total * sizeof *x);
    if (!x)
        return 1;
    FeedbackTone t;
    synth_feedback_init(&t);
    synth_feedback_set_volume(&t, 1.0);
    synth_feedback_enable(&t, true);
    for (size_t i = 0; i < total; i += STEP) {
        double sec = (double)i / RATE;
        synth_feedback_set(&t, sweep_position(sec));
        synth_feedback_enable(&t, sec < SWEEP_S - 0.3); /* let the fade-out be heard */
        size_t n = total - i < STEP ? total - i : STEP;
        synth_feedback_render(&t, x + i, n, RATE);
    }
    snprintf(path, sizeof path, "%s/feedback_sweep.wav", dir);
    failed |= write_or_complain(path, x, total);
    free(x);
    return failed;
}
