# Packaging: what makes Bridgehold a desktop application on Debian — the menu entry, the icon (PNGs
# rendered from the SVG at build time), AppStream metadata, the manual page, the udev rule for the
# sensors, the Debian copyright and changelog — installed where Debian expects each, and the .deb
# made by CPack (`cpack -G DEB` or `cmake --build . --target package`). Tested by
# tests/e2e/package.cmake. The version comes only from project() in the top CMakeLists.txt.

find_program(BH_RSVG_CONVERT rsvg-convert REQUIRED) # librsvg2-bin
find_program(BH_GZIP gzip REQUIRED)

set(BH_PKG_OUT ${CMAKE_BINARY_DIR}/packaging)
set(BH_DESKTOP_FILE ${CMAKE_SOURCE_DIR}/assets/bridgehold.desktop)
set(BH_METAINFO_FILE ${CMAKE_SOURCE_DIR}/assets/io.github.bridgehold.Bridgehold.metainfo.xml)
set(BH_ICON_SVG ${CMAKE_SOURCE_DIR}/assets/icons/bridgehold.svg)
set(BH_ICON_SIZES 48 128 256)
# A system install puts the rule where udev reads it (/usr/lib/udev/rules.d in the package).
set(BH_UDEV_RULES_DIR lib/udev/rules.d CACHE STRING "Where the udev rule is installed (relative to the prefix)")

# The release date of this version, from the newest AppStream <release>, dates the manual page
# (a build-time date would make every build of the same source differ).
file(READ ${BH_METAINFO_FILE} bh_metainfo)
if(bh_metainfo MATCHES "<release version=\"([^\"]+)\" date=\"([0-9-]+)\"")
  set(BH_MAN_DATE ${CMAKE_MATCH_2})
else()
  message(FATAL_ERROR "${BH_METAINFO_FILE}: no <release version=... date=...>")
endif()

# --- icons: one SVG source, PNGs for the sizes menus ask for
set(bh_pngs)
foreach(size ${BH_ICON_SIZES})
  set(png ${BH_PKG_OUT}/icons/${size}x${size}/bridgehold.png)
  add_custom_command(OUTPUT ${png}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${BH_PKG_OUT}/icons/${size}x${size}
    COMMAND ${BH_RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${BH_ICON_SVG}
    DEPENDS ${BH_ICON_SVG} VERBATIM)
  list(APPEND bh_pngs ${png})
  install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${BH_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# --- manual page (gzip -n: no name or time stamp, so the same source gives the same file)
configure_file(${CMAKE_SOURCE_DIR}/docs/bridgehold.1.in ${BH_PKG_OUT}/bridgehold.1 @ONLY)
file(WRITE ${BH_PKG_OUT}/bridgehold-bench.1 ".so man1/bridgehold.1\n")
add_custom_command(OUTPUT ${BH_PKG_OUT}/bridgehold.1.gz
  COMMAND ${BH_GZIP} -9nkf ${BH_PKG_OUT}/bridgehold.1
  DEPENDS ${BH_PKG_OUT}/bridgehold.1 VERBATIM)
add_custom_command(OUTPUT ${BH_PKG_OUT}/bridgehold-bench.1.gz
  COMMAND ${BH_GZIP} -9nkf ${BH_PKG_OUT}/bridgehold-bench.1
  DEPENDS ${BH_PKG_OUT}/bridgehold-bench.1 VERBATIM)
install(FILES ${BH_PKG_OUT}/bridgehold.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# --- Debian copyright (ours plus the fonts' licence, copied from the file shipped with them) and
# changelog (a native package: changelog.gz)
file(READ ${CMAKE_SOURCE_DIR}/assets/fonts/LICENSE-DejaVu.txt bh_dejavu)
if(NOT bh_dejavu MATCHES "(License: bitstream-vera\n.*org\\.\n)")
  message(FATAL_ERROR "assets/fonts/LICENSE-DejaVu.txt: no bitstream-vera licence paragraph")
endif()
set(bh_vera "${CMAKE_MATCH_1}")
file(READ ${CMAKE_SOURCE_DIR}/packaging/copyright.in bh_copyright)
file(WRITE ${BH_PKG_OUT}/copyright.tmp "${bh_copyright}\n${bh_vera}")
configure_file(${BH_PKG_OUT}/copyright.tmp ${BH_PKG_OUT}/copyright COPYONLY)
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/packaging/copyright.in ${CMAKE_SOURCE_DIR}/assets/fonts/LICENSE-DejaVu.txt
  ${BH_METAINFO_FILE})
add_custom_command(OUTPUT ${BH_PKG_OUT}/changelog.gz
  COMMAND ${BH_GZIP} -9nc ${CMAKE_SOURCE_DIR}/packaging/changelog > ${BH_PKG_OUT}/changelog.gz
  DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog)
install(FILES ${BH_PKG_OUT}/copyright ${BH_PKG_OUT}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/bridgehold)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/lintian-overrides RENAME bridgehold
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides)

add_custom_target(bh_packaging_files ALL DEPENDS ${bh_pngs} ${BH_PKG_OUT}/bridgehold.1.gz
  ${BH_PKG_OUT}/bridgehold-bench.1.gz ${BH_PKG_OUT}/changelog.gz)

# --- menu entry, AppStream, udev rule
install(FILES ${BH_DESKTOP_FILE} DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${BH_METAINFO_FILE} DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/assets/udev/70-bridgehold.rules DESTINATION ${BH_UDEV_RULES_DIR})

# bridgehold-bench (another program, when built) shares the manual page; installed only if the
# program itself is, which its own CMake file decides — so this waits until every file is read.
function(bh_install_bench_man)
  if(TARGET bridgehold-bench)
    install(FILES ${BH_PKG_OUT}/bridgehold-bench.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endif()
endfunction()
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.19) # DEFER is 3.19; Debian 12 has 3.25
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL bh_install_bench_man)
endif()

# --- the Debian package
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bridgehold)
set(CPACK_PACKAGE_VENDOR "The Bridgehold developers")
set(CPACK_PACKAGE_CONTACT "Bridgehold maintainers <maintainers@users.noreply.r-seed-6fc45a71.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "glute-bridge hold biofeedback game for hamstring tendon rehab")
# Debian wants the long description in lines of at most 80 columns; an empty line is a paragraph.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "Bridgehold is a biofeedback game for proximal hamstring tendinopathy: pain at"
  "the sit-bone where the hamstring tendon attaches. The patient lies in a"
  "glute-bridge hold with a force sensor under the heels (a USB postal scale, a"
  "home-made HID load cell, a Wii Balance Board), a gamepad on the pelvis, or"
  "the space bar, and the game shows whether the hold is in the target band."
  ""
  "It asks about pain before, during and after each session and the next"
  "morning, and opens harder levels only when those answers allow, giving the"
  "reason for every decision. Clinicians can edit the level ladder as plain"
  "text and check every number from the command line.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/bridgehold/bridgehold")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # bridgehold_<version>_<arch>.deb
# "science" (where Debian Med's clinical tools are), not "games": policy puts a games-section
# program in /usr/games, which is not on root's PATH, and clinics script this program as a tool.
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends from dpkg-shlibdeps, not a hand-kept list
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
