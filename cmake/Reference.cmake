# Man pages and completion scripts, generated at build time so that --help, the man pages and the docs
# cannot drift: tools/reference.cpp writes wegwijzer(1), one page per subcommand and the bash and zsh
# scripts from the CLI definitions; tools/md2man.py writes wegwijzer-bank(5) from docs/bank-format.md.
# The pages are gzipped as Debian expects (man reads them as they are).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(WEGWIJZER_REFERENCE_DIR ${CMAKE_CURRENT_BINARY_DIR}/reference)

add_executable(wegwijzer_reference tools/reference.cpp)
target_link_libraries(wegwijzer_reference PRIVATE wegwijzer_cli wegwijzer_warnings)

configure_file(packaging/changelog.in ${WEGWIJZER_REFERENCE_DIR}/changelog @ONLY)
add_custom_command(
  OUTPUT ${WEGWIJZER_REFERENCE_DIR}/stamp
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${WEGWIJZER_REFERENCE_DIR}/man1 ${WEGWIJZER_REFERENCE_DIR}/man5
  COMMAND wegwijzer_reference ${WEGWIJZER_REFERENCE_DIR}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${WEGWIJZER_REFERENCE_DIR}/man5
  COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tools/md2man.py ${PROJECT_SOURCE_DIR}/docs/bank-format.md
          ${WEGWIJZER_REFERENCE_DIR}/man5/wegwijzer-bank.5 wegwijzer-bank 5 "the question bank format of wegwijzer"
          ${PROJECT_VERSION} "wegwijzer(1),wegwijzer-check(1)"
  COMMAND sh -c "gzip -9nf man1/*.1 man5/*.5 && gzip -9nc changelog > changelog.gz"
  COMMAND ${CMAKE_COMMAND} -E touch ${WEGWIJZER_REFERENCE_DIR}/stamp
  WORKING_DIRECTORY ${WEGWIJZER_REFERENCE_DIR}
  DEPENDS wegwijzer_reference ${PROJECT_SOURCE_DIR}/tools/md2man.py ${PROJECT_SOURCE_DIR}/docs/bank-format.md
          ${PROJECT_SOURCE_DIR}/packaging/changelog.in
  COMMENT "Generating man pages and shell completion"
  VERBATIM)
add_custom_target(wegwijzer_reference_files ALL DEPENDS ${WEGWIJZER_REFERENCE_DIR}/stamp)

install(DIRECTORY ${WEGWIJZER_REFERENCE_DIR}/man1 ${WEGWIJZER_REFERENCE_DIR}/man5 DESTINATION ${CMAKE_INSTALL_MANDIR})
install(FILES ${WEGWIJZER_REFERENCE_DIR}/completion/wegwijzer
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# zsh looks in share/zsh/site-functions under /usr/local and in share/zsh/vendor-completions under /usr (Debian),
# so the folder is chosen when installing, by the prefix then in force (cpack installs with prefix /usr).
install(CODE "
  set(zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/site-functions\")
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(zsh_dir \"/usr/${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions\")
  endif()
  file(INSTALL \"${WEGWIJZER_REFERENCE_DIR}/completion/_wegwijzer\" DESTINATION \"\${zsh_dir}\")
")
install(FILES ${WEGWIJZER_REFERENCE_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
