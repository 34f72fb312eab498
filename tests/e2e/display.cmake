# With no display (DISPLAY, WAYLAND_DISPLAY and SDL_VIDEODRIVER unset) the game must not run
# unseen in SDL's offscreen driver: it says there is no display, suggests --headless, exits 1.
# Both the plain `bridgehold` and `bridgehold play`. (SDL_VIDEODRIVER=dummy, which the other
# tests set on purpose, stays allowed; the Xvfb tests cover a real display.)
set(BH $<TARGET_FILE:bridgehold>)
foreach(variant plain play)
  if(variant STREQUAL "plain")
    set(args "")
  else()
    set(args "@@play@@--input@@sim@@--quit-after@@2")
  endif()
  add_test(NAME e2e_no_display_${variant}
    COMMAND ${CMAKE_COMMAND}
      "-DCMD=${CMAKE_COMMAND}@@-E@@env@@--unset=DISPLAY@@--unset=WAYLAND_DISPLAY@@--unset=SDL_VIDEODRIVER@@${BH}${args}"
      -DEXPECT_RC=1 "-DERR_MATCH=no display to show the game on.*--headless"
      -DFRESH_DIR=${CMAKE_CURRENT_BINARY_DIR}/data-no-display-${variant}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_output.cmake)
  set_tests_properties(e2e_no_display_${variant} PROPERTIES LABELS e2e TIMEOUT 30
    ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR};BRIDGEHOLD_DATA_DIR=${CMAKE_CURRENT_BINARY_DIR}/data-no-display-${variant};SDL_AUDIODRIVER=dummy")
endforeach()
