# Output paths (issue 16): every output option goes through resolve_output_target(); a symlink is never
# replaced, /dev/stdout and /dev/stderr are written in place, a failing stream is exit 74, and
# `ask --out F` with standard output failing saves F and says so. Cases in tests/e2e/output_paths.sh.
foreach(case own-symlink dev-stdout report-dash-full ask-out-full)
  add_test(NAME output_paths.${case}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/output_paths.sh ${WEGWIJZER_BIN}
                   ${CMAKE_CURRENT_SOURCE_DIR}/hardening/placeholder_bank.json ${case})
  set_tests_properties(output_paths.${case} PROPERTIES LABELS hardening TIMEOUT 60 PASS_REGULAR_EXPRESSION
                                                       "PASS: ${case}")
endforeach()
