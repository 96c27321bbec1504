# INTERFACE target carrying ASan + UBSan when WEGWIJZER_SANITIZE is on; link it PRIVATE.
add_library(wegwijzer_sanitizers INTERFACE)
if(WEGWIJZER_SANITIZE)
  set(_wegwijzer_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(wegwijzer_sanitizers INTERFACE ${_wegwijzer_san})
  target_link_options(wegwijzer_sanitizers INTERFACE ${_wegwijzer_san})
endif()
