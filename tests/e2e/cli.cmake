# End-to-end checks of `bridgehold analyze`, `levels check` and headless `play`.
if(NOT TARGET bridgehold)
  return()
endif()

set(BH $<TARGET_FILE:bridgehold>)
set(TRACES ${BH_TEST_DATA}/traces)
set(CHECK ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_output.cmake)

# bh_cli_test(NAME RC <exit code> ARGS ... [MATCH re] [ERR_MATCH re] [EXPECT file] [TWICE])
function(bh_cli_test name)
  cmake_parse_arguments(T "TWICE" "RC;MATCH;ERR_MATCH;EXPECT" "ARGS" ${ARGN})
  # every test gets its own empty data directory, so no test sees another's sessions
  set(data ${CMAKE_CURRENT_BINARY_DIR}/data-${name})
  set(defs -DEXPECT_RC=${T_RC} -DFRESH_DIR=${data})
  if(T_MATCH)
    list(APPEND defs "-DMATCH=${T_MATCH}")
  endif()
  if(T_ERR_MATCH)
    list(APPEND defs "-DERR_MATCH=${T_ERR_MATCH}")
  endif()
  if(T_EXPECT)
    list(APPEND defs "-DEXPECT_FILE=${T_EXPECT}")
  endif()
  if(T_TWICE)
    list(APPEND defs -DTWICE=1)
  endif()
  string(REPLACE ";" "@@" cmd "${BH};${T_ARGS}") # the script splits on @@
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} "-DCMD=${cmd}" ${defs}
           -DOUT_FILE=${CMAKE_CURRENT_BINARY_DIR}/${name}.out -P ${CHECK})
  set_tests_properties(${name} PROPERTIES LABELS e2e
    ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR};BRIDGEHOLD_DATA_DIR=${data};SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endfunction()

# analyze: a clean 30-s hold at 200 N is one hold of about 30 s, all of it in the band.
bh_cli_test(e2e_analyze_clean_hold RC 0
  ARGS analyze ${TRACES}/hold-200n-30s.csv --target-n 200 --json
  MATCH "\"holds\":\\[{\"start_s\":[0-9.]+,\"end_s\":[0-9.]+,\"duration_s\":(29\\.[5-9]|30\\.[0-9])[0-9]*,[^]]*\"time_in_band_pct\":(100|99\\.[5-9][0-9]*),[^]]*}\\]}")
# a sag of 6 s below the band in a 30-s hold leaves about 80 % in band
bh_cli_test(e2e_analyze_sag RC 0
  ARGS analyze ${TRACES}/sag-6s.csv --target-n 200 --json
  MATCH "\"time_in_band_pct\":(79|80|81)(\\.[0-9]+)?,")
# a 1-s blip is not a hold
bh_cli_test(e2e_analyze_blip RC 0
  ARGS analyze ${TRACES}/blip-1s.csv --target-n 200 --json MATCH "\"holds\":\\[\\]")
bh_cli_test(e2e_analyze_table RC 0
  ARGS analyze ${TRACES}/hold-200n-30s.csv --target-n 200
  MATCH "band 180.0 to 220.0 N")
bh_cli_test(e2e_analyze_level RC 0
  ARGS analyze ${TRACES}/hold-200n-30s.csv --level ${CMAKE_SOURCE_DIR}/levels/02-double-leg-bridge-longer.ini --mvc-n 500 --json
  MATCH "\"target_n\":300,\"band_low_n\":255,\"band_high_n\":345,")
bh_cli_test(e2e_analyze_bad_trace RC 2
  ARGS analyze ${TRACES}/bad/decreasing-time.csv --target-n 200
  ERR_MATCH "decreasing-time.csv:[0-9]+: ")
bh_cli_test(e2e_analyze_no_target RC 2
  ARGS analyze ${TRACES}/hold-200n-30s.csv ERR_MATCH "give a target")
bh_cli_test(e2e_analyze_bad_number RC 2
  ARGS analyze ${TRACES}/hold-200n-30s.csv --target-n abc ERR_MATCH "not a number")
