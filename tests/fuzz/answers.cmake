# Fuzz target for the headless answers file (and the INI reader under it).
bh_fuzz_target(fuzz_answers SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_answers.c LIBS bh_session
  CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/answers)
