# Runs `BIN report --by wave --lang en --format FORMAT INPUT` and compares standard output with EXPECTED byte for byte
# (cmake -P; used by report.cmake).
execute_process(COMMAND ${BIN} report --by wave --lang en --format ${FORMAT} ${INPUT} OUTPUT_VARIABLE out
                ERROR_VARIABLE err RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "exit ${code}: ${err}")
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/report_received.txt "${out}")
  message(FATAL_ERROR "differs from ${EXPECTED} (received: ${CMAKE_CURRENT_BINARY_DIR}/report_received.txt)")
endif()
message("identical to ${EXPECTED}")
