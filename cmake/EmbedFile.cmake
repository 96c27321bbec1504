# wegwijzer_embed_file(INPUT OUTPUT SYMBOL): generates OUTPUT, a C++ file that defines
#   std::string_view SYMBOL()
# returning INPUT's bytes, regenerated whenever INPUT changes.
function(wegwijzer_embed_file input output symbol)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
endfunction()
