# Runs BENCH --json --quick and checks the JSON object: one key per figure of issue 11, each a
# number (renderer and video_driver: non-empty names). Fails with the output when anything is
# missing. Times are never compared with anything.
execute_process(COMMAND ${BENCH} --json --quick RESULT_VARIABLE rc OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bridgehold-bench exited ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
string(JSON type ERROR_VARIABLE jerr TYPE "${out}")
if(jerr OR NOT type STREQUAL "OBJECT")
  message(FATAL_ERROR "not one JSON object (${jerr}):\n${out}")
endif()
foreach(key frame_ms_p50 frame_ms_p99 empty_frame_ms_p50 frame_ratio latency_ms_p50
    latency_ms_p99 startup_ms peak_rss_mb empty_peak_rss_mb analyze_msamples_per_s
    parse_mb_per_s analyze_peak_rss_mb wc_mb_per_s)
  string(JSON t ERROR_VARIABLE jerr TYPE "${out}" ${key})
  if(jerr OR NOT t STREQUAL "NUMBER")
    message(FATAL_ERROR "'${key}' is ${t}${jerr}, not a number:\n${out}\nstderr:\n${err}")
  endif()
  string(JSON v GET "${out}" ${key})
  if(NOT v GREATER 0)
    message(FATAL_ERROR "'${key}' is ${v}, not a positive figure:\n${out}")
  endif()
endforeach()
foreach(key renderer video_driver)
  string(JSON t ERROR_VARIABLE jerr TYPE "${out}" ${key})
  string(JSON v ERROR_VARIABLE jerr2 GET "${out}" ${key})
  if(jerr OR NOT t STREQUAL "STRING" OR v STREQUAL "")
    message(FATAL_ERROR "'${key}' is not a name:\n${out}")
  endif()
endforeach()
message(STATUS "${out}")