bh_cli_test(e2e_analyze_missing_file RC 2
  ARGS analyze ${TRACES}/no-such-file.csv --target-n 200 ERR_MATCH "no-such-file.csv")

# levels check: the shipped ladder passes; a broken level is reported with file:line.
bh_cli_test(e2e_levels_check_shipped RC 0 ARGS levels check MATCH "ok: 12 levels")
bh_cli_test(e2e_levels_check_bad RC 2
  ARGS levels check ${BH_TEST_DATA}/levels-bad/negative-hold.ini
  ERR_MATCH "negative-hold.ini:[0-9]+: ")

# headless play: a whole simulated session, deterministic, identical to the expected summary.
set(ANSWERS ${BH_TEST_DATA}/answers)
bh_cli_test(e2e_play_headless_sim RC 0 TWICE
  ARGS play --headless --input sim --seed 7 --answers ${ANSWERS}/normal.txt --level L01
       --today 2026-11-20
  EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/expected/play-sim-L01.json)
# A recording shorter than the session: the set it ends in is kept (interrupted) and the session
# stops there, not played on as zeros.
bh_cli_test(e2e_play_headless_replay RC 0 TWICE
  ARGS play --headless --input replay:${TRACES}/hold-200n-30s.csv --answers ${ANSWERS}/one-set.txt --level L02 --mvc-n 333.3333
  MATCH "\"completed\":false,.*\"sets\":\\[\\{\"set\":1,\"practice\":false,\"interrupted\":true,.*\"pain\":1\\}\\]\\}")
bh_cli_test(e2e_play_headless_red_flag RC 0
  ARGS play --headless --input sim --answers ${ANSWERS}/red-flag.txt
  MATCH "\"red_flag_stop\":true,\"completed\":false")
bh_cli_test(e2e_play_headless_bad_answers RC 2
  ARGS play --headless --input sim --answers ${ANSWERS}/bad-pain.txt
  ERR_MATCH "bad-pain.txt:2: pain_before")
bh_cli_test(e2e_play_headless_missing_answer RC 2
  ARGS play --headless --input sim --answers ${ANSWERS}/no-after.txt
  ERR_MATCH "no answer for pain_after")
bh_cli_test(e2e_play_unknown_level RC 2
  ARGS play --headless --input sim --answers ${ANSWERS}/normal.txt --level L99
  ERR_MATCH "no level 'L99'")
bh_cli_test(e2e_play_tempo_level RC 0
  ARGS play --headless --input sim --answers ${ANSWERS}/normal.txt --level L10
  MATCH "\"reps\":")

# A real window under Xvfb: the game starts, runs a simulated session for a few seconds and quits.
find_program(XVFB_RUN xvfb-run)
if(XVFB_RUN)
  set(xdata ${CMAKE_CURRENT_BINARY_DIR}/data-xvfb)
  # In a real X window SDL loads the X11 and D-Bus libraries, which keep allocations LeakSanitizer
  # cannot attribute (some from modules unloaded by exit). Our code is leak-checked by every
  # other test (headless and screenshot tests run the same scenes), so only these two skip it.
  set(XVFB_ASAN "ASAN_OPTIONS=detect_leaks=0")
  add_test(NAME e2e_play_window_xvfb
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x720x24" ${BH} play --input sim --quit-after 3
      --screenshot ${CMAKE_CURRENT_BINARY_DIR}/xvfb-window.png)
  set_tests_properties(e2e_play_window_xvfb PROPERTIES LABELS e2e TIMEOUT 60
    ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR};BRIDGEHOLD_DATA_DIR=${xdata};SDL_AUDIODRIVER=dummy;${XVFB_ASAN}")
  # A whole simulated session in a real window, sped up 60 times, prompts answered from a file:
  # it plays to the summary and ends by itself; the last frame is the summary.
  add_test(NAME e2e_play_window_session_xvfb
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x720x24" ${BH} play --input sim --level L01
      --answers ${BH_TEST_DATA}/answers/normal.txt --pace 60 --today 2026-11-20
      --screenshot ${CMAKE_CURRENT_BINARY_DIR}/xvfb-summary.png)
  set_tests_properties(e2e_play_window_session_xvfb PROPERTIES LABELS e2e TIMEOUT 120
    ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR};BRIDGEHOLD_DATA_DIR=${xdata}-session;SDL_AUDIODRIVER=dummy;${XVFB_ASAN}")
