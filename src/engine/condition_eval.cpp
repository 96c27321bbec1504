// Conditions, scale values and the skip logic, evaluated over AnswerFacts. A hidden or unanswered
// question makes every leaf about it false; a scale none of whose items is shown and answered
// makes every leaf about it false.
#include "wegwijzer/answer_facts.hpp"

#include "engine_detail.hpp"
#include "wegwijzer/engine.hpp"

namespace wegwijzer {

AnswerFacts answer_facts(const Question& question, const std::optional<Answer>& answer, bool shown) {
  AnswerFacts facts;
  if (!shown || !answer) return facts;
  facts.present = true;
  facts.count = static_cast<std::uint16_t>(answer->options.size());
  const std::size_t option_count = question.options.size();
  for (auto option : answer->options) {
    if (option < 128) facts.chosen[option >> 6] |= std::uint64_t{1} << (option & 63);
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
  if (value.answered_items > 0) {
    for (std::size_t b = 0; b < definition.bands.size(); ++b) {
      if (value.value >= definition.bands[b].min && value.value <= definition.bands[b].max) {
        value.band = b;
        break;
      }
    }
  }
  return value;
}

bool condition_holds(const Bank& bank, const Condition& condition, const AnswerFacts* facts, std::size_t fact_count,
                     const std::vector<ScaleValue>* scales) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
    case Kind::all:
      for (const auto& child : condition.children) {
        if (!condition_holds(bank, child, facts, fact_count, scales)) return false;
      }
      return true;
    case Kind::any:
      for (const auto& child : condition.children) {
        if (condition_holds(bank, child, facts, fact_count, scales)) return true;
      }
      return false;
    case Kind::negate:
      return condition.children.empty() || !condition_holds(bank, condition.children.front(), facts, fact_count, scales);
    case Kind::scale_at_least:
    case Kind::scale_at_most: {
      if (condition.scale >= bank.scales.size()) return false;
      ScaleValue value = scales != nullptr && condition.scale < scales->size()
                             ? (*scales)[condition.scale]
                             : scale_value(bank, condition.scale, facts, fact_count);
      if (value.answered_items == 0) return false;
      return condition.kind == Kind::scale_at_least ? value.value >= condition.value : value.value <= condition.value;
    }
    default: break;
  }
  // Answer leaves.
  if (condition.question >= fact_count || !facts[condition.question].present) return false;
  const AnswerFacts& answer = facts[condition.question];
  switch (condition.kind) {
    case Kind::answered: return true;
    case Kind::equals:
      return answer.count == 1 && !condition.options.empty() && answer.chose(condition.options.front());
    case Kind::in:
      for (std::size_t option : condition.options) {
        if (answer.chose(option)) return true;
      }
      return false;
    case Kind::contains: return !condition.options.empty() && answer.chose(condition.options.front());
    case Kind::answer_at_least:
    case Kind::answer_at_most:
      if (answer.count == 0) return false;  // free text has no points
      return condition.kind == Kind::answer_at_least ? answer.points >= condition.value
                                                     : answer.points <= condition.value;
    default: return false;
  }
}

bool condition_holds(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                     const std::vector<bool>& visible, const std::vector<ScaleValue>* scales) {
  std::vector<AnswerFacts> facts;
  answer_facts(bank, answers, visible, facts);
  return condition_holds(bank, condition, facts.data(), facts.size(), scales);
}

bool shown(const Bank& bank, std::size_t question, const std::vector<AnswerFacts>& facts) {
  const auto& show_if = bank.questions[question].show_if;
  return !show_if || condition_holds(bank, *show_if, facts.data(), question, nullptr);
}

void compute_visibility(const Bank& bank, const AnswerSet& answers, std::vector<char>& visible,
                        std::vector<AnswerFacts>& facts) {
  // Conditions refer only to earlier questions, so each show_if sees the facts before it.
  const std::size_t count = bank.questions.size();
  visible.resize(count);
  facts.resize(count);
  for (std::size_t q = 0; q < count; ++q) {
    visible[q] = shown(bank, q, facts) ? 1 : 0;
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
  return detail::condition_holds(bank, condition, answers, visible, nullptr);
}

std::vector<bool> visible_questions(const Bank& bank, const AnswerSet& answers) {
  std::vector<char> shown;
  std::vector<AnswerFacts> facts;
  detail::compute_visibility(bank, answers, shown, facts);
  return std::vector<bool>(shown.begin(), shown.end());
}

}  // namespace wegwijzer
