#pragma once
// The bank's versions of the program's own texts ("texts"), held against the built-in ones.
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/diagnostic.hpp"

namespace wegwijzer::cli {

/// Errors for every text of `bank.texts` whose placeholders differ from the built-in sentence's ("{}" in session
/// texts, counted; "{1}", "{2}", ... in summary texts, each one the built-in uses and no other), at
/// "/texts/<key>/<language>". A missing placeholder would drop what it stands for (the advice's outcome, a first
/// step); an extra one would print as it is.
std::vector<Diagnostic> check_program_texts(const Bank& bank);

}  // namespace wegwijzer::cli
