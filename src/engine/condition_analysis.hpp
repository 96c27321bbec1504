#pragma once
// Internal to the engine: decides by brute force whether a condition can ever be true.
#include <cstddef>

#include "wegwijzer/bank.hpp"

namespace wegwijzer::detail {

/// Whether a condition can be true for some answers.
enum class Satisfiable { yes, no, unknown };

/// Tries every combination of answers (each option, or unanswered; subsets for multiple choice) to
/// the questions `condition` depends on, directly, through scale items, and through their show_if
/// (a question whose show_if is false is unanswered). Returns unknown when there are more than
/// `budget` combinations. Independent of the scoring engine.
Satisfiable can_be_true(const Bank& bank, const Condition& condition, std::size_t budget);

}  // namespace wegwijzer::detail
