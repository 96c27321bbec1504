# `wegwijzer sample`: the real binary writes N JSON Lines records; seeds make it reproducible.
add_test(NAME cli.sample.records COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/sample_check.py ${WEGWIJZER_BIN})
set_tests_properties(cli.sample.records PROPERTIES PASS_REGULAR_EXPRESSION "sample ok")

add_test(NAME cli.sample.negative_count COMMAND ${WEGWIJZER_BIN} sample --count -3)
set_tests_properties(cli.sample.negative_count PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.sample.needs_count COMMAND ${WEGWIJZER_BIN} sample --seed 1)
set_tests_properties(cli.sample.needs_count PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.sample.help COMMAND ${WEGWIJZER_BIN} sample --help)
set_tests_properties(cli.sample.help PROPERTIES PASS_REGULAR_EXPRESSION "--count")

# --seed takes a whole number that fits in 64 bits: CLI11 alone wrapped -1 and clamped 2^64 and
# longer numbers to the same seed (issue 16), so different seeds gave the same records.
foreach(seed -1 18446744073709551616 99999999999999999999999 1.5 0x10 "")
  string(MAKE_C_IDENTIFIER "seed_${seed}" _name)
  add_test(NAME cli.sample.bad_${_name} COMMAND ${WEGWIJZER_BIN} sample --count 1 --seed "${seed}")
  set_tests_properties(cli.sample.bad_${_name} PROPERTIES PASS_REGULAR_EXPRESSION "--seed: takes a whole number")
endforeach()
add_test(NAME cli.sample.bad_seed_exit
         COMMAND sh -c "\"$1\" sample --count 1 --seed -1 2>/dev/null; [ $? -eq 64 ]" sh ${WEGWIJZER_BIN})
add_test(NAME cli.sample.largest_seed
         COMMAND sh -c "a=$(\"$1\" sample --count 3 --seed 18446744073709551615) && b=$(\"$1\" sample --count 3 --seed 18446744073709551614) && [ -n \"$a\" ] && [ \"$a\" != \"$b\" ]" sh ${WEGWIJZER_BIN})
