#include "condition_analysis.hpp"

#include <algorithm>

namespace wegwijzer::detail {
namespace {

constexpr std::size_t kMaxMultipleOptions = 16;

/// Answer codes per question. 0 = unanswered; choice questions: option + 1; multiple choice:
/// subset mask + 1; text: 1 = answered.
std::uint64_t domain_size(const Question& question) {
  switch (question.type) {
    case QuestionType::text: return 2;
    case QuestionType::multiple: return (std::uint64_t{1} << question.options.size()) + 1;
    default: return question.options.size() + 1;
  }
}

}  // namespace

ConditionAnalysis::ConditionAnalysis(const Bank& bank, AnalysisBudget budget)
    : bank_(bank),
      budget_(budget),
      question_mark_(bank.questions.size(), 0),
      scale_mark_(bank.scales.size(), 0),
      reads_(bank.questions.size()),
      code_(bank.questions.size(), 0) {}

bool ConditionAnalysis::charge(std::uint64_t steps) {
  if (spent_ || budget_.work - used_ < steps) {
    used_ = budget_.work;
    spent_ = true;
    return false;
  }
  used_ += steps;
  return true;
}

bool ConditionAnalysis::add_question(std::size_t question) {
  if (question_mark_[question] == generation_) return true;
  question_mark_[question] = generation_;
  const Question& q = bank_.questions[question];
  const std::uint64_t size = domain_size(q);
  // Exactly the old test "the product of all domains exceeds the budget", stopped at the first excess.
  if ((q.type == QuestionType::multiple && q.options.size() > kMaxMultipleOptions) ||
      total_ > budget_.per_condition / size) {
    return false;
  }
  total_ *= size;
  order_.push_back(question);
  return true;
}

bool ConditionAnalysis::add_scale(std::size_t scale) {
  if (scale_mark_[scale] == generation_) return true;
  scale_mark_[scale] = generation_;
  for (std::size_t item : bank_.scales[scale].items) {
    if (!charge(1) || !add_question(item)) return false;
  }
  return true;
}

bool ConditionAnalysis::collect(const Condition& condition) {
  if (!charge(1)) return false;
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
    case Condition::Kind::negate:
      for (const Condition& child : condition.children) {
        if (!collect(child)) return false;
      }
      return true;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most: return add_scale(condition.scale);
    default: return add_question(condition.question);
  }
}

