/* app/paths: where the shipped data (levels/, assets/) lives. */
#pragma once

/* The folder holding levels/ and assets/: $BRIDGEHOLD_SHARE_DIR, else <exe>/../share/bridgehold
 * when installed (wherever the tree was unpacked), else the source tree for the build tree's
 * binary, else the install prefix's share/bridgehold. Never NULL. */
const char *paths_share_dir(void);
/* $BRIDGEHOLD_LEVELS_DIR, else <share>/levels. */
const char *paths_levels_dir(void);
/* <levels dir>/rules.ini */
const char *paths_rules_file(void);
/* <share>/assets */
const char *paths_assets_dir(void);
/* Tells the HID backends where device profiles live: <share>/assets/devices. */
void paths_use_device_profiles(void);
