// The recommendation: red flags force therapie; otherwise required outcomes (highest step);
// otherwise the best score among the outcomes not excluded. Ties go to the higher step.
#include <algorithm>
#include <optional>

#include "engine_detail.hpp"

namespace wegwijzer::detail {
namespace {

/// Whether `a` ranks before `b`: the higher score, then the higher step.
bool ranks_before(const RankedOutcome& a, const RankedOutcome& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.outcome > b.outcome;
}

/// Sorts the alternatives of a ranking as std::sort does. Up to 16 of them by insertion, the way
/// libstdc++'s std::sort sorts such short ranges, without its call overhead; the order is the same
/// (also when a NaN score makes the comparison inconsistent).
void sort_alternatives(RankedOutcome* first, RankedOutcome* last) {
  if (last - first > 16) {
    std::sort(first, last, ranks_before);
    return;
  }
  if (first == last) return;
  for (RankedOutcome* next = first + 1; next != last; ++next) {
    const RankedOutcome moving = *next;
    if (ranks_before(moving, *first)) {
      std::copy_backward(first, next, next + 1);
      *first = moving;
      continue;
    }
    RankedOutcome* hole = next;
    while (ranks_before(moving, *(hole - 1))) {
      *hole = *(hole - 1);
      --hole;
    }
    *hole = moving;
  }
}

}  // namespace

void recommend(const Steering& steering, Result& result, std::vector<char>& excluded, std::vector<char>& required) {
  const std::size_t count = steering.outcome_count;
  std::fill(excluded.begin(), excluded.end(), 0);
  std::fill(required.begin(), required.end(), 0);
  bool any_required = false;
  for (std::size_t r : result.fired_rules) {
    const Steering::Rule& rule = steering.rules[r];
    const std::uint32_t* listed = steering.outcomes.data() + rule.first;
    for (std::uint32_t i = 0; i < rule.exclude_count; ++i) excluded[listed[i]] = 1;
    listed += rule.exclude_count;
    for (std::uint32_t i = 0; i < rule.require_count; ++i) required[listed[i]] = 1;
    any_required = any_required || rule.require_count != 0;
  }
  if (std::all_of(excluded.begin(), excluded.end(), [](char e) { return e != 0; })) {
    std::fill(excluded.begin(), excluded.end(), 0);
  }

  const double* scores = result.scores.data();
  bool forced = true;
  std::size_t chosen = 0;
  if (!result.red_flags.empty()) {
    chosen = steering.therapy;
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
      if (!best || scores[o] >= scores[*best]) best = o;  // >=: ties to the higher step
    }
    chosen = *best;
  }

  result.recommendation = chosen;
  result.ranking.resize(count);
  RankedOutcome* ranked = result.ranking.data();
  *ranked++ = RankedOutcome{chosen, scores[chosen], 0.0, excluded[chosen] != 0};
  for (std::size_t o = 0; o < count; ++o) {
    if (o != chosen) *ranked++ = RankedOutcome{o, scores[o], scores[chosen] - scores[o], excluded[o] != 0};
  }
  sort_alternatives(result.ranking.data() + 1, ranked);
  result.close_call = false;
  if (!forced) {
    for (std::size_t i = 1; i < count; ++i) {
      if (result.ranking[i].excluded) continue;
      result.close_call = result.ranking[i].margin <= steering.close_margin;
      break;
    }
  }
}

}  // namespace wegwijzer::detail