const ConditionAnalysis::Reads* ConditionAnalysis::reads_of(std::size_t question) {
  std::optional<Reads>& reads = reads_[question];
  if (reads) return &*reads;
  Reads found;
  std::vector<const Condition*> pending{&*bank_.questions[question].show_if};
  while (!pending.empty()) {
    const Condition* node = pending.back();
    pending.pop_back();
    if (!charge(1)) return nullptr;
    switch (node->kind) {
      case Condition::Kind::all:
      case Condition::Kind::any:
      case Condition::Kind::negate:
        for (const Condition& child : node->children) pending.push_back(&child);
        break;
      case Condition::Kind::scale_at_least:
      case Condition::Kind::scale_at_most: found.scales.push_back(node->scale); break;
      default: found.questions.push_back(node->question); break;
    }
  }
  for (auto* list : {&found.questions, &found.scales}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  reads = std::move(found);
  return &*reads;
}

bool ConditionAnalysis::close_over_show_ifs() {
  // order_ grows while it is walked: every question added has its show_if read in turn.
  for (std::size_t i = 0; i < order_.size(); ++i) {
    if (!bank_.questions[order_[i]].show_if) continue;
    const Reads* reads = reads_of(order_[i]);
    if (!reads) return false;
    for (std::size_t question : reads->questions) {
      if (!charge(1) || !add_question(question)) return false;
    }
    for (std::size_t scale : reads->scales) {
      if (!charge(1) || !add_scale(scale)) return false;
    }
  }
  return true;
}

bool ConditionAnalysis::evaluate(const Condition& condition) {
  ++steps_;
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
    case Condition::Kind::contains:
      steps_ += condition.options.size();  // each option is looked at
      return chose(condition);
    case Condition::Kind::answer_at_least:
      steps_ += bank_.questions[condition.question].options.size();  // points() may sum every option
      return code_[condition.question] != 0 && points(condition.question) >= condition.value;
    case Condition::Kind::answer_at_most:
      steps_ += bank_.questions[condition.question].options.size();
      return code_[condition.question] != 0 && points(condition.question) <= condition.value;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most: {
      const Scale& scale = bank_.scales[condition.scale];
      steps_ += scale.items.size();
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

bool ConditionAnalysis::chose(const Condition& condition) const {
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

double ConditionAnalysis::points(std::size_t question_index) const {
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

/// Brute force over every combination of answers; unknown when there are too many.
Satisfiable ConditionAnalysis::brute_force(const Condition& condition) {
  if (spent_) return Satisfiable::unknown;
  if (++generation_ == 0) {  // wrapped: forget every old mark
    std::fill(question_mark_.begin(), question_mark_.end(), 0);
    std::fill(scale_mark_.begin(), scale_mark_.end(), 0);
    generation_ = 1;
  }
  order_.clear();
  total_ = 1;
  // The questions read by the condition, closed over the show_if of every question involved:
  // their visibility matters too. Stops as soon as there are too many combinations.
  if (!collect(condition) || !close_over_show_ifs()) return Satisfiable::unknown;
  std::sort(order_.begin(), order_.end());  // ascending: show_if looks back only
  std::vector<std::uint64_t> sizes;
  sizes.reserve(order_.size());
  for (std::size_t q : order_) sizes.push_back(domain_size(bank_.questions[q]));
  std::vector<std::uint64_t> digits(order_.size(), 0);
  Satisfiable answer = Satisfiable::no;
  steps_ = 0;
  for (std::uint64_t n = 0; n < total_; ++n) {
    bool consistent = true;
    for (std::size_t i = 0; i < order_.size() && consistent; ++i) {
      std::size_t q = order_[i];
      code_[q] = digits[i];
      const auto& show_if = bank_.questions[q].show_if;
      if (show_if && !evaluate(*show_if)) {
        // Hidden: only "unanswered" is possible; skip the duplicates with an answer.
        if (digits[i] != 0) consistent = false;
      }
    }
    if (consistent && evaluate(condition)) answer = Satisfiable::yes;
    if (!charge(steps_ + 1)) answer = Satisfiable::unknown;
    steps_ = 0;
    if (answer != Satisfiable::no) break;
    for (std::size_t i = 0; i < digits.size(); ++i) {  // next combination
      if (++digits[i] < sizes[i]) break;
      digits[i] = 0;
    }
  }
  for (std::size_t q : order_) code_[q] = 0;
  return answer;
}

Satisfiable ConditionAnalysis::can_be_true(const Condition& condition) {
  const bool leaf = condition.kind != Condition::Kind::all && condition.kind != Condition::Kind::any &&
                    condition.kind != Condition::Kind::negate;
  if (leaf) {
    if (!charge(1)) return Satisfiable::unknown;
    LeafKey key{static_cast<int>(condition.kind), condition.question, condition.scale, condition.value,
                condition.options};
    auto known = leaves_.find(key);
    if (known != leaves_.end()) return known->second;
    Satisfiable answer = brute_force(condition);
    if (!spent_) leaves_.emplace(std::move(key), answer);  // a leaf is never split: this is its answer
    return answer;
  }
  Satisfiable whole = brute_force(condition);
  if (whole != Satisfiable::unknown || spent_) return whole;
  // Too many combinations at once: an "all" with an impossible part is impossible, and an "any"
  // is impossible when every alternative is (and possible when one is).
  if (condition.kind == Condition::Kind::all) {
    for (const Condition& child : condition.children) {
      Satisfiable part = can_be_true(child);
      if (spent_) return Satisfiable::unknown;
      if (part == Satisfiable::no) return Satisfiable::no;
    }
  } else if (condition.kind == Condition::Kind::any) {
    bool all_impossible = true;
    for (const Condition& child : condition.children) {
      Satisfiable part = can_be_true(child);
      if (spent_) return Satisfiable::unknown;
      if (part == Satisfiable::yes) return Satisfiable::yes;
      all_impossible = all_impossible && part == Satisfiable::no;
    }
    if (all_impossible) return Satisfiable::no;
  }
  return Satisfiable::unknown;
}

}  // namespace wegwijzer::detail
