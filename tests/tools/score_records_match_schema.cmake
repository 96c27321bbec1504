# Scores tests/golden/summary/records.jsonl with the real binary and validates every output line
# against data/schema/result.schema.json. Arguments: -DBIN= -DSOURCE_DIR= -DWORK_DIR=
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${BIN} score --bank ${SOURCE_DIR}/tests/golden/summary/bank.json
                        ${SOURCE_DIR}/tests/golden/summary/records.jsonl
                OUTPUT_FILE ${WORK_DIR}/records.out.jsonl RESULT_VARIABLE score_result)
if(NOT score_result EQUAL 0)
  message(FATAL_ERROR "wegwijzer score exited with ${score_result}")
endif()
execute_process(COMMAND /usr/bin/python3 ${SOURCE_DIR}/tests/tools/validate_summary_json.py ${SOURCE_DIR}/data/schema
                        --records ${WORK_DIR}/records.out.jsonl
                RESULT_VARIABLE validate_result)
if(NOT validate_result EQUAL 0)
  message(FATAL_ERROR "batch records do not match result.schema.json")
endif()
