/* ui/audio_bridge: session events and settings → sound cues and the hold tone. Every call
 * accepts a NULL Audio (no sound device, or a headless run) and then does nothing. */
#pragma once
#include <stdbool.h>

typedef struct Audio Audio;
typedef struct Settings Settings;

void audio_bridge_events(Audio *a, const Settings *s, unsigned session_events);
void audio_bridge_reward(Audio *a, const Settings *s);
void audio_bridge_feedback(Audio *a, const Settings *s, bool on, double position);
