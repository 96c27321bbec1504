# `wegwijzer score`: the batch contract checked on the real binary.
add_test(NAME score_parallel_pipe COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/score_parallel.sh ${WEGWIJZER_BIN})
set_tests_properties(score_parallel_pipe PROPERTIES PASS_REGULAR_EXPRESSION "identical to a single run")
add_test(NAME score_closed_pipe_and_quiet_stderr COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/score_pipe.sh ${WEGWIJZER_BIN})
set_tests_properties(score_closed_pipe_and_quiet_stderr PROPERTIES PASS_REGULAR_EXPRESSION "^ok")
add_test(NAME score_help COMMAND ${WEGWIJZER_BIN} score --help)
set_tests_properties(score_help PROPERTIES PASS_REGULAR_EXPRESSION "--errors-ok")
# Issue 17: a survey export as it comes (separator, BOM, CRLF, extra columns, --id, --keep, --codes, comma-joined
# multi-select), a headerless CSV, a stray quote, a corrupt first JSON Lines line on standard input.
add_test(NAME score_survey_export COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/score_survey.sh ${WEGWIJZER_BIN}
                                          ${PROJECT_SOURCE_DIR})
set_tests_properties(score_survey_export PROPERTIES PASS_REGULAR_EXPRESSION "^ok: a survey export")
