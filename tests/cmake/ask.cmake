# `wegwijzer ask`: the real binary in a real pseudo-terminal (pexpect) and with piped input.
set(WEGWIJZER_SESSION_BANK ${CMAKE_CURRENT_SOURCE_DIR}/banks/session_bank.json)
# recap-*: the whole built-in questionnaire typed in an 80x24 tmux terminal; the last screen repeats the advice.
foreach(scenario walkthrough interrupt crisis crisis-interrupt crisis-eof eof piped piped-default piped-crisis
                 recap-first recap-second)
  add_test(NAME ask_e2e_${scenario}
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/e2e/ask_terminal.py ${WEGWIJZER_BIN}
                   ${WEGWIJZER_SESSION_BANK} ${scenario})
  set_tests_properties(ask_e2e_${scenario} PROPERTIES TIMEOUT 60 PASS_REGULAR_EXPRESSION "PASS: ${scenario}")
endforeach()

# No subcommand runs the questionnaire too.
add_test(NAME ask_default_subcommand COMMAND sh -c "printf '' | LANG=en_US.UTF-8 \"$1\"; echo \"exit=$?\"" sh ${WEGWIJZER_BIN})
set_tests_properties(ask_default_subcommand PROPERTIES PASS_REGULAR_EXPRESSION "Question 1 of at least [0-9]+[^\n]*\n.*exit=65")
add_test(NAME ask_help COMMAND ${WEGWIJZER_BIN} ask --help)
set_tests_properties(ask_help PROPERTIES PASS_REGULAR_EXPRESSION "--format.*--out.*--no-color.*130 interrupted")
# The crisis lines in --help come from the built-in bank (the program has no phone number of its own).
add_test(NAME help_crisis_lines COMMAND ${WEGWIJZER_BIN} --help)
set_tests_properties(help_crisis_lines PROPERTIES PASS_REGULAR_EXPRESSION "In crisis: [^\n]*0800-0113[^\n]*\n[^\n]*112")
add_test(NAME ask_help_crisis_lines COMMAND ${WEGWIJZER_BIN} ask --help)
set_tests_properties(ask_help_crisis_lines PROPERTIES PASS_REGULAR_EXPRESSION "In crisis: [^\n]*0800-0113")
