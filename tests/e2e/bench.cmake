# bridgehold-bench --json --quick: every figure the issue names is printed and is a number (the
# renderer a name). A smoke test of the bench itself: it never asserts a time.
add_test(NAME e2e_bench_json
  COMMAND ${CMAKE_COMMAND} -DBENCH=$<TARGET_FILE:bridgehold-bench>
    -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_bench.cmake)
set_tests_properties(e2e_bench_json PROPERTIES LABELS e2e TIMEOUT 180
  ENVIRONMENT "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR};TMPDIR=${CMAKE_CURRENT_BINARY_DIR}")
