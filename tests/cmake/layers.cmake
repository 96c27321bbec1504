# The include direction of cmake/layers.txt, checked on the tree (scripts/check-layers), and shown
# to bite: the same tree with one upward include (engine including the session) must fail it.
add_test(NAME layers.include_direction COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/scripts/check-layers
         ${PROJECT_SOURCE_DIR})
set_tests_properties(layers.include_direction PROPERTIES PASS_REGULAR_EXPRESSION " 0 problems")
add_test(NAME layers.upward_include_fails
         COMMAND ${CMAKE_COMMAND} -DSOURCE=${PROJECT_SOURCE_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/layers_upward
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/layers_upward.cmake)
