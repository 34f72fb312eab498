# The game and `plan` agree: four days of headless sessions (with morning answers) into one data
# folder, then `report` exports the history CSV and `plan` reads it; plan's next level and
# decision must be the ones the game printed after its last session, and the CSV must hold every
# session with its pains.
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
string(REGEX MATCH "\"decision\":\"[a-z_]+\",\"next_level\":\"L[0-9]+\"" game "${last}")
if(game STREQUAL "")
  message(FATAL_ERROR "the game printed no decision:\n${last}")
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
list(GET rows 1 first)
if(NOT first MATCHES "^2026-11-20,L01,[0-9.]+,2,3,2,2,[a-z]+,[0-9]+,[0-9]*,[a-z_]+$")
  message(FATAL_ERROR "day 1 in the export is wrong (pains 2/3/2, morning 2): ${first}")
endif()
execute_process(COMMAND ${BH} plan --history ${DATA}/history.csv --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE plan ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "plan: exit ${rc}\n${err}")
endif()
string(REGEX MATCH "\"decision\":\"[a-z_]+\",\"next_level\":\"L[0-9]+\"" planned "${plan}")
if(NOT planned STREQUAL game)
  message(FATAL_ERROR "the game said ${game}, plan on the export says ${planned}")
endif()
# After three green days at L01 the patient moved up: the fourth session was at L02.
if(NOT last MATCHES "^\\{\"level\":\"L02\"")
  message(FATAL_ERROR "the fourth session should have been at L02:\n${last}")
endif()
message(STATUS "game and plan agree: ${game}")
