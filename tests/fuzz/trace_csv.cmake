# Fuzz target for the trace CSV reader (sensor/trace_csv). Seeds: tests/fuzz/corpus/trace_csv/.
# What parses must write back out and parse again to the same samples.
# The reader's own source is compiled into the target as well: bh_fuzz_target instruments only
# the target's sources, and libFuzzer needs coverage of the code under test to get anywhere (the
# linker then takes trace_csv.o from here, not from bh_sensor).
bh_fuzz_target(fuzz_trace_csv
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_trace_csv.c ${CMAKE_SOURCE_DIR}/game/sensor/trace_csv.c
  LIBS bh_sensor CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/trace_csv)
