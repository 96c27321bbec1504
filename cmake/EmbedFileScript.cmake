# Script mode: writes OUTPUT with the bytes of INPUT as a char array behind SYMBOL().
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" body "${body}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace wegwijzer {\nnamespace {\nconst char data[] = {\n${body}'\\0'};\n}\n"
  "std::string_view ${SYMBOL}() { return {data, ${size}}; }\n}  // namespace wegwijzer\n")
