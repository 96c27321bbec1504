#pragma once
// What would change the advice: the smallest sets of answer changes that lead to another outcome.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// One answer changed: the options chosen before and after (option indices, sorted).
struct AnswerChange {
  std::size_t question = 0;
  std::vector<std::uint16_t> from;
  std::vector<std::uint16_t> to;
};

/// A smallest set of answer changes (one, else two) after which `outcome` is recommended.
struct Flip {
  std::size_t outcome = 0;            ///< outcome index in the bank
  std::vector<AnswerChange> changes;  ///< one or two, in question order
  int distance = 0;                   ///< steps moved along the questions' options, summed (1 for yes/no)
};

/// What would change the advice of one answer set.
struct Counterfactuals {
  /// A red flag decides the advice: no change outside the safety questions can change it, and none is proposed.
  bool decided_by_red_flag = false;
  /// At most one flip per other outcome, most plausible first: fewest changes, then the smallest distance, then
  /// the outcome ranked nearest the advice.
  std::vector<Flip> flips;
};

/// The questions never proposed for change: every question a rule with a red flag or an urgency reads (directly
/// or through a scale), so that the advice never reads as "answer differently to avoid the crisis advice".
std::vector<bool> safety_questions(const Bank& bank);

/// For a complete `result` of `answers` (as evaluate() gives it): per other outcome, the smallest set of changes
/// to shown, answered, non-safety choice questions that makes it the recommendation, never lowering the urgency.
/// A change that would bring up a question not yet answered is not proposed; "rather not say" is never proposed.
/// Empty for an incomplete result.
Counterfactuals find_counterfactuals(const Bank& bank, const AnswerSet& answers, const Result& result);

}  // namespace wegwijzer
