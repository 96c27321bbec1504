#pragma once
// Internal to the engine: decides by brute force whether a condition can ever be true.
#include <cstddef>
#include <cstdint>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer::detail {

/// Whether a condition can be true for some answers.
enum class Satisfiable { yes, no, unknown };

/// How much brute force the analysis may spend, in answer combinations.
struct AnalysisBudget {
  std::uint64_t per_condition = 200000;  ///< a condition needing more is not analysed
  std::uint64_t remaining = 20000000;    ///< left for the whole bank; shrinks with each analysis
};

/// Tries every combination of answers (each option, or unanswered; subsets for multiple choice) to
/// the questions `condition` depends on, directly, through scale items, and through their show_if
/// (a question whose show_if is false is unanswered). Returns unknown when there are more than
/// `budget.per_condition` combinations or the bank's budget is spent (then budget.remaining is
/// not reduced). Too large a condition is split: an "all" with an impossible part is impossible;
/// an "any" is impossible when all its alternatives are. Independent of the scoring engine.
Satisfiable can_be_true(const Bank& bank, const Condition& condition, AnalysisBudget& budget);

}  // namespace wegwijzer::detail
