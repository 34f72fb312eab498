# Fuzz target for the per-device calibration file (sensor/calfile). It links only bh_sensor: the
# reader is pure file parsing, apart from the game that applies it.
bh_fuzz_target(fuzz_calibration SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_calibration.c
  LIBS bh_sensor CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/calibration)
