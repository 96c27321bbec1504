# `wegwijzer score` keeps every red flag: incomplete and partly invalid records are error records that carry the
# urgency, red flags and unknown red flags of their valid answers (docs/batch.md), on the real binary.
add_test(NAME score_safety_incomplete_crisis
         COMMAND ${WEGWIJZER_BIN} score --bank ${PROJECT_SOURCE_DIR}/tests/batch/bank.json --errors-ok
                 ${PROJECT_SOURCE_DIR}/tests/batch/safety.jsonl)
set_tests_properties(score_safety_incomplete_crisis PROPERTIES PASS_REGULAR_EXPRESSION
  [=[{"id":"s-incomplete","line":1,"status":"error","error":{"code":"incomplete",[^}]*},"urgency":"crisis","red_flags":\[{"rule":"life-not-worth-living","tier":"crisis"}]=])
# JSON Lines and CSV output, --report counts, and data/schema/batch_record.schema.json on every output line.
add_test(NAME score_safety_error_records
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/score_safety.sh ${WEGWIJZER_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties(score_safety_error_records PROPERTIES PASS_REGULAR_EXPRESSION "^ok: error records keep")
