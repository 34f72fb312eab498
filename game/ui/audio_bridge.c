/* ui/audio_bridge: which cue each session event plays, honouring the settings. */
#include "ui/audio_bridge.h"

#include "audio/audio.h"
#include "ui/game.h"

static void apply_volume(Audio *a, const Settings *s)
{
    audio_set_volume(a, s->sound ? s->volume : 0.0, s->feedback_tone ? s->volume * 0.6 : 0.0);
}

void audio_bridge_events(Audio *a, const Settings *s, unsigned ev)
{
    if (!a || !ev)
        return;
    apply_volume(a, s);
    if (!s->sound)
        return;
    static const struct { unsigned ev; Cue cue; } MAP[] = {
        {SEV_COUNT_3, CUE_COUNT}, {SEV_COUNT_2, CUE_COUNT}, {SEV_COUNT_1, CUE_COUNT},
        {SEV_START, CUE_START},   {SEV_HALFWAY, CUE_HALFWAY}, {SEV_LAST_5, CUE_LAST5},
        {SEV_STOP, CUE_STOP},     {SEV_REST_OVER, CUE_REST_OVER},
        {SEV_TEMPO_UP, CUE_TEMPO_UP}, {SEV_TEMPO_DOWN, CUE_TEMPO_DOWN},
    };
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0]; i++) {
        if (ev & MAP[i].ev)
            audio_play_cue(a, MAP[i].cue);
    }
}

void audio_bridge_reward(Audio *a, const Settings *s)
{
    if (a && s->sound)
        audio_play_cue(a, CUE_REWARD);
}

void audio_bridge_feedback(Audio *a, const Settings *s, bool on, double position)
{
    if (!a)
        return;
    audio_set_feedback(a, on && s->feedback_tone, position);
}
