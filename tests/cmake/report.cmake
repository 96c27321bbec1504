# `wegwijzer report`: the cohort report on the real binary (the fixtures and goldens are in tests/golden/report/;
# the unit tests are tests/unit/report_test.cpp).
set(WEGWIJZER_REPORT_FIXTURES ${CMAKE_CURRENT_SOURCE_DIR}/golden/report)
add_test(NAME report_by_wave_text
         COMMAND ${CMAKE_COMMAND} -DBIN=${WEGWIJZER_BIN} -DINPUT=${WEGWIJZER_REPORT_FIXTURES}/results.jsonl
                 -DEXPECTED=${WEGWIJZER_REPORT_FIXTURES}/by-wave.en.txt.approved.txt -DFORMAT=text
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/report_compare.cmake)
add_test(NAME report_by_wave_json_from_csv
         COMMAND ${CMAKE_COMMAND} -DBIN=${WEGWIJZER_BIN} -DINPUT=${WEGWIJZER_REPORT_FIXTURES}/results.csv
                 -DEXPECTED=${WEGWIJZER_REPORT_FIXTURES}/by-wave.en.json.approved.txt -DFORMAT=json
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/report_compare.cmake)
add_test(NAME report_by_wave_csv
         COMMAND ${CMAKE_COMMAND} -DBIN=${WEGWIJZER_BIN} -DINPUT=${WEGWIJZER_REPORT_FIXTURES}/results.jsonl
                 -DEXPECTED=${WEGWIJZER_REPORT_FIXTURES}/by-wave.en.csv.approved.txt -DFORMAT=csv
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/report_compare.cmake)
add_test(NAME report_help COMMAND ${WEGWIJZER_BIN} report --help)
set_tests_properties(report_help PROPERTIES PASS_REGULAR_EXPRESSION "--min-cell")
add_test(NAME report_bad_line_exit_65
         COMMAND sh -c "printf '{\"status\":\"complete\"\\n' | \"$0\" report -; echo exit=$?" ${WEGWIJZER_BIN})
set_tests_properties(report_bad_line_exit_65 PROPERTIES PASS_REGULAR_EXPRESSION "-:1: not valid JSON.*exit=65")
add_test(NAME report_html_in_chromium
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/report_html.sh ${WEGWIJZER_BIN} ${WEGWIJZER_REPORT_FIXTURES}/results.jsonl)
set_tests_properties(report_html_in_chromium PROPERTIES SKIP_RETURN_CODE 77 PASS_REGULAR_EXPRESSION "one chart each"
                                                        TIMEOUT 180)
