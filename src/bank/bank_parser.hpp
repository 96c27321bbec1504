#pragma once
// Internal to the engine: turns bank JSON into a typed Bank, reporting structure errors.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
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

/// The questions and scales of a bank by id, so that every reference in a condition is found in
/// logarithmic time (the first of repeated ids wins, as in Bank::find_question).
class BankIndex {
 public:
  /// Indexes the questions and scales `bank` has now; `bank` must outlive the index.
  explicit BankIndex(const Bank& bank);

  /// The bank indexed.
  const Bank& bank() const { return bank_; }
  /// Index of the question with this id, if any.
  std::optional<std::size_t> question(std::string_view id) const;
  /// Index of the scale with this id, if any.
  std::optional<std::size_t> scale(std::string_view id) const;
  /// The last question (in bank order) among the items of scale `scale`; nullopt when it has none.
  std::optional<std::size_t> last_item(std::size_t scale) const { return last_item_[scale]; }

 private:
  const Bank& bank_;
  std::map<std::string, std::size_t, std::less<>> questions_;
  std::map<std::string, std::size_t, std::less<>> scales_;
  std::vector<std::optional<std::size_t>> last_item_;
};

/// Parses a condition; the questions and scales of the indexed bank must already be parsed.
std::optional<Condition> parse_condition(const nlohmann::json& value, const std::string& pointer,
                                         const BankIndex& index, const ConditionScope& scope, BankReader& reader);

}  // namespace wegwijzer::detail
