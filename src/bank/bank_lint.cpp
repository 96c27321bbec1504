#include "bank_lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

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

/// What `mark` records while it walks the conditions: linear in their size (a scale or a points
/// comparison is marked once, its items and options after the walk).
struct Marks {
  std::vector<bool> scale;        ///< per scale: some condition reads it
  std::vector<bool> all_options;  ///< per question: some condition compares its points
};

void mark(const Condition& condition, References& refs, Marks& marks) {
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
    case Condition::Kind::negate:
      for (const Condition& child : condition.children) mark(child, refs, marks);
      return;
    case Condition::Kind::scale_at_least:
    case Condition::Kind::scale_at_most: marks.scale[condition.scale] = true; return;
    case Condition::Kind::answered: refs.question[condition.question] = true; return;
    case Condition::Kind::answer_at_least:
    case Condition::Kind::answer_at_most:
      refs.question[condition.question] = true;
      marks.all_options[condition.question] = true;
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
  Marks marks{std::vector<bool>(bank.scales.size(), false), std::vector<bool>(bank.questions.size(), false)};
  for (const Question& question : bank.questions) {
    if (question.show_if) mark(*question.show_if, refs, marks);
  }
  for (const Rule& rule : bank.rules) mark(rule.when, refs, marks);
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    for (std::size_t item : bank.scales[s].items) {
      refs.scale_item[item] = true;
      if (marks.scale[s]) refs.question[item] = true;
    }
  }
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (marks.all_options[q]) std::fill(refs.option[q].begin(), refs.option[q].end(), true);
  }
  return refs;
}

bool has_weight(const std::vector<double>& weights) {
  return std::any_of(weights.begin(), weights.end(), [](double w) { return w != 0.0; });
}

class Linter {
 public:
  Linter(const ParsedBank& parsed, BankReader& reader, const BankLimits& limits)
      : bank_(parsed.bank), extras_(parsed.extras), reader_(reader), limits_(limits) {}

  void run() {
    if (limits_.analyse_conditions) never_true();
    exclusive_options();
    effects();
    red_flags();
  }

 private:
  /// One condition the never-true analysis looks at.
  struct Target {
    const Condition* condition;
    std::string pointer;
    std::string message;  ///< the error when it can never be true
  };

  /// Reports show_ifs and rule conditions that can never be true, within the work budget; says
  /// once where it stopped when the budget ran out.
  void never_true() {
    std::vector<Target> targets;
    for (std::size_t q = 0; q < bank_.questions.size(); ++q) {
      const Question& question = bank_.questions[q];
      if (!question.show_if) continue;
      targets.push_back(
          {&*question.show_if, pointer_append("/questions", q) + "/show_if",
           fmt::format("this condition can never be true, so question '{}' is never shown", question.id)});
    }
    for (std::size_t r = 0; r < bank_.rules.size(); ++r) {
      targets.push_back({&bank_.rules[r].when, pointer_append("/rules", r) + "/when",
                         fmt::format("this condition can never be true, so rule '{}' never fires", bank_.rules[r].id)});
    }
    ConditionAnalysis analysis(bank_, AnalysisBudget{limits_.analysis_budget, limits_.analysis_work_budget});
    for (std::size_t i = 0; i < targets.size(); ++i) {
      check_condition(analysis, *targets[i].condition, targets[i].pointer, targets[i].message);
      if (!analysis.spent()) continue;
      reader_.warning(targets[i].pointer,
                      fmt::format("the never-true analysis stopped early after {} of {} conditions (work budget of "
                                  "{} steps spent); this condition and the ones after it were not checked completely",
                                  i, targets.size(), limits_.analysis_work_budget));
      return;
    }
  }

  /// Reports `condition` when it can never be true; otherwise looks at the alternatives inside it.
  void check_condition(ConditionAnalysis& analysis, const Condition& condition, const std::string& pointer,
                       const std::string& message) {
    if (analysis.can_be_true(condition) == Satisfiable::no) {
      reader_.error(pointer, message);
      return;
    }
    check_alternatives(analysis, condition, pointer);
  }

  /// Every alternative of an "any" (through "all" and "any" nesting) must be able to be true.
  void check_alternatives(ConditionAnalysis& analysis, const Condition& condition, const std::string& pointer) {
    if (condition.kind != Condition::Kind::all && condition.kind != Condition::Kind::any) return;
    const char* key = condition.kind == Condition::Kind::all ? "all" : "any";
    const std::string list_pointer = pointer_append(pointer, key);
    for (std::size_t i = 0; i < condition.children.size() && !analysis.spent(); ++i) {
      const Condition& child = condition.children[i];
      if (condition.kind == Condition::Kind::any && analysis.can_be_true(child) == Satisfiable::no) {
        reader_.error(pointer_append(list_pointer, i),
                      "this condition can never be true, so this alternative of \"any\" never applies");
        continue;
      }
      if (child.kind == Condition::Kind::all || child.kind == Condition::Kind::any) {
        check_alternatives(analysis, child, pointer_append(list_pointer, i));
      }
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
      // An instrument (no outcomes) may ask what it only records, such as how hard the complaints made daily life.
      if (!weighted && !refs.scale_item[q] && !refs.question[q] && !bank_.outcomes.empty()) {
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
  const BankLimits& limits_;
};

}  // namespace

void lint_bank(const ParsedBank& parsed, BankReader& reader, const BankLimits& limits) {
  Linter linter(parsed, reader, limits);
  linter.run();
}

}  // namespace wegwijzer::detail
