// Answer facts, scale values and the skip logic; conditions themselves are evaluated by
// ConditionPlan (condition_plan.cpp).
#include "engine_detail.hpp"
#include "wegwijzer/answer_facts.hpp"
#include "wegwijzer/condition_plan.hpp"
#include "wegwijzer/engine.hpp"

namespace wegwijzer {

AnswerFacts answer_facts(const Question& question, const std::optional<Answer>& answer, bool shown) {
  AnswerFacts facts;
  if (!shown || !answer) return facts;
  facts.present = true;
  facts.count = static_cast<std::uint16_t>(answer->options.size());
  const std::size_t option_count = question.options.size();
  for (auto option : answer->options) {
    mark_option(facts.chosen, option);
    if (option < option_count) facts.points += question.options[option].points.value_or(0);
  }
  return facts;
}

void answer_facts(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible,
                  std::vector<AnswerFacts>& facts) {
  const std::size_t count = bank.questions.size();
  facts.assign(count, AnswerFacts{});
  for (std::size_t q = 0; q < count && q < answers.size() && q < visible.size(); ++q) {
    facts[q] = answer_facts(bank.questions[q], answers.at(q), visible[q]);
  }
}

namespace detail {

ScaleValue scale_value(const Bank& bank, std::size_t scale, const AnswerFacts* facts, std::size_t fact_count) {
  const Scale& definition = bank.scales[scale];
  ScaleValue value;
  value.scale = scale;
  for (std::size_t item : definition.items) {
    if (item >= fact_count || !facts[item].present || facts[item].count == 0) continue;
    value.value += facts[item].points;
    ++value.answered_items;
  }
  if (value.answered_items > 0) value.band = band_of(definition, value.value);
  return value;
}

std::optional<std::size_t> band_of(const Scale& scale, int value) {
  for (std::size_t b = 0; b < scale.bands.size(); ++b) {
    if (value >= scale.bands[b].min && value <= scale.bands[b].max) return b;
  }
  return std::nullopt;
}

void compute_visibility(const Bank& bank, const BankPlan& plan, const AnswerSet& answers, std::vector<char>& visible,
                        std::vector<AnswerFacts>& facts) {
  // Conditions refer only to earlier questions, so each show_if sees the facts before it.
  const std::size_t count = bank.questions.size();
  visible.resize(count);
  facts.resize(count);
  for (std::size_t q = 0; q < count; ++q) {
    visible[q] = plan.shown(q, facts) ? 1 : 0;
    facts[q] = answer_facts(bank.questions[q], answers.at(q), visible[q] != 0);
  }
}

void mark_questions(const Bank& bank, const Condition& condition, std::vector<bool>& marks) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
    case Kind::all:
    case Kind::any:
    case Kind::negate:
      for (const auto& child : condition.children) mark_questions(bank, child, marks);
      return;
    case Kind::scale_at_least:
    case Kind::scale_at_most:
      if (condition.scale < bank.scales.size()) {
        for (std::size_t item : bank.scales[condition.scale].items) {
          if (item < marks.size()) marks[item] = true;
        }
      }
      return;
    default:
      if (condition.question < marks.size()) marks[condition.question] = true;
      return;
  }
}

}  // namespace detail

bool evaluate_condition(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                        const std::vector<bool>& visible) {
  std::vector<AnswerFacts> facts;
  answer_facts(bank, answers, visible, facts);
  ConditionPlan plan(bank);
  const std::uint32_t root = plan.add(condition);
  return plan.holds(root, facts.data(), facts.size(), nullptr);
}

std::vector<bool> visible_questions(const Bank& bank, const AnswerSet& answers) {
  std::vector<char> shown;
  std::vector<AnswerFacts> facts;
  detail::compute_visibility(bank, BankPlan(bank), answers, shown, facts);
  return std::vector<bool>(shown.begin(), shown.end());
}

}  // namespace wegwijzer
