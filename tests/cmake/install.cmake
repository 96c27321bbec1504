# Install and package (issue 21): `cmake --install` into a DESTDIR and the installed files used for real, and the
# .deb built, linted, installed with dpkg -i and removed. Only in the plain build: a sanitised binary is no package.
if(NOT WEGWIJZER_SANITIZE AND WEGWIJZER_REFERENCE)
  add_test(NAME install.destdir COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/install.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties(install.destdir PROPERTIES TIMEOUT 300 PASS_REGULAR_EXPRESSION "PASS: install")
  add_test(NAME install.deb COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/deb.sh ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
  set_tests_properties(install.deb PROPERTIES TIMEOUT 600 SKIP_REGULAR_EXPRESSION "SKIP: " PASS_REGULAR_EXPRESSION "PASS: deb"
                                              RUN_SERIAL TRUE)
endif()
