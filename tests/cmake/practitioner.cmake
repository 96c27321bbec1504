# The built-in practitioner bank (issue 19) through the real binary: `banks` lists it next to the default bank,
# `check` finds nothing in it, `check --witness` reaches every outcome and urgency, `score` takes its outcome ids,
# and `ask --bank practitioner --lang en` runs in a real terminal (tmux) to a summary addressed to the practitioner.
add_test(NAME practitioner.banks_lists_both COMMAND ${WEGWIJZER_BIN} banks)
set_tests_properties(practitioner.banks_lists_both PROPERTIES ENVIRONMENT "LANG=en_US.UTF-8" PASS_REGULAR_EXPRESSION
                     "NAME +VERSION +LANGUAGES +TITLE\ndefault +[0-9.]+ +nl,en +Wegwijzer: which kind of help fits you\\?\npractitioner +1\\.0\\.0 +nl,en +Wegwijzer for practitioners: is this still coaching\\?\n$")
add_test(NAME practitioner.banks_names COMMAND ${WEGWIJZER_BIN} banks --names)
set_tests_properties(practitioner.banks_names PROPERTIES PASS_REGULAR_EXPRESSION "^default\npractitioner\n$")

# No errors and no warnings, also under check's never-true analysis; exit 0.
add_test(NAME practitioner.check_clean
         COMMAND sh -c "out=$(\"$1\" check --bank practitioner) && [ \"$out\" = '<built-in practitioner>: 0 errors, 0 warnings' ] && echo clean" sh ${WEGWIJZER_BIN})
set_tests_properties(practitioner.check_clean PROPERTIES PASS_REGULAR_EXPRESSION "^clean\n$")

# A witness answer set for each of the four outcomes and each of the three urgencies, and no error.
add_test(NAME practitioner.check_witness
         COMMAND sh -c "out=$(\"$1\" check --witness --bank practitioner) || exit 1
                        for target in 'outcome within-role' 'outcome bring-to-supervision' 'outcome refer' 'outcome act-now' 'urgency routine' 'urgency prompt' 'urgency crisis'; do
                          printf '%s\\n' \"$out\" | grep -q \"^<built-in practitioner>: witness: $target: {\" || { echo \"no witness: $target\"; exit 1; }
                        done
                        printf '%s\\n' \"$out\" | tail -1 | grep -q ': 0 errors, 0 warnings$' && echo 'witness ok'" sh ${WEGWIJZER_BIN})
set_tests_properties(practitioner.check_witness PROPERTIES PASS_REGULAR_EXPRESSION "witness ok")

# Batch scoring names the bank's own outcomes: P06 (a suicidal client with a method) is act-now, crisis.
add_test(NAME practitioner.score_case
         COMMAND sh -c "tr -d '\\n' < \"$2\" | \"$1\" score --bank practitioner" sh ${WEGWIJZER_BIN}
                 ${CMAKE_CURRENT_SOURCE_DIR}/vignettes-practitioner/P06.json)
set_tests_properties(practitioner.score_case PROPERTIES PASS_REGULAR_EXPRESSION "\"id\":\"P6\".*\"act-now\".*\"crisis\"")

# The questionnaire in an 80x24 tmux terminal, answered as two reference cases would: routine and crisis.
foreach(case P08 P06)
  add_test(NAME practitioner.ask_terminal_${case}
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/e2e/practitioner_terminal.py ${WEGWIJZER_BIN}
                   ${PROJECT_SOURCE_DIR} ${case})
  set_tests_properties(practitioner.ask_terminal_${case} PROPERTIES TIMEOUT 120 PASS_REGULAR_EXPRESSION "PASS: ${case}")
endforeach()
