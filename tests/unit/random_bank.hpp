#pragma once
// Random banks, conditions and answer sets for the equivalence tests of the evaluator: odd shapes
// on purpose (options past 64 and 128, zero or five outcomes, short weight lists, out-of-range
// indices, show_ifs that refer forward, repeated options in an answer).
#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"

namespace wegwijzer::test {

/// A random number in [0, n).
inline std::size_t pick(std::mt19937_64& random, std::size_t n) { return n == 0 ? 0 : random() % n; }
/// True with probability `percent` / 100.
inline bool chance(std::mt19937_64& random, unsigned percent) { return random() % 100 < percent; }

/// What random conditions may refer to.
struct ConditionScope {
  std::size_t questions = 0;      ///< questions it usually refers to: 0 .. questions-1
  std::size_t all_questions = 0;  ///< questions of the bank (a few leaves refer beyond `questions`)
  std::size_t scales = 0;
  const Bank* bank = nullptr;  ///< for option counts
};

/// A random condition of at most `depth` levels of all / any / not.
inline Condition random_condition(std::mt19937_64& random, const ConditionScope& scope, int depth) {
  using Kind = Condition::Kind;
  static const Kind kinds[] = {
      Kind::all,          Kind::any,      Kind::negate,          Kind::answered,       Kind::equals,
      Kind::in,           Kind::contains, Kind::answer_at_least, Kind::answer_at_most, Kind::scale_at_least,
      Kind::scale_at_most};
  static const double values[] = {-1, 0, 0.5, 1, 2, 3, 4, 6, 100};
  Condition condition;
  condition.kind = kinds[depth > 0 ? pick(random, 11) : 3 + pick(random, 8)];
  condition.value = values[pick(random, 9)];
  switch (condition.kind) {
    case Kind::all:
    case Kind::any:
    case Kind::negate: {
      const std::size_t children =
          condition.kind == Kind::negate ? (chance(random, 90) ? 1 : pick(random, 3)) : pick(random, 4);
      for (std::size_t i = 0; i < children; ++i)
        condition.children.push_back(random_condition(random, scope, depth - 1));
      break;
    }
    case Kind::scale_at_least:
    case Kind::scale_at_most:
      condition.scale = chance(random, 5) ? scope.scales + 1 : pick(random, scope.scales);
      if (scope.scales == 0 && chance(random, 50)) condition.scale = 0;
      break;
    default: {
      if (scope.questions == 0 || chance(random, 4)) {
        condition.question = scope.questions + pick(random, scope.all_questions - scope.questions + 2);
      } else {
        condition.question = pick(random, scope.questions);
      }
      const std::size_t options = condition.question < scope.bank->questions.size()
                                      ? scope.bank->questions[condition.question].options.size()
                                      : 3;
      const std::size_t listed = condition.kind == Kind::in ? 1 + pick(random, 4) : (chance(random, 95) ? 1 : 0);
      for (std::size_t i = 0; i < listed; ++i) {
        condition.options.push_back(chance(random, 5) ? 64 + pick(random, 80) : pick(random, options + 1));
      }
      break;
    }
  }
  return condition;
}

/// Random weights for `outcomes` outcomes: often all zero, now and then too few.
inline std::vector<double> random_weights(std::mt19937_64& random, std::size_t outcomes) {
  static const double weights[] = {0, 0, 0, 1, 2, 0.5, -1, 3, 0.25};
  std::vector<double> result(chance(random, 10) ? pick(random, outcomes + 1) : outcomes);
  if (chance(random, 30)) return std::vector<double>(result.size(), 0.0);
  for (double& weight : result) weight = weights[pick(random, 9)];
  return result;
}

/// A random bank (not checked by the loader: the engine must cope with any Bank value).
inline Bank random_bank(std::mt19937_64& random) {
  static const std::size_t outcome_counts[] = {0, 1, 3, 4, 4, 4, 5, 8};
  Bank bank;
  bank.id = "random";
  bank.close_margin = chance(random, 50) ? 1.0 : 0.5 * static_cast<double>(pick(random, 5));
  const std::size_t outcomes = outcome_counts[pick(random, 8)];
  for (std::size_t o = 0; o < outcomes; ++o) {
    Outcome outcome;
    outcome.id = o == 2 && chance(random, 50) ? "therapie" : "o" + std::to_string(o);
    bank.outcomes.push_back(outcome);
  }
  if (outcomes > 0 && chance(random, 50)) {  // a red-flag outcome per tier, the crisis tier's at least as heavy
    const std::size_t clinical = pick(random, outcomes);
    bank.red_flag_outcomes = {clinical, clinical + pick(random, outcomes - clinical)};
  }
  const std::size_t question_count = 1 + pick(random, 14);
  const std::size_t scale_count = pick(random, 4);
  for (std::size_t q = 0; q < question_count; ++q) {
    Question question;
    question.id = "q" + std::to_string(q);
    question.type = static_cast<QuestionType>(pick(random, 5));
    question.required = chance(random, 60);
    std::size_t options = 1 + pick(random, 6);
    if (chance(random, 8)) options = 60 + pick(random, 90);  // past 64, sometimes past 128
    if (question.type == QuestionType::text) options = chance(random, 10) ? 2 : 0;
    for (std::size_t o = 0; o < options; ++o) {
      Option option;
      option.id = "a" + std::to_string(o);
      option.weights = random_weights(random, outcomes);
      if (chance(random, 70)) option.points = static_cast<int>(pick(random, 5)) - (chance(random, 10) ? 2 : 0);
      option.unknown = chance(random, 12);
      question.options.push_back(option);
    }
    if (q > 0 && chance(random, 50)) {
      // Mostly about earlier questions; now and then about itself or a later one.
      const ConditionScope scope{chance(random, 90) ? q : question_count, question_count, scale_count, &bank};
      question.show_if = random_condition(random, scope, 2);
    }
    bank.questions.push_back(question);
  }
  for (std::size_t s = 0; s < scale_count; ++s) {
    Scale scale;
    scale.id = "s" + std::to_string(s);
    const std::size_t items = 1 + pick(random, 4);
    for (std::size_t i = 0; i < items; ++i) {
      scale.items.push_back(chance(random, 5) ? question_count + 1 : pick(random, question_count));
    }
    int low = chance(random, 20) ? -2 : 0;
    for (std::size_t b = 0; b < 1 + pick(random, 4); ++b) {
      const int high = low + static_cast<int>(pick(random, 5));
      scale.bands.push_back(Band{"b" + std::to_string(b), {}, low, high});
      low = high + 1;
    }
    bank.scales.push_back(scale);
  }
  const std::size_t rule_count = pick(random, 14) + (chance(random, 5) ? 60 : 0);  // sometimes past 64
  for (std::size_t r = 0; r < rule_count; ++r) {
    Rule rule;
    rule.id = "r" + std::to_string(r);
    rule.when = random_condition(random, ConditionScope{question_count, question_count, scale_count, &bank}, 3);
    if (chance(random, 25)) {
      rule.effects.red_flag = Effects::RedFlag{chance(random, 40) ? Tier::crisis : Tier::clinical, {}, {}, {}};
    }
    if (chance(random, 30)) rule.effects.min_urgency = static_cast<Urgency>(pick(random, 3));
    for (std::size_t i = 0; i < 3; ++i) {
      if (chance(random, 12)) rule.effects.require.push_back(pick(random, outcomes + 1));
      if (chance(random, 15)) rule.effects.exclude.push_back(pick(random, outcomes + 1));
    }
    if (chance(random, 40)) rule.effects.weights = random_weights(random, outcomes);
    if (chance(random, 30)) rule.effects.note = LocalText(std::map<std::string, std::string>{{"en", "note"}});
    bank.rules.push_back(rule);
  }
  return bank;
}

/// A random answer set, set without checks: mostly one option, sometimes several, none, repeated
/// or out of range; free text empty or not.
inline AnswerSet random_answers(const Bank& bank, std::mt19937_64& random) {
  AnswerSet answers(bank);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (chance(random, 15)) continue;
    const Question& question = bank.questions[q];
    Answer answer;
    if (question.type == QuestionType::text) {
      if (chance(random, 70)) answer.text = "some words";
      if (chance(random, 5)) answer.options.push_back(static_cast<std::uint16_t>(pick(random, 3)));
      answers.set(q, answer);
      continue;
    }
    const std::size_t options = question.options.size();
    std::size_t count = chance(random, 75) ? 1 : pick(random, 4);
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t option = pick(random, options);
      if (chance(random, 3)) option = options + pick(random, 3);  // past the options
      answer.options.push_back(static_cast<std::uint16_t>(option));
    }
    if (chance(random, 80)) {  // usually sorted and unique, as AnswerSet's checked setters keep them
      std::sort(answer.options.begin(), answer.options.end());
      answer.options.erase(std::unique(answer.options.begin(), answer.options.end()), answer.options.end());
    }
    answers.set(q, answer);
  }
  return answers;
}

}  // namespace wegwijzer::test
