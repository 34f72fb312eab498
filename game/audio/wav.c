/* audio/wav: minimal WAV writer (RIFF, PCM format 1, mono, 16-bit). */
#include "audio/wav.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

bool wav_write_mono16(const char *path, const int16_t *samples, size_t n, int rate, char *err,
                      size_t errlen)
{
    /* RIFF sizes are 32-bit; anything near that is a bug here, not a sound. */
    if (rate <= 0 || n > (UINT32_MAX - 44) / 2) {
        snprintf(err, errlen, "%s: bad sample rate or too many samples", path);
        return false;
    }
    uint32_t data_bytes = (uint32_t)(n * 2);
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    put_u32(h + 4, 36 + data_bytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_u32(h + 16, 16);                  /* fmt chunk size */
    put_u16(h + 20, 1);                   /* PCM */
    put_u16(h + 22, 1);                   /* mono */
    put_u32(h + 24, (uint32_t)rate);      /* sample rate */
    put_u32(h + 28, (uint32_t)rate * 2u); /* byte rate */
    put_u16(h + 32, 2);                   /* block align */
    put_u16(h + 34, 16);                  /* bits per sample */
    memcpy(h + 36, "data", 4);
    put_u32(h + 40, data_bytes);

    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(h, 1, sizeof h, f) == sizeof h;
    unsigned char buf[512];
    for (size_t i = 0; ok && i < n;) {
        size_t k = 0;
        for (; k < sizeof buf / 2 && i < n; k++, i++)
            put_u16(buf + 2 * k, (uint16_t)samples[i]);
        ok = fwrite(buf, 2, k, f) == k;
    }
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(err, errlen, "%s: write failed", path);
    return ok;
}
