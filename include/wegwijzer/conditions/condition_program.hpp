#pragma once
// conditions/: the one compiled form of conditions (ConditionProgram over ConditionFacts), the skip logic that runs it,
// and rule guards.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"
#include "wegwijzer/conditions/condition_facts.hpp"

namespace wegwijzer {

/// Conditions compiled into branch programs: every leaf of a condition becomes a step (two for an
/// "in" over options on both sides of 64) that tests the facts and names the step to go to when
/// the test passes and when it fails; all / any / not become these jumps. Evaluating a condition is
/// a loop over a few steps, without recursion, short-circuiting as the condition tree does (a step
/// only jumps to steps compiled before it, so the loop ends). The semantics are those of condition.hpp,
/// over ConditionFacts in which a question not shown (yet) is hidden; this is the only condition
/// evaluator of the product (the tests hold it against a tree evaluator, tests/support/reference_conditions.hpp).
class ConditionProgram {
 public:
  /// The entry of a condition that always holds ("no condition").
  static constexpr std::uint32_t always = UINT32_MAX;
  /// The entry of a condition that never holds.
  static constexpr std::uint32_t never = UINT32_MAX - 1;

  /// An empty program for `bank` (which must outlive it); add() conditions to it.
  explicit ConditionProgram(const Bank& bank) : bank_(&bank) {}

  /// Compiles a condition of the bank; returns its entry for holds() (always or never when it is constant).
  std::uint32_t add(const Condition& condition) { return compile(condition, always, never); }

  /// Whether the condition at `entry` holds for `facts` (which must be sized for the bank).
  bool holds(std::uint32_t entry, const ConditionFacts& facts) const {
    const Step* steps = steps_.data();
    const std::uint64_t* words = facts.words();
    while (entry < never) {
      const Step& step = steps[entry];
      const bool pass = step.test == Test::word ? (words[step.at] & step.mask) != 0 : passes(step, facts);
      entry = pass ? step.on_true : step.on_false;
    }
    return entry == always;
  }

  /// Whether the condition at `entry` is one test of a word: it holds exactly when word `word` of the facts has
  /// a bit of `mask` (`when_set`), or exactly when it has none (not `when_set`).
  bool one_word(std::uint32_t entry, std::uint32_t& word, std::uint64_t& mask, bool& when_set) const {
    if (entry >= never) return false;
    const Step& step = steps_[entry];
    if (step.test != Test::word) return false;
    const bool plain = step.on_true == always && step.on_false == never;
    const bool negated = step.on_true == never && step.on_false == always;
    if (!plain && !negated) return false;
    word = step.at;
    mask = step.mask;
    when_set = plain;
    return true;
  }

  /// Number of steps compiled so far.
  std::size_t size() const { return steps_.size(); }

 private:
  /// What one step tests.
  enum class Test : std::uint8_t {
    word,             ///< a word of the facts has a bit of `mask`
    points_at_least,  ///< options chosen, their points >= bound
    points_at_most,   ///< options chosen, their points <= bound
    scale_at_least,   ///< items answered, the scale's value >= bound
    scale_at_most,    ///< items answered, the scale's value <= bound
  };
  /// One leaf test and where to go next (another step, always or never).
  struct Step {
    Test test = Test::word;
    std::uint32_t at = 0;  ///< word: index in ConditionFacts::words(); else the question or scale
    std::uint32_t on_true = always;
    std::uint32_t on_false = never;
    std::uint64_t mask = 0;  ///< word: the bits tested
    double bound = 0;        ///< the numeric tests: the bound
  };

  /// Compiles `condition` to go on to `on_true` when it holds, else to `on_false`; returns its entry.
  std::uint32_t compile(const Condition& condition, std::uint32_t on_true, std::uint32_t on_false);
  /// Compiles one leaf (a constant jump when its question or scale does not exist).
  std::uint32_t compile_leaf(const Condition& condition, std::uint32_t on_true, std::uint32_t on_false);
  /// Adds a step testing word `word` of question `question` against `mask` (a constant jump for an empty mask).
  std::uint32_t word_step(std::size_t question, std::uint32_t word, std::uint64_t mask, std::uint32_t on_true,
                          std::uint32_t on_false);
  /// Adds a step.
  std::uint32_t emit(const Step& step);
  /// Whether a numeric step's test passes.
  static bool passes(const Step& step, const ConditionFacts& facts);

  const Bank* bank_;
  std::vector<Step> steps_;
};

inline bool ConditionProgram::passes(const Step& step, const ConditionFacts& facts) {
  switch (step.test) {
    case Test::points_at_least: return facts.points(step.at) >= step.bound;  // NaN (no options): false
    case Test::points_at_most: return facts.points(step.at) <= step.bound;
    case Test::scale_at_least: {
      const ScaleTally& tally = facts.scales()[step.at];
      return tally.items != 0 && tally.value >= step.bound;
    }
    case Test::scale_at_most: {
      const ScaleTally& tally = facts.scales()[step.at];
      return tally.items != 0 && tally.value <= step.bound;
    }
    default: return false;
  }
}

}  // namespace wegwijzer
