// evaluate(): skip logic, scores, scales, rules, red flags and urgency, in one pass over the
// questions with tables prepared once per bank. The recommendation and its reasons live in
// recommendation.cpp and reasons.cpp.
#include "wegwijzer/engine.hpp"

#include <algorithm>
#include <cstdint>

#include "engine_detail.hpp"
#include "wegwijzer/answer_facts.hpp"
#include "wegwijzer/condition_plan.hpp"

namespace wegwijzer {
namespace {

/// One question as the evaluator needs it.
struct QuestionEntry {
  std::uint32_t show_if = ConditionPlan::none;  ///< compiled show_if
  std::size_t first_option = 0;                 ///< its first option in the option tables
  std::size_t option_count = 0;
  bool text = false;      ///< free text: never scored
  bool required = false;
  bool red_flag = false;  ///< a red-flag rule refers to it
};

/// One option as the evaluator needs it; its weights are in a flat table.
struct OptionEntry {
  int points = 0;
  bool unknown = false;  ///< "rather not say"
};

void add_weights(std::vector<double>& scores, const std::vector<double>& weights) {
  const std::size_t n = std::min(scores.size(), weights.size());
  for (std::size_t o = 0; o < n; ++o) scores[o] += weights[o];
}

/// Empties a result for a new evaluation; vectors keep their capacity.
void reset(Result& result) {
  result.status = Status::incomplete;
  result.missing.clear();
  result.ignored.clear();
  result.shown.clear();
  result.scores.clear();
  result.scales.clear();
  result.fired_rules.clear();
  result.red_flags.clear();
  result.urgency = Urgency::routine;
  result.recommendation.reset();
  result.ranking.clear();
  result.reasons.clear();
  result.unknown_red_flags.clear();
  result.notes.clear();
  result.close_call = false;
}

}  // namespace

struct Evaluator::Impl {
  explicit Impl(const Bank& bank_in) : bank(bank_in), plan(bank_in), outcomes(bank_in.outcomes.size()) {
    std::vector<bool> red_flag(bank.questions.size(), false);
    for (const Rule& rule : bank.rules) {
      if (rule.effects.red_flag) detail::mark_questions(bank, rule.when, red_flag);
    }
    questions.reserve(bank.questions.size());
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      QuestionEntry entry;
      entry.show_if = plan.show_if[q];
      entry.first_option = options.size();
      entry.option_count = question.options.size();
      entry.text = question.type == QuestionType::text;
      entry.required = question.required;
      entry.red_flag = red_flag[q];
      questions.push_back(entry);
      for (const Option& option : question.options) {
        options.push_back(OptionEntry{option.points.value_or(0), option.unknown});
        // Missing weights are zeros: adding +0.0 leaves a score as it is (scores are never -0.0).
        for (std::size_t o = 0; o < outcomes; ++o) weights.push_back(o < option.weights.size() ? option.weights[o] : 0.0);
      }
    }
  }

  void evaluate(const AnswerSet& answers, Result& result);
  /// Visibility, facts, shown / ignored / missing, answer weights and unknown red flags of question q.
  inline void walk_question(std::size_t q, const AnswerSet& answers, Result& result);
  /// Fired rules, their weights, red flags (crisis first), urgency and notes.
  void apply_rules(Result& result) const;

  const Bank& bank;
  BankPlan plan;
  std::size_t outcomes;
  std::vector<QuestionEntry> questions;
  std::vector<OptionEntry> options;
  std::vector<double> weights;  ///< per option (options order), `outcomes` each
  std::vector<AnswerFacts> facts;
  std::vector<char> excluded;   ///< working memory: per outcome
  std::vector<char> required;   ///< working memory: per outcome
  std::vector<char> listed;     ///< working memory: per rule, already given as a reason
  std::vector<detail::ScoredOption> scored;  ///< working memory: the options that added weights
};

