# Referral summary: the approved JSON goldens validate against data/schema/summary.schema.json
# (which includes result.schema.json for the machine record), and the validator rejects a broken one.
# Every JSON summary golden: the summary cases, the safety cases and "what would change this advice".
set(WEGWIJZER_SUMMARY_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/golden/summary)
file(GLOB WEGWIJZER_SUMMARY_JSON_GOLDENS CONFIGURE_DEPENDS ${WEGWIJZER_SUMMARY_GOLDEN_DIR}/*.json.approved.txt
     ${CMAKE_CURRENT_SOURCE_DIR}/golden/safety/*.json.approved.txt
     ${CMAKE_CURRENT_SOURCE_DIR}/golden/counterfactual/*.json.approved.txt)

add_test(NAME summary_json_goldens_match_schema
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/tools/validate_summary_json.py
                 ${PROJECT_SOURCE_DIR}/data/schema --summary ${WEGWIJZER_SUMMARY_JSON_GOLDENS})
set_tests_properties(summary_json_goldens_match_schema PROPERTIES PASS_REGULAR_EXPRESSION "26 document\\(s\\) checked, 0 problem")

add_test(NAME summary_schema_rejects_broken_summary
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/tools/validate_summary_json.py
                 ${PROJECT_SOURCE_DIR}/data/schema --summary ${WEGWIJZER_SUMMARY_GOLDEN_DIR}/invalid/summary.json)
set_tests_properties(summary_schema_rejects_broken_summary PROPERTIES
                     PASS_REGULAR_EXPRESSION "/result/answers/remarks: .*/result/status: .*crisis_lines")

add_test(NAME summary_schema_rejects_broken_record
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/tools/validate_summary_json.py
                 ${PROJECT_SOURCE_DIR}/data/schema --records ${WEGWIJZER_SUMMARY_GOLDEN_DIR}/invalid/records.jsonl)
set_tests_properties(summary_schema_rejects_broken_record PROPERTIES PASS_REGULAR_EXPRESSION "/status: 'maybe'")

# Batch scoring writes the machine record of result.schema.json, one compact object per line.
add_test(NAME summary_score_records_match_schema
         COMMAND ${CMAKE_COMMAND} -DBIN=${WEGWIJZER_BIN} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/summary_records
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/score_records_match_schema.cmake)
set_tests_properties(summary_score_records_match_schema PROPERTIES PASS_REGULAR_EXPRESSION "3 document\\(s\\) checked, 0 problem")
