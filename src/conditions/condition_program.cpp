// Conditions compiled into branch programs (see condition_program.hpp).
#include "wegwijzer/conditions/condition_program.hpp"

#include <algorithm>

namespace wegwijzer {

std::uint32_t ConditionProgram::compile(const Condition& condition, std::uint32_t on_true, std::uint32_t on_false) {
  using Kind = Condition::Kind;
  std::uint32_t entry = 0;
  switch (condition.kind) {
    case Kind::all:
      // Compiled from the last child back: each child goes on to the next when it holds; any failing fails the whole.
      entry = on_true;
      for (auto child = condition.children.rbegin(); child != condition.children.rend(); ++child) {
        entry = compile(*child, entry, on_false);
      }
      return entry;
    case Kind::any:
      entry = on_false;
      for (auto child = condition.children.rbegin(); child != condition.children.rend(); ++child) {
        entry = compile(*child, on_true, entry);
      }
      return entry;
    case Kind::negate:
      // "not" of nothing holds; of several children, only the first counts.
      return condition.children.empty() ? on_true : compile(condition.children.front(), on_false, on_true);
    default: return compile_leaf(condition, on_true, on_false);
  }
}

std::uint32_t ConditionProgram::compile_leaf(const Condition& condition, std::uint32_t on_true,
                                             std::uint32_t on_false) {
  using Kind = Condition::Kind;
  const bool about_scale = condition.kind == Kind::scale_at_least || condition.kind == Kind::scale_at_most;
  const std::size_t index = about_scale ? condition.scale : condition.question;
  // A leaf about a question or scale the bank does not have is false.
  if (index >= (about_scale ? bank_->scales.size() : bank_->questions.size())) return on_false;
  Step step;
  step.at = static_cast<std::uint32_t>(index);
  step.on_true = on_true;
  step.on_false = on_false;
  step.bound = condition.value;
  switch (condition.kind) {
    case Kind::answered: return word_step(index, ConditionFacts::answered, 1, on_true, on_false);
    case Kind::equals:
    case Kind::in:
    case Kind::contains: {
      // equals and contains test their first option only; in tests all of them.
      OptionMask options = {0, 0};
      const std::size_t used =
          condition.kind == Kind::in ? condition.options.size() : std::min<std::size_t>(condition.options.size(), 1);
      for (std::size_t i = 0; i < used; ++i) mark_option(options, condition.options[i]);
      // equals: exactly one option chosen, so the words that hold the options chosen alone.
      const bool alone = condition.kind == Kind::equals;
      const std::uint32_t high = word_step(index, alone ? ConditionFacts::alone_high : ConditionFacts::chosen_high,
                                           options[1], on_true, on_false);
      return word_step(index, alone ? ConditionFacts::alone_low : ConditionFacts::chosen_low, options[0], on_true,
                       high);
    }
    case Kind::answer_at_least: step.test = Test::points_at_least; break;
    case Kind::answer_at_most: step.test = Test::points_at_most; break;
    case Kind::scale_at_least: step.test = Test::scale_at_least; break;
    case Kind::scale_at_most: step.test = Test::scale_at_most; break;
    default: return on_false;
  }
  return emit(step);
}

std::uint32_t ConditionProgram::word_step(std::size_t question, std::uint32_t word, std::uint64_t mask,
                                          std::uint32_t on_true, std::uint32_t on_false) {
  if (mask == 0) return on_false;  // no bit can be set
  Step step;
  step.test = Test::word;
  step.at = static_cast<std::uint32_t>(question * ConditionFacts::word_count + word);
  step.mask = mask;
  step.on_true = on_true;
  step.on_false = on_false;
  return emit(step);
}

std::uint32_t ConditionProgram::emit(const Step& step) {
  const auto at = static_cast<std::uint32_t>(steps_.size());
  steps_.push_back(step);
  return at;
}

}  // namespace wegwijzer
