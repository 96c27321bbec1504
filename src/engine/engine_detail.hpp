#pragma once
// Internal to the engine: pieces of evaluate() shared by its source files.
#include <cstddef>
#include <random>
#include <vector>

#include "wegwijzer/answer_facts.hpp"
#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"
#include "wegwijzer/condition.hpp"
#include "wegwijzer/condition_plan.hpp"
#include "wegwijzer/result.hpp"

namespace wegwijzer::detail {

/// The value of a scale over the facts of the first `fact_count` questions (later ones count as hidden).
ScaleValue scale_value(const Bank& bank, std::size_t scale, const AnswerFacts* facts, std::size_t fact_count);

/// The skip logic (compiled in `plan`): fills `visible` (1 shown, 0 hidden) and the facts of every question.
void compute_visibility(const Bank& bank, const BankPlan& plan, const AnswerSet& answers, std::vector<char>& visible,
                        std::vector<AnswerFacts>& facts);

/// Marks in `marks` (indexed like bank.questions) every question `condition` refers to,
/// directly or through a scale's items.
void mark_questions(const Bank& bank, const Condition& condition, std::vector<bool>& marks);

/// Sets recommendation, ranking and close_call of a complete result (scores, fired rules and
/// red flags already filled; ranking empty). `excluded` and `required` are working memory.
void recommend(const Bank& bank, Result& result, std::vector<char>& excluded, std::vector<char>& required);

/// An option that added its weights to the scores: chosen, shown, in range, not free text.
struct ScoredOption {
  std::size_t question = 0;
  std::size_t option = 0;
  const double* weights = nullptr;  ///< one weight per outcome (missing weights as 0)
};

/// Fills result.reasons (recommendation and ranking already filled; reasons empty) from the fired
/// rules and the scored options (in question order, each answer's options in its order).
/// `listed` is working memory.
void explain(const Bank& bank, const std::vector<ScoredOption>& scored, Result& result, std::vector<char>& listed);

/// A random answer to one question (free text gets a neutral filler; choice questions at least one option).
Answer random_answer(const Question& question, std::mt19937_64& random);

}  // namespace wegwijzer::detail
