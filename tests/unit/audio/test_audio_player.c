/* Unit tests for audio/audio under SDL's dummy audio driver: open, play every cue, drive the
 * feedback tone, close — and a missing device or a NULL Audio* means silence, never a crash.
 * A post-mix hook listens to what the mixer actually produced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <SDL.h>
#include <SDL_mixer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"

/* What the mixer output, filled on SDL's audio thread. */
static SDL_atomic_t g_peak;  /* largest |sample| since the last reset */
static SDL_atomic_t g_mixes; /* callbacks so far */

static void SDLCALL on_postmix(void *udata, Uint8 *stream, int len)
{
    (void)udata;
    const int16_t *s = (const int16_t *)(const void *)stream;
    int p = 0;
    for (int i = 0; i < len / 2; i++)
        if (abs(s[i]) > p)
            p = abs(s[i]);
    for (;;) { /* keep the maximum, racing only with the main thread's reset */
        int old = SDL_AtomicGet(&g_peak);
        if (p <= old || SDL_AtomicCAS(&g_peak, old, p))
            break;
    }
    SDL_AtomicAdd(&g_mixes, 1);
}

/* Waits until the mixer has run `count` more times; fails after 5 s (the dummy driver mixes in
 * real time, ~23 ms a buffer). */
static void wait_mixes(int count)
{
    int until = SDL_AtomicGet(&g_mixes) + count;
    for (int ms = 0; SDL_AtomicGet(&g_mixes) < until; ms += 5) {
        if (ms > 5000)
            fail_msg("the audio callback stopped running");
        SDL_Delay(5);
    }
}

/* Peak over the next `count` mixes, not counting one already under way. */
static int peak_of_next(int count)
{
    SDL_AtomicSet(&g_peak, 0);
    wait_mixes(2);
    SDL_AtomicSet(&g_peak, 0);
    wait_mixes(count);
    return SDL_AtomicGet(&g_peak);
}

static int setup_dummy(void **state)
{
    (void)state;
    return setenv("SDL_AUDIODRIVER", "dummy", 1);
}

static void test_null_audio_is_silent(void **state)
{
    (void)state;
    audio_play_cue(NULL, CUE_START);
    audio_set_feedback(NULL, true, 0.5);
    audio_set_volume(NULL, 1, 1);
    audio_close(NULL);
}

static void test_open_without_device_fails_clearly(void **state)
{
    (void)state;
    assert_int_equal(setenv("SDL_AUDIODRIVER", "bh_no_such_driver", 1), 0);
    char err[256] = "";
    Audio *a = audio_open(NULL, err, sizeof err);
    assert_null(a);
    assert_non_null(strstr(err, "audio unavailable"));
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0); /* nothing left half-open */
    assert_int_equal(setenv("SDL_AUDIODRIVER", "dummy", 1), 0);
}

static void test_play_every_cue_and_the_tone(void **state)
{
    (void)state;
    assert_int_equal(SDL_Init(SDL_INIT_AUDIO), 0);
    char err[256] = "";
    AudioSettings s;
    audio_settings_default(&s);
    Audio *a = audio_open(&s, err, sizeof err);
    if (!a)
        fail_msg("%s", err);
    Mix_SetPostMix(on_postmix, NULL);

    assert_int_equal(peak_of_next(3), 0); /* nothing asked for: silence */

    SDL_AtomicSet(&g_peak, 0);
    for (int c = 0; c < CUE_N; c++)
        audio_play_cue(a, (Cue)c);
    audio_play_cue(a, CUE_N); /* ignored */
    wait_mixes(4);
    assert_true(SDL_AtomicGet(&g_peak) > 3000);
    for (int ms = 0; Mix_Playing(-1) > 0; ms += 10) { /* the longest cue is under 1 s */
        assert_true(ms < 5000);
        SDL_Delay(10);
    }

    audio_set_feedback(a, true, 0); /* the tone alone */
    assert_true(peak_of_next(4) > 3000);
    audio_set_feedback(a, true, -1);
    audio_set_volume(a, 0.3, 0.2);
    assert_true(peak_of_next(4) > 500);
    audio_set_feedback(a, true, 1);
    audio_set_feedback(a, true, NAN); /* a glitching sensor: treated as in band */
    wait_mixes(2);

    audio_set_volume(a, 0.5, 0); /* tone at volume 0 is silent */
    wait_mixes(4);
    assert_true(peak_of_next(3) <= 1);
    audio_set_volume(a, 0.5, 0.5);
    audio_set_feedback(a, false, 0); /* off fades to silence */
    wait_mixes(6);
    assert_int_equal(peak_of_next(3), 0);

    Mix_SetPostMix(NULL, NULL);
    audio_close(a);
    assert_int_not_equal(SDL_WasInit(SDL_INIT_AUDIO), 0); /* the caller's init is kept */
    SDL_Quit();
}

static void test_open_twice_is_refused(void **state)
{
    (void)state;
    char err[256] = "";
    Audio *a = audio_open(NULL, err, sizeof err); /* no SDL_Init: audio_open does its own */
    if (!a)
        fail_msg("%s", err);
    Audio *b = audio_open(NULL, err, sizeof err);
    assert_null(b);
    assert_non_null(strstr(err, "already open"));
    audio_play_cue(a, CUE_REWARD);
    audio_close(a);
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0); /* and undoes it */
    a = audio_open(NULL, err, sizeof err);
    assert_non_null(a);
    audio_close(a);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_audio_is_silent),
        cmocka_unit_test(test_open_without_device_fails_clearly),
        cmocka_unit_test(test_play_every_cue_and_the_tone),
        cmocka_unit_test(test_open_twice_is_refused),
    };
    return cmocka_run_group_tests(tests, setup_dummy, NULL);
}
