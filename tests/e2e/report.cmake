# The clinician's reports on a four-week history played by the game's own play/ layer
# (tests/report/make_history.c): e2e_report_history makes the history once (a ctest fixture); e2e_report_pdf renders and reads
# the PDF; e2e_report_fhir validates the FHIR export against the official R4 JSON schema with the
# npm validator in tests/fhir (tools/install-npm-tools.sh) and counts its pain Observations.
if(NOT TARGET bridgehold)
  return()
endif()

set(BH_REPORT_WORK ${CMAKE_CURRENT_BINARY_DIR}/report)
set(BH_REPORT_ENV "BRIDGEHOLD_SHARE_DIR=${CMAKE_SOURCE_DIR};SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
add_executable(report_make_history ${CMAKE_SOURCE_DIR}/tests/report/make_history.c)
target_link_libraries(report_make_history PRIVATE bh_play bh_sensor bh_session bh_store)
add_test(NAME e2e_report_history
  COMMAND sh -c "rm -rf \"$1\" && exec \"$2\" \"$1\" \"$3\"" report-history
    ${BH_REPORT_WORK}/data $<TARGET_FILE:report_make_history> ${CMAKE_SOURCE_DIR}/levels)
set_tests_properties(e2e_report_history PROPERTIES LABELS e2e FIXTURES_SETUP report_history
  TIMEOUT 900 ENVIRONMENT "${BH_REPORT_ENV}")
foreach(part pdf fhir)
  add_test(NAME e2e_report_${part}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/report/check_${part}.sh $<TARGET_FILE:bridgehold>
      ${BH_REPORT_WORK}/data ${BH_REPORT_WORK}/${part} ${CMAKE_SOURCE_DIR})
  set_tests_properties(e2e_report_${part} PROPERTIES LABELS e2e
    FIXTURES_REQUIRED report_history TIMEOUT 600 ENVIRONMENT "${BH_REPORT_ENV}")
endforeach()
