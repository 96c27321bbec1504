#pragma once
// Internal to the engine: pieces of evaluate() shared by its source files.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "steering.hpp"
#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/bank/condition.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer::detail {

/// The first band of `scale` that holds `value`, if any.
std::optional<std::size_t> band_of(const Scale& scale, int value);

/// Sets recommendation, ranking and close_call of a complete result (scores, fired rules and
/// red flags already filled; at least one outcome). `excluded` and `required` are working memory.
void recommend(const Steering& steering, Result& result, std::vector<char>& excluded, std::vector<char>& required);

/// An option that added its weights to the scores: chosen, shown, in range, not free text, and with
/// a weight that is not zero (an option without weights is never a reason).
struct ScoredOption {
  std::uint32_t question = 0;
  std::uint32_t option = 0;
  const double* weights = nullptr;  ///< one weight per outcome (missing weights as 0)
};

/// Which kinds of fired rules explain() lists: bits of Steering::Rule::reason (kinds not set are skipped).
enum RuleReason : unsigned { listed_first = 1, weighed = 2, every_reason = 3 };

/// Fills result.reasons (recommendation and ranking already filled; reasons empty) from the fired
/// rules and the `count` scored options at `scored` (in question order, each answer's options in its order).
/// `fired`: the RuleReason bits of the fired rules (or every_reason).
void explain(const Steering& steering, const ScoredOption* scored, std::size_t count, Result& result,
             unsigned fired = every_reason);

/// A random answer to one question (free text gets a neutral filler; choice questions at least one option).
Answer random_answer(const Question& question, std::mt19937_64& random);

}  // namespace wegwijzer::detail
