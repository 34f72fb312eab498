# bench_session: whole headless sessions through the game's scenes (simulated patient, L01 and
# L10), as `play --headless` runs them. Not a ctest test. `cmake --build build --target bench`.
add_executable(bench_session ${CMAKE_CURRENT_LIST_DIR}/bench_session.c)
target_link_libraries(bench_session PRIVATE bh_ui)
target_compile_definitions(bench_session PRIVATE BH_LEVELS="${CMAKE_SOURCE_DIR}/levels")
if(NOT TARGET bench)
  add_custom_target(bench)
endif()
add_custom_target(bench_session_run COMMAND bench_session DEPENDS bench_session
  COMMENT "Running bench_session" USES_TERMINAL)
add_dependencies(bench bench_session_run)
