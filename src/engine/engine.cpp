// STUB: owned by the engine helper.
#include "wegwijzer/engine.hpp"

namespace wegwijzer {
bool evaluate_condition(const Bank&, const Condition&, const AnswerSet&, const std::vector<bool>&) { return false; }
std::vector<bool> visible_questions(const Bank& bank, const AnswerSet&) { return std::vector<bool>(bank.questions.size(), true); }
Result evaluate(const Bank&, const AnswerSet&) { return {}; }
}  // namespace wegwijzer
