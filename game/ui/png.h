/* ui/png: a minimal PNG writer (RGB, 8 bits, stored deflate blocks) for screenshots, so tests and
 * people can look at what was drawn without another library. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* rgb: w·h·3 bytes, rows top to bottom. Writes via a temp file + rename. */
bool png_write_rgb(const char *path, const unsigned char *rgb, int w, int h);
