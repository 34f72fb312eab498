# Fuzz target for the bundle reader (clinic/bundle_json.c + bundle_import.c's checks) and base64.
# Seeds: tests/fuzz/corpus/bundle (a small good bundle, a cut one, a newer one, plain JSON).
bh_fuzz_target(clinic_fuzz_bundle SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_bundle.c
  LIBS bh_clinic CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/corpus/bundle)
