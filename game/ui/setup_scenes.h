/* ui/setup_scenes: what the sensor set-up and MVC scenes (scene_calibrate.c, scene_mvc.c) show
 * besides their drawing, so tests and other scenes can read it without pixels. The scenes
 * themselves are made with scene_calibrate_new / scene_mvc_new (ui/game.h). */
#pragma once

#include "ui/game.h"

/* The status line the scene shows now ("" when none): the result of the last step, or why it
 * was refused (e.g. "keep still and try again"). sc must come from the matching _new function. */
const char *scene_calibrate_note(const Scene *sc);
const char *scene_mvc_note(const Scene *sc);
