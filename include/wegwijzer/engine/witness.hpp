#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// For each outcome and urgency, an answer set that leads to it, if one was found.
struct WitnessSearch {
  std::vector<std::optional<AnswerSet>> outcomes;   ///< per outcome, bank order
  std::vector<std::optional<AnswerSet>> urgencies;  ///< routine, prompt, crisis
};

/// Searches answer sets (complete, following the skip logic) that reach every outcome and urgency.
/// Deterministic for a given seed.
WitnessSearch find_witnesses(const Bank& bank, std::uint64_t seed = 1);

}  // namespace wegwijzer
