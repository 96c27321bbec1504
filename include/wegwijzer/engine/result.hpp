#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// Whether the answers were complete enough for advice.
enum class Status { complete, incomplete };

/// The value of one scale for one person.
struct ScaleValue {
  std::size_t scale = 0;            ///< scale index in the bank
  int value = 0;                    ///< sum of points of the answered items
  std::optional<std::size_t> band;  ///< band index; unset when no item was answered
  std::size_t answered_items = 0;   ///< how many of the scale's items were answered
};

/// A red flag that fired.
struct RaisedFlag {
  std::size_t rule = 0;  ///< rule index in the bank
  Tier tier = Tier::clinical;
};

/// One outcome in the ranking.
struct RankedOutcome {
  std::size_t outcome = 0;  ///< outcome index in the bank
  double score = 0;
  double margin = 0;      ///< score of the recommendation minus this score (0 for the recommendation)
  bool excluded = false;  ///< excluded by a rule
};

/// One reason behind the advice, most weighty first.
struct Reason {
  /// An answer given, or a rule that fired.
  enum class Kind { answer, rule };
  Kind kind = Kind::answer;
  std::size_t question = 0;  ///< answer reasons: question index
  std::size_t option = 0;    ///< answer reasons: option index
  std::size_t rule = 0;      ///< rule reasons: rule index
  std::size_t outcome = 0;   ///< the outcome this reason pushed towards
  double effect = 0;         ///< the weight it added towards `outcome` (relative to the runner-up)
};

/// What the engine concludes from a bank and an answer set. Pure data.
struct Result {
  Status status = Status::incomplete;
  std::vector<std::size_t> missing;      ///< shown, required, unanswered question indices
  std::vector<std::size_t> ignored;      ///< answered but hidden by skip logic (not scored)
  std::vector<std::size_t> shown;        ///< question indices the skip logic shows, in order
  std::vector<double> scores;            ///< per outcome, bank order
  std::vector<ScaleValue> scales;        ///< per scale, bank order
  std::vector<std::size_t> fired_rules;  ///< rule indices, bank order
  std::vector<RaisedFlag> red_flags;     ///< crisis first, then clinical, bank order within a tier
  Urgency urgency = Urgency::routine;
  std::optional<std::size_t> recommendation;   ///< outcome index; unset when incomplete
  std::vector<RankedOutcome> ranking;          ///< recommendation first, then alternatives
  std::vector<Reason> reasons;                 ///< most weighty first
  std::vector<std::size_t> unknown_red_flags;  ///< red-flag questions shown but unanswered or "rather not say"
  std::vector<std::size_t> notes;              ///< rule indices whose note applies, bank order
  bool close_call = false;                     ///< runner-up within the bank's close margin
};

}  // namespace wegwijzer
