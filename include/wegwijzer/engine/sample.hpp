#pragma once
#include <random>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// A random answer set that follows the skip logic: every shown required question is answered,
/// optional ones sometimes skipped, hidden ones left unanswered. Free text gets a short filler.
AnswerSet sample_answers(const Bank& bank, std::mt19937_64& random);

}  // namespace wegwijzer
