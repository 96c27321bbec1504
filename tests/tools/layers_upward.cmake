# Copies the layer table, src/ and include/ to WORK, adds an include of the session to the engine
# and runs scripts/check-layers there: it must fail, naming the file and the forbidden include.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/cmake)
file(COPY ${SOURCE}/cmake/layers.txt DESTINATION ${WORK}/cmake)
file(COPY ${SOURCE}/src ${SOURCE}/include DESTINATION ${WORK})
file(READ ${WORK}/src/engine/engine.cpp text)
file(WRITE ${WORK}/src/engine/engine.cpp "#include \"wegwijzer/session/session.hpp\"\n${text}")
execute_process(COMMAND /usr/bin/python3 ${SOURCE}/scripts/check-layers ${WORK} RESULT_VARIABLE code
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE ${WORK})
if(code EQUAL 0)
  message(FATAL_ERROR "check-layers passed a tree where the engine includes the session:\n${out}${err}")
endif()
if(NOT out MATCHES "src/engine/engine.cpp:1: engine may not include wegwijzer/session/session.hpp")
  message(FATAL_ERROR "check-layers failed, but without naming the upward include:\n${out}${err}")
endif()
message(STATUS "check-layers refused the upward include: ${out}")
