/* tests/unit/hwsensor/gen_captures: the test captures, from the documented layouts.
 * Scale reports: [id 0x03, status, unit, exponent (int8), weight lo, weight hi] (usbscale).
 * Board events: ABS_HAT0X TR, ABS_HAT0Y BR, ABS_HAT1X TL, ABS_HAT1Y BL in 10 g counts, then
 * SYN_REPORT (hid-wiimote). The expected newtons are worked out by hand in test_captures.c. */
#include "gen_captures.h"

#include <linux/input-event-codes.h>
#include <stdint.h>
#include <string.h>

#include "sensor/evemu.h"
#include "sensor/hidrec.h"

const char *const HW_CAPTURE_NAMES[] = {
    "scale-hold.hid", "scale-units.hid", "board-shift.evemu", "hx711-vendor.hid",
    "board-still.evemu", "scale-notices.hid", NULL,
};

/* A DYMO M25 (0922:8004) report descriptor is not needed to decode; R: 0 says so. */
static void scale_report(FILE *out, double t, int status, int unit, int exponent, unsigned raw)
{
    uint8_t r[6] = {0x03, (uint8_t)status, (uint8_t)unit, (uint8_t)(int8_t)exponent,
                    (uint8_t)(raw & 0xff), (uint8_t)(raw >> 8)};
    hidrec_write_event(out, t, r, sizeof r);
}

/* A bridge hold on a scale at 5 Hz: the stale first report, zero, rising in motion, stable,
 * wobbling, a dip under zero, over the limit, back. Unit g, exponent 0. */
static void gen_scale_hold(FILE *out)
{
    fputs("# Bridgehold test capture: a hold on a DYMO M25 (see gen_captures.c)\n", out);
    hidrec_write_header(out, "DYMO M25 10 kg Postal Scale", 3, 0x0922, 0x8004, NULL, 0);
    scale_report(out, 0.0, 4, 2, 0, 5000);  /* stale: left from before opening */
    scale_report(out, 0.2, 2, 2, 0, 0);     /* stable at zero */
    scale_report(out, 0.4, 3, 2, 0, 12000); /* in motion 12 kg */
    scale_report(out, 0.6, 4, 2, 0, 20000); /* stable 20 kg */
    scale_report(out, 0.8, 3, 2, 0, 20500); /* in motion 20.5 kg */
    scale_report(out, 1.0, 5, 2, 0, 150);   /* under zero: -150 g */
    scale_report(out, 1.2, 6, 2, 0, 0);     /* over limit: no reading */
    scale_report(out, 1.4, 4, 2, 0, 19000); /* stable 19 kg */
}

/* The statuses a postal scale sends instead of a weight: a fault, needing re-zeroing, over its
 * limit, each followed by a good reading. */
static void gen_scale_notices(FILE *out)
{
    fputs("# Bridgehold test capture: scale statuses that are notices (see gen_captures.c)\n", out);
    hidrec_write_header(out, "DYMO M25 10 kg Postal Scale", 3, 0x0922, 0x8004, NULL, 0);
    scale_report(out, 0.0, 4, 2, 0, 0);      /* stale */
    scale_report(out, 0.2, 4, 2, 0, 10000);  /* stable 10 kg */
    scale_report(out, 0.4, 1, 2, 0, 0);      /* fault */
    scale_report(out, 0.6, 1, 2, 0, 0);      /* still a fault */
    scale_report(out, 0.8, 4, 2, 0, 10000);  /* back */
    scale_report(out, 1.0, 8, 2, 0, 0);      /* needs re-zeroing */
    scale_report(out, 1.2, 2, 2, 0, 0);      /* stable at zero after a tare */
    scale_report(out, 1.4, 6, 2, 0, 0);      /* over its limit */
    scale_report(out, 1.6, 4, 2, 0, 9000);   /* back */
}

/* The units a postal scale may switch to, each with the exponent such scales use. */
static void gen_scale_units(FILE *out)
{
    fputs("# Bridgehold test capture: units and exponents (see gen_captures.c)\n", out);
    hidrec_write_header(out, "Generic USB scale", 3, 0x1446, 0x6a73, NULL, 0);
    scale_report(out, 0.0, 4, 2, 0, 1);      /* stale */
    scale_report(out, 0.25, 4, 3, -3, 2000); /* 2.000 kg */
    scale_report(out, 0.50, 4, 2, 0, 1500);  /* 1500 g */
    scale_report(out, 0.75, 4, 11, -1, 705); /* 70.5 oz */
    scale_report(out, 1.00, 4, 12, -1, 44);  /* 4.4 lb */
    scale_report(out, 1.25, 4, 12, -2, 1000); /* 10.00 lb */
    scale_report(out, 1.50, 4, 2, 1, 150);   /* 150 x 10 g (exponent +1) */
}

