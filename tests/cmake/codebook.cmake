# `wegwijzer codebook`: the real binary lists the bank's questions, codes and score columns.
add_test(NAME cli.codebook.csv COMMAND ${WEGWIJZER_BIN} codebook --format csv)
set_tests_properties(cli.codebook.csv PROPERTIES
                     PASS_REGULAR_EXPRESSION "^section,variable,variable_label,type,code,value,value_label,points,unknown,required,shown_if\n")

add_test(NAME cli.codebook.csv_exit
         COMMAND sh -c "\"$1\" codebook --format csv --lang en > /dev/null" sh ${WEGWIJZER_BIN})

add_test(NAME cli.codebook.json
         COMMAND sh -c "\"$1\" codebook --format json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"questions\"][0][\"options\"][0][\"code\"] == 1; print(\"json ok\")'" sh ${WEGWIJZER_BIN})
set_tests_properties(cli.codebook.json PROPERTIES PASS_REGULAR_EXPRESSION "json ok")

# A name that is no built-in bank and no file: a clear error naming the built-in banks, exit 66.
add_test(NAME cli.codebook.unknown_bank COMMAND ${WEGWIJZER_BIN} codebook --bank practicioner)
set_tests_properties(cli.codebook.unknown_bank PROPERTIES
                     PASS_REGULAR_EXPRESSION "cannot read bank 'practicioner'.*the built-in banks are default, practitioner")
add_test(NAME cli.codebook.unknown_bank_exit
         COMMAND sh -c "\"$1\" codebook --bank practicioner 2>/dev/null; [ $? -eq 66 ]" sh ${WEGWIJZER_BIN})

# -o writes a file of mode 0600, and nothing to standard output.
add_test(NAME cli.codebook.out_file
         COMMAND sh -c "d=$(mktemp -d) && out=$(\"$1\" codebook --format csv -o \"$d/codebook.csv\") && [ -z \"$out\" ] && [ \"$(stat -c %a \"$d/codebook.csv\")\" = 600 ] && head -1 \"$d/codebook.csv\" | grep -q '^section,variable,' && rm -r \"$d\" && echo out ok" sh ${WEGWIJZER_BIN})
set_tests_properties(cli.codebook.out_file PROPERTIES PASS_REGULAR_EXPRESSION "out ok")

add_test(NAME cli.codebook.help COMMAND ${WEGWIJZER_BIN} codebook --help)
set_tests_properties(cli.codebook.help PROPERTIES PASS_REGULAR_EXPRESSION "--format")

# The CSV round-trips: answers written as the codebook's codes score with --codes as the option ids do.
add_test(NAME cli.codebook.codes_roundtrip
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/codebook_roundtrip.py ${WEGWIJZER_BIN})
set_tests_properties(cli.codebook.codes_roundtrip PROPERTIES PASS_REGULAR_EXPRESSION "codebook round trip ok")
