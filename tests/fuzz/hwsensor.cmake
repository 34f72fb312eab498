# Fuzz targets for the hardware sensors' parsers (hid-recorder captures, evemu captures, device
# profiles). Seeds: tests/fuzz/corpus/<name>/. Each also checks that what parses writes back out
# and parses again to the same thing.
bh_fuzz_target(hwsensor_fuzz_hidrec SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_hidrec.c
  LIBS bh_sensor CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/hwsensor_fuzz_hidrec)
bh_fuzz_target(hwsensor_fuzz_evemu SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_evemu.c
  LIBS bh_sensor CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/hwsensor_fuzz_evemu)
bh_fuzz_target(hwsensor_fuzz_profile SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_profile.c
  LIBS bh_sensor CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/hwsensor_fuzz_profile)
