/* app/cmd_devices: `bridgehold devices [--json]` — the force sensors attached now (USB postal
 * scales, HID load cells a device profile describes, Wii Balance Boards), what each measures, the
 * --input that opens it, and why one cannot be opened. Finding nothing is a normal answer
 * (exit 0). Gamepads and joystick-class load cells come from SDL (sensor_pad). */
#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "app/args.h"
#include "app/commands.h"
#include "app/paths.h"
#include "core/str.h"
#include "sensor/hwsensor.h"
#include "sensor_pad/sensor_pad.h"

#define MAX_PADS 16

static const char *USAGE = "bridgehold devices [--json]";

static const char *caps_text(unsigned caps)
{
    if ((caps & SAMPLE_LEFT_RIGHT) && (caps & SAMPLE_FORCE))
        return "force, left/right";
    return caps & SAMPLE_FORCE ? "force" : "-";
}

static void json_opt_string(StrBuf *b, const char *s)
{
    if (s && *s)
        strbuf_append_json_string(b, s);
    else
        strbuf_append(b, "null");
}

static void caps_json(StrBuf *b, unsigned caps)
{
    static const struct { unsigned bit; const char *name; } NAMES[] = {
        {SAMPLE_FORCE, "force"}, {SAMPLE_LEFT_RIGHT, "left_right"},
        {SAMPLE_PITCH, "pitch"}, {SAMPLE_ROLL, "roll"},
    };
    strbuf_append(b, "[");
    bool first = true;
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        if (caps & NAMES[i].bit) {
            strbuf_appendf(b, "%s\"%s\"", first ? "" : ",", NAMES[i].name);
            first = false;
        }
    }
    strbuf_append(b, "]");
}

static void print_json(const HwDeviceList *l, const PadDevice *pads, size_t n_pads)
{
    StrBuf b;
    strbuf_init(&b);
    strbuf_append(&b, "{\"devices\":[");
    for (size_t i = 0; i < l->count; i++) {
        const HwDevice *d = &l->items[i];
        char id[8];
        strbuf_append(&b, i ? ",{\"kind\":" : "{\"kind\":");
        strbuf_append_json_string(&b, d->kind);
        strbuf_append(&b, ",\"input\":");
        strbuf_append_json_string(&b, d->input);
        strbuf_append(&b, ",\"name\":");
        strbuf_append_json_string(&b, d->name);
        strbuf_append(&b, ",\"path\":");
        strbuf_append_json_string(&b, d->path);
        strbuf_append(&b, ",\"bus\":");
        strbuf_append_json_string(&b, d->bus);
        snprintf(id, sizeof id, "%04x", d->vid);
        strbuf_append(&b, ",\"vid\":");
        strbuf_append_json_string(&b, id);
        snprintf(id, sizeof id, "%04x", d->pid);
        strbuf_append(&b, ",\"pid\":");
        strbuf_append_json_string(&b, id);
        strbuf_append(&b, ",\"caps\":");
        caps_json(&b, d->caps);
        strbuf_append(&b, ",\"profile\":");
        json_opt_string(&b, d->profile);
        strbuf_appendf(&b, ",\"can_open\":%s,\"problem\":", d->can_open ? "true" : "false");
        json_opt_string(&b, d->problem);
        strbuf_append(&b, "}");
    }
    strbuf_append(&b, "],\"pads\":[");
    for (size_t i = 0; i < n_pads; i++) {
        strbuf_append(&b, i ? ",{\"input\":" : "{\"input\":");
        strbuf_append_json_string(&b, pads[i].input);
        strbuf_append(&b, ",\"name\":");
        strbuf_append_json_string(&b, pads[i].name);
        strbuf_append(&b, ",\"caps\":");
        caps_json(&b, pads[i].caps);
        strbuf_appendf(&b, ",\"force_is_proxy\":%s}", pads[i].force_is_proxy ? "true" : "false");
    }
    strbuf_appendf(&b, "],\"profiles\":%zu,\"profile_error\":", l->profiles);
    json_opt_string(&b, l->profile_errors);
    strbuf_append(&b, ",\"note\":");
    json_opt_string(&b, l->note);
    strbuf_append(&b, "}\n");
    fputs(b.data, stdout);
    strbuf_free(&b);
}

static void print_text(const HwDeviceList *l, size_t n_pads)
{
    if (l->note[0])
        printf("Note: %s\n", l->note);
    if (l->count == 0) {
        printf("No force sensor found (USB postal scales, HID load cells with a device profile, "
               "Wii Balance Boards).\n"
               "Plug one in and run this again, or play without one: bridgehold play --input "
               "keyboard (a gamepad on the pelvis works too).\n");
    } else {
        printf("Force sensors:\n");
        for (size_t i = 0; i < l->count; i++) {
            const HwDevice *d = &l->items[i];
            printf("  %s\n", d->name);
            printf("    --input %s    (%s, %s, %04x:%04x, %s)\n", d->input, d->path, d->bus,
                   d->vid, d->pid, caps_text(d->caps));
            if (d->profile[0])
                printf("    profile: %s\n", d->profile);
            if (!d->can_open)
                printf("    cannot be opened: %s\n", d->problem);
        }
    }
    if (n_pads == 0) {
        printf("No gamepad found.\n");
    } else {
        printf("Gamepads and joystick load cells:\n");
        char lines[MAX_PADS][128];
        size_t n = sensor_pad_list(lines, MAX_PADS);
        for (size_t i = 0; i < n; i++)
            printf("  --input %s\n", lines[i]);
    }
    printf("Device profiles: %zu in %s\n", l->profiles, hwsensor_profile_dir());
    if (l->profile_errors[0])
        printf("  broken profile: %s\n", l->profile_errors);
}

int cmd_devices(int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\nLists the force sensors attached now, with what each measures "
                   "and the --input that opens it.\nHID load cells are listed when a profile in "
                   "assets/devices/ describes them (see its README.md).\n", USAGE);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else
            return args_usage_error("devices", USAGE, "unknown argument '%s'", argv[i]);
    }
    paths_use_device_profiles();
    HwDeviceList l;
    hwsensor_list(&l);
    /* Pads through SDL; a machine without a joystick subsystem simply has none. */
    sensor_pad_set_hints();
    PadDevice pads[MAX_PADS];
    size_t n_pads = 0;
    if (SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_SENSOR) == 0) {
        n_pads = sensor_pad_find(pads, MAX_PADS);
        if (n_pads > MAX_PADS)
            n_pads = MAX_PADS;
    }
    if (json)
        print_json(&l, pads, n_pads);
    else
        print_text(&l, n_pads);
    hwsensor_list_free(&l);
    SDL_Quit();
    return EXIT_OK;
}
