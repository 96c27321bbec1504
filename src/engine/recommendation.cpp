// The recommendation: red flags force the bank's red-flag outcome (the default bank: therapie); otherwise required
// outcomes (highest step); otherwise the best score among the outcomes not excluded. Ties go to the lighter step
// (earlier in bank order).
#include <algorithm>
#include <cstdint>
#include <optional>

#include "engine_detail.hpp"

namespace wegwijzer::detail {
namespace {

/// Whether `a` ranks before `b`: the higher score, then the lighter step (earlier in bank order).
bool ranks_before(const RankedOutcome& a, const RankedOutcome& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.outcome < b.outcome;
}

/// Sorts the alternatives of a ranking as std::sort does. Up to 16 of them by insertion, the way
/// libstdc++'s std::sort sorts such short ranges, without its call overhead; the order is the same
/// (also when a NaN score makes the comparison inconsistent).
inline void sort_alternatives(RankedOutcome* first, RankedOutcome* last) {
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

/// The best outcome by score among those `excluded` does not exclude (there is one): ties to the lighter step.
template <typename Excluded>
std::size_t best_open(const double* scores, std::size_t count, Excluded excluded) {
  std::optional<std::size_t> best;
  for (std::size_t o = 0; o < count; ++o) {
    if (excluded(o)) continue;
    if (!best || scores[o] > scores[*best]) best = o;  // >: ties stay with the lighter (earlier) step
  }
  return *best;
}

/// Sets recommendation (`chosen`), ranking and close_call; `forced`: by a red flag or requirement. `Fixed`:
/// the number of outcomes when known at compile time (the loops then unroll), else 0.
template <std::size_t Fixed, typename Excluded>
void rank(const Steering& steering, Result& result, std::size_t chosen, bool forced, Excluded excluded) {
  const std::size_t count = Fixed != 0 ? Fixed : steering.outcome_count;
  const double* scores = result.scores.data();
  result.recommendation = chosen;
  result.ranking.resize(count);
  RankedOutcome* ranked = result.ranking.data();
  *ranked++ = RankedOutcome{chosen, scores[chosen], 0.0, excluded(chosen)};
  for (std::size_t o = 0; o < count; ++o) {
    if (o != chosen) *ranked++ = RankedOutcome{o, scores[o], scores[chosen] - scores[o], excluded(o)};
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

/// recommend() for banks of at most 64 outcomes: exclusions and requirements as bits, no working memory.
void recommend_by_bits(const Steering& steering, Result& result) {
  const std::size_t count = steering.outcome_count;
  std::uint64_t excluded = 0;
  std::uint64_t required = 0;
  for (std::size_t r : result.fired_rules) {
    excluded |= steering.rules[r].exclude_bits;
    required |= steering.rules[r].require_bits;
  }
  const std::uint64_t every = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
  if (excluded == every) excluded = 0;
  const auto is_excluded = [excluded](std::size_t o) { return ((excluded >> o) & 1) != 0; };
  bool forced = true;
  std::size_t chosen = 0;
  if (!result.red_flags.empty()) {
    chosen = steering.forced_by(result.red_flags);  // a red flag forces its tier's outcome
  } else if (required != 0) {
    // The highest required step not excluded, else the highest required (a requirement outweighs an exclusion).
    const std::uint64_t open = required & ~excluded;
    chosen = static_cast<std::size_t>(63 - __builtin_clzll(open != 0 ? open : required));
  } else {
    forced = false;
    chosen = best_open(result.scores.data(), count, is_excluded);
  }
  // Four outcomes, as in the built-in bank: with the loops unrolled.
  if (count == 4) return rank<4>(steering, result, chosen, forced, is_excluded);
  rank<0>(steering, result, chosen, forced, is_excluded);
}

}  // namespace

void recommend(const Steering& steering, Result& result, std::vector<char>& excluded, std::vector<char>& required) {
  if (steering.bits) return recommend_by_bits(steering, result);
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
  const auto is_excluded = [&excluded](std::size_t o) { return excluded[o] != 0; };
  if (!result.red_flags.empty()) {
    return rank<0>(steering, result, steering.forced_by(result.red_flags), true, is_excluded);
  }
  if (any_required) {
    std::optional<std::size_t> best;
    std::optional<std::size_t> best_any;
    for (std::size_t o = 0; o < count; ++o) {
      if (!required[o]) continue;
      best_any = o;
      if (!excluded[o]) best = o;
    }
    // A requirement outweighs an exclusion (the protective side).
    return rank<0>(steering, result, best ? *best : *best_any, true, is_excluded);
  }
  rank<0>(steering, result, best_open(result.scores.data(), count, is_excluded), false, is_excluded);
}

}  // namespace wegwijzer::detail
