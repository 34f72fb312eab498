/* audio/wav: writes mono 16-bit PCM as a WAV file, so people can listen to the synthesised
 * sounds (tools/preview) and the project can ship generated sound files. Pure C. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes samples (mono, `rate` Hz) to path as a canonical 44-byte-header RIFF/WAVE file, byte
 * order fixed little-endian whatever the host. False with "path: reason" in err on failure. */
bool wav_write_mono16(const char *path, const int16_t *samples, size_t n, int rate, char *err,
                      size_t errlen);
