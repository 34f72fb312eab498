# `record` writes its trace CSV and its --raw capture all at once and privately: a temporary file
# beside the target (mkstemp, 0600), synced, then renamed; nothing is left behind, and a file that
# cannot be written leaves no half file (issue 8).
# Inputs: BH (the program), CAPTURES (tests/data/captures), WORK (an empty folder).
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/raw.evemu "an older capture that must be replaced whole\n")

function(mode_of path out)
  execute_process(COMMAND stat -c %a ${path} OUTPUT_VARIABLE m RESULT_VARIABLE rc
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "stat ${path} failed")
  endif()
  set(${out} "${m}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${BH} record --input evemu:${CAPTURES}/board-shift.evemu --raw
                        --out ${WORK}/raw.evemu
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "record --raw: exit ${rc}\n${err}")
endif()
execute_process(COMMAND ${BH} record --input sim --seconds 2 --out ${WORK}/sim.csv
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "record: exit ${rc}\n${err}")
endif()
foreach(f raw.evemu sim.csv)
  mode_of(${WORK}/${f} m)
  if(NOT m STREQUAL "600")
    message(FATAL_ERROR "${f} has mode ${m}; a patient's recording must be 600")
  endif()
endforeach()
file(READ ${WORK}/raw.evemu raw)
if(NOT raw MATCHES "^# EVEMU" OR raw MATCHES "older capture")
  message(FATAL_ERROR "raw.evemu is not the new capture:\n${raw}")
endif()
file(READ ${WORK}/sim.csv csv)
if(NOT csv MATCHES "^t_s,force_n")
  message(FATAL_ERROR "sim.csv is not a trace:\n${csv}")
endif()
file(GLOB left ${WORK}/*.tmp-*)
if(left)
  message(FATAL_ERROR "temporary files left behind: ${left}")
endif()
# A folder that does not exist: an error naming the file, and nothing written.
execute_process(COMMAND ${BH} record --input sim --seconds 1 --out ${WORK}/no/such/dir/x.csv
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "no/such/dir/x\\.csv")
  message(FATAL_ERROR "writing into a missing folder: exit ${rc}\n${err}")
endif()
