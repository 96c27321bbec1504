#pragma once
// Internal to the engine: pieces of evaluate() shared by its source files.
#include <cstddef>
#include <random>
#include <vector>

#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"
#include "wegwijzer/condition.hpp"
#include "wegwijzer/result.hpp"

namespace wegwijzer::detail {

/// Sum of the points of the chosen options of one answer.
int answer_points(const Question& question, const Answer& answer);

/// The value of a scale over the shown, answered items.
ScaleValue scale_value(const Bank& bank, std::size_t scale, const AnswerSet& answers, const std::vector<bool>& visible);

/// Evaluates a condition. `scales` (per scale, bank order) is used when given; otherwise scale
/// values are computed from `visible`.
bool condition_holds(const Bank& bank, const Condition& condition, const AnswerSet& answers,
                     const std::vector<bool>& visible, const std::vector<ScaleValue>* scales);

/// Fills `visible` (resized to the bank) with the skip logic for these answers.
void compute_visibility(const Bank& bank, const AnswerSet& answers, std::vector<bool>& visible);

/// Marks in `marks` (indexed like bank.questions) every question `condition` refers to,
/// directly or through a scale's items.
void mark_questions(const Bank& bank, const Condition& condition, std::vector<bool>& marks);

/// Sets recommendation, ranking and close_call of a complete result (scores, fired rules and
/// red flags already filled; ranking empty). `excluded` and `required` are working memory.
void recommend(const Bank& bank, Result& result, std::vector<bool>& excluded, std::vector<bool>& required);

/// Fills result.reasons (recommendation and ranking already filled; reasons empty). `listed` is
/// working memory.
void explain(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible, Result& result,
             std::vector<bool>& listed);

/// A random answer to one question (free text gets a neutral filler; choice questions at least one option).
Answer random_answer(const Question& question, std::mt19937_64& random);

}  // namespace wegwijzer::detail
