#pragma once
#include <string_view>
#include <vector>

namespace wegwijzer {

/// The keys of the program's own texts that a bank may supply in "texts": "session.<name>" for each sentence of
/// the interactive session, "summary.<name>" for each phrase of the summary (docs/bank-format.md lists them).
const std::vector<std::string_view>& program_text_keys();

/// Whether `key` is one of program_text_keys().
bool is_program_text_key(std::string_view key);

}  // namespace wegwijzer
