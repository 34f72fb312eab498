# Practice may play any level (how a clinician demonstrates one), and the summary names the level
# that was played; it never moves the patient's level: day 1 is a painful practice session at L03
# that decides nothing (the patient stays at L01), day 2 asks for L06 and gets L06.
# cmake -DBH=bridgehold -DFLARE=f -DNEXT_DAY=f -DDATA=dir -P forced_level.cmake
file(REMOVE_RECURSE ${DATA})
file(MAKE_DIRECTORY ${DATA})
execute_process(COMMAND ${BH} play --headless --input sim --answers ${FLARE} --level L03
                        --data-dir ${DATA} --today 2026-11-20
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "day 1: exit ${rc}\n${err}")
endif()
if(NOT out MATCHES "^\\{\"level\":\"L03\"" OR NOT out MATCHES "\"zone\":null,\"decision\":null"
   OR NOT out MATCHES "level stays L01")
  message(FATAL_ERROR "day 1 should report L03 as played, as practice that keeps L01:\n${out}")
endif()
execute_process(COMMAND ${BH} play --headless --input sim --answers ${NEXT_DAY} --level L06
                        --data-dir ${DATA} --today 2026-11-21
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "day 2: exit ${rc}\n${err}")
endif()
# L06 is 70 % of the nominal 400 N maximum
if(NOT out MATCHES "^\\{\"level\":\"L06\"" OR NOT out MATCHES "\"target\":280,")
  message(FATAL_ERROR "day 2 should have been played at L06 (280 N):\n${out}")
endif()
