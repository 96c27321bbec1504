#pragma once
// The reference evaluator of conditions, for the tests only: the product runs every condition as a
// ConditionProgram (src/conditions/); these walk the condition tree instead, written plainly, so that
// the compiled form has something independent to be held against.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// Conditions compiled into one flat array of small nodes (children side by side, option lists
/// as bit masks), evaluated over AnswerFacts by walking the tree: the reference evaluator of the
/// condition semantics in condition.hpp (a hidden or unanswered question makes every leaf about it
/// false; a scale none of whose items is shown and answered makes every leaf about it false).
class ConditionPlan {
 public:
  /// Root index of "no condition".
  static constexpr std::uint32_t none = UINT32_MAX;

  /// An empty plan for `bank` (which must outlive it); add() conditions to it.
  explicit ConditionPlan(const Bank& bank) : bank_(&bank) {}

  /// Compiles a condition of the bank; returns its root for holds().
  std::uint32_t add(const Condition& condition);

  /// Whether the condition at `root` holds, given the facts of the first `fact_count` questions
  /// (later questions count as hidden). `scales` (per scale, bank order) gives the scale values;
  /// without it they are worked out from the facts.
  bool holds(std::uint32_t root, const AnswerFacts* facts, std::size_t fact_count,
             const std::vector<ScaleValue>* scales) const {
    if (root >= nodes_.size()) return true;  // none: no condition
    const Node& node = nodes_[root];
    const Facts all{facts, fact_count, scales};
    return is_leaf(node) ? leaf_holds(node, all) : holds(node, all);
  }

 private:
  /// One node: a combinator over its children, or a leaf about a question or a scale.
  struct Node {
    Condition::Kind kind = Condition::Kind::all;
    std::uint32_t first = 0;      ///< all / any / negate: first child; leaves: question or scale index
    std::uint32_t count = 0;      ///< all / any / negate: number of children
    OptionMask options = {0, 0};  ///< equals / in / contains: the options as a bit mask
    double value = 0;             ///< numeric leaves: the bound
  };
  /// Evaluation of one set of facts.
  struct Facts {
    const AnswerFacts* facts;
    std::size_t count;
    const std::vector<ScaleValue>* scales;
  };

  void compile(const Condition& condition, std::uint32_t slot);
  bool holds(const Node& node, const Facts& facts) const;
  /// An answer leaf (equals, in, contains, answered, answer at least / at most)?
  static bool is_leaf(const Node& node);
  /// Evaluates an answer leaf.
  static bool leaf_holds(const Node& node, const Facts& facts);

  const Bank* bank_;
  std::vector<Node> nodes_;
};

inline bool ConditionPlan::is_leaf(const Node& node) {
  using Kind = Condition::Kind;
  return node.kind != Kind::all && node.kind != Kind::any && node.kind != Kind::negate &&
         node.kind != Kind::scale_at_least && node.kind != Kind::scale_at_most;
}

inline bool ConditionPlan::leaf_holds(const Node& node, const Facts& facts) {
  using Kind = Condition::Kind;
  if (node.first >= facts.count || !facts.facts[node.first].present) return false;
  const AnswerFacts& answer = facts.facts[node.first];
  const bool chose_one_of = ((answer.chosen[0] & node.options[0]) | (answer.chosen[1] & node.options[1])) != 0;
  switch (node.kind) {
    case Kind::answered: return true;
    case Kind::equals: return answer.count == 1 && chose_one_of;
    case Kind::in:
    case Kind::contains: return chose_one_of;
    case Kind::answer_at_least:
    case Kind::answer_at_most:
      if (answer.count == 0) return false;  // free text has no points
      return node.kind == Kind::answer_at_least ? answer.points >= node.value : answer.points <= node.value;
    default: return false;
  }
}

/// The skip logic and the rules of a bank, compiled once.
struct BankPlan {
  /// Compiles every show_if and every rule condition of `bank` (which must outlive the plan).
  explicit BankPlan(const Bank& bank);

  ConditionPlan conditions;
  std::vector<std::uint32_t> show_if;  ///< per question: root, or ConditionPlan::none (always shown)
  std::vector<std::uint32_t> rules;    ///< per rule: root of its condition

  /// Whether question `question` is shown, given the facts of the questions before it.
  bool shown(std::size_t question, const std::vector<AnswerFacts>& facts) const {
    return show_if[question] == ConditionPlan::none ||
           conditions.holds(show_if[question], facts.data(), question, nullptr);
  }
};

/// The value of a scale over the facts of the first `fact_count` questions (later ones count as hidden).
ScaleValue reference_scale_value(const Bank& bank, std::size_t scale, const AnswerFacts* facts, std::size_t fact_count);

/// Which questions the skip logic shows, by the reference evaluator (as visible_questions()).
std::vector<bool> reference_visible(const Bank& bank, const AnswerSet& answers);

/// Whether `condition` holds, by the reference evaluator (as evaluate_condition()).
bool reference_holds(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                     const std::vector<bool>& visible);

}  // namespace wegwijzer
