# `wegwijzer check` on the real binary, and the JSON Schema against the shipped and test banks.
set(WEGWIJZER_CHECK_BANKS ${CMAKE_CURRENT_SOURCE_DIR}/banks)
set(WEGWIJZER_VALIDATE_SCHEMA /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/tools/validate_schema.py
    ${PROJECT_SOURCE_DIR}/data/schema/bank.schema.json)

# Every shipped bank (globbed at configure time) and every good test bank must match the schema.
file(GLOB WEGWIJZER_SHIPPED_BANKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/data/banks/*.json)
file(GLOB WEGWIJZER_GOOD_TEST_BANKS CONFIGURE_DEPENDS ${WEGWIJZER_CHECK_BANKS}/good/*.json)
add_test(NAME schema.banks_valid
         COMMAND ${WEGWIJZER_VALIDATE_SCHEMA} ${WEGWIJZER_SHIPPED_BANKS} ${WEGWIJZER_GOOD_TEST_BANKS})
# The schema is not vacuous: banks with structure mistakes fail it.
add_test(NAME schema.rejects_bad_banks
         COMMAND ${WEGWIJZER_VALIDATE_SCHEMA} --expect-invalid ${WEGWIJZER_CHECK_BANKS}/bad/unknown_key.json
                 ${WEGWIJZER_CHECK_BANKS}/bad/yes_no_without_no.json ${WEGWIJZER_CHECK_BANKS}/bad/bad_condition.json)

# Shipped banks pass `check` too.
foreach(bank ${WEGWIJZER_SHIPPED_BANKS})
  get_filename_component(name ${bank} NAME_WE)
  add_test(NAME check.shipped.${name} COMMAND ${WEGWIJZER_BIN} check --bank ${bank})
endforeach()

add_test(NAME check.builtin_ok COMMAND ${WEGWIJZER_BIN} check)
set_tests_properties(check.builtin_ok PROPERTIES PASS_REGULAR_EXPRESSION "<built-in>: 0 errors")

add_test(NAME check.help COMMAND ${WEGWIJZER_BIN} check --help)
set_tests_properties(check.help PROPERTIES PASS_REGULAR_EXPRESSION "--bank FILE")

# Exit codes need a wrapper: run the command, compare the code, match the output.
set(WEGWIJZER_EXPECT_EXIT ${CMAKE_CURRENT_SOURCE_DIR}/tools/expect_exit.py)
function(wegwijzer_check_test name code regex)
  add_test(NAME check.${name} COMMAND /usr/bin/python3 ${WEGWIJZER_EXPECT_EXIT} ${code} ${regex} ${WEGWIJZER_BIN}
                                      check ${ARGN})
endfunction()

wegwijzer_check_test(truncated_65 65 "truncated\\.json:[0-9]+:[0-9]+: error: unexpected end of file"
                     --bank ${WEGWIJZER_CHECK_BANKS}/bad/truncated.json)
wegwijzer_check_test(duplicate_id_65 65 "/questions/2/id: error: duplicate question id 'need'"
                     --bank ${WEGWIJZER_CHECK_BANKS}/bad/duplicate_question_id.json)
wegwijzer_check_test(missing_file_66 66 "cannot read bank '[^']*no-such-bank\\.json'"
                     --bank ${WEGWIJZER_CHECK_BANKS}/no-such-bank.json)
wegwijzer_check_test(missing_wins_66 66 "duplicate_question_id\\.json: 1 error"
                     --bank ${WEGWIJZER_CHECK_BANKS}/bad/duplicate_question_id.json
                     --bank ${WEGWIJZER_CHECK_BANKS}/no-such-bank.json)
wegwijzer_check_test(warnings_exit_0 0 "warnings_only\\.json: 0 errors, 1 warning"
                     --bank ${WEGWIJZER_CHECK_BANKS}/bad/warnings_only.json)