endif()

# The game's decision and `plan` on the exported history agree, over four days of sessions.
add_test(NAME e2e_game_and_plan_agree
  COMMAND ${CMAKE_COMMAND} -DBH=$<TARGET_FILE:bridgehold> -DANSWERS_FIRST=${ANSWERS}/normal.txt
    -DANSWERS_DAY=${ANSWERS}/next-day.txt -DDATA=${CMAKE_CURRENT_BINARY_DIR}/data-agree
    -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/agree.cmake)
set_tests_properties(e2e_game_and_plan_agree PROPERTIES LABELS e2e
  ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR}")

# devices and record on a machine with no devices: clean answers; captures and the simulator
# record to trace CSVs that `analyze` reads.
set(CAPTURES ${BH_TEST_DATA}/captures)
bh_cli_test(e2e_devices_none RC 0 ARGS devices MATCH "No force sensor found")
bh_cli_test(e2e_devices_none_json RC 0 ARGS devices --json MATCH "^\\{\"devices\":\\[\\],\"pads\":\\[\\]")
bh_cli_test(e2e_record_no_scale RC 1 ARGS record --input scale --out ${CMAKE_CURRENT_BINARY_DIR}/none.csv
  ERR_MATCH "no HID scale found")
bh_cli_test(e2e_record_scale_capture RC 0
  ARGS record --input hidcapture:${CAPTURES}/scale-hold.hid --out ${CMAKE_CURRENT_BINARY_DIR}/scale.csv
  ERR_MATCH "Recorded [0-9]+ samples")
bh_cli_test(e2e_record_board_capture RC 0
  ARGS record --input evemu:${CAPTURES}/board-shift.evemu --out ${CMAKE_CURRENT_BINARY_DIR}/board.csv
  ERR_MATCH "Recorded [0-9]+ samples .*Balance Board")
bh_cli_test(e2e_record_sim RC 0
  ARGS record --input sim --seconds 40 --out ${CMAKE_CURRENT_BINARY_DIR}/sim.csv)
bh_cli_test(e2e_analyze_recorded_sim RC 0
  ARGS analyze ${CMAKE_CURRENT_BINARY_DIR}/sim.csv --target-n 200 --json
  MATCH "\"holds\":\\[\\{\"start_s\":[0-9.]+,\"end_s\":[0-9.]+,\"duration_s\":(29|30)\\.")
set_tests_properties(e2e_analyze_recorded_sim PROPERTIES DEPENDS e2e_record_sim)

add_test(NAME e2e_forced_level
  COMMAND ${CMAKE_COMMAND} -DBH=$<TARGET_FILE:bridgehold> -DFLARE=${ANSWERS}/flare.txt
    -DNEXT_DAY=${ANSWERS}/next-day.txt -DDATA=${CMAKE_CURRENT_BINARY_DIR}/data-forced
    -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/forced_level.cmake)
set_tests_properties(e2e_forced_level PROPERTIES LABELS e2e
  ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR}")

# Issue 8: recordings and raw captures are written whole (temporary file, fsync, rename) and
# private (0600).
add_test(NAME e2e_record_files_private
  COMMAND ${CMAKE_COMMAND} -DBH=$<TARGET_FILE:bridgehold> -DCAPTURES=${CAPTURES}
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/private-files -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/private_files.cmake)
set_tests_properties(e2e_record_files_private PROPERTIES LABELS e2e)
bh_cli_test(e2e_record_sim_needs_seconds RC 2
  ARGS record --input sim --out ${CMAKE_CURRENT_BINARY_DIR}/never.csv
  ERR_MATCH "the simulator never ends: give --seconds")
