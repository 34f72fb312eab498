/* audio/audio: the SDL2_mixer player. Cues are synthesised once into buffers this module owns
 * and wrapped as Mix_Chunks; the feedback tone is generated live in SDL_mixer's music hook. */
#include "audio/audio.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"

/* 1024 frames ≈ 23 ms at 44.1 kHz: a cue starts well within what feels immediate, and the
 * buffer is large enough not to underrun on a busy laptop. */
#define AUDIO_CHUNK_FRAMES 1024
/* Scratch block for rendering the tone before spreading it over several output channels. */
#define HOOK_BLOCK 256

/* What the main thread asks of the tone; copied into the generator by the audio thread. */
typedef struct FeedbackRequest {
    bool on;
    double position;
    double volume;
} FeedbackRequest;

struct Audio {
    int rate;
    int channels;
    int16_t *pcm[CUE_N]; /* cue samples, interleaved for `channels`; owned here, not by mixer */
    Mix_Chunk *chunk[CUE_N];
    /* Guards `request`. SDL_LockAudioDevice would need the mixer's device id, which SDL_mixer 2
     * does not expose, and SDL_LockAudio() locks legacy device 1, which SDL_mixer never uses — so
     * it would guard nothing. A spin lock around a three-field copy is short enough for the audio
     * thread, which must never wait long. */
    SDL_SpinLock lock;
    FeedbackRequest request;
    FeedbackTone tone; /* touched only by the audio thread while the hook is installed */
    int16_t scratch[HOOK_BLOCK];
};

/* SDL_mixer keeps one global device and one music hook, so two Audio objects would fight. */
static bool g_audio_open;

static double clamp01(double v)
{
    if (!(v >= 0)) /* NaN too */
        return 0;
    return v > 1 ? 1 : v;
}

void audio_settings_default(AudioSettings *s)
{
    s->cues_volume = 0.8;
    s->feedback_volume = 0.5;
    s->device = NULL;
}

/* Runs on SDL's audio thread: SDL_mixer calls it first in each mix, then adds the cue channels
 * on top, so the tone sits under the cues. */
static void SDLCALL feedback_hook(void *udata, Uint8 *stream, int len)
{
    Audio *a = udata;
    SDL_AtomicLock(&a->lock);
    FeedbackRequest r = a->request;
    SDL_AtomicUnlock(&a->lock);
    synth_feedback_set(&a->tone, r.position);
    synth_feedback_set_volume(&a->tone, r.volume);
    synth_feedback_enable(&a->tone, r.on);

    size_t frames = (size_t)len / (sizeof(int16_t) * (size_t)a->channels);
    int16_t *out = (int16_t *)(void *)stream;
    while (frames > 0) {
        size_t n = frames < HOOK_BLOCK ? frames : HOOK_BLOCK;
        synth_feedback_render(&a->tone, a->scratch, n, a->rate);
        for (size_t i = 0; i < n; i++)
            for (int ch = 0; ch < a->channels; ch++)
                *out++ = a->scratch[i];
        frames -= n;
    }
}

/* The master volume scales every channel (so every cue) and, unlike per-chunk volumes, is an
 * atomic inside SDL_mixer, so the main thread may set it while the audio thread mixes. It does
 * not touch the music hook, whose level the tone sets itself. */
static void set_cues_volume(double v)
{
    Mix_MasterVolume((int)lround(clamp01(v) * MIX_MAX_VOLUME));
}

/* Renders every cue and wraps it in a chunk. False with a message on failure. */
static bool build_cues(Audio *a, char *err, size_t errlen)
{
    for (int c = 0; c < CUE_N; c++) {
        size_t n = synth_cue_length((Cue)c, a->rate);
        int16_t *mono = xmalloc(n * sizeof *mono);
        synth_cue_render((Cue)c, a->rate, mono, n);
        size_t ch = (size_t)a->channels;
        int16_t *pcm = mono;
        if (ch > 1) { /* the device has more channels than our mono sound: same on each */
            pcm = xmalloc(n * ch * sizeof *pcm);
            for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < ch; k++)
                    pcm[i * ch + k] = mono[i];
            free(mono);
        }
        a->pcm[c] = pcm;
        /* QuickLoad_RAW does not copy: the buffer must outlive the chunk (see audio_close). */
        a->chunk[c] = Mix_QuickLoad_RAW((Uint8 *)pcm, (Uint32)(n * ch * sizeof *pcm));
        if (!a->chunk[c]) {
            snprintf(err, errlen, "audio unavailable: cannot load the '%s' cue: %s",
                     synth_cue_name((Cue)c), Mix_GetError());
            return false;
        }
    }
    return true;
}