static void board_cells(FILE *out, double t, const int32_t cells[4])
{
    static const unsigned CODES[4] = {ABS_HAT0X, ABS_HAT0Y, ABS_HAT1X, ABS_HAT1Y};
    for (int i = 0; i < 4; i++) {
        if (cells[i] >= 0)
            evemu_write_event(out, t, EV_ABS, CODES[i], cells[i]);
    }
    evemu_write_event(out, t, EV_SYN, SYN_REPORT, 0);
}

/* Weight shifting on a balance board, at uneven intervals. Cells in order TR, BR, TL, BL;
 * -1 = unchanged (evdev sends only changes). */
static void gen_board(FILE *out)
{
    EvemuAxis axes[4] = {
        {ABS_HAT0X, 0, 65535, 0, 0, 0}, {ABS_HAT0Y, 0, 65535, 0, 0, 0},
        {ABS_HAT1X, 0, 65535, 0, 0, 0}, {ABS_HAT1Y, 0, 65535, 0, 0, 0},
    };
    unsigned keys[1] = {BTN_A};
    evemu_write_header(out, "Nintendo Wii Remote Balance Board", 0x5, 0x057e, 0x0306, 0x8001,
                       axes, 4, keys, 1);
    board_cells(out, 0.000001, (const int32_t[4]){1000, 1000, 1000, 1000}); /* even, 40 kg */
    board_cells(out, 0.011, (const int32_t[4]){-1, -1, 1500, 1500});        /* onto the left */
    board_cells(out, 0.027, (const int32_t[4]){2000, 2000, 500, 500});      /* onto the right */
    evemu_write_event(out, 0.030, EV_KEY, BTN_A, 1);                        /* button: no sample */
    evemu_write_event(out, 0.030, EV_SYN, SYN_REPORT, 0);
    board_cells(out, 0.052, (const int32_t[4]){2100, -1, -1, -1});          /* one cell moves */
    board_cells(out, 0.060, (const int32_t[4]){2100, -1, -1, -1});          /* no change */
}

/* A still load on a balance board: a person steps on (two frames), then holds still for 3 s, in
 * which the kernel sends nothing (it passes on only changes), then one cell ticks by 10 g. */
static void gen_board_still(FILE *out)
{
    EvemuAxis axes[4] = {
        {ABS_HAT0X, 0, 65535, 0, 0, 0}, {ABS_HAT0Y, 0, 65535, 0, 0, 0},
        {ABS_HAT1X, 0, 65535, 0, 0, 0}, {ABS_HAT1Y, 0, 65535, 0, 0, 0},
    };
    evemu_write_header(out, "Nintendo Wii Remote Balance Board", 0x5, 0x057e, 0x0306, 0x8001,
                       axes, 4, NULL, 0);
    board_cells(out, 0.000001, (const int32_t[4]){800, 800, 700, 700}); /* 30 kg, stepping on */
    board_cells(out, 0.010001, (const int32_t[4]){1500, 1500, 1500, 1500}); /* 60 kg, still */
    board_cells(out, 3.010001, (const int32_t[4]){1501, -1, -1, -1});
}

/* A DIY HX711 on a TinyUSB generic in/out device (cafe:4004, usage page 0xFF00, 64-byte
 * unnumbered reports) whose firmware sends grams as int32 little-endian at byte 0: the layout
 * assets/devices/hx711-vendor.ini describes. */
static void gen_hx711(FILE *out)
{
    static const int32_t grams[] = {0, 10000, 20394, -50};
    fputs("# Bridgehold test capture: DIY HX711 vendor-page device (see gen_captures.c)\n", out);
    hidrec_write_header(out, "TinyUSB HX711 load cell", 3, 0xcafe, 0x4004, NULL, 0);
    for (size_t i = 0; i < sizeof grams / sizeof grams[0]; i++) {
        uint8_t r[64] = {0};
        uint32_t u = (uint32_t)grams[i];
        for (int b = 0; b < 4; b++)
            r[b] = (uint8_t)(u >> (8 * b));
        hidrec_write_event(out, 0.1 * (double)i, r, sizeof r);
    }
}

bool hw_capture_generate(const char *name, FILE *out)
{
    if (strcmp(name, "scale-hold.hid") == 0)
        gen_scale_hold(out);
    else if (strcmp(name, "scale-units.hid") == 0)
        gen_scale_units(out);
    else if (strcmp(name, "board-shift.evemu") == 0)
        gen_board(out);
    else if (strcmp(name, "hx711-vendor.hid") == 0)
        gen_hx711(out);
    else if (strcmp(name, "board-still.evemu") == 0)
        gen_board_still(out);
    else if (strcmp(name, "scale-notices.hid") == 0)
        gen_scale_notices(out);
    else
        return false;
    return true;
}
