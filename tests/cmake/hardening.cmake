# Hardening tests of the real binary (issue 7): limits, terminal safety, privacy of messages,
# output files and closed pipes. The cases live in tests/e2e/hardening_e2e.py and
# tests/e2e/hardening_pipe.sh; see docs/security.md for what each one guarantees.
set(_hardening_py ${CMAKE_CURRENT_SOURCE_DIR}/e2e/hardening_e2e.py)

# hardening_case(CASE [ARG]): test "hardening.CASE[.ARG]".
function(hardening_case case)
  set(name hardening.${case})
  if(ARGC GREATER 1)
    set(name ${name}.${ARGV1})
  endif()
  add_test(NAME ${name} COMMAND /usr/bin/python3 ${_hardening_py} ${WEGWIJZER_BIN} ${case} ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS hardening TIMEOUT 300)
endfunction()

foreach(command check ask score)
  hardening_case(deep-bank ${command})
  hardening_case(big-bank ${command})
  hardening_case(number-overflow ${command})
endforeach()
foreach(case endless-bank directory-bank many-questions many-options many-rules
             hostile-check hostile-ids-check ask-hostile-answers markdown-escapes
             batch-hostile-jsonl batch-hostile-csv batch-long-line batch-many-answers
             out-write-fails out-special-file out-mode nothing-written no-network)
  hardening_case(${case})
endforeach()
hardening_case(hostile-ask text)
hardening_case(hostile-ask markdown)
hardening_case(out-unwritable ask)
hardening_case(out-unwritable score)

foreach(command sample score)
  add_test(NAME hardening.closed-pipe.${command}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/hardening_pipe.sh ${WEGWIJZER_BIN} ${command})
  set_tests_properties(hardening.closed-pipe.${command} PROPERTIES LABELS hardening TIMEOUT 300)
endforeach()
