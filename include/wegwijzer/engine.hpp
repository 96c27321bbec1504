#pragma once
#include <cstddef>
#include <vector>

#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"
#include "wegwijzer/condition.hpp"
#include "wegwijzer/result.hpp"

namespace wegwijzer {

/// Evaluates a condition against answers; hidden questions count as unanswered.
/// `visible[q]` says whether question q is shown.
bool evaluate_condition(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                        const std::vector<bool>& visible);

/// Which questions the skip logic shows for these answers (indexed like bank.questions).
std::vector<bool> visible_questions(const Bank& bank, const AnswerSet& answers);

/// Bank + answers → result. Deterministic. Incomplete answers give no recommendation.
Result evaluate(const Bank& bank, const AnswerSet& answers);

}  // namespace wegwijzer
