#pragma once
// Internal to the engine: checks on a structurally valid bank that need the whole picture.
#include <cstddef>

#include "bank_parser.hpp"
#include "bank_reader.hpp"

namespace wegwijzer::detail {

/// Reports options with no effect and questions that influence nothing (warnings), and more; with
/// `limits.analyse_conditions`, also conditions that can never be true (errors), within the work
/// budget of the limits (one warning when it ran out). Linear in the size of the bank otherwise.
void lint_bank(const ParsedBank& parsed, BankReader& reader, const BankLimits& limits);

}  // namespace wegwijzer::detail