inline void Evaluator::Impl::walk_question(std::size_t q, const AnswerSet& answers, Result& result) {
  const QuestionEntry& entry = questions[q];
  // Conditions refer only to earlier questions, so the show_if sees the facts before q.
  const bool shown = entry.show_if == ConditionPlan::none || plan.conditions.holds(entry.show_if, facts.data(), q, nullptr);
  AnswerFacts& fact = facts[q];
  fact = AnswerFacts{};
  const auto& answer = answers.at(q);
  const bool answered = answer && (entry.text ? !answer->text.empty() : !answer->options.empty());
  if (!shown) {
    if (answered) result.ignored.push_back(q);
    return;
  }
  result.shown.push_back(q);
  bool unknown = !answered;
  if (answer) {
    fact.present = true;
    fact.count = static_cast<std::uint16_t>(answer->options.size());
    for (auto option : answer->options) {
      mark_option(fact.chosen, option);
      if (option >= entry.option_count) continue;
      const OptionEntry& chosen = options[entry.first_option + option];
      fact.points += chosen.points;
      if (entry.text) continue;
      unknown = unknown || chosen.unknown;
      const double* add = &weights[(entry.first_option + option) * outcomes];
      scored.push_back(detail::ScoredOption{q, option, add});
      double* scores = result.scores.data();
      for (std::size_t o = 0; o < outcomes; ++o) scores[o] += add[o];
    }
  }
  if (!answered && entry.required) result.missing.push_back(q);
  if (entry.red_flag && unknown) result.unknown_red_flags.push_back(q);
}

void Evaluator::Impl::apply_rules(Result& result) const {
  bool any_crisis = false;
  bool any_clinical = false;
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const Rule& rule = bank.rules[r];
    if (!plan.conditions.holds(plan.rules[r], facts.data(), facts.size(), &result.scales)) continue;
    result.fired_rules.push_back(r);
    add_weights(result.scores, rule.effects.weights);
    if (rule.effects.min_urgency && *rule.effects.min_urgency > result.urgency) {
      result.urgency = *rule.effects.min_urgency;
    }
    if (rule.effects.red_flag) {
      (rule.effects.red_flag->tier == Tier::crisis ? any_crisis : any_clinical) = true;
    }
    if (!rule.effects.note.empty()) result.notes.push_back(r);
  }
  for (Tier tier : {Tier::crisis, Tier::clinical}) {
    for (std::size_t r : result.fired_rules) {
      const auto& flag = bank.rules[r].effects.red_flag;
      if (flag && flag->tier == tier) result.red_flags.push_back(RaisedFlag{r, tier});
    }
  }
  if (any_clinical && result.urgency < Urgency::prompt) result.urgency = Urgency::prompt;
  if (any_crisis) result.urgency = Urgency::crisis;
}

void Evaluator::Impl::evaluate(const AnswerSet& answers, Result& result) {
  reset(result);
  const std::size_t count = questions.size();
  facts.resize(count);
  result.scores.assign(outcomes, 0.0);
  result.shown.reserve(count);
  scored.clear();
  for (std::size_t q = 0; q < count; ++q) walk_question(q, answers, result);
  result.scales.reserve(bank.scales.size());
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    result.scales.push_back(detail::scale_value(bank, s, facts.data(), facts.size()));
  }
  apply_rules(result);
  result.status = result.missing.empty() ? Status::complete : Status::incomplete;
  if (result.status == Status::complete && outcomes != 0) {
    detail::recommend(bank, result, excluded, required);
    detail::explain(bank, scored, result, listed);
  }
}

Evaluator::Evaluator(const Bank& bank) : impl_(std::make_unique<Impl>(bank)) {}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

void Evaluator::evaluate(const AnswerSet& answers, Result& result) { impl_->evaluate(answers, result); }

Result evaluate(const Bank& bank, const AnswerSet& answers) {
  Result result;
  Evaluator(bank).evaluate(answers, result);
  return result;
}

}  // namespace wegwijzer
