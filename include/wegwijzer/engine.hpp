#pragma once
#include <cstddef>
#include <memory>
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

/// Scores many answer sets against one bank: what can be derived from the bank (compiled
/// conditions, flat tables of points and weights) is prepared once in the constructor, and
/// working memory is kept between calls. One per thread.
class Evaluator {
 public:
  /// An evaluator for `bank` (which must outlive it).
  explicit Evaluator(const Bank& bank);
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;

  /// The same result as evaluate(bank, answers), written into `result`: every field is
  /// overwritten and its vectors keep their capacity, so a loop does not allocate per call.
  void evaluate(const AnswerSet& answers, Result& result);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wegwijzer
