/* audio/audio: plays the cues and the eyes-free biofeedback tone through SDL2_mixer.
 * Sound is optional: when no device can be opened, audio_open returns NULL and every function
 * here accepts a NULL Audio* as "silent", so callers never branch on whether sound works. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "audio/synth.h"

typedef struct AudioSettings {
    double cues_volume;     /* 0..1 */
    double feedback_volume; /* 0..1, the biofeedback tone */
    const char *device;     /* output device name as SDL lists it; NULL = system default */
} AudioSettings;

/* One open audio output; SDL_mixer is process-wide, so at most one at a time. */
typedef struct Audio Audio;

/* Cues at 0.8, tone at 0.5 (it plays for whole sets, so it sits under the cues), default device. */
void audio_settings_default(AudioSettings *s);

/* Opens the output (44100 Hz, mono, signed 16-bit) and synthesises every cue once. Initialises
 * SDL's audio subsystem itself if needed (audio_close releases it). s may be NULL (defaults).
 * NULL with a message for the user in err when there is no usable device or audio is already
 * open; the game then runs silent. The feedback tone starts off. */
Audio *audio_open(const AudioSettings *s, char *err, size_t errlen);
/* Stops all sound and releases the device. NULL is fine. */
void audio_close(Audio *a);

/* Plays cue c once, mixed over whatever is playing. Returns at once; bad cue or NULL: nothing. */
void audio_play_cue(Audio *a, Cue c);
/* Switches the biofeedback tone on or off (with a short fade) and sets where the measured value
 * is relative to the band (0 in band, <0 below, >0 above, ±1 = an octave off; see
 * synth_feedback_position). Cheap: call it every frame. Thread: the caller's (main) thread. */
void audio_set_feedback(Audio *a, bool on, double position);
/* Volumes 0..1 (clamped) for the cues and for the tone; take effect smoothly. */
void audio_set_volume(Audio *a, double cues_volume, double feedback_volume);
