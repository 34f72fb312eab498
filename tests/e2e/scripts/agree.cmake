# Practice never moves a level, and the game and `plan` agree on it: four days of simulated
# (practice) sessions with morning answers into one data folder leave the patient at L01, and
# each summary says why; `report` exports every session with its source, and `plan` on that file
# skips the practice rows exactly as the game did, so it too keeps the patient at L01.
# cmake -DBH=bridgehold -DANSWERS_FIRST=f -DANSWERS_DAY=f -DDATA=dir -P agree.cmake
file(REMOVE_RECURSE ${DATA})
file(MAKE_DIRECTORY ${DATA})
set(last "")
foreach(day 20 21 22 23)
  if(day STREQUAL "20")
    set(answers ${ANSWERS_FIRST})
  else()
    set(answers ${ANSWERS_DAY})
  endif()
  execute_process(COMMAND ${BH} play --headless --input sim --seed ${day} --answers ${answers}
                          --data-dir ${DATA} --today 2026-11-${day}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "day ${day}: exit ${rc}\n${err}")
  endif()
  set(last "${out}")
endforeach()
if(NOT last MATCHES "\"source\":\"practice\"" OR NOT last MATCHES "\"decision\":null"
   OR NOT last MATCHES "never changes a level: the patient's level stays L01")
  message(FATAL_ERROR "a simulated session is practice, decides nothing and says so:\n${last}")
endif()
execute_process(COMMAND ${BH} report --profile Patient --out ${DATA}/history.csv --data-dir ${DATA}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "report: exit ${rc}\n${err}")
endif()
file(STRINGS ${DATA}/history.csv rows)
list(LENGTH rows n)
if(NOT n EQUAL 5)
  message(FATAL_ERROR "the export should hold a header and 4 sessions:\n${rows}")
endif()
list(GET rows 0 header)
if(NOT header MATCHES "(^|,)source(,|$)")
  message(FATAL_ERROR "the export has no source column: ${header}")
endif()
list(GET rows 1 first)
if(NOT first MATCHES "^2026-11-20,L01,[0-9.]+,2,3,2,2(,|$)" OR NOT first MATCHES ",sim(,|$)")
  message(FATAL_ERROR "day 1 in the export is wrong (pains 2/3/2, morning 2, source sim): ${first}")
endif()
execute_process(COMMAND ${BH} plan --history ${DATA}/history.csv --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE plan ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "plan: exit ${rc}\n${err}")
endif()
if(NOT plan MATCHES "L01" OR plan MATCHES "L0[2-9]")
  message(FATAL_ERROR "plan on the export should keep the patient at L01 too:\n${plan}")
endif()
# Four green practice days: the fourth session was still at L01.
if(NOT last MATCHES "^\\{\"level\":\"L01\"")
  message(FATAL_ERROR "practice moved the level: the fourth session was not at L01:\n${last}")
endif()
message(STATUS "practice kept the patient at L01, and plan agrees")
