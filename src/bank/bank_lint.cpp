#include "bank_lint.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "condition_analysis.hpp"
#include "json_reader.hpp"

namespace wegwijzer::detail {
namespace {

/// Which questions and options the conditions of the bank look at.
struct References {
  std::vector<bool> question;             ///< per question: some condition reads it
  std::vector<std::vector<bool>> option;  ///< per question, per option: some condition depends on it
  std::vector<bool> scale_item;           ///< per question: an item of some scale
};

void mark(const Bank& bank, const Condition& condition, References& refs) {
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
    case Condition::Kind::negate:
      for (const Condition& child : condition.children) mark(bank, child, refs);
      return;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most:
      for (std::size_t item : bank.scales[condition.scale].items) refs.question[item] = true;
      return;
    case Condition::Kind::answered: refs.question[condition.question] = true; return;
    case Condition::Kind::answer_at_least:
    case Condition::Kind::answer_at_most:
      refs.question[condition.question] = true;
      std::fill(refs.option[condition.question].begin(), refs.option[condition.question].end(), true);
      return;
    case Condition::Kind::equals:
    case Condition::Kind::in:
    case Condition::Kind::contains:
      refs.question[condition.question] = true;
      for (std::size_t option : condition.options) refs.option[condition.question][option] = true;
      return;
  }
}

References collect_references(const Bank& bank) {
  References refs;
  refs.question.assign(bank.questions.size(), false);
  refs.scale_item.assign(bank.questions.size(), false);
  for (const Question& question : bank.questions) refs.option.emplace_back(question.options.size(), false);
  for (const Question& question : bank.questions) {
    if (question.show_if) mark(bank, *question.show_if, refs);
  }
  for (const Rule& rule : bank.rules) mark(bank, rule.when, refs);
  for (const Scale& scale : bank.scales) {
    for (std::size_t item : scale.items) refs.scale_item[item] = true;
  }
  return refs;
}

bool has_weight(const std::vector<double>& weights) {
  return std::any_of(weights.begin(), weights.end(), [](double w) { return w != 0.0; });
}

class Linter {
 public:
  Linter(const ParsedBank& parsed, BankReader& reader, const BankLimits& limits)
      : bank_(parsed.bank), extras_(parsed.extras), reader_(reader) {
    budget_.per_condition = limits.analysis_budget;
    budget_.remaining = limits.analysis_total_budget;
  }

  void run() {
    for (std::size_t q = 0; q < bank_.questions.size(); ++q) {
      const Question& question = bank_.questions[q];
      if (!question.show_if) continue;
      std::string pointer = pointer_append("/questions", q) + "/show_if";
      check_condition(*question.show_if, pointer,
                      fmt::format("this condition can never be true, so question '{}' is never shown", question.id));
    }
    for (std::size_t r = 0; r < bank_.rules.size(); ++r) {
      std::string pointer = pointer_append("/rules", r) + "/when";
      check_condition(bank_.rules[r].when, pointer,
                      fmt::format("this condition can never be true, so rule '{}' never fires", bank_.rules[r].id));
    }
    exclusive_options();
    effects();
    red_flags();
  }

 private:
  /// Reports `condition` when it can never be true; otherwise looks at the alternatives inside it.
  void check_condition(const Condition& condition, const std::string& pointer, const std::string& message) {
    if (can_be_true(bank_, condition, budget_) == Satisfiable::no) {
      reader_.error(pointer, message);
      return;
    }
    check_alternatives(condition, pointer);
  }

  /// Every alternative of an "any" (through "all" and "any" nesting) must be able to be true.
  void check_alternatives(const Condition& condition, const std::string& pointer) {
    if (condition.kind != Condition::Kind::all && condition.kind != Condition::Kind::any) return;
    const char* key = condition.kind == Condition::Kind::all ? "all" : "any";
    for (std::size_t i = 0; i < condition.children.size(); ++i) {
      std::string child_pointer = pointer_append(pointer_append(pointer, key), i);
      const Condition& child = condition.children[i];
      if (condition.kind == Condition::Kind::any && can_be_true(bank_, child, budget_) == Satisfiable::no) {
        reader_.error(child_pointer, "this condition can never be true, so this alternative of \"any\" never applies");
        continue;
      }
      check_alternatives(child, child_pointer);
    }
  }

