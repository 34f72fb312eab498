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

/* Set by game/app/CMakeLists.txt: the source tree, the build tree's binary folder, the data folder
 * of the configured install prefix (GNUInstallDirs) and that folder relative to the binary's. */
#ifndef BH_SOURCE_ROOT
#define BH_SOURCE_ROOT "."
#endif
#ifndef BH_BUILD_ROOT
#define BH_BUILD_ROOT ""
#endif
#ifndef BH_INSTALL_DATA_DIR
#define BH_INSTALL_DATA_DIR "/usr/local/share/bridgehold"
#endif
#ifndef BH_DATA_DIR_FROM_BIN
#define BH_DATA_DIR_FROM_BIN "../share/bridgehold"
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

/* Takes `dir` as the share folder when it holds levels/; stores it without "..". */
static int try_share(const char *dir)
{
    char levels[4096 + 16];
    snprintf(levels, sizeof levels, "%.4000s/levels", dir);
    if (!is_dir(levels))
        return 0;
    char real[PATH_MAX];
    str_copy(g_share, sizeof g_share, realpath(dir, real) ? real : dir);
    return 1;
}

/* The folder this program's binary is in, or "" when /proc is not there. */
static void exe_dir(char *out, size_t n)
{
    out[0] = '\0';
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = '\0';
        str_copy(out, n, exe);
    }
}

/* Order: the environment; next to the binary (an installed tree wherever it was unpacked, e.g.
 * `dpkg -x` into a scratch root); the source tree when this is the build tree's binary (so a
 * developer's build never picks up an older installed copy); the install prefix's data folder (a
 * binary copied elsewhere); the source tree as the last resort. */
const char *paths_share_dir(void)
{
    if (g_share[0])
        return g_share;
    const char *env = getenv("BRIDGEHOLD_SHARE_DIR");
    if (env && *env) {
        str_copy(g_share, sizeof g_share, env);
        return g_share;
    }
    char bin[4096];
    exe_dir(bin, sizeof bin);
    if (bin[0]) {
        char cand[4096 + 256];
        snprintf(cand, sizeof cand, "%.4000s/%s", bin, BH_DATA_DIR_FROM_BIN);
        if (try_share(cand))
            return g_share;
        char build[PATH_MAX], here[PATH_MAX];
        if (BH_BUILD_ROOT[0] && realpath(BH_BUILD_ROOT, build) && realpath(bin, here) &&
            strcmp(build, here) == 0 && try_share(BH_SOURCE_ROOT))
            return g_share;
    }
    if (try_share(BH_INSTALL_DATA_DIR))
        return g_share;
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
