/* app/paths: locate shipped data. The binary may run from the build tree (tests, development) or
 * from an install prefix; both must find the same levels. */
#include "app/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/str.h"
#include "sensor/hwsensor.h"

#ifndef BH_SOURCE_ROOT
#define BH_SOURCE_ROOT "."
#endif

static char g_share[4096];
static char g_levels[4096];
static char g_rules[4096];
static char g_assets[4096];

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *paths_share_dir(void)
{
    if (g_share[0])
        return g_share;
    const char *env = getenv("BRIDGEHOLD_SHARE_DIR");
    if (env && *env) {
        str_copy(g_share, sizeof g_share, env);
        return g_share;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[4096 + 32];
            snprintf(cand, sizeof cand, "%s/../share/bridgehold/levels", exe);
            if (is_dir(cand)) {
                snprintf(g_share, sizeof g_share, "%.4000s/../share/bridgehold", exe);
                return g_share;
            }
        }
    }
    str_copy(g_share, sizeof g_share, BH_SOURCE_ROOT);
    return g_share;
}

const char *paths_levels_dir(void)
{
    if (g_levels[0])
        return g_levels;
    const char *env = getenv("BRIDGEHOLD_LEVELS_DIR");
    if (env && *env)
        str_copy(g_levels, sizeof g_levels, env);
    else
        snprintf(g_levels, sizeof g_levels, "%.4000s/levels", paths_share_dir());
    return g_levels;
}

const char *paths_rules_file(void)
{
    if (!g_rules[0])
        snprintf(g_rules, sizeof g_rules, "%.4000s/rules.ini", paths_levels_dir());
    return g_rules;
}

const char *paths_assets_dir(void)
{
    if (!g_assets[0])
        snprintf(g_assets, sizeof g_assets, "%.4000s/assets", paths_share_dir());
    return g_assets;
}

void paths_use_device_profiles(void)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%.4000s/devices", paths_assets_dir());
    hwsensor_set_profile_dir(dir);
}
