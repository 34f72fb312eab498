/* tests/unit/hwsensor/gen_captures: builds the capture files in tests/data/captures/ from the
 * documented byte layouts (DEVICES.md), through the project's own writers. Deterministic: the
 * same bytes every run, so a test can check the committed files are what this code makes.
 * Regenerate with: build/tests/unit/hwsensor/hwsensor_gen_captures tests/data/captures */
#pragma once
#include <stdbool.h>
#include <stdio.h>

/* File names, NULL-terminated. */
extern const char *const HW_CAPTURE_NAMES[];
/* Writes the named capture to out. False for an unknown name. */
bool hw_capture_generate(const char *name, FILE *out);
