#pragma once
// The skip logic of a bank, and one-off condition checks, run on the compiled form (ConditionProgram).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/conditions/condition_facts.hpp"
#include "wegwijzer/conditions/condition_program.hpp"

namespace wegwijzer {

/// Every show_if of a bank compiled into one ConditionProgram, walked in question order: a show_if
/// sees the facts of the questions before it (later ones count as hidden) and the scale tallies so far.
class SkipLogic {
 public:
  /// Compiles the show_ifs of `bank` (which must outlive it).
  explicit SkipLogic(const Bank& bank);

  /// Facts sized for the bank, every question hidden and every scale empty: where a walk starts.
  ConditionFacts empty_facts() const { return ConditionFacts(bank_->questions.size(), bank_->scales.size()); }
  /// Whether question `question` is shown, given `facts` in which only the questions before it were recorded.
  bool shown(std::size_t question, const ConditionFacts& facts) const {
    return program_.holds(show_if_[question], facts);
  }
  /// Records `answer` to question `question` (shown or not) in `facts`: its row, and its points in the
  /// tally of every scale it is an item of.
  void record(std::size_t question, const std::optional<Answer>& answer, bool shown, ConditionFacts& facts) const;
  /// Walks every question: `visible` (1 shown, 0 hidden) and the facts of all of them.
  void walk(const AnswerSet& answers, std::vector<char>& visible, ConditionFacts& facts) const;

 private:
  const Bank* bank_;
  ConditionProgram program_;
  std::vector<std::uint32_t> show_if_;                 ///< per question: its entry in program_
  std::vector<std::vector<std::uint32_t>> scales_of_;  ///< per question: the scales it is an item of (repeats kept)
};

/// Which questions the skip logic shows for these answers (indexed like bank.questions).
std::vector<bool> visible_questions(const Bank& bank, const AnswerSet& answers);

/// Evaluates a condition against answers once (compiled into a ConditionProgram); hidden questions
/// count as unanswered. `visible[q]` says whether question q is shown.
bool evaluate_condition(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                        const std::vector<bool>& visible);

/// evaluate_condition() over facts worked out before (see condition_facts()).
bool evaluate_condition(const Bank& bank, const Condition& condition, const ConditionFacts& facts);

/// The facts of every question for answers and a visibility, with the tallies of every scale.
ConditionFacts condition_facts(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible);

}  // namespace wegwijzer
