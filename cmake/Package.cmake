# `cpack` (or `cmake --build BUILD --target package`) builds wegwijzer_<version>_<arch>.deb from the install
# rules (docs/install.md), and tests/e2e/deb.sh checks it with lintian.
# The runtime dependencies come from dpkg-shlibdeps (package dpkg-dev).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wegwijzer)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The wegwijzer authors")
set(CPACK_PACKAGE_CONTACT "The wegwijzer authors <wegwijzer@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "which kind of help fits: work guidance, coaching, supervision or therapy")
# CPack puts the summary first and indents these lines; an empty line becomes " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "wegwijzer asks a short questionnaire in the terminal (Dutch or English) and
advises which kind of help fits a situation: werkbegeleiding (work guidance),
coaching, supervisie (supervision) or therapie (therapy). Red flags lead to
crisis help at once. The advice explains itself and is not a diagnosis.

Question banks are JSON files (wegwijzer-bank(5)); wegwijzer check validates
them, and wegwijzer score scores JSON Lines or CSV answer records in batch.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
