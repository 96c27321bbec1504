// Answer sets: validated setting of answers against the bank. Messages never echo answer text or
// the option ids a caller passed in (those may be mistyped answer text); they name the question.
#include "wegwijzer/answers.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wegwijzer {
namespace {

AnswerError make_error(AnswerError::Code code, std::string_view question_id, std::string message) {
  return AnswerError{code, std::string(question_id), std::move(message)};
}

/// "never, some, half, daily"
std::string option_list(const Question& question) {
  std::string list;
  for (const auto& option : question.options) {
    if (!list.empty()) list += ", ";
    list += option.id;
  }
  return list;
}

}  // namespace

std::string_view to_string(AnswerError::Code code) {
  switch (code) {
    case AnswerError::Code::unknown_question: return "unknown_question";
    case AnswerError::Code::unknown_option: return "unknown_option";
    case AnswerError::Code::wrong_type: return "wrong_type";
    case AnswerError::Code::duplicate_option: return "duplicate_option";
  }
  return "wrong_type";
}

AnswerSet::AnswerSet(const Bank& bank) : bank_(&bank), answers_(bank.questions.size()) {}

std::optional<AnswerError> AnswerSet::set_choice(std::string_view question_id,
                                                 const std::vector<std::string_view>& option_ids) {
  auto index = bank_->find_question(question_id);
  if (!index) {
    return make_error(AnswerError::Code::unknown_question, question_id, "this bank has no such question");
  }
  const Question& question = bank_->questions[*index];
  switch (question.type) {
    case QuestionType::text:
      return make_error(AnswerError::Code::wrong_type, question_id,
                        fmt::format("question '{}' takes free text, not options", question.id));
    case QuestionType::multiple:
      if (option_ids.empty()) {
        return make_error(AnswerError::Code::wrong_type, question_id,
                          fmt::format("question '{}' takes a list of one or more options; leave it out "
                                      "(or use null) when it is unanswered",
                                      question.id));
      }
      break;
    case QuestionType::single:
    case QuestionType::yes_no:
    case QuestionType::scale:
      if (option_ids.size() != 1) {
        return make_error(AnswerError::Code::wrong_type, question_id,
                          fmt::format("question '{}' takes exactly one option", question.id));
      }
      break;
  }
  Answer answer;
  answer.options.reserve(option_ids.size());
  for (std::string_view option_id : option_ids) {
    auto option = question.find_option(option_id);
    if (!option) {
      return make_error(AnswerError::Code::unknown_option, question_id,
                        fmt::format("question '{}': that option does not exist; expected one of: {}", question.id,
                                    option_list(question)));
    }
    answer.options.push_back(static_cast<std::uint16_t>(*option));
  }
  std::sort(answer.options.begin(), answer.options.end());
  if (std::adjacent_find(answer.options.begin(), answer.options.end()) != answer.options.end()) {
    return make_error(AnswerError::Code::duplicate_option, question_id,
                      fmt::format("question '{}': the same option was given more than once", question.id));
  }
  answers_[*index] = std::move(answer);
  return std::nullopt;
}

std::optional<AnswerError> AnswerSet::set_text(std::string_view question_id, std::string text) {
  auto index = bank_->find_question(question_id);
  if (!index) {
    return make_error(AnswerError::Code::unknown_question, question_id, "this bank has no such question");
  }
  const Question& question = bank_->questions[*index];
  if (question.type != QuestionType::text) {
    return make_error(AnswerError::Code::wrong_type, question_id,
                      fmt::format("question '{}' takes {}, not free text", question.id,
                                  question.type == QuestionType::multiple ? "a list of option ids" : "an option id"));
  }
  if (text.empty()) {
    answers_[*index].reset();  // an empty text is no answer
    return std::nullopt;
  }
  Answer answer;
  answer.text = std::move(text);
  answers_[*index] = std::move(answer);
  return std::nullopt;
}

void AnswerSet::set(std::size_t question, Answer answer) { answers_[question] = std::move(answer); }

void AnswerSet::clear(std::size_t question) { answers_[question].reset(); }

}  // namespace wegwijzer
