/* sensor/sensor: opening a SPEC through the backend table, and dispatch. */
#include "sensor/sensor_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"
#include "sensor/backends.h"

#define SENSOR_MAX_BACKENDS 16

static const SensorBackend *g_backends[SENSOR_MAX_BACKENDS];
static size_t g_backend_count;

void sensor_register(const SensorBackend *backend)
{
    for (size_t i = 0; i < g_backend_count; i++) {
        if (g_backends[i] == backend || strcmp(g_backends[i]->kind, backend->kind) == 0)
            return;
    }
    if (g_backend_count < SENSOR_MAX_BACKENDS)
        g_backends[g_backend_count++] = backend;
}

static void register_builtins(void)
{
    for (size_t i = 0; sensor_builtin_backends[i]; i++)
        sensor_register(sensor_builtin_backends[i]);
}

Sensor *sensor_open(const char *spec, const SensorOptions *opt, char *err, size_t errlen)
{
    register_builtins();
    SensorOptions defaults = {0};
    if (!opt)
        opt = &defaults;
    const char *colon = strchr(spec, ':');
    size_t kind_len = colon ? (size_t)(colon - spec) : strlen(spec);
    const char *arg = colon ? colon + 1 : "";
    for (size_t i = 0; i < g_backend_count; i++) {
        const SensorBackend *b = g_backends[i];
        if (strlen(b->kind) != kind_len || strncmp(b->kind, spec, kind_len) != 0)
            continue;
        Sensor *s = xcalloc(1, sizeof *s);
        s->backend = b;
        str_copy(s->info.kind, sizeof s->info.kind, b->kind);
        if (!b->open(s, arg, opt, err, errlen)) {
            free(s);
            return NULL;
        }
        SensorInfo *in = &s->info;
        in->finite = (b->flags & SENSOR_BACKEND_FINITE) != 0;
        in->follows_cues = (b->flags & SENSOR_BACKEND_FOLLOWS_CUES) != 0;
        in->practice = (b->flags & SENSOR_BACKEND_PRACTICE) != 0;
        in->zeroes_itself = b->tare != NULL;
        in->measures_force = (in->caps & SAMPLE_FORCE) && !in->force_is_proxy;
        in->measures_angle = (in->caps & SAMPLE_PITCH) != 0;
        in->self_timed = (in->caps & SAMPLE_FORCE) && in->force_is_proxy;
        return s;
    }
    StrBuf known;
    strbuf_init(&known);
    for (size_t i = 0; i < g_backend_count; i++)
        strbuf_appendf(&known, "%s%s", i ? ", " : "", g_backends[i]->kind);
    snprintf(err, errlen, "unknown input '%s' (known: %s)", spec, known.data);
    strbuf_free(&known);
    return NULL;
}

int sensor_poll(Sensor *s, double now_s, Sample *out, int max)
{
    return s->backend->poll(s, now_s, out, max);
}

const SensorInfo *sensor_info(const Sensor *s) { return &s->info; }

void sensor_set_push(Sensor *s, double amount)
{
    if (s->backend->set_push)
        s->backend->set_push(s, amount < 0 ? 0 : amount > 1 ? 1 : amount);
}

void sensor_set_target(Sensor *s, double target_n)
{
    if (s->backend->set_target)
        s->backend->set_target(s, target_n);
}

bool sensor_tare(Sensor *s, char *err, size_t errlen)
{
    if (!s->backend->tare) {
        snprintf(err, errlen, "%s cannot be tared", s->info.name);
        return false;
    }
    return s->backend->tare(s, err, errlen);
}

bool sensor_can_tare(const Sensor *s) { return s && s->backend->tare != NULL; }

const char *sensor_notice(const Sensor *s)
{
    return s && s->backend->notice ? s->backend->notice(s) : NULL;
}

void sensor_close(Sensor *s)
{
    if (!s)
        return;
    if (s->backend->close)
        s->backend->close(s);
    free(s);
}
