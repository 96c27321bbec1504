// The reasons behind a recommendation, most weighty first: red-flag rules (crisis, then clinical),
// rules that require or exclude outcomes, then answers and weighted rules by their effect (weight
// towards the recommendation minus weight towards the runner-up; positive effects only).
#include <algorithm>

#include "engine_detail.hpp"

namespace wegwijzer::detail {
namespace {

/// The runner-up: the first alternative in the ranking that is not excluded (else the first alternative).
std::optional<std::size_t> runner_up(const Result& result) {
  for (std::size_t i = 1; i < result.ranking.size(); ++i) {
    if (!result.ranking[i].excluded) return result.ranking[i].outcome;
  }
  if (result.ranking.size() > 1) return result.ranking[1].outcome;
  return std::nullopt;
}

/// The weight a rule (its row of weights) put towards `chosen` rather than the runner-up.
double effect_of(const double* weights, std::size_t chosen, std::optional<std::size_t> runner) {
  return weights[chosen] - (runner ? weights[*runner] : 0.0);
}

Reason rule_reason(std::size_t rule, std::size_t outcome, double effect) {
  Reason reason;
  reason.kind = Reason::Kind::rule;
  reason.rule = rule;
  reason.outcome = outcome;
  reason.effect = effect;
  return reason;
}

/// No rules, for the loops over the fired rules of a kind none of which fired.
const std::vector<std::size_t> no_rules;

}  // namespace

void explain(const Steering& steering, const ScoredOption* scored, std::size_t count, Result& result, unsigned fired) {
  result.reasons.clear();
  if (!result.recommendation) return;
  const std::size_t chosen = *result.recommendation;
  const auto runner = runner_up(result);

  // Red flags first (every one is a fired rule), then the other fired rules that require or exclude.
  for (const RaisedFlag& flag : result.red_flags) {
    result.reasons.push_back(
        rule_reason(flag.rule, chosen, effect_of(steering.rules[flag.rule].weights, chosen, runner)));
  }
  for (std::size_t r : (fired & listed_first) != 0 ? result.fired_rules : no_rules) {
    const Steering::Rule& rule = steering.rules[r];
    if (rule.steers && !rule.red_flag)
      result.reasons.push_back(rule_reason(r, chosen, effect_of(rule.weights, chosen, runner)));
  }

  const std::size_t weighed_from = result.reasons.size();
  for (const ScoredOption* answer = scored; answer != scored + count; ++answer) {
    const double effect = answer->weights[chosen] - (runner ? answer->weights[*runner] : 0.0);
    if (effect <= 0) continue;
    Reason reason;
    reason.kind = Reason::Kind::answer;
    reason.question = answer->question;
    reason.option = answer->option;
    reason.outcome = chosen;
    reason.effect = effect;
    result.reasons.push_back(reason);
  }
  for (std::size_t r : (fired & weighed) != 0 ? result.fired_rules : no_rules) {
    const Steering::Rule& rule = steering.rules[r];
    if (rule.steers || rule.red_flag) continue;  // listed above
    const double effect = effect_of(rule.weights, chosen, runner);
    if (effect > 0) result.reasons.push_back(rule_reason(r, chosen, effect));
  }
  // Stable: equal effects keep bank order (answers in question order, then rules). Short lists
  // (the usual case) by insertion sort, which does not allocate as std::stable_sort does.
  const auto first = result.reasons.begin() + static_cast<std::ptrdiff_t>(weighed_from);
  const auto weightier = [](const Reason& a, const Reason& b) { return a.effect > b.effect; };
  if (result.reasons.end() - first > 64) {
    std::stable_sort(first, result.reasons.end(), weightier);
    return;
  }
  for (auto it = first; it != result.reasons.end(); ++it) {
    auto hole = it;
    if (hole == first || !weightier(*it, *(hole - 1))) continue;
    Reason moving = *it;
    do {
      *hole = *(hole - 1);
      --hole;
    } while (hole != first && weightier(moving, *(hole - 1)));
    *hole = moving;
  }
}

}  // namespace wegwijzer::detail
