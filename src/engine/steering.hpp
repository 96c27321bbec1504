#pragma once
// Internal to the engine: what recommend() and explain() need of a bank's rules and outcomes,
// prepared once per bank by the Evaluator so that they do not walk the Bank per result.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer::detail {

/// The outcome side of a bank: per rule its weights and the outcomes it excludes or requires.
struct Steering {
  /// One rule.
  struct Rule {
    const double* weights = nullptr;  ///< one weight per outcome (missing weights as 0)
    std::uint32_t first = 0;          ///< its first entry in `outcomes`: the outcomes it excludes, then requires
    std::uint32_t exclude_count = 0;  ///< outcomes it excludes (those the bank has)
    std::uint32_t require_count = 0;  ///< outcomes it requires (those the bank has)
    std::uint64_t exclude_bits = 0;   ///< the outcomes it excludes as bits (banks of at most 64 outcomes)
    std::uint64_t require_bits = 0;   ///< the outcomes it requires as bits (banks of at most 64 outcomes)
    bool red_flag = false;
    bool steers = false;  ///< its effects list outcomes to require or exclude (listed as a reason before answers)
    /// How explain() lists it when it fires (a RuleReason bit): listed_first (steers, no red flag), weighed (neither,
    /// with weights), or 0 (red flags are listed on their own; a rule without weights has no effect).
    unsigned reason = 0;
  };

  /// Prepares the table for `bank`; `weights` holds a row of at least one weight per outcome for every
  /// rule, `width` apart (and must outlive the table).
  Steering(const Bank& bank, const double* weights, std::size_t width);

  std::vector<Rule> rules;              ///< per rule
  std::vector<std::uint32_t> outcomes;  ///< outcome indices, see Rule::first
  std::size_t outcome_count = 0;
  /// The outcome a red flag forces, per tier (clinical, crisis).
  std::size_t red_flag[2] = {0, 0};
  /// The outcome the raised flags of `result` force: the heaviest of their tiers' outcomes.
  std::size_t forced_by(const std::vector<RaisedFlag>& flags) const {
    std::size_t chosen = 0;
    for (const RaisedFlag& flag : flags) chosen = std::max(chosen, red_flag[flag.tier == Tier::crisis ? 1 : 0]);
    return chosen;
  }
  double close_margin = 0;
  /// At most 64 outcomes: the rules' outcome bits hold every outcome they list.
  bool bits = false;
};

}  // namespace wegwijzer::detail
