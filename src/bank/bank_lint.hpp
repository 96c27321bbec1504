#pragma once
// Internal to the engine: checks on a structurally valid bank that need the whole picture.
#include <cstddef>

#include "bank_parser.hpp"
#include "bank_reader.hpp"

namespace wegwijzer::detail {

/// Reports conditions that can never be true (errors), options with no effect and questions that
/// influence nothing (warnings). The limits bound the brute-force condition analysis.
void lint_bank(const ParsedBank& parsed, BankReader& reader, const BankLimits& limits);

}  // namespace wegwijzer::detail