  /// "exclusive": true only means something on a multiple-choice question.
  void exclusive_options() {
    for (std::size_t q = 0; q < bank_.questions.size(); ++q) {
      const Question& question = bank_.questions[q];
      if (question.type == QuestionType::multiple) continue;
      for (std::size_t o = 0; o < question.options.size(); ++o) {
        if (!question.options[o].exclusive) continue;
        reader_.error(pointer_append(pointer_append("/questions", q) + "/options", o) + "/exclusive",
                      fmt::format("option '{}' of question '{}' is marked \"exclusive\", but only options of a "
                                  "multiple-choice question can be exclusive; remove \"exclusive\" or make the "
                                  "question \"multiple\"",
                                  question.options[o].id, question.id));
      }
    }
  }

  void effects() {
    References refs = collect_references(bank_);
    for (std::size_t q = 0; q < bank_.questions.size(); ++q) {
      const Question& question = bank_.questions[q];
      if (question.type == QuestionType::text) continue;
      std::string pointer = pointer_append("/questions", q);
      bool weighted = std::any_of(question.options.begin(), question.options.end(),
                                  [](const Option& option) { return has_weight(option.weights); });
      if (!weighted && !refs.scale_item[q] && !refs.question[q]) {
        reader_.warning(pointer, fmt::format("question '{}' cannot influence any outcome, scale or rule: no option "
                                             "has weights, it is not a scale item and no condition uses it",
                                             question.id));
        continue;  // its options would all repeat the same finding
      }
      for (std::size_t o = 0; o < question.options.size(); ++o) {
        const Option& option = question.options[o];
        bool exempt =
            option.unknown || extras_.neutral[q][o] || (question.type == QuestionType::yes_no && option.id == "no");
        bool used = has_weight(option.weights) || (option.points && refs.scale_item[q]) || refs.option[q][o];
        if (exempt || used) continue;
        reader_.warning(pointer_append(pointer + "/options", o),
                        fmt::format("option '{}' of question '{}' has no effect: no weights, no points used by a "
                                    "scale and no condition uses it; add \"neutral\": true if that is intended",
                                    option.id, question.id));
      }
    }
  }

  /// A red flag should say what to do first and where to turn; a bank with crisis flags needs crisis lines.
  void red_flags() {
    bool any_crisis = false;
    for (std::size_t r = 0; r < bank_.rules.size(); ++r) {
      const auto& flag = bank_.rules[r].effects.red_flag;
      if (!flag) continue;
      std::string pointer = pointer_append("/rules", r) + "/effects/red_flag";
      const std::string& id = bank_.rules[r].id;
      if (flag->tier == Tier::crisis) any_crisis = true;
      if (flag->first_step.empty()) {
        reader_.warning(pointer, fmt::format("red flag '{}' has no \"first_step\": the summary then shows a general "
                                             "step; say what this person should do first",
                                             id));
      }
      if (flag->tier == Tier::crisis && flag->resources.empty()) {
        reader_.warning(pointer, fmt::format("crisis red flag '{}' names no \"resources\": the crisis box then "
                                             "shows only the bank's crisis lines",
                                             id));
      }
    }
    if (any_crisis && bank_.crisis_lines.empty()) {
      reader_.warning("",
                      "the bank has crisis red flags but no \"crisis_lines\": the questionnaire's intro, the "
                      "summary's footer and an interruption then name no crisis line");
    }
  }

  const Bank& bank_;
  const BankExtras& extras_;
  BankReader& reader_;
  AnalysisBudget budget_;
};

}  // namespace

void lint_bank(const ParsedBank& parsed, BankReader& reader, const BankLimits& limits) {
  Linter linter(parsed, reader, limits);
  linter.run();
}

}  // namespace wegwijzer::detail
