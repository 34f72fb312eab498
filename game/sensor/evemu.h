/* sensor/evemu: the evemu capture format (evemu-record, freedesktop evemu; README "Device
 * Description Format" and "Event Data Format"), read and written so that balance-board captures
 * replay through the same decoder as the live device. Lines:
 *   # EVEMU 1.3          (format version; other # lines and # after a line are comments)
 *   N: name   I: bus vendor product version (hex)   P: 8 hex bytes   B: type + 8 hex bytes
 *   A: code min max fuzz flat [resolution]          L: / S: code state
 *   E: SECONDS.MICROS type code value               (type and code hex, value decimal)
 * Only what the backends need is kept (name, ids, events); the description lines are checked for
 * shape so a damaged file is reported, not half-read. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/diag.h"

#define EVEMU_FORMAT_MAJOR 1 /* a file of a newer major version is refused */

typedef struct EvemuEvent {
    double t_s; /* seconds, as written (not rebased) */
    uint16_t type, code;
    int32_t value;
} EvemuEvent;

typedef struct EvemuCapture {
    char name[128];
    bool has_id;
    unsigned bus, vid, pid, version;
    EvemuEvent *events;
    size_t count, cap;
} EvemuCapture;

/* Parses a whole capture. Every problem goes to diag as "file:line: what is wrong" (unknown
 * line kind, wrong field count, a type or code out of range, a value that is not a 32-bit
 * integer, time going backwards, a newer major format version, no content). False on any error;
 * *out is then empty. */
bool evemu_load(const char *path, EvemuCapture *out, Diag *diag);
bool evemu_parse_buffer(const char *name, const char *data, size_t len, EvemuCapture *out,
                        Diag *diag);
void evemu_free(EvemuCapture *c);
void evemu_append(EvemuCapture *c, double t_s, unsigned type, unsigned code, int32_t value);

/* Axis description for the header's A: lines. */
typedef struct EvemuAxis {
    unsigned code;
    int min, max, fuzz, flat, resolution;
} EvemuAxis;

/* Writing: the header (version, name, ids, property and event-type bits for EV_SYN, EV_KEY codes
 * given in keys[] and the axes given) and E: lines, time in seconds since the recording started.
 * evemu-device can recreate the device from it. */
void evemu_write_header(FILE *out, const char *name, unsigned bus, unsigned vid, unsigned pid,
                        unsigned version, const EvemuAxis *axes, size_t n_axes,
                        const unsigned *keys, size_t n_keys);
void evemu_write_event(FILE *out, double t_s, unsigned type, unsigned code, int32_t value);
/* Writes a parsed capture back out with a balance-board header's axes (the four cells). */
void evemu_write(FILE *out, const EvemuCapture *c);
