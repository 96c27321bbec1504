#pragma once
// Internal to the engine: decides by brute force whether a condition can ever be true.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer::detail {

/// Whether a condition can be true for some answers.
enum class Satisfiable { yes, no, unknown };

/// How much the analysis may spend.
struct AnalysisBudget {
  /// A condition needing more answer combinations than this is not tried whole (it is split).
  std::uint64_t per_condition = 200000;
  /// Work left for the whole bank, in steps: a condition node collected or evaluated, a show_if
  /// dependency followed, a scale item summed. Shrinks with each analysis.
  std::uint64_t work = 20000000;
};

/// The never-true analysis of one bank. Per question it computes once which questions and scales
/// its show_if reads; everything it does is counted against one work budget, and when that is
/// spent every later answer is unknown (see `spent()`).
class ConditionAnalysis {
 public:
  ConditionAnalysis(const Bank& bank, AnalysisBudget budget);

  /// Tries every combination of answers (each option, or unanswered; subsets for multiple choice)
  /// to the questions `condition` depends on, directly, through scale items, and through their
  /// show_if (a question whose show_if is false is unanswered). Unknown when there are more than
  /// `budget.per_condition` combinations, a multiple-choice question with more than 16 options is
  /// involved, or the work budget runs out. Too large a condition is split: an "all" with an
  /// impossible part is impossible; an "any" is impossible when all its alternatives are, and
  /// possible when one is. Independent of the scoring engine.
  Satisfiable can_be_true(const Condition& condition);

  /// True once the work budget ran out: the answer that was being computed, and every later one, is unknown.
  bool spent() const { return spent_; }
  /// Work steps used so far.
  std::uint64_t work_used() const { return used_; }

 private:
  /// What a leaf condition says (its kind, question or scale, bound and options): leaves that say
  /// the same are analysed once (in a chained bank the same leaf appears in many show_ifs).
  using LeafKey = std::tuple<int, std::size_t, std::size_t, double, std::vector<std::size_t>>;

  /// The questions and scales a show_if reads directly, without repeats.
  struct Reads {
    std::vector<std::size_t> questions;
    std::vector<std::size_t> scales;
  };

  Satisfiable brute_force(const Condition& condition);
  bool charge(std::uint64_t steps);
  bool collect(const Condition& condition);
  bool add_question(std::size_t question);
  bool add_scale(std::size_t scale);
  bool close_over_show_ifs();
  const Reads* reads_of(std::size_t question);
  bool evaluate(const Condition& condition);
  bool chose(const Condition& condition) const;
  double points(std::size_t question) const;

  const Bank& bank_;
  AnalysisBudget budget_;
  std::uint64_t used_ = 0;
  bool spent_ = false;
  std::uint64_t total_ = 1;                   ///< combinations of the questions collected so far
  std::vector<std::size_t> order_;            ///< questions of the current brute force
  std::vector<std::uint32_t> question_mark_;  ///< == generation_: in order_
  std::vector<std::uint32_t> scale_mark_;     ///< == generation_: its items are in order_
  std::uint32_t generation_ = 0;
  std::vector<std::optional<Reads>> reads_;  ///< per question, computed on first use
  std::vector<std::uint64_t> code_;          ///< the candidate world: per question an answer code
  std::uint64_t steps_ = 0;                  ///< evaluation steps not yet charged
  std::map<LeafKey, Satisfiable> leaves_;    ///< the answers for leaves analysed before
};

}  // namespace wegwijzer::detail
