#pragma once
#include <cstddef>
#include <vector>

#include "wegwijzer/answer_facts.hpp"
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

/// Scores many answer sets against one bank: what can be derived from the bank is prepared once
/// in the constructor, and working memory is kept between calls. One per thread.
class Evaluator {
 public:
  /// An evaluator for `bank` (which must outlive it).
  explicit Evaluator(const Bank& bank);
  /// The same result as evaluate(bank, answers), written into `result`: every field is
  /// overwritten and its vectors keep their capacity, so a loop does not allocate per call.
  void evaluate(const AnswerSet& answers, Result& result);

 private:
  const Bank* bank_;
  std::vector<char> red_flag_question_;  ///< per question: a red-flag rule refers to it
  bool any_red_flag_rule_ = false;
  std::vector<char> visible_;            ///< working memory: skip logic, per question
  std::vector<AnswerFacts> facts_;       ///< working memory: what conditions see, per question
  std::vector<char> excluded_;           ///< working memory: per outcome
  std::vector<char> required_;           ///< working memory: per outcome
  std::vector<char> listed_;             ///< working memory: per rule, already given as a reason
};

}  // namespace wegwijzer
