// Witness search: for every outcome and urgency, a complete answer set (following the skip logic)
// that leads to it. Random sampling first, then for each target still missing a directed search:
// greedy construction towards the target with random noise, improved by hill climbing. The effort
// is capped, so a target no answer set reaches costs a bounded, predictable amount of time.
#include "wegwijzer/engine/witness.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "engine_detail.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

namespace wegwijzer {
namespace {

constexpr std::size_t kRandomEvaluations = 20000;
constexpr std::size_t kRestartsPerTarget = 16;
constexpr std::size_t kStepsPerRestart = 1500;
constexpr double kBlocked = 1000.0;  ///< penalty: a red flag, exclusion or requirement stands in the way

/// Chooses an answer for a shown question that has none (nullopt: leave it unanswered).
using Chooser = std::function<std::optional<Answer>(std::size_t question)>;

/// Walks the questions in order: answers shown required questions that are unanswered (with
/// `choose`), clears answers to hidden questions. The result follows the skip logic.
void repair(const Bank& bank, const SkipLogic& skip, AnswerSet& answers, const Chooser& choose) {
  ConditionFacts facts = skip.empty_facts();
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const bool visible = skip.shown(q, facts);
    if (!visible) {
      answers.clear(q);
    } else if (!answers.at(q)) {
      if (auto answer = choose(q)) answers.set(q, std::move(*answer));
    }
    skip.record(q, answers.at(q), visible, facts);
  }
}

/// What a search aims at: an outcome or an urgency.
struct Target {
  std::optional<std::size_t> outcome;
  Urgency urgency = Urgency::routine;
};

bool reached(const Result& result, const Target& target) {
  if (result.status != Status::complete) return false;
  if (target.outcome) return result.recommendation == target.outcome;
  return result.urgency == target.urgency;
}

/// Higher is closer to the target (only for complete results).
double closeness(const Bank& bank, const Result& result, const Target& target) {
  if (!target.outcome) {
    double distance = std::abs(static_cast<int>(result.urgency) - static_cast<int>(target.urgency));
    double flags = static_cast<double>(result.red_flags.size());
    return -kBlocked * distance - (target.urgency == Urgency::crisis ? -flags : flags);
  }
  const std::size_t o = *target.outcome;
  double value = 0;
  double best_other = -std::numeric_limits<double>::infinity();
  bool any_required = false;
  bool required = false;
  for (std::size_t r : result.fired_rules) {
    const Effects& effects = bank.rules[r].effects;
    if (std::find(effects.exclude.begin(), effects.exclude.end(), o) != effects.exclude.end()) value -= kBlocked;
    for (std::size_t req : effects.require) {
      any_required = true;
      required = required || req == o;
    }
  }
  if (any_required && !required) value -= kBlocked;
  std::size_t forced = 0;  // red flags force the heaviest outcome of their tiers
  for (const RaisedFlag& flag : result.red_flags) forced = std::max(forced, bank.red_flag_outcome(flag.tier));
  if (!result.red_flags.empty() && o != forced) value -= kBlocked * static_cast<double>(result.red_flags.size());
  for (const auto& ranked : result.ranking) {
    if (ranked.outcome != o && !ranked.excluded) best_other = std::max(best_other, ranked.score);
  }
  if (best_other > -std::numeric_limits<double>::infinity()) value += result.scores[o] - best_other;
  return value;
}

class Search {
 public:
  Search(const Bank& bank, std::uint64_t seed) : bank_(bank), skip_(bank), evaluator_(bank), random_(seed) {
    found_.outcomes.resize(bank.outcomes.size());
    found_.urgencies.resize(3);
  }

  WitnessSearch run() {
    for (std::size_t i = 0; i < kRandomEvaluations && !all_found(); ++i) {
      AnswerSet answers = sample_answers(bank_, random_);
      evaluate_and_record(answers);
    }
    for (std::size_t o = 0; o < bank_.outcomes.size(); ++o) {
      if (!found_.outcomes[o]) directed(Target{o, Urgency::routine});
    }
    for (Urgency u : {Urgency::routine, Urgency::prompt, Urgency::crisis}) {
      if (!found_.urgencies[static_cast<std::size_t>(u)]) directed(Target{std::nullopt, u});
    }
    return found_;
  }

