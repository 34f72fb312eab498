# bench_signal: throughput of the signal/ pipeline (hold detection, metrics, MVC, low-pass,
# resampling) on synthetic traces. Not a ctest test: timings vary by machine. Run it with
# `cmake --build build --target bench`.
add_executable(bench_signal ${CMAKE_CURRENT_LIST_DIR}/bench_signal.c)
target_link_libraries(bench_signal PRIVATE bh_signal)

if(NOT TARGET bench)
  add_custom_target(bench)
endif()
add_custom_target(bench_signal_run
  COMMAND bench_signal
  DEPENDS bench_signal
  COMMENT "Running bench_signal"
  USES_TERMINAL)
add_dependencies(bench bench_signal_run)
