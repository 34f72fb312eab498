/* sensor/board_decode: the Wii Balance Board as the kernel's hid-wiimote driver exposes it over
 * evdev ("Nintendo Wii Remote Balance Board"), decoded from events alone so that the live
 * libevdev reader and evemu captures share it. Facts (DEVICES.md, after the kernel's
 * drivers/hid/hid-wiimote-modules.c and xwiimote doc/PROTOCOL): ABS_HAT0X = top-right,
 * ABS_HAT0Y = bottom-right, ABS_HAT1X = top-left, ABS_HAT1Y = bottom-left, each 0..65535 in units
 * of 10 g, already calibrated by the driver; a frame ends with SYN_REPORT. Left = TL + BL,
 * right = TR + BR. Events come at uneven intervals: each frame keeps its own timestamp and the
 * signal module resamples. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "sensor/sensor.h"

#define BOARD_DEVICE_NAME "Nintendo Wii Remote Balance Board"
#define BOARD_NEWTONS_PER_COUNT (0.01 * 9.80665) /* 10 g at standard gravity */
/* The Wii Remote's continuous report rate, which the board's extension reports share: about
 * 100 Hz (xwiimote doc/PROTOCOL; our reading) [P]. Held samples are made at this rate. */
#define BOARD_REPORT_HZ 100.0

enum { BOARD_TR, BOARD_BR, BOARD_TL, BOARD_BL, BOARD_CELLS };

typedef struct BoardDecoder {
    int32_t cell[BOARD_CELLS]; /* last value of each cell, counts of 10 g */
    bool changed;              /* a cell changed since the last frame */
    bool dropped;              /* SYN_DROPPED seen: ignore events until the next SYN_REPORT */
} BoardDecoder;

/* Starts with every cell at zero (evdev only sends changes; a live reader may set cell[] from the
 * device's current state before feeding events). */
void board_decoder_init(BoardDecoder *d);

/* Feeds one evdev event with its time in seconds. Returns true and fills *out (force_n, left_n,
 * right_n, t_s = t_s of the SYN_REPORT) for every complete frame — also one in which no cell
 * changed (a button), since the held cells are still the load. Events of other types or codes
 * are ignored; after SYN_DROPPED the partial frame is dropped. */
bool board_decoder_feed(BoardDecoder *d, double t_s, unsigned type, unsigned code, int32_t value,
                        Sample *out);

/* The current state as a sample at t_s (the cells the kernel last reported: evdev sends only
 * changes, so a still load is these values held). */
void board_decoder_sample(const BoardDecoder *d, double t_s, Sample *out);

/* Newtons on one cell of the current state. */
double board_cell_n(const BoardDecoder *d, int cell);
