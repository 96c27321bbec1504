#pragma once
// Large generated banks for the load-time tests and bench/bank_load_bench: valid banks of any
// number of yes/no questions in three shapes, as JSON text.
#include <cstddef>
#include <string>
#include <string_view>

namespace wegwijzer::test {

/// The shape of a generated bank.
enum class BankShape {
  flat,     ///< no conditions at all
  chained,  ///< question k is shown if any of the previous 100 questions was answered yes
  wide,     ///< one very large "any" (see generate_bank) that many questions depend on
};

/// "flat", "chained" or "wide".
std::string_view to_string(BankShape shape);

/// Leaves of the wide condition by default: the bank of 1,000 questions stays under 4 MB.
constexpr std::size_t kWideLeaves = 100000;

/// A valid bank (no errors, no warnings) of `questions` yes/no questions q0, q1, … in `shape`.
/// Wide: the first b = min(124, questions / 2) questions are chained as in `chained`; question b
/// is shown if any of `wide_leaves` leaves ("qj equals yes" or "no", over the first b questions)
/// holds; every later question is shown if question b was answered, so all of them depend on that
/// one large condition.
std::string generate_bank(BankShape shape, std::size_t questions, std::size_t wide_leaves = kWideLeaves);

}  // namespace wegwijzer::test
