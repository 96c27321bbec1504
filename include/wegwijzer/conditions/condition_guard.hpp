#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"

namespace wegwijzer {

/// One option of one question.
struct ChosenOption {
  std::size_t question = 0;
  std::size_t option = 0;  ///< below the question's option count
};

/// A guard of a condition: options of which at least one must be chosen in a shown question for
/// the condition to hold (a necessary condition, not a sufficient one). Empty when the condition
/// can never hold; nullopt when no such list follows from its form (for example under "not", or
/// for "answered" and "at most" leaves). The evaluator only tries rules whose guard was met.
std::optional<std::vector<ChosenOption>> condition_guard(const Bank& bank, const Condition& condition);

}  // namespace wegwijzer
