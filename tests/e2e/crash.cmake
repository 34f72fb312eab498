# Crash safety of real game sessions: headless sessions killed with SIGKILL at many instants.
if(NOT TARGET bridgehold)
  return()
endif()
add_executable(test_crash_game ${CMAKE_CURRENT_SOURCE_DIR}/crash_game.c)
target_link_libraries(test_crash_game PRIVATE PkgConfig::SQLITE3)
target_compile_definitions(test_crash_game PRIVATE
  BRIDGEHOLD_BIN="$<TARGET_FILE:bridgehold>"
  ANSWERS_FILE="${BH_TEST_DATA}/answers/normal.txt")
add_test(NAME e2e_crash_game COMMAND test_crash_game ${CMAKE_CURRENT_BINARY_DIR}/data-crash)
set_tests_properties(e2e_crash_game PROPERTIES LABELS e2e TIMEOUT 300
  ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR}")
