# Fuzz target for the per-device calibration file (ui/calstore). It links bh_ui (SDL) because
# the reader lives beside the code that applies it to the game.
bh_fuzz_target(fuzz_calibration SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_calibration.c
  LIBS bh_ui CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/calibration)
