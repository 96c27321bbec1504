// The outcome side of a bank's rules, prepared once per bank (see steering.hpp).
#include "steering.hpp"

#include <algorithm>

namespace wegwijzer::detail {

Steering::Steering(const Bank& bank, const double* weights, std::size_t width)
    : outcome_count(bank.outcomes.size()), close_margin(bank.close_margin) {
  for (Tier tier : {Tier::clinical, Tier::crisis}) {
    red_flag[tier == Tier::crisis ? 1 : 0] =
        outcome_count == 0 ? 0 : std::min(bank.red_flag_outcome(tier), outcome_count - 1);
  }
  bits = outcome_count <= 64;
  rules.reserve(bank.rules.size());
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const Effects& effects = bank.rules[r].effects;
    Rule rule;
    rule.weights = weights + r * width;
    rule.first = static_cast<std::uint32_t>(outcomes.size());
    for (std::size_t o : effects.exclude) {
      if (o < outcome_count) outcomes.push_back(static_cast<std::uint32_t>(o));
    }
    rule.exclude_count = static_cast<std::uint32_t>(outcomes.size() - rule.first);
    for (std::size_t o : effects.require) {
      if (o < outcome_count) outcomes.push_back(static_cast<std::uint32_t>(o));
    }
    rule.require_count = static_cast<std::uint32_t>(outcomes.size() - rule.first - rule.exclude_count);
    for (std::uint32_t i = 0; bits && i < rule.exclude_count + rule.require_count; ++i) {
      const std::uint64_t bit = std::uint64_t{1} << outcomes[rule.first + i];
      if (i < rule.exclude_count) {
        rule.exclude_bits |= bit;
      } else {
        rule.require_bits |= bit;
      }
    }
    rule.red_flag = effects.red_flag.has_value();
    rule.steers = !effects.require.empty() || !effects.exclude.empty();
    if (!rule.red_flag) rule.reason = rule.steers ? 1 : !effects.weights.empty() ? 2 : 0;
    rules.push_back(rule);
  }
}

}  // namespace wegwijzer::detail
