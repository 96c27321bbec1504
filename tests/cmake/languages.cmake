# Banks in any language and without outcomes, through the real binary: a German bank answered with piped input
# (--lang de, LANG=de_DE), an unknown --lang, and an instrument bank (scales only) through ask, score and report.
set(WEGWIJZER_DE_BANK ${CMAKE_CURRENT_SOURCE_DIR}/banks/languages/de_bank.json)
set(WEGWIJZER_INSTRUMENT_BANK ${CMAKE_CURRENT_SOURCE_DIR}/banks/languages/instrument.json)
# The bank's own program texts in German ("Frage 1 von 3", "Empfehlung"), English where it has none ("Why").
add_test(NAME languages_ask_de
         COMMAND sh -c "printf '2\\n2\\n2\\n' | \"$1\" ask --bank \"$2\" --lang de; echo \"exit=$?\"" sh ${WEGWIJZER_BIN}
                 ${WEGWIJZER_DE_BANK})
set_tests_properties(languages_ask_de PROPERTIES PASS_REGULAR_EXPRESSION
                     "Frage 1 von 3.*Empfehlung.*Was am besten zu passen scheint: Beratung.*\nWhy\n.*exit=0")
add_test(NAME languages_ask_de_from_lang
         COMMAND sh -c "printf '1\\n1\\n2\\n' | LANG=de_DE.UTF-8 \"$1\" ask --bank \"$2\"; echo \"exit=$?\"" sh
                 ${WEGWIJZER_BIN} ${WEGWIJZER_DE_BANK})
set_tests_properties(languages_ask_de_from_lang PROPERTIES PASS_REGULAR_EXPRESSION
                     "Frage 1 von 3.*Selbsthilfe.*exit=0")
add_test(NAME languages_ask_unknown_lang
         COMMAND sh -c "printf '' | \"$1\" ask --bank \"$2\" --lang fr; echo \"exit=$?\"" sh ${WEGWIJZER_BIN}
                 ${WEGWIJZER_DE_BANK})
set_tests_properties(languages_ask_unknown_lang PROPERTIES PASS_REGULAR_EXPRESSION
                     "--lang fr: this bank has no texts in that language; it has: de, en\nexit=64")
add_test(NAME languages_instrument_ask
         COMMAND sh -c "printf '3\\n3\\n1\\n' | \"$1\" ask --bank \"$2\" --lang en; echo \"exit=$?\"" sh ${WEGWIJZER_BIN}
                 ${WEGWIJZER_INSTRUMENT_BANK})
set_tests_properties(languages_instrument_ask PROPERTIES PASS_REGULAR_EXPRESSION "Total: 4/6[^\n]*high.*exit=0"
                     FAIL_REGULAR_EXPRESSION "Incomplete|What seems to fit best|Alternatives")
set(WEGWIJZER_INSTRUMENT_RECORD "{\"id\":\"a\",\"answers\":{\"down\":\"often\",\"worry\":\"often\",\"harm\":\"never\"}}")
add_test(NAME languages_instrument_score
         COMMAND sh -c "printf '%s\\n' \"$3\" | \"$1\" score --bank \"$2\"; echo \"exit=$?\"" sh ${WEGWIJZER_BIN}
                 ${WEGWIJZER_INSTRUMENT_BANK} ${WEGWIJZER_INSTRUMENT_RECORD})
set_tests_properties(languages_instrument_score PROPERTIES PASS_REGULAR_EXPRESSION
                     "\"status\":\"complete\",\"recommendation\":null[^\n]*\"band\":\"high\".*exit=0")
add_test(NAME languages_instrument_report
         COMMAND sh -c "printf '%s\\n' \"$3\" | \"$1\" score --bank \"$2\" | \"$1\" report --bank \"$2\" --lang en --min-cell 1; echo \"exit=$?\""
                 sh ${WEGWIJZER_BIN} ${WEGWIJZER_INSTRUMENT_BANK} ${WEGWIJZER_INSTRUMENT_RECORD})
set_tests_properties(languages_instrument_report PROPERTIES PASS_REGULAR_EXPRESSION "Urgency.*exit=0"
                     FAIL_REGULAR_EXPRESSION "Advice|Close call")
add_test(NAME languages_instrument_score_report_option
         COMMAND sh -c "printf '%s\\n' \"$3\" | \"$1\" score --bank \"$2\" --report /dev/stderr 2>&1 >/dev/null; echo \"exit=$?\""
                 sh ${WEGWIJZER_BIN} ${WEGWIJZER_INSTRUMENT_BANK} ${WEGWIJZER_INSTRUMENT_RECORD})
set_tests_properties(languages_instrument_score_report_option PROPERTIES PASS_REGULAR_EXPRESSION "urgency.*exit=0"
                     FAIL_REGULAR_EXPRESSION "recommendation")
# An instrument's codebook says its recommendation column is always empty, rather than describe advice it never gives.
add_test(NAME languages_instrument_codebook
         COMMAND ${WEGWIJZER_BIN} codebook --bank ${WEGWIJZER_INSTRUMENT_BANK} --lang en --format markdown)
set_tests_properties(languages_instrument_codebook PROPERTIES
                     PASS_REGULAR_EXPRESSION "`recommendation` \\| category \\| Always empty: this bank has no kinds of help"
                     FAIL_REGULAR_EXPRESSION "the id of the recommended kind of help")
