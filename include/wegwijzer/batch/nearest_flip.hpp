#pragma once
// The nearest flip of each record for `score --explain`: the first flip find_counterfactuals() lists, found with
// few evaluations (most answer changes are settled by adding weight rows to the scores).
#include <memory>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/counterfactual.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// Finds the most plausible flip of many answer sets against one bank. Prepares what it can from the bank once;
/// one per thread. Gives what find_counterfactuals() gives first (the tests compare the two), but evaluates the
/// answers again only for changes whose effect the score tables cannot settle: a change of a question that shows
/// or hides others, a change that rules with weights may react to, or a change that ends in a near tie.
class NearestFlipFinder {
 public:
  /// A finder for `bank` (which must outlive it).
  explicit NearestFlipFinder(const Bank& bank);
  ~NearestFlipFinder();
  NearestFlipFinder(NearestFlipFinder&&) noexcept;
  NearestFlipFinder& operator=(NearestFlipFinder&&) noexcept;

  /// For a `result` of `answers` (as the Evaluator gives it): true, with find_counterfactuals().flips.front() in
  /// `flip` (its vectors reused), when there is a flip; false for an incomplete result, one a red flag decides, or
  /// one that no change of one or two answers changes.
  bool find(const AnswerSet& answers, const Result& result, Flip& flip);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wegwijzer