 private:
  bool all_found() const {
    auto has = [](const std::optional<AnswerSet>& a) { return a.has_value(); };
    return std::all_of(found_.outcomes.begin(), found_.outcomes.end(), has) &&
           std::all_of(found_.urgencies.begin(), found_.urgencies.end(), has);
  }

  Result evaluate_and_record(const AnswerSet& answers) {
    Result result;
    evaluator_.evaluate(answers, result);
    if (result.status != Status::complete) return result;
    if (result.recommendation && !found_.outcomes[*result.recommendation])
      found_.outcomes[*result.recommendation] = answers;
    auto& slot = found_.urgencies[static_cast<std::size_t>(result.urgency)];
    if (!slot) slot = answers;
    return result;
  }

  /// Preference of an option for an outcome target: its weight there minus the mean elsewhere.
  double preference(const Option& option, const Target& target) const {
    if (!target.outcome || option.weights.empty()) return 0;
    double others = 0;
    for (std::size_t p = 0; p < option.weights.size(); ++p) {
      if (p != *target.outcome) others += option.weights[p];
    }
    double mean = option.weights.size() > 1 ? others / static_cast<double>(option.weights.size() - 1) : 0;
    return option.weights[*target.outcome] - mean;
  }

  std::optional<Answer> greedy_answer(std::size_t q, const Target& target, double noise) {
    const Question& question = bank_.questions[q];
    if (question.type == QuestionType::text || question.options.empty()) {
      return question.required ? std::optional<Answer>(detail::random_answer(question, random_)) : std::nullopt;
    }
    std::uniform_real_distribution<double> jitter(-noise, noise);
    std::vector<double> values(question.options.size());
    for (std::size_t i = 0; i < values.size(); ++i)
      values[i] = preference(question.options[i], target) + jitter(random_);
    Answer answer;
    if (question.type == QuestionType::multiple) {
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] > 0 && !question.options[i].exclusive) answer.options.push_back(static_cast<std::uint16_t>(i));
      }
      if (!answer.options.empty()) return answer;  // an exclusive option is only ever chosen alone, below
    }
    auto best = static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
    if (!question.required && values[best] <= 0 && question.type == QuestionType::multiple) return std::nullopt;
    answer.options.push_back(static_cast<std::uint16_t>(best));
    return answer;
  }

  void directed(const Target& target) {
    const Chooser random_choice = [this](std::size_t q) -> std::optional<Answer> {
      const Question& question = bank_.questions[q];
      if (!question.required && random_() % 5 == 0) return std::nullopt;
      return detail::random_answer(question, random_);
    };
    for (std::size_t restart = 0; restart < kRestartsPerTarget; ++restart) {
      const double noise = 0.5 * static_cast<double>(restart);
      AnswerSet current(bank_);
      repair(bank_, skip_, current, [&](std::size_t q) { return greedy_answer(q, target, noise); });
      Result result = evaluate_and_record(current);
      if (reached(result, target)) return;
      double score = closeness(bank_, result, target);
      for (std::size_t step = 0; step < kStepsPerRestart; ++step) {
        if (result.shown.empty()) break;
        AnswerSet next = current;
        std::size_t q = result.shown[random_() % result.shown.size()];
        const Question& question = bank_.questions[q];
        if (!question.required && random_() % 4 == 0) {
          next.clear(q);
        } else {
          next.set(q, detail::random_answer(question, random_));
        }
        repair(bank_, skip_, next, random_choice);
        Result next_result = evaluate_and_record(next);
        if (reached(next_result, target)) return;
        if (next_result.status != Status::complete) continue;
        double next_score = closeness(bank_, next_result, target);
        if (next_score >= score) {
          current = std::move(next);
          result = std::move(next_result);
          score = next_score;
        }
      }
    }
  }

  const Bank& bank_;
  SkipLogic skip_;
  Evaluator evaluator_;
  std::mt19937_64 random_;
  WitnessSearch found_;
};

}  // namespace

WitnessSearch find_witnesses(const Bank& bank, std::uint64_t seed) { return Search(bank, seed).run(); }

}  // namespace wegwijzer
