// evaluate(): skip logic, scores, scales, rules, red flags and urgency. The recommendation and
// its reasons live in recommendation.cpp and reasons.cpp.
#include "wegwijzer/engine.hpp"

#include "engine_detail.hpp"

namespace wegwijzer {
namespace {

bool is_answered(const Question& question, const std::optional<Answer>& answer) {
  if (!answer) return false;
  return question.type == QuestionType::text ? !answer->text.empty() : !answer->options.empty();
}

void add_weights(std::vector<double>& scores, const std::vector<double>& weights) {
  const std::size_t n = std::min(scores.size(), weights.size());
  for (std::size_t o = 0; o < n; ++o) scores[o] += weights[o];
}

/// Shown, missing and ignored questions, and the scores from the answers.
void score_answers(const Bank& bank, const AnswerSet& answers, const std::vector<char>& visible, Result& result) {
  result.shown.reserve(bank.questions.size());
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    const auto& answer = answers.at(q);
    const bool answered = is_answered(question, answer);
    if (visible[q] == 0) {
      if (answered) result.ignored.push_back(q);
      continue;
    }
    result.shown.push_back(q);
    if (!answered) {
      if (question.required) result.missing.push_back(q);
      continue;
    }
    if (question.type == QuestionType::text) continue;
    for (auto option : answer->options) {
      if (option < question.options.size()) add_weights(result.scores, question.options[option].weights);
    }
  }
}

/// Fired rules, their weights, red flags (crisis first), urgency and notes.
void apply_rules(const Bank& bank, const std::vector<AnswerFacts>& facts, Result& result) {
  bool any_crisis = false;
  bool any_clinical = false;
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const Rule& rule = bank.rules[r];
    if (!detail::condition_holds(bank, rule.when, facts.data(), facts.size(), &result.scales)) continue;
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

/// Red-flag questions (`red_flag_question`) that are shown and unanswered or answered "rather not say".
void find_unknown_red_flags(const Bank& bank, const AnswerSet& answers, const std::vector<char>& red_flag_question,
                            Result& result) {
  for (std::size_t q : result.shown) {
    if (red_flag_question[q] == 0) continue;
    const Question& question = bank.questions[q];
    const auto& answer = answers.at(q);
    bool unknown = !is_answered(question, answer);
    if (!unknown && question.type != QuestionType::text) {
      for (auto option : answer->options) {
        if (option < question.options.size() && question.options[option].unknown) unknown = true;
      }
    }
    if (unknown) result.unknown_red_flags.push_back(q);
  }
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

Evaluator::Evaluator(const Bank& bank) : bank_(&bank) {
  std::vector<bool> marks(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.red_flag) continue;
    detail::mark_questions(bank, rule.when, marks);
    any_red_flag_rule_ = true;
  }
  red_flag_question_.assign(marks.begin(), marks.end());
}

void Evaluator::evaluate(const AnswerSet& answers, Result& result) {
  const Bank& bank = *bank_;
  reset(result);
  detail::compute_visibility(bank, answers, visible_, facts_);
  result.scores.assign(bank.outcomes.size(), 0.0);
  score_answers(bank, answers, visible_, result);
  result.scales.reserve(bank.scales.size());
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    result.scales.push_back(detail::scale_value(bank, s, facts_.data(), facts_.size()));
  }
  apply_rules(bank, facts_, result);
  if (any_red_flag_rule_) find_unknown_red_flags(bank, answers, red_flag_question_, result);
  result.status = result.missing.empty() ? Status::complete : Status::incomplete;
  if (result.status == Status::complete && !bank.outcomes.empty()) {
    detail::recommend(bank, result, excluded_, required_);
    detail::explain(bank, answers, visible_, result, listed_);
  }
}

Result evaluate(const Bank& bank, const AnswerSet& answers) {
  Result result;
  Evaluator(bank).evaluate(answers, result);
  return result;
}

}  // namespace wegwijzer
