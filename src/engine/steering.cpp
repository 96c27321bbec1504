// The outcome side of a bank's rules, prepared once per bank (see steering.hpp).
#include "steering.hpp"

#include <algorithm>

namespace wegwijzer::detail {

Steering::Steering(const Bank& bank, const double* weights, std::size_t width)
    : outcome_count(bank.outcomes.size()), close_margin(bank.close_margin) {
  therapy = outcome_count == 0 ? 0 : std::min(bank.therapy_outcome(), outcome_count - 1);
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
    rule.red_flag = effects.red_flag.has_value();
    rule.steers = !effects.require.empty() || !effects.exclude.empty();
    rules.push_back(rule);
  }
}

}  // namespace wegwijzer::detail
