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

/// Working memory of evaluate(), kept between calls so a loop over many answer sets does not
/// allocate per call. One per thread; its contents are not meaningful to the caller.
struct EvaluateScratch {
  std::vector<bool> visible;             ///< skip logic, per question
  std::vector<bool> red_flag_questions;  ///< questions a red-flag rule refers to
  std::vector<bool> excluded;            ///< per outcome
  std::vector<bool> required;            ///< per outcome
  std::vector<bool> listed;              ///< per rule, already given as a reason
};

/// evaluate() into a caller-owned result: every field is overwritten (the same values as
/// evaluate(bank, answers)) and its vectors keep their capacity, as does `scratch`.
void evaluate(const Bank& bank, const AnswerSet& answers, Result& result, EvaluateScratch& scratch);

/// Scores many answer sets against one bank: what can be derived from the bank is prepared once
/// in the constructor, and working memory is kept between calls. One per thread.
class Evaluator {
 public:
  /// An evaluator for `bank` (which must outlive it).
  explicit Evaluator(const Bank& bank);
  /// The same result as evaluate(bank, answers), written into `result` (its vectors keep their capacity).
  void evaluate(const AnswerSet& answers, Result& result);

 private:
  const Bank* bank_;
  EvaluateScratch scratch_;
};

}  // namespace wegwijzer
