/* sensor/calfile: each sensor's calibration kept between runs, as a small INI file per device in
 * the data folder (next to the database):
 *
 *   DIR/calibration-<kind>-<name>.ini      e.g. calibration-scale-DYMO-M25-scale.ini
 *   [calibration]
 *   version = 1
 *   scale_n_per_count = 0.0098   ; newtons = scale_n_per_count · reading + offset_n
 *   offset_n = -1.5
 *
 * Written through a temporary file and rename (a crash leaves the old file or the new one, never
 * half of one), mode 0600 like the database. A broken file is reported as file:line and ignored:
 * the sensor then reads uncalibrated until the patient tares again. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "sensor/sensor.h"
#include "signal/calibrate.h"

#define CALSTORE_VERSION 1


/* True when a calibration means anything for this sensor: it measures force and the force is not
 * a stand-in (keyboard, trigger). */
bool calstore_applies(const SensorInfo *si);
/* "calibration-<kind>-<name>.ini", kind and name reduced to letters, digits and '-'. */
void calstore_file_name(const SensorInfo *si, char *out, size_t cap);
/* DIR/<file name>, DIR being the folder of db_path (store_path's "DIR/bridgehold.db"). False when
 * it does not fit. */
bool calstore_path(const char *db_path, const SensorInfo *si, char *out, size_t cap);

/* Reads path into *out. A missing file is not an error: *found = false, true returned. Anything
 * wrong (syntax, unknown key, a scale that is 0 or not a number, a newer version, a missing key)
 * goes to diag as "path:line: ..." and returns false with *out untouched. */
bool calstore_load(const char *path, Calibration *out, bool *found, Diag *diag);
/* The same over text in memory (fuzzing, tests); name stands for the file in messages. */
bool calstore_parse_string(const char *name, const char *text, Calibration *out, Diag *diag);
/* Writes cal for sensor si to path (temp file + rename, 0600). False + message in err. */
bool calstore_save(const char *path, const SensorInfo *si, const Calibration *cal, char *err,
                   size_t errlen);
