#pragma once
// engine/: answers to result: scores, scales, red flags, urgency, recommendation, ranking and reasons; sampling and
// witness search.
#include <cstddef>
#include <memory>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

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
