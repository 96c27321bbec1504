#pragma once
// Builds Bank structs in C++ for engine tests, independent of the JSON bank format.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"

namespace wegwijzer::test {

/// One option of a question under construction.
struct OptionSpec {
  std::string id;
  std::map<std::string, double> weights;  ///< outcome id → weight
  std::optional<int> points;
  bool unknown = false;
};

/// Fluent builder for fixture banks. Ids are resolved to indices when they are used, so refer
/// only to questions, options, scales and outcomes added before.
class BankBuilder {
 public:
  /// A bank with these outcomes (sliding-scale order, lowest step first).
  explicit BankBuilder(std::vector<std::string> outcomes = {"werkbegeleiding", "coaching", "supervisie", "therapie"}) {
    bank_.id = "fixture";
    bank_.version = "1";
    bank_.languages = {"en"};
    bank_.source_name = "<fixture>";
    for (auto& id : outcomes) {
      Outcome outcome;
      outcome.id = std::move(id);
      outcome.name = text(outcome.id);
      bank_.outcomes.push_back(std::move(outcome));
    }
  }

  /// Adds a question.
  BankBuilder& question(const std::string& id, QuestionType type, const std::vector<OptionSpec>& options,
                        bool required = true, std::optional<Condition> show_if = std::nullopt) {
    Question question;
    question.id = id;
    question.text = text(id + "?");
    question.type = type;
    question.required = required;
    question.show_if = std::move(show_if);
    for (const auto& spec : options) {
      Option option;
      option.id = spec.id;
      option.label = text(spec.id);
      option.weights = weights(spec.weights);
      option.points = spec.points;
      if (type == QuestionType::scale && !option.points) option.points = 0;
      option.unknown = spec.unknown;
      question.options.push_back(std::move(option));
    }
    bank_.questions.push_back(std::move(question));
    return *this;
  }

  /// Adds a scale over these questions with bands {id, min, max}.
  BankBuilder& scale(const std::string& id, const std::vector<std::string>& items,
                     const std::vector<std::tuple<std::string, int, int>>& bands) {
    Scale scale;
    scale.id = id;
    scale.label = text(id);
    for (const auto& item : items) scale.items.push_back(q(item));
    for (const auto& [band_id, min, max] : bands) scale.bands.push_back(Band{band_id, text(band_id), min, max});
    if (!scale.bands.empty()) {
      scale.min_value = scale.bands.front().min;
      scale.max_value = scale.bands.back().max;
    }
    bank_.scales.push_back(std::move(scale));
    return *this;
  }

  /// Adds a rule.
  BankBuilder& rule(const std::string& id, Condition when, Effects effects) {
    bank_.rules.push_back(Rule{id, std::move(when), std::move(effects)});
    return *this;
  }

  /// Sets the close margin.
  BankBuilder& close_margin(double margin) {
    bank_.close_margin = margin;
    return *this;
  }

  /// The bank built so far.
  const Bank& build() const { return bank_; }

  // --- ids to indices -----------------------------------------------------------------------
  std::size_t q(const std::string& id) const { return must(bank_.find_question(id), id); }
  std::size_t opt(const std::string& question_id, const std::string& option_id) const {
    return must(bank_.questions[q(question_id)].find_option(option_id), question_id + "." + option_id);
  }
  std::size_t outcome(const std::string& id) const { return must(bank_.find_outcome(id), id); }
  std::size_t scale_index(const std::string& id) const { return must(bank_.find_scale(id), id); }
  std::vector<double> weights(const std::map<std::string, double>& by_outcome) const {
    std::vector<double> result(bank_.outcomes.size(), 0.0);
    for (const auto& [id, weight] : by_outcome) result[outcome(id)] = weight;
    return result;
  }

