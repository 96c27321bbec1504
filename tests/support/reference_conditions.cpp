// The reference evaluator of conditions (see reference_conditions.hpp).
#include "reference_conditions.hpp"

#include <algorithm>

namespace wegwijzer {
namespace {

/// A question or scale index as stored in a node; out of range stays out of range.
std::uint32_t index32(std::size_t index) { return index < UINT32_MAX ? static_cast<std::uint32_t>(index) : UINT32_MAX; }

}  // namespace

std::uint32_t ConditionPlan::add(const Condition& condition) {
  const auto root = static_cast<std::uint32_t>(nodes_.size());
  nodes_.emplace_back();
  compile(condition, root);
  return root;
}

void ConditionPlan::compile(const Condition& condition, std::uint32_t slot) {
  using Kind = Condition::Kind;
  Node node;
  node.kind = condition.kind;
  node.value = condition.value;
  switch (condition.kind) {
    case Kind::all:
    case Kind::any:
    case Kind::negate: {
      node.first = static_cast<std::uint32_t>(nodes_.size());
      node.count = static_cast<std::uint32_t>(condition.kind == Kind::negate
                                                  ? std::min<std::size_t>(condition.children.size(), 1)
                                                  : condition.children.size());
      nodes_.resize(nodes_.size() + node.count);
      for (std::uint32_t i = 0; i < node.count; ++i) compile(condition.children[i], node.first + i);
      break;
    }
    case Kind::scale_at_least:
    case Kind::scale_at_most: node.first = index32(condition.scale); break;
    default: {
      node.first = index32(condition.question);
      // equals and contains test their first option only; in tests all of them.
      const std::size_t used =
          condition.kind == Kind::in ? condition.options.size() : std::min<std::size_t>(condition.options.size(), 1);
      for (std::size_t i = 0; i < used; ++i) mark_option(node.options, condition.options[i]);
      break;
    }
  }
  nodes_[slot] = node;
}

bool ConditionPlan::holds(const Node& node, const Facts& facts) const {
  using Kind = Condition::Kind;
  switch (node.kind) {
    case Kind::all:
      for (std::uint32_t i = 0; i < node.count; ++i) {
        const Node& child = nodes_[node.first + i];
        if (!(is_leaf(child) ? leaf_holds(child, facts) : holds(child, facts))) return false;
      }
      return true;
    case Kind::any:
      for (std::uint32_t i = 0; i < node.count; ++i) {
        const Node& child = nodes_[node.first + i];
        if (is_leaf(child) ? leaf_holds(child, facts) : holds(child, facts)) return true;
      }
      return false;
    case Kind::negate: return node.count == 0 || !holds(nodes_[node.first], facts);
    case Kind::scale_at_least:
    case Kind::scale_at_most: {
      if (node.first >= bank_->scales.size()) return false;
      const ScaleValue value = facts.scales != nullptr && node.first < facts.scales->size()
                                   ? (*facts.scales)[node.first]
                                   : reference_scale_value(*bank_, node.first, facts.facts, facts.count);
      if (value.answered_items == 0) return false;
      return node.kind == Kind::scale_at_least ? value.value >= node.value : value.value <= node.value;
    }
    default: return leaf_holds(node, facts);
  }
}

BankPlan::BankPlan(const Bank& bank) : conditions(bank) {
  show_if.reserve(bank.questions.size());
  for (const Question& question : bank.questions) {
    show_if.push_back(question.show_if ? conditions.add(*question.show_if) : ConditionPlan::none);
  }
  rules.reserve(bank.rules.size());
  for (const Rule& rule : bank.rules) rules.push_back(conditions.add(rule.when));
}

ScaleValue reference_scale_value(const Bank& bank, std::size_t scale, const AnswerFacts* facts,
                                 std::size_t fact_count) {
  const Scale& definition = bank.scales[scale];
  ScaleValue value;
  value.scale = scale;
  for (std::size_t item : definition.items) {
    if (item >= fact_count || !facts[item].present || facts[item].count == 0) continue;
    value.value += facts[item].points;
    ++value.answered_items;
  }
  for (std::size_t b = 0; b < definition.bands.size() && value.answered_items > 0; ++b) {
    if (value.value >= definition.bands[b].min && value.value <= definition.bands[b].max) {
      value.band = b;
      break;
    }
  }
  return value;
}

std::vector<bool> reference_visible(const Bank& bank, const AnswerSet& answers) {
  // Conditions refer only to earlier questions, so each show_if sees the facts before it.
  const BankPlan plan(bank);
  const std::size_t count = bank.questions.size();
  std::vector<bool> visible(count);
  std::vector<AnswerFacts> facts(count);
  for (std::size_t q = 0; q < count; ++q) {
    visible[q] = plan.shown(q, facts);
    facts[q] = answer_facts(bank.questions[q], answers.at(q), visible[q]);
  }
  return visible;
}

bool reference_holds(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                     const std::vector<bool>& visible) {
  std::vector<AnswerFacts> facts;
  answer_facts(bank, answers, visible, facts);
  ConditionPlan plan(bank);
  const std::uint32_t root = plan.add(condition);
  return plan.holds(root, facts.data(), facts.size(), nullptr);
}

}  // namespace wegwijzer
