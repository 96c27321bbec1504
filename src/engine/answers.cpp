// STUB: owned by the engine helper.
#include "wegwijzer/answers.hpp"

namespace wegwijzer {
AnswerSet::AnswerSet(const Bank& bank) : bank_(&bank), answers_(bank.questions.size()) {}
std::optional<AnswerError> AnswerSet::set_choice(std::string_view, const std::vector<std::string_view>&) { return AnswerError{}; }
std::optional<AnswerError> AnswerSet::set_text(std::string_view, std::string) { return AnswerError{}; }
void AnswerSet::set(std::size_t question, Answer answer) { answers_[question] = std::move(answer); }
void AnswerSet::clear(std::size_t question) { answers_[question].reset(); }
std::string_view to_string(AnswerError::Code) { return "wrong_type"; }
}  // namespace wegwijzer
