# `wegwijzer sample`: the real binary writes N JSON Lines records; seeds make it reproducible.
add_test(NAME cli.sample.records COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/sample_check.py ${WEGWIJZER_BIN})
set_tests_properties(cli.sample.records PROPERTIES PASS_REGULAR_EXPRESSION "sample ok")

add_test(NAME cli.sample.negative_count COMMAND ${WEGWIJZER_BIN} sample --count -3)
set_tests_properties(cli.sample.negative_count PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.sample.needs_count COMMAND ${WEGWIJZER_BIN} sample --seed 1)
set_tests_properties(cli.sample.needs_count PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.sample.help COMMAND ${WEGWIJZER_BIN} sample --help)
set_tests_properties(cli.sample.help PROPERTIES PASS_REGULAR_EXPRESSION "--count")
