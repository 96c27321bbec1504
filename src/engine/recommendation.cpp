// The recommendation: red flags force therapie; otherwise required outcomes (highest step);
// otherwise the best score among the outcomes not excluded. Ties go to the higher step.
#include <algorithm>

#include "engine_detail.hpp"

namespace wegwijzer::detail {

void recommend(const Bank& bank, Result& result, std::vector<char>& excluded, std::vector<char>& required) {
  const std::size_t count = bank.outcomes.size();
  excluded.assign(count, 0);
  required.assign(count, 0);
  bool any_required = false;
  for (std::size_t r : result.fired_rules) {
    const Effects& effects = bank.rules[r].effects;
    for (std::size_t o : effects.exclude) {
      if (o < count) excluded[o] = 1;
    }
    for (std::size_t o : effects.require) {
      if (o >= count) continue;
      required[o] = 1;
      any_required = true;
    }
  }
  if (std::all_of(excluded.begin(), excluded.end(), [](char e) { return e != 0; })) excluded.assign(count, 0);

  bool forced = true;
  std::size_t chosen = 0;
  if (!result.red_flags.empty()) {
    chosen = std::min(bank.therapy_outcome(), count - 1);
  } else if (any_required) {
    std::optional<std::size_t> best;
    std::optional<std::size_t> best_any;
    for (std::size_t o = 0; o < count; ++o) {
      if (!required[o]) continue;
      best_any = o;
      if (!excluded[o]) best = o;
    }
    chosen = best ? *best : *best_any;  // a requirement outweighs an exclusion (the protective side)
  } else {
    forced = false;
    std::optional<std::size_t> best;
    for (std::size_t o = 0; o < count; ++o) {
      if (excluded[o]) continue;
      if (!best || result.scores[o] >= result.scores[*best]) best = o;  // >=: ties to the higher step
    }
    chosen = *best;
  }

  result.recommendation = chosen;
  result.ranking.clear();
  result.ranking.reserve(count);
  result.ranking.push_back(RankedOutcome{chosen, result.scores[chosen], 0.0, excluded[chosen] != 0});
  for (std::size_t o = 0; o < count; ++o) {
    if (o == chosen) continue;
    result.ranking.push_back(RankedOutcome{o, result.scores[o], result.scores[chosen] - result.scores[o], excluded[o] != 0});
  }
  std::sort(result.ranking.begin() + 1, result.ranking.end(), [](const RankedOutcome& a, const RankedOutcome& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.outcome > b.outcome;
  });
  result.close_call = false;
  if (!forced) {
    for (std::size_t i = 1; i < result.ranking.size(); ++i) {
      if (result.ranking[i].excluded) continue;
      result.close_call = result.ranking[i].margin <= bank.close_margin;
      break;
    }
  }
}

}  // namespace wegwijzer::detail