  // --- conditions ---------------------------------------------------------------------------
  Condition answered(const std::string& question_id) const { return leaf(Condition::Kind::answered, question_id, {}); }
  Condition equals(const std::string& question_id, const std::string& option_id) const {
    return leaf(Condition::Kind::equals, question_id, {option_id});
  }
  Condition in(const std::string& question_id, const std::vector<std::string>& option_ids) const {
    return leaf(Condition::Kind::in, question_id, option_ids);
  }
  Condition contains(const std::string& question_id, const std::string& option_id) const {
    return leaf(Condition::Kind::contains, question_id, {option_id});
  }
  Condition points_at_least(const std::string& question_id, double value) const {
    Condition c = leaf(Condition::Kind::answer_at_least, question_id, {});
    c.value = value;
    return c;
  }
  Condition points_at_most(const std::string& question_id, double value) const {
    Condition c = leaf(Condition::Kind::answer_at_most, question_id, {});
    c.value = value;
    return c;
  }
  Condition scale_at_least(const std::string& scale_id, double value) const {
    Condition c;
    c.kind = Condition::Kind::scale_at_least;
    c.scale = scale_index(scale_id);
    c.value = value;
    return c;
  }
  Condition scale_at_most(const std::string& scale_id, double value) const {
    Condition c = scale_at_least(scale_id, value);
    c.kind = Condition::Kind::scale_at_most;
    return c;
  }
  static Condition all(std::vector<Condition> children) { return node(Condition::Kind::all, std::move(children)); }
  static Condition any(std::vector<Condition> children) { return node(Condition::Kind::any, std::move(children)); }
  static Condition negate(Condition child) { return node(Condition::Kind::negate, {std::move(child)}); }

  // --- effects ------------------------------------------------------------------------------
  static Effects red_flag(Tier tier) {
    Effects effects;
    effects.red_flag = Effects::RedFlag{tier, text("flag"), text("step"), {}};
    effects.min_urgency = tier == Tier::crisis ? Urgency::crisis : Urgency::prompt;
    return effects;
  }

  static LocalText text(const std::string& english) { return LocalText({{"en", english}}); }

 private:
  static std::size_t must(std::optional<std::size_t> index, const std::string& what) {
    if (!index) throw std::logic_error("bank builder: unknown id " + what);
    return *index;
  }
  Condition leaf(Condition::Kind kind, const std::string& question_id,
                 const std::vector<std::string>& option_ids) const {
    Condition c;
    c.kind = kind;
    c.question = q(question_id);
    for (const auto& option_id : option_ids) c.options.push_back(opt(question_id, option_id));
    return c;
  }
  static Condition node(Condition::Kind kind, std::vector<Condition> children) {
    Condition c;
    c.kind = kind;
    c.children = std::move(children);
    return c;
  }

  Bank bank_;
};

/// A small bank shaped like the placeholder bank: need, a distress scale with a crisis
/// question behind it, optional topics and remarks, a clinical rule and a task rule.
inline Bank small_fixture_bank() {
  BankBuilder b;
  b.question("need", QuestionType::single,
             {{"task", {{"werkbegeleiding", 3}}, {}, false},
              {"goal", {{"coaching", 3}}, {}, false},
              {"reflect", {{"supervisie", 3}}, {}, false},
              {"complaint", {{"therapie", 3}}, {}, false}});
  b.question("down", QuestionType::scale,
             {{"never", {}, 0, false},
              {"some", {}, 1, false},
              {"half", {}, 2, false},
              {"daily", {{"therapie", 2}}, 3, false}});
  b.scale("distress", {"down"}, {{"none", 0, 0}, {"mild", 1, 1}, {"moderate", 2, 2}, {"severe", 3, 3}});
  b.question("life_worth", QuestionType::yes_no,
             {{"yes", {}, {}, false}, {"no", {}, {}, false}, {"rather_not_say", {}, {}, true}}, true,
             b.scale_at_least("distress", 2));
  b.question("topics", QuestionType::multiple,
             {{"work", {{"coaching", 1}, {"supervisie", 1}}, {}, false}, {"private", {{"therapie", 1}}, {}, false}},
             false, BankBuilder::negate(b.equals("need", "task")));
  b.question("remarks", QuestionType::text, {}, false);
  b.rule("life-not-worth-living", b.equals("life_worth", "yes"), BankBuilder::red_flag(Tier::crisis));
  Effects clinical = BankBuilder::red_flag(Tier::clinical);
  clinical.require = {b.outcome("therapie")};
  b.rule("daily-low-mood", b.scale_at_least("distress", 3), clinical);
  Effects task;
  task.exclude = {b.outcome("therapie")};
  task.weights = b.weights({{"werkbegeleiding", 1}});
  task.note = BankBuilder::text("ask your manager");
  b.rule("task-not-therapy", BankBuilder::all({b.equals("need", "task"), b.scale_at_most("distress", 1)}), task);
  return b.build();
}

}  // namespace wegwijzer::test
