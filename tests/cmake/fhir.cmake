# FHIR Questionnaires through the real binary: the example's import is its golden bank byte for byte, a file that is
# not a Questionnaire is refused (65), and --bank takes a Questionnaire directly in check, ask and score.
set(WEGWIJZER_PHQ9_QUESTIONNAIRE ${PROJECT_SOURCE_DIR}/data/banks/examples/phq9-shaped.questionnaire.json)
set(WEGWIJZER_PHQ9_BANK ${PROJECT_SOURCE_DIR}/data/banks/examples/phq9-shaped.bank.json)
add_test(NAME fhir_import_example_golden
         COMMAND sh -c "\"$1\" import fhir \"$2\" 2>/dev/null | diff -u \"$3\" - && echo same" sh ${WEGWIJZER_BIN}
                 ${WEGWIJZER_PHQ9_QUESTIONNAIRE} ${WEGWIJZER_PHQ9_BANK})
set_tests_properties(fhir_import_example_golden PROPERTIES PASS_REGULAR_EXPRESSION "^same\n$")
add_test(NAME fhir_import_example_diagnostics
         COMMAND sh -c "\"$1\" import fhir \"$2\" 2>&1 >/dev/null; echo \"exit=$?\"" sh ${WEGWIJZER_BIN}
                 ${WEGWIJZER_PHQ9_QUESTIONNAIRE})
set_tests_properties(fhir_import_example_diagnostics PROPERTIES PASS_REGULAR_EXPRESSION
                     "/item/2: warning: item 'total': a calculated value \\(calculatedExpression\\)[^\n]*\n[^\n]*/: warning: the bank has no red flags and no crisis lines[^\n]*\nexit=0")
add_test(NAME fhir_import_not_a_questionnaire
         COMMAND sh -c "\"$1\" import fhir \"$2\"; echo \"exit=$?\"" sh ${WEGWIJZER_BIN}
                 ${PROJECT_SOURCE_DIR}/data/banks/default.json)
set_tests_properties(fhir_import_not_a_questionnaire PROPERTIES PASS_REGULAR_EXPRESSION
                     "not a FHIR resource: there is no \"resourceType\"[^\n]*\n[^\n]*could not be imported[^\n]*\nexit=65")
add_test(NAME fhir_import_not_json
         COMMAND sh -c "printf '{\"resourceType\":' > \"$2/broken.json\"; \"$1\" import fhir \"$2/broken.json\"; echo \"exit=$?\""
                 sh ${WEGWIJZER_BIN} ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(fhir_import_not_json PROPERTIES PASS_REGULAR_EXPRESSION "not valid JSON.*exit=65")
add_test(NAME fhir_check_questionnaire COMMAND ${WEGWIJZER_BIN} check ${WEGWIJZER_PHQ9_QUESTIONNAIRE})
set_tests_properties(fhir_check_questionnaire PROPERTIES PASS_REGULAR_EXPRESSION "item 'total'.*0 errors")
# Nine answers "nearly every day" and the unscored tenth: the total 27 of 27, in Dutch from the translations.
add_test(NAME fhir_ask_questionnaire
         COMMAND sh -c "printf '4\\n4\\n4\\n4\\n4\\n4\\n4\\n4\\n4\\n2\\n' | \"$1\" ask --bank \"$2\" --lang nl; echo \"exit=$?\""
                 sh ${WEGWIJZER_BIN} ${WEGWIJZER_PHQ9_QUESTIONNAIRE})
set_tests_properties(fhir_ask_questionnaire PROPERTIES PASS_REGULAR_EXPRESSION
                     "Hoe vaak had je de afgelopen twee weken.*Totaal: 27/27.*exit=0"
                     FAIL_REGULAR_EXPRESSION "Onvolledig|Advies")
add_test(NAME fhir_score_questionnaire
         COMMAND sh -c "printf '%s\\n' '{\"id\":\"r1\",\"answers\":{\"44250-9\":\"LA6570-1\",\"44255-8\":\"LA6569-3\",\"44259-0\":\"LA6568-5\",\"44254-1\":\"LA6568-5\",\"44251-7\":\"LA6568-5\",\"44258-2\":\"LA6568-5\",\"44252-5\":\"LA6568-5\",\"44253-3\":\"LA6568-5\",\"44260-8\":\"LA6568-5\",\"44256-6\":\"LA6573-5\"}}' | \"$1\" score --bank \"$2\"; echo \"exit=$?\""
                 sh ${WEGWIJZER_BIN} ${WEGWIJZER_PHQ9_QUESTIONNAIRE})
set_tests_properties(fhir_score_questionnaire PROPERTIES PASS_REGULAR_EXPRESSION
                     "\"id\":\"r1\",\"status\":\"complete\",\"recommendation\":null[^\n]*\"id\":\"total\",\"value\":3,.*exit=0")

# FHIR out: ask and score write QuestionnaireResponses that validate against the official FHIR R4 JSON Schema (the
# npm validator, installed by scripts/setup), and score reads them back to the same scales.
set(WEGWIJZER_FHIR_VALIDATOR ${PROJECT_SOURCE_DIR}/tests/tools/fhir-validator)
add_test(NAME fhir_response_roundtrip
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/fhir_roundtrip.py ${WEGWIJZER_BIN}
                 ${WEGWIJZER_PHQ9_QUESTIONNAIRE} ${WEGWIJZER_FHIR_VALIDATOR} ${CMAKE_CURRENT_BINARY_DIR}/fhir-roundtrip)
set_tests_properties(fhir_response_roundtrip PROPERTIES PASS_REGULAR_EXPRESSION "fhir round trip: ok")
# The schema check can fail: a response with a status FHIR does not have is refused.
add_test(NAME fhir_validator_refuses_invalid
         COMMAND sh -c "printf '%s\\n' '{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"done\"}' > \"$2/invalid-qr.json\"; node \"$1/validate.js\" \"$2/invalid-qr.json\"; echo \"exit=$?\""
                 sh ${WEGWIJZER_FHIR_VALIDATOR} ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(fhir_validator_refuses_invalid PROPERTIES PASS_REGULAR_EXPRESSION "status.*exit=1")
add_test(NAME fhir_score_format_refuses_keep
         COMMAND sh -c "echo '{}' | \"$1\" score --format fhir --keep wave; echo \"exit=$?\"" sh ${WEGWIJZER_BIN})
set_tests_properties(fhir_score_format_refuses_keep PROPERTIES PASS_REGULAR_EXPRESSION
                     "--keep with --format fhir.*exit=64")
