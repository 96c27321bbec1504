// Guards of conditions (see condition_guard.hpp).
#include "wegwijzer/conditions/condition_guard.hpp"

#include <algorithm>

namespace wegwijzer {
namespace {

using Guard = std::optional<std::vector<ChosenOption>>;

/// The options of question `question` worth more than 0 points: one of them must be chosen for its
/// points (or a scale's sum over it) to reach a bound above 0.
void add_scoring_options(const Bank& bank, std::size_t question, std::vector<ChosenOption>& guard) {
  const std::vector<Option>& options = bank.questions[question].options;
  for (std::size_t o = 0; o < options.size(); ++o) {
    if (options[o].points.value_or(0) > 0) guard.push_back(ChosenOption{question, o});
  }
}

/// The guard of a leaf about an answer or a scale.
Guard leaf_guard(const Bank& bank, const Condition& condition) {
  using Kind = Condition::Kind;
  const bool about_scale = condition.kind == Kind::scale_at_least || condition.kind == Kind::scale_at_most;
  const std::size_t index = about_scale ? condition.scale : condition.question;
  // A leaf about a question or scale the bank does not have is never true.
  if (index >= (about_scale ? bank.scales.size() : bank.questions.size())) return std::vector<ChosenOption>{};
  std::vector<ChosenOption> guard;
  switch (condition.kind) {
    case Kind::equals:
    case Kind::contains:
    case Kind::in: {
      // equals and contains test their first option only; in tests all of them. Options beyond 127 are
      // never marked as chosen, so a leaf about them is false.
      const std::size_t used =
          condition.kind == Kind::in ? condition.options.size() : std::min<std::size_t>(condition.options.size(), 1);
      const std::size_t option_count = bank.questions[index].options.size();
      for (std::size_t i = 0; i < used; ++i) {
        const std::size_t option = condition.options[i];
        if (option >= 128) continue;
        if (option >= option_count) return std::nullopt;  // an option the question does not have
        guard.push_back(ChosenOption{index, option});
      }
      return guard;
    }
    // "At least" a positive bound needs an option worth more than 0 points: a sum of options worth
    // 0 or less stays at 0 or less. That holds while the sum cannot overflow `int`, which the
    // loader's cap on option points (kMaxPoints in bank_parser.cpp, ±1000) guarantees; a bank built in
    // code must keep to it.
    case Kind::answer_at_least:
      if (!(condition.value > 0)) return std::nullopt;
      add_scoring_options(bank, index, guard);
      return guard;
    case Kind::scale_at_least:
      if (!(condition.value > 0)) return std::nullopt;
      for (std::size_t item : bank.scales[index].items) {
        if (item < bank.questions.size()) add_scoring_options(bank, item, guard);
      }
      return guard;
    default: return std::nullopt;  // answered, at most: true without a particular option
  }
}

}  // namespace

Guard condition_guard(const Bank& bank, const Condition& condition) {
  using Kind = Condition::Kind;
  switch (condition.kind) {
    case Kind::all: {
      // Every child must hold: the smallest guard of a child will do.
      Guard best;
      for (const Condition& child : condition.children) {
        Guard guard = condition_guard(bank, child);
        if (guard && (!best || guard->size() < best->size())) best = std::move(guard);
      }
      return best;
    }
    case Kind::any: {
      // One child must hold: all their guards together, if every child has one.
      std::vector<ChosenOption> together;
      for (const Condition& child : condition.children) {
        Guard guard = condition_guard(bank, child);
        if (!guard) return std::nullopt;
        together.insert(together.end(), guard->begin(), guard->end());
      }
      return together;
    }
    case Kind::negate: return std::nullopt;
    default: return leaf_guard(bank, condition);
  }
}

}  // namespace wegwijzer
