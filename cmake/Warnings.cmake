# INTERFACE target carrying the project's warning flags; link it PRIVATE.
add_library(wegwijzer_warnings INTERFACE)
target_compile_options(wegwijzer_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wno-missing-field-initializers)
if(WEGWIJZER_WARNINGS_AS_ERRORS)
  target_compile_options(wegwijzer_warnings INTERFACE -Werror)
endif()
