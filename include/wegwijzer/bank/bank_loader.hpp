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
  std::size_t max_languages = 32;  ///< every text is checked against every language
  std::size_t max_outcomes = 64;   ///< outcomes of a bank
  /// Run the "never true" analysis of every show_if and rule (errors for conditions that can never
  /// be true). `check` sets this; the other loads (ask, score, sample) skip it and stay linear.
  bool analyse_conditions = false;
  /// Most answer combinations tried at once when proving a condition can never be true (a larger
  /// condition is split into its parts).
  std::size_t analysis_budget = 200000;
  /// Work the analysis may do for the whole bank, in steps (a condition node collected or
  /// evaluated, a show_if dependency followed, a scale item summed): about a second at most. When
  /// it is spent the analysis stops, and one warning says which conditions were not checked.
  std::size_t analysis_work_budget = 50000000;
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

/// The practitioner bank compiled into the binary (data/banks/practitioner.json): for coaches and school staff
/// asking about one client whether this is still coaching, or time to refer (`--bank practitioner`).
std::string_view practitioner_bank_text();

/// A bank compiled into the binary, chosen with `--bank NAME`.
struct BuiltinBank {
  std::string_view name;       ///< what `--bank` accepts, e.g. "default"
  std::string_view (*text)();  ///< the bank's JSON text
};

/// How diagnostics name a built-in bank: "<built-in>" for `default`, else "<built-in NAME>".
std::string builtin_bank_label(std::string_view name);

/// Every built-in bank, `default` first.
const std::vector<BuiltinBank>& builtin_banks();

/// The built-in bank called `name`, or nullptr.
const BuiltinBank* find_builtin_bank(std::string_view name);

/// Loads the built-in bank called `name`; throws Fatal(internal) if it is invalid (a build bug)
/// and Fatal(usage) if no built-in bank has that name.
Bank load_builtin_bank(std::string_view name = "default");

}  // namespace wegwijzer
