#pragma once
// Internal to the engine: pieces of evaluate() shared by its source files.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "steering.hpp"
#include "wegwijzer/answer_facts.hpp"
#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"
#include "wegwijzer/condition.hpp"
#include "wegwijzer/condition_plan.hpp"
#include "wegwijzer/result.hpp"

namespace wegwijzer::detail {

/// The value of a scale over the facts of the first `fact_count` questions (later ones count as hidden).
ScaleValue scale_value(const Bank& bank, std::size_t scale, const AnswerFacts* facts, std::size_t fact_count);
/// The first band of `scale` that holds `value`, if any.
std::optional<std::size_t> band_of(const Scale& scale, int value);

/// The skip logic (compiled in `plan`): fills `visible` (1 shown, 0 hidden) and the facts of every question.
void compute_visibility(const Bank& bank, const BankPlan& plan, const AnswerSet& answers, std::vector<char>& visible,
                        std::vector<AnswerFacts>& facts);

/// Marks in `marks` (indexed like bank.questions) every question `condition` refers to,
/// directly or through a scale's items.
void mark_questions(const Bank& bank, const Condition& condition, std::vector<bool>& marks);

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