/* Frees the chunks and buffers; the device must be closed or every channel halted first. */
static void free_cues(Audio *a)
{
    for (int c = 0; c < CUE_N; c++) {
        if (a->chunk[c])
            Mix_FreeChunk(a->chunk[c]);
        a->chunk[c] = NULL;
        free(a->pcm[c]);
        a->pcm[c] = NULL;
    }
}

Audio *audio_open(const AudioSettings *s, char *err, size_t errlen)
{
    AudioSettings def;
    if (!s) {
        audio_settings_default(&def);
        s = &def;
    }
    if (g_audio_open) {
        snprintf(err, errlen, "audio unavailable: audio is already open");
        return NULL;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
        snprintf(err, errlen, "audio unavailable: cannot start SDL audio: %s", SDL_GetError());
        return NULL;
    }
    /* No allowed changes: SDL converts to whatever the hardware wants, so the device always
     * looks like 44100 Hz mono S16 to us and the cue buffers need no resampling. */
    if (Mix_OpenAudioDevice(SYNTH_RATE_HZ, AUDIO_S16SYS, 1, AUDIO_CHUNK_FRAMES, s->device, 0) <
        0) {
        snprintf(err, errlen, "audio unavailable: cannot open the sound device%s%s: %s",
                 s->device ? " " : "", s->device ? s->device : "", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    int rate = 0, channels = 0;
    Uint16 format = 0;
    if (!Mix_QuerySpec(&rate, &format, &channels) || format != AUDIO_S16SYS || rate <= 0 ||
        channels <= 0) {
        snprintf(err, errlen, "audio unavailable: the sound device gave an unusable format");
        Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }

    Audio *a = xcalloc(1, sizeof *a);
    a->rate = rate;
    a->channels = channels;
    if (!build_cues(a, err, errlen)) {
        free_cues(a);
        free(a);
        Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    set_cues_volume(s->cues_volume);
    synth_feedback_init(&a->tone);
    a->request.on = false;
    a->request.position = 0;
    a->request.volume = clamp01(s->feedback_volume);
    Mix_HookMusic(feedback_hook, a);
    g_audio_open = true;
    log_info("audio", "sound on: %d Hz, %d channel(s)", rate, channels);
    return a;
}

void audio_close(Audio *a)
{
    if (!a)
        return;
    /* Both calls take the device lock, so after them the audio thread no longer reads `a`
     * or the cue buffers. */
    Mix_HookMusic(NULL, NULL);
    Mix_HaltChannel(-1);
    free_cues(a);
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(a);
    g_audio_open = false;
}

void audio_play_cue(Audio *a, Cue c)
{
    if (!a || (int)c < 0 || c >= CUE_N)
        return;
    if (Mix_PlayChannel(-1, a->chunk[c], 0) < 0) /* every channel busy: a cue is not vital */
        log_debug("audio", "cue %s not played: %s", synth_cue_name(c), Mix_GetError());
}

void audio_set_feedback(Audio *a, bool on, double position)
{
    if (!a)
        return;
    if (isnan(position))
        position = 0;
    SDL_AtomicLock(&a->lock);
    a->request.on = on;
    a->request.position = position;
    SDL_AtomicUnlock(&a->lock);
}

void audio_set_volume(Audio *a, double cues_volume, double feedback_volume)
{
    if (!a)
        return;
    set_cues_volume(cues_volume);
    SDL_AtomicLock(&a->lock);
    a->request.volume = clamp01(feedback_volume);
    SDL_AtomicUnlock(&a->lock);
}
