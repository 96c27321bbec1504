#include "condition_analysis.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace wegwijzer::detail {
namespace {

constexpr std::size_t kMaxMultipleOptions = 16;

/// Adds the questions `condition` reads (scale leaves read the scale's items).
void collect_questions(const Bank& bank, const Condition& condition, std::set<std::size_t>& out) {
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
    case Condition::Kind::negate:
      for (const Condition& child : condition.children) collect_questions(bank, child, out);
      break;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most:
      for (std::size_t item : bank.scales[condition.scale].items) out.insert(item);
      break;
    default: out.insert(condition.question); break;
  }
}

/// One candidate world: per question a code. 0 = unanswered; choice questions: option + 1;
/// multiple choice: subset mask + 1; text: 1 = answered.
class World {
 public:
  explicit World(const Bank& bank) : bank_(bank), code_(bank.questions.size(), 0) {}

  std::uint64_t& code(std::size_t question) { return code_[question]; }

  bool evaluate(const Condition& condition) const {
    switch (condition.kind) {
      case Condition::Kind::all:
        return std::all_of(condition.children.begin(), condition.children.end(),
                           [this](const Condition& child) { return evaluate(child); });
      case Condition::Kind::any:
        return std::any_of(condition.children.begin(), condition.children.end(),
                           [this](const Condition& child) { return evaluate(child); });
      case Condition::Kind::negate: return !evaluate(condition.children.front());
      case Condition::Kind::answered: return code_[condition.question] != 0;
      case Condition::Kind::equals:
      case Condition::Kind::in:
      case Condition::Kind::contains: return chose(condition);
      case Condition::Kind::answer_at_least:
        return code_[condition.question] != 0 && points(condition.question) >= condition.value;
      case Condition::Kind::answer_at_most:
        return code_[condition.question] != 0 && points(condition.question) <= condition.value;
      case Condition::Kind::scale_at_least:
      case Condition::Kind::scale_at_most: {
        const Scale& scale = bank_.scales[condition.scale];
        bool any_answered = false;
        double sum = 0;
        for (std::size_t item : scale.items) {
          if (code_[item] == 0) continue;
          any_answered = true;
          sum += points(item);
        }
        if (!any_answered) return false;
        return condition.kind == Condition::Kind::scale_at_least ? sum >= condition.value : sum <= condition.value;
      }
    }
    return false;
  }

 private:
  bool chose(const Condition& condition) const {
    std::uint64_t code = code_[condition.question];
    if (code == 0) return false;
    const Question& question = bank_.questions[condition.question];
    if (question.type != QuestionType::multiple) {
      std::size_t chosen = static_cast<std::size_t>(code - 1);
      return std::find(condition.options.begin(), condition.options.end(), chosen) != condition.options.end();
    }
    std::uint64_t mask = code - 1;
    if (condition.kind == Condition::Kind::equals) return mask == (std::uint64_t{1} << condition.options.front());
    return std::any_of(condition.options.begin(), condition.options.end(),
                       [mask](std::size_t option) { return (mask >> option) & 1u; });
  }

  double points(std::size_t question_index) const {
    const Question& question = bank_.questions[question_index];
    std::uint64_t code = code_[question_index];
    if (question.type != QuestionType::multiple) {
      return question.options[static_cast<std::size_t>(code - 1)].points.value_or(0);
    }
    double sum = 0;
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      if (((code - 1) >> i) & 1u) sum += question.options[i].points.value_or(0);
    }
    return sum;
  }

  const Bank& bank_;
  std::vector<std::uint64_t> code_;
};

std::uint64_t domain_size(const Question& question) {
  switch (question.type) {
    case QuestionType::text: return 2;
    case QuestionType::multiple: return (std::uint64_t{1} << question.options.size()) + 1;
    default: return question.options.size() + 1;
  }
}

/// Brute force over every combination of answers; unknown when there are too many.
Satisfiable brute_force(const Bank& bank, const Condition& condition, AnalysisBudget& budget) {
  std::set<std::size_t> questions;
  collect_questions(bank, condition, questions);
  // Close over the show_if of every question involved: their visibility matters too.
  std::vector<std::size_t> pending(questions.begin(), questions.end());
  while (!pending.empty()) {
    std::size_t question = pending.back();
    pending.pop_back();
    const auto& show_if = bank.questions[question].show_if;
    if (!show_if) continue;
    std::set<std::size_t> more;
    collect_questions(bank, *show_if, more);
    for (std::size_t q : more) {
      if (questions.insert(q).second) pending.push_back(q);
    }
  }
  std::vector<std::size_t> order(questions.begin(), questions.end());  // ascending: show_if looks back only
  std::vector<std::uint64_t> sizes;
  std::uint64_t total = 1;
  for (std::size_t q : order) {
    const Question& question = bank.questions[q];
    if (question.type == QuestionType::multiple && question.options.size() > kMaxMultipleOptions) {
      return Satisfiable::unknown;
    }
    sizes.push_back(domain_size(question));
    total *= sizes.back();
    if (total > budget.per_condition || total > budget.remaining) return Satisfiable::unknown;
  }
  budget.remaining -= total;
  World world(bank);
  std::vector<std::uint64_t> digits(order.size(), 0);
  for (std::uint64_t n = 0; n < total; ++n) {
    bool consistent = true;
    for (std::size_t i = 0; i < order.size() && consistent; ++i) {
      std::size_t q = order[i];
      world.code(q) = digits[i];
      const auto& show_if = bank.questions[q].show_if;
      if (show_if && !world.evaluate(*show_if)) {
        // Hidden: only "unanswered" is possible; skip the duplicates with an answer.
        if (digits[i] != 0) consistent = false;
      }
    }
    if (consistent && world.evaluate(condition)) return Satisfiable::yes;
    for (std::size_t i = 0; i < digits.size(); ++i) {  // next combination
      if (++digits[i] < sizes[i]) break;
      digits[i] = 0;
    }
  }
  return Satisfiable::no;
}

}  // namespace

Satisfiable can_be_true(const Bank& bank, const Condition& condition, AnalysisBudget& budget) {
  Satisfiable whole = brute_force(bank, condition, budget);
  if (whole != Satisfiable::unknown) return whole;
  // Too many combinations at once: an "all" with an impossible part is impossible, and an "any"
  // is impossible when every alternative is (and possible when one is).
  if (condition.kind == Condition::Kind::all) {
    for (const Condition& child : condition.children) {
      if (can_be_true(bank, child, budget) == Satisfiable::no) return Satisfiable::no;
    }
  } else if (condition.kind == Condition::Kind::any) {
    bool all_impossible = true;
    for (const Condition& child : condition.children) {
      Satisfiable part = can_be_true(bank, child, budget);
      if (part == Satisfiable::yes) return Satisfiable::yes;
      all_impossible = all_impossible && part == Satisfiable::no;
    }
    if (all_impossible) return Satisfiable::no;
  }
  return Satisfiable::unknown;
}

}  // namespace wegwijzer::detail
