#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/diagnostic.hpp"

namespace wegwijzer {

/// Limits that protect the loader from hostile banks.
struct BankLimits {
  std::size_t max_bytes = 4 * 1024 * 1024;  ///< file size
  std::size_t max_depth = 64;               ///< JSON nesting depth, enforced while parsing
  std::size_t max_questions = 1000;
  std::size_t max_options = 100;  ///< per question
  std::size_t max_rules = 1000;
  std::size_t max_scales = 100;
  /// Most answer combinations tried when proving a condition can never be true (larger: not analysed).
  std::size_t analysis_budget = 200000;
  /// Most answer combinations tried for the whole bank (bounds the load time of huge banks).
  std::size_t analysis_total_budget = 20000000;
};

/// A loaded bank, or the reasons it could not be loaded.
struct LoadResult {
  std::optional<Bank> bank;             ///< set when there are no errors
  std::vector<Diagnostic> diagnostics;  ///< errors (bank unset) and warnings
};

/// Parses and validates bank text. `file_name` only labels diagnostics.
LoadResult load_bank(std::string_view text, const std::string& file_name, const BankLimits& limits = {});

/// The bank compiled into the binary (data/banks/default.json).
std::string_view builtin_bank_text();

/// Loads the built-in bank; throws Fatal(internal) if it is invalid (a build bug).
Bank load_builtin_bank();

}  // namespace wegwijzer
