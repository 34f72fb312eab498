/* sensor/hidrec: the hid-recorder text capture format (bentiss/hid-replay, also written by
 * hid-tools' hid-recorder), read and written so that HID captures replay through the same
 * decoders as a live device. One item a line:
 *   # comment             N: device name          P: physical path
 *   I: bus vid pid (hex)  R: size descriptor-hex  D: device index (hid-tools)
 *   E: SECONDS.MICROS size report-hex             (microseconds: exactly 6 digits)
 * Reports keep the report id as their first byte when the device numbers its reports (as hidraw
 * gives them). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/diag.h"

#define HIDREC_MAX_REPORT 16384 /* the kernel's HID_MAX_BUFFER_SIZE */

typedef struct HidRecEvent {
    double t_s;    /* seconds, as written (not rebased) */
    size_t offset; /* into HidCapture.bytes */
    size_t size;
    int line;      /* where it was read, for messages */
} HidRecEvent;

typedef struct HidCapture {
    char name[128];
    char phys[128];
    bool has_info;
    unsigned bus, vid, pid;
    uint8_t *rdesc;
    size_t rdesc_size;
    HidRecEvent *events;
    size_t count, cap;
    uint8_t *bytes;
    size_t bytes_len, bytes_cap;
} HidCapture;

/* Parses a whole capture. Every problem goes to diag as "file:line: what is wrong" (unknown line
 * kind, bad hex, a size that does not match the bytes, time going backwards, a malformed time,
 * no content at all). Only the first device of a multi-device recording (the first D: index) is
 * kept. False on any error; *out is then empty. */
bool hidrec_load(const char *path, HidCapture *out, Diag *diag);
/* The same over memory (len bytes, need not be NUL-terminated); name stands for the file. */
bool hidrec_parse_buffer(const char *name, const char *data, size_t len, HidCapture *out,
                         Diag *diag);
void hidrec_free(HidCapture *c);
/* The bytes of event i. */
const uint8_t *hidrec_event_data(const HidCapture *c, size_t i);
/* Appends one report (used by the parser, and by tests building captures). */
void hidrec_append(HidCapture *c, double t_s, const uint8_t *data, size_t size);

/* Writing: the header (name, then I: when vid/pid are known, then R: — size 0 when the
 * descriptor is unknown), then one E: line per report, time in seconds since the recording
 * started. */
void hidrec_write_header(FILE *out, const char *name, unsigned bus, unsigned vid, unsigned pid,
                         const uint8_t *rdesc, size_t rdesc_size);
void hidrec_write_event(FILE *out, double t_s, const uint8_t *data, size_t size);
/* Writes a parsed capture back out (header and every event). */
void hidrec_write(FILE *out, const HidCapture *c);
