# Fuzz target for the trace CSV reader (sensor/trace_csv). Seeds: tests/fuzz/corpus/trace_csv/.
# What parses must write back out and parse again to the same samples.
bh_fuzz_target(fuzz_trace_csv
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_trace_csv.c
  LIBS bh_sensor CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/trace_csv)
