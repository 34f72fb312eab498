# Fuzz targets for the rehab parsers: level files (and rules.ini, same bytes) and the History CSV
# followed by the progression rules. Seeds: tests/fuzz/corpus/level and corpus/history.
bh_fuzz_target(rehab_fuzz_level SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_level.c
  LIBS bh_rehab CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/level)
bh_fuzz_target(rehab_fuzz_history SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_history.c
  LIBS bh_rehab CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/history)
