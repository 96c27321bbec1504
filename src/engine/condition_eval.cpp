// Conditions, scale values and the skip logic. A hidden or unanswered question makes every leaf
// about it false; a scale none of whose items is shown and answered makes every leaf about it false.
#include <algorithm>

#include "engine_detail.hpp"
#include "wegwijzer/engine.hpp"

namespace wegwijzer {
namespace detail {
namespace {

const Answer* visible_answer(const AnswerSet& answers, const std::vector<bool>& visible, std::size_t question) {
  if (question >= answers.size() || question >= visible.size() || !visible[question]) return nullptr;
  const auto& answer = answers.at(question);
  return answer ? &*answer : nullptr;
}

bool chose(const Answer& answer, std::size_t option) {
  return std::binary_search(answer.options.begin(), answer.options.end(), option,
                            [](std::size_t a, std::size_t b) { return a < b; });
}

}  // namespace

int answer_points(const Question& question, const Answer& answer) {
  int sum = 0;
  for (auto option : answer.options) {
    if (option < question.options.size()) sum += question.options[option].points.value_or(0);
  }
  return sum;
}

ScaleValue scale_value(const Bank& bank, std::size_t scale, const AnswerSet& answers,
                       const std::vector<bool>& visible) {
  const Scale& definition = bank.scales[scale];
  ScaleValue value;
  value.scale = scale;
  for (std::size_t item : definition.items) {
    const Answer* answer = visible_answer(answers, visible, item);
    if (answer == nullptr || answer->options.empty()) continue;
    value.value += answer_points(bank.questions[item], *answer);
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

bool condition_holds(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                     const std::vector<bool>& visible, const std::vector<ScaleValue>* scales) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
    case Kind::all:
      for (const auto& child : condition.children) {
        if (!condition_holds(bank, child, answers, visible, scales)) return false;
      }
      return true;
    case Kind::any:
      for (const auto& child : condition.children) {
        if (condition_holds(bank, child, answers, visible, scales)) return true;
      }
      return false;
    case Kind::negate:
      return condition.children.empty() || !condition_holds(bank, condition.children.front(), answers, visible, scales);
    case Kind::scale_at_least:
    case Kind::scale_at_most: {
      if (condition.scale >= bank.scales.size()) return false;
      ScaleValue value = scales != nullptr && condition.scale < scales->size()
                             ? (*scales)[condition.scale]
                             : scale_value(bank, condition.scale, answers, visible);
      if (value.answered_items == 0) return false;
      return condition.kind == Kind::scale_at_least ? value.value >= condition.value : value.value <= condition.value;
    }
    default: break;
  }
  // Answer leaves.
  const Answer* answer = visible_answer(answers, visible, condition.question);
  if (answer == nullptr) return false;
  switch (condition.kind) {
    case Kind::answered: return true;
    case Kind::equals:
      return answer->options.size() == 1 && !condition.options.empty() &&
             answer->options.front() == condition.options.front();
    case Kind::in:
      return std::any_of(condition.options.begin(), condition.options.end(),
                         [&](std::size_t option) { return chose(*answer, option); });
    case Kind::contains: return !condition.options.empty() && chose(*answer, condition.options.front());
    case Kind::answer_at_least:
    case Kind::answer_at_most: {
      if (answer->options.empty()) return false;  // free text has no points
      int points = answer_points(bank.questions[condition.question], *answer);
      return condition.kind == Kind::answer_at_least ? points >= condition.value : points <= condition.value;
    }
    default: return false;
  }
}

void compute_visibility(const Bank& bank, const AnswerSet& answers, std::vector<bool>& visible) {
  // Conditions refer only to earlier questions; later ones are still false (hidden) here.
  visible.assign(bank.questions.size(), false);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const auto& show_if = bank.questions[q].show_if;
    visible[q] = !show_if || condition_holds(bank, *show_if, answers, visible, nullptr);
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
  std::vector<bool> visible;
  detail::compute_visibility(bank, answers, visible);
  return visible;
}

}  // namespace wegwijzer
