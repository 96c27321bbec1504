#pragma once
// Internal to the engine: turns bank JSON into a typed Bank, reporting structure errors.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bank_reader.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/bank_loader.hpp"

namespace wegwijzer::detail {

/// What the JSON says beyond the Bank model; the lints need it.
struct BankExtras {
  std::vector<std::vector<bool>> neutral;  ///< per question, per option: marked "neutral": true
};

/// A bank parsed without structure errors.
struct ParsedBank {
  Bank bank;
  BankExtras extras;
};

/// Parses bank JSON. Returns nullopt when any error was reported.
std::optional<ParsedBank> parse_bank(const nlohmann::json& root, BankReader& reader, const BankLimits& limits);

/// Where a condition is used, for the ordering check of show_if.
struct ConditionScope {
  /// show_if of this question: only questions before it may be referenced. Unset for rules.
  std::optional<std::size_t> question;
};

/// Parses a condition; questions and scales of `bank` must already be parsed.
std::optional<Condition> parse_condition(const nlohmann::json& value, const std::string& pointer, const Bank& bank,
                                         const ConditionScope& scope, BankReader& reader);

}  // namespace wegwijzer::detail
