# The desktop application and its Debian package, checked with Debian's own tools: the menu entry
# (desktop-file-validate), the AppStream file (appstreamcli), the manual page (man/groff), the .deb
# built by CPack (dpkg-deb), the package unpacked into a scratch root and run from a home folder,
# `cmake --install` into a relocated prefix, and lintian.
#
# Included by tests/e2e/CMakeLists.txt it adds the tests; each test runs this same file with
# `cmake -DCASE=... -P package.cmake` (script mode, below). A missing tool fails the test and
# names the tool (tools/install-deps.sh installs them all).
#
# They run in every build, the ASan one too: the packaged binary is whatever this build made, and
# dpkg-shlibdeps, lintian and the unpacked run work on it the same way.

if(CMAKE_SCRIPT_MODE_FILE)
  # ---- script mode: one case ----
  # run(<cmd...>): runs a command, leaving rc, out and err; a command that cannot start leaves
  # its reason in rc, which is not 0.
  function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    set(rc "${rc}" PARENT_SCOPE)
    set(out "${out}" PARENT_SCOPE)
    set(err "${err}" PARENT_SCOPE)
  endfunction()
  function(expect_ok what)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${what}: exit '${rc}'\nstdout:\n${out}\nstderr:\n${err}")
    endif()
  endfunction()
  function(expect_out re what)
    if(NOT out MATCHES "${re}")
      message(FATAL_ERROR "${what}: stdout does not match '${re}':\n${out}\nstderr:\n${err}")
    endif()
  endfunction()
  # The .deb the package_build case made: exactly one, named bridgehold_<version>_<arch>.deb.
  function(find_deb)
    run(dpkg --print-architecture)
    expect_ok("dpkg --print-architecture")
    string(STRIP "${out}" arch)
    set(deb ${PKG_DIR}/bridgehold_${VERSION}_${arch}.deb)
    file(GLOB debs ${PKG_DIR}/*.deb)
    if(NOT EXISTS ${deb} OR NOT debs STREQUAL deb)
      message(FATAL_ERROR "expected one package ${deb}; found: '${debs}'")
    endif()
    set(deb ${deb} PARENT_SCOPE)
  endfunction()
  # The installed program, run from a home folder with no hint of where its data is.
  function(run_installed exe)
    file(REMOVE_RECURSE ${WORK}/home)
    file(MAKE_DIRECTORY ${WORK}/home)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=BRIDGEHOLD_SHARE_DIR
                      --unset=BRIDGEHOLD_LEVELS_DIR --unset=BRIDGEHOLD_DATA_DIR
                      --unset=XDG_DATA_HOME HOME=${WORK}/home ${exe} ${ARGN}
                    WORKING_DIRECTORY ${WORK}/home
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    set(rc "${rc}" PARENT_SCOPE)
    set(out "${out}" PARENT_SCOPE)
    set(err "${err}" PARENT_SCOPE)
  endfunction()
  # Checks that an installed tree under `root` (prefix `prefix`) is a working Bridgehold: the
  # version, the shipped ladder, and that the ladder read is this tree's, not the source tree's.
  function(check_installed_tree root prefix)
    set(exe ${root}${prefix}/bin/bridgehold)
    run_installed(${exe} --version)
    expect_ok("${exe} --version")
    expect_out("^bridgehold ${VERSION}\n$" "${exe} --version")
    run_installed(${exe} levels check)
    expect_ok("${exe} levels check (from ${WORK}/home)")
    expect_out("ok: [0-9]+ levels checked" "levels check")
    run_installed(${exe} levels --help)
    expect_out("shipped ladder \\(${root}${prefix}/share/bridgehold/levels\\)"
               "the installed program reads its own levels")
  endfunction()

  file(REMOVE_RECURSE ${WORK})
  file(MAKE_DIRECTORY ${WORK})

  if(CASE STREQUAL "desktop")
    # Clean means no error, no warning and no hint.
    run(desktop-file-validate ${SRC}/assets/bridgehold.desktop)
    expect_ok("desktop-file-validate")
    if(NOT "${out}${err}" STREQUAL "")
      message(FATAL_ERROR "desktop-file-validate is not clean:\n${out}${err}")
    endif()
  elseif(CASE STREQUAL "appstream")
    run(appstreamcli validate --no-net ${METAINFO})
    expect_ok("appstreamcli validate --no-net")
    if("${out}${err}" MATCHES "(^|\n)[EW]: ")
      message(FATAL_ERROR "appstreamcli reports errors or warnings:\n${out}${err}")
    endif()
    # What the issue asks the metadata to have, and the screenshots are the ones in docs/.
    file(READ ${METAINFO} xml)
    foreach(tag "<summary>" "<description>" "<content_rating" "<releases>" "<project_license>"
            "<launchable type=\"desktop-id\">bridgehold.desktop</launchable>")
      string(FIND "${xml}" "${tag}" at)
      if(at LESS 0)
        message(FATAL_ERROR "${METAINFO}: no ${tag}")
      endif()
    endforeach()
    foreach(shot hold-screen.png summary-screen.png)
      if(NOT xml MATCHES "/docs/${shot}</image>" OR NOT EXISTS ${SRC}/docs/${shot})
        message(FATAL_ERROR "${METAINFO}: no screenshot docs/${shot}, or the file is missing")
      endif()
    endforeach()
  elseif(CASE STREQUAL "version")
    # One version everywhere: project() → --version, the newest AppStream release, the Debian
    # changelog's top entry and the manual page.
    run(${BH} --version)
    expect_out("^bridgehold ${VERSION}\n$" "bridgehold --version")
    run(${BH} version)
    expect_out("^bridgehold ${VERSION}\n$" "bridgehold version")
    file(READ ${METAINFO} xml)
    if(NOT xml MATCHES "<releases>[ \n]*<release version=\"([^\"]+)\"" OR
       NOT CMAKE_MATCH_1 STREQUAL VERSION)
      message(FATAL_ERROR "${METAINFO}: newest release is '${CMAKE_MATCH_1}', project() says ${VERSION}")
    endif()
    file(STRINGS ${SRC}/packaging/changelog top LIMIT_COUNT 1)
    if(NOT top MATCHES "^bridgehold \\(${VERSION}\\) ")
      message(FATAL_ERROR "packaging/changelog: top entry '${top}' is not version ${VERSION}")
    endif()
    file(STRINGS ${MANPAGE} th REGEX "^\\.TH ")
    if(NOT th MATCHES "\"Bridgehold ${VERSION}\"")
      message(FATAL_ERROR "${MANPAGE}: '${th}' does not name version ${VERSION}")
    endif()
  elseif(CASE STREQUAL "manpage")
    run(groff -man -ww -z ${MANPAGE})
    expect_ok("groff -man -ww -z")
    if(NOT err STREQUAL "")
      message(FATAL_ERROR "groff warns about ${MANPAGE}:\n${err}")
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E env MANWIDTH=80 LC_ALL=C.UTF-8
                      man -l --warnings ${MANPAGE}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    expect_ok("man -l --warnings")
    if(NOT err STREQUAL "")
      message(FATAL_ERROR "man -l warns about ${MANPAGE}:\n${err}")
    endif()
    # Every command the program lists, and those the command-line contract adds (ARCHITECTURE.md),
    # has an entry; every exit code is explained.
    set(man "${out}")
    run(${BH} --help)
    string(REGEX MATCHALL "\n  [a-z]+ " listed "${out}")
    if(listed STREQUAL "")
      message(FATAL_ERROR "bridgehold --help lists no commands:\n${out}")
    endif()
    foreach(cmd ${listed} clinic bundle sync bridgehold-bench version)
      string(STRIP "${cmd}" cmd)
      if(NOT man MATCHES "\n       ${cmd}[ ,\n]")
        message(FATAL_ERROR "the manual page has no entry for '${cmd}':\n${man}")
      endif()
    endforeach()
    foreach(code 0 1 2 3)
      if(NOT man MATCHES "EXIT STATUS.*\n       ${code}[ \n]")
        message(FATAL_ERROR "the manual page does not explain exit status ${code}:\n${man}")
      endif()
    endforeach()
  elseif(CASE STREQUAL "build")
    # `cpack -G DEB` in the build folder; Depends comes from dpkg-shlibdeps.
    file(REMOVE_RECURSE ${PKG_DIR})
    run(${CMAKE_CPACK_COMMAND} -G DEB -B ${PKG_DIR} --config ${BUILD}/CPackConfig.cmake)
    expect_ok("cpack -G DEB")
    find_deb()
  elseif(CASE STREQUAL "contents")
    find_deb()
    run(dpkg-deb -c ${deb})
    expect_ok("dpkg-deb -c")
    foreach(p usr/bin/bridgehold
              usr/share/applications/bridgehold.desktop
              usr/share/metainfo/io.github.bridgehold.Bridgehold.metainfo.xml
              usr/share/icons/hicolor/48x48/apps/bridgehold.png
              usr/share/icons/hicolor/128x128/apps/bridgehold.png
              usr/share/icons/hicolor/256x256/apps/bridgehold.png
              usr/share/icons/hicolor/scalable/apps/bridgehold.svg
              usr/share/man/man1/bridgehold.1.gz
              usr/lib/udev/rules.d/70-bridgehold.rules
              usr/share/bridgehold/levels/rules.ini
              usr/share/bridgehold/levels/01-double-leg-bridge.ini
              usr/share/bridgehold/assets/fonts/DejaVuSans.ttf
              usr/share/bridgehold/assets/devices/hx711-vendor.ini
              usr/share/doc/bridgehold/copyright
              usr/share/doc/bridgehold/changelog.gz
              usr/share/lintian/overrides/bridgehold)
      if(NOT out MATCHES " \\./${p}\n")
        message(FATAL_ERROR "${deb} has no /${p}:\n${out}")
      endif()
    endforeach()
    # The desktop files are installed where the desktop reads them, not also into the data.
    if(out MATCHES "share/bridgehold/assets/(icons|udev)/|share/bridgehold/assets/[^\n]*desktop")
      message(FATAL_ERROR "${deb} copies packaging files into the game data:\n${out}")
    endif()
    run(dpkg-deb -f ${deb} Package Version Section Maintainer Homepage Depends Description)
    expect_ok("dpkg-deb -f")
    foreach(re "Package: bridgehold\n" "Version: ${VERSION}\n" "Section: [a-z]+\n"
            "Maintainer: [^\n]+ <[^\n]+@[^\n]+>\n" "Homepage: https://"
            "Depends: [^\n]*libc6 \\(>= [^\n]*libsdl2-2\\.0-0 \\(>= [^\n]*libsqlite3-0"
            "Description: [^\n]+\n [^\n]+")
      expect_out("${re}" "the package's control fields")
    endforeach()
  elseif(CASE STREQUAL "unpacked")
    # Unpacked into a scratch root, the package's program runs from a home folder and reads the
    # levels it brought; its icons are real PNGs of their sizes and its manual page renders.
    find_deb()
    run(dpkg -x ${deb} ${WORK}/root)
    expect_ok("dpkg -x")
    check_installed_tree(${WORK}/root /usr)
    foreach(size 48 128 256)
      run(file -b ${WORK}/root/usr/share/icons/hicolor/${size}x${size}/apps/bridgehold.png)
      expect_out("^PNG image data, ${size} x ${size}," "the ${size} px icon")
    endforeach()
    execute_process(COMMAND ${CMAKE_COMMAND} -E env MANWIDTH=80 LC_ALL=C.UTF-8
                      man -l --warnings ${WORK}/root/usr/share/man/man1/bridgehold.1.gz
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    expect_ok("man -l on the packaged page")
    expect_out("EXIT STATUS" "the packaged manual page")
    if(NOT err STREQUAL "")
      message(FATAL_ERROR "man -l warns about the packaged page:\n${err}")
    endif()
  elseif(CASE STREQUAL "install")
    # `cmake --install` into a prefix elsewhere: the Debian locations under it, and the program
    # still finds its data there.
    run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix)
    expect_ok("cmake --install")
    foreach(p share/applications/bridgehold.desktop
              share/metainfo/io.github.bridgehold.Bridgehold.metainfo.xml
              share/icons/hicolor/256x256/apps/bridgehold.png
              share/icons/hicolor/scalable/apps/bridgehold.svg
              share/man/man1/bridgehold.1.gz lib/udev/rules.d/70-bridgehold.rules)
      if(NOT EXISTS ${WORK}/prefix/${p})
        message(FATAL_ERROR "cmake --install put no ${p} under the prefix")
      endif()
    endforeach()
    check_installed_tree(${WORK} /prefix)
  elseif(CASE STREQUAL "lintian")
    find_deb()
    run(lintian --fail-on error ${deb})
    if(NOT rc EQUAL 0 OR "${out}" MATCHES "(^|\n)E: ")
      message(FATAL_ERROR "lintian finds errors in ${deb} (exit '${rc}'):\n${out}\n${err}")
    endif()
    message(STATUS "lintian:\n${out}")
  else()
    message(FATAL_ERROR "unknown CASE '${CASE}'")
  endif()
  return()
endif()

# ---- included by tests/e2e/CMakeLists.txt: add the tests ----
if(NOT TARGET bridgehold)
  return()
endif()
set(BH_PKG_TEST_DIR ${CMAKE_CURRENT_BINARY_DIR}/package)
# bh_package_test(CASE [FIXTURE setup|needs]): one case of the script above.
function(bh_package_test case)
  add_test(NAME package_${case}
    COMMAND ${CMAKE_COMMAND} -DCASE=${case} -DBH=$<TARGET_FILE:bridgehold>
            -DVERSION=${PROJECT_VERSION} -DSRC=${CMAKE_SOURCE_DIR} -DBUILD=${CMAKE_BINARY_DIR}
            -DMETAINFO=${BH_METAINFO_FILE} -DMANPAGE=${BH_PKG_OUT}/bridgehold.1
            -DPKG_DIR=${BH_PKG_TEST_DIR}/deb -DWORK=${BH_PKG_TEST_DIR}/work-${case}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/package.cmake)
  set_tests_properties(package_${case} PROPERTIES LABELS "e2e;package" TIMEOUT 600
    ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR}")
endfunction()

foreach(case desktop appstream version manpage install)
  bh_package_test(${case})
endforeach()
bh_package_test(build)
set_tests_properties(package_build PROPERTIES FIXTURES_SETUP bh_deb)
foreach(case contents unpacked lintian)
  bh_package_test(${case})
  set_tests_properties(package_${case} PROPERTIES FIXTURES_REQUIRED bh_deb)
endforeach()
# `cmake --install` and cpack both install this build tree; one at a time.
set_tests_properties(package_install package_build PROPERTIES RESOURCE_LOCK bh_install)
# cpack (with dpkg-shlibdeps) and lintian are the heaviest tests; counted as two jobs each they do
# not run beside two other tests on a small machine.
set_tests_properties(package_build package_lintian PROPERTIES PROCESSORS 2)
