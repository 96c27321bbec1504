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
void score_answers(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible, Result& result) {
  result.shown.reserve(bank.questions.size());
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    const bool answered = is_answered(question, answers.at(q));
    if (!visible[q]) {
      if (answered) result.ignored.push_back(q);
      continue;
    }
    result.shown.push_back(q);
    if (!answered) {
      if (question.required) result.missing.push_back(q);
      continue;
    }
    if (question.type == QuestionType::text) continue;
    for (auto option : answers.at(q)->options) {
      if (option < question.options.size()) add_weights(result.scores, question.options[option].weights);
    }
  }
}

/// Fired rules, their weights, red flags (crisis first), urgency and notes.
void apply_rules(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible, Result& result) {
  bool any_crisis = false;
  bool any_clinical = false;
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const Rule& rule = bank.rules[r];
    if (!detail::condition_holds(bank, rule.when, answers, visible, &result.scales)) continue;
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

/// Red-flag questions that are shown and unanswered or answered "rather not say".
void find_unknown_red_flags(const Bank& bank, const AnswerSet& answers, Result& result,
                            std::vector<bool>& red_flag_questions) {
  red_flag_questions.assign(bank.questions.size(), false);
  bool any = false;
  for (const Rule& rule : bank.rules) {
    if (!rule.effects.red_flag) continue;
    detail::mark_questions(bank, rule.when, red_flag_questions);
    any = true;
  }
  if (!any) return;
  for (std::size_t q : result.shown) {
    if (!red_flag_questions[q]) continue;
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

void evaluate(const Bank& bank, const AnswerSet& answers, Result& result, EvaluateScratch& scratch) {
  reset(result);
  std::vector<bool>& visible = scratch.visible;
  detail::compute_visibility(bank, answers, visible);
  result.scores.assign(bank.outcomes.size(), 0.0);
  score_answers(bank, answers, visible, result);
  result.scales.reserve(bank.scales.size());
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    result.scales.push_back(detail::scale_value(bank, s, answers, visible));
  }
  apply_rules(bank, answers, visible, result);
  find_unknown_red_flags(bank, answers, result, scratch.red_flag_questions);
  result.status = result.missing.empty() ? Status::complete : Status::incomplete;
  if (result.status == Status::complete && !bank.outcomes.empty()) {
    detail::recommend(bank, result, scratch.excluded, scratch.required);
    detail::explain(bank, answers, visible, result, scratch.listed);
  }
}

Evaluator::Evaluator(const Bank& bank) : bank_(&bank) {}

void Evaluator::evaluate(const AnswerSet& answers, Result& result) {
  wegwijzer::evaluate(*bank_, answers, result, scratch_);
}

Result evaluate(const Bank& bank, const AnswerSet& answers) {
  Result result;
  EvaluateScratch scratch;
  evaluate(bank, answers, result, scratch);
  return result;
}

}  // namespace wegwijzer
