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
  return set_choice_at(*index, option_ids);
}

std::optional<AnswerError> AnswerSet::set_choice_at(std::size_t index,
                                                    const std::vector<std::string_view>& option_ids) {
  const Question& question = bank_->questions[index];
  const std::string& question_id = question.id;
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
  Answer answer = take_spare();
  for (std::string_view option_id : option_ids) {
    auto option = question.find_option(option_id);
    if (!option) {
      answer.options.clear();
      spare_.push_back(std::move(answer.options));
      return make_error(AnswerError::Code::unknown_option, question_id,
                        fmt::format("question '{}': that option does not exist; expected one of: {}", question.id,
                                    option_list(question)));
    }
    answer.options.push_back(static_cast<std::uint16_t>(*option));
  }
  if (answer.options.size() > 1) {
    std::sort(answer.options.begin(), answer.options.end());
    if (std::adjacent_find(answer.options.begin(), answer.options.end()) != answer.options.end()) {
      answer.options.clear();
      spare_.push_back(std::move(answer.options));
      return make_error(AnswerError::Code::duplicate_option, question_id,
                        fmt::format("question '{}': the same option was given more than once", question.id));
    }
    for (std::uint16_t o : answer.options) {
      if (!question.options[o].exclusive) continue;
      std::string message = fmt::format("question '{}': option '{}' cannot be combined with other options", question.id,
                                        question.options[o].id);
      answer.options.clear();
      spare_.push_back(std::move(answer.options));
      return make_error(AnswerError::Code::wrong_type, question_id, std::move(message));
    }
  }
  clear(index);
  answers_[index] = std::move(answer);
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

std::optional<AnswerError> AnswerSet::set_text_at(std::size_t index, std::string_view text) {
  const Question& question = bank_->questions[index];
  if (question.type != QuestionType::text) {
    return make_error(AnswerError::Code::wrong_type, question.id,
                      fmt::format("question '{}' takes {}, not free text", question.id,
                                  question.type == QuestionType::multiple ? "a list of option ids" : "an option id"));
  }
  clear(index);
  if (text.empty()) return std::nullopt;  // an empty text is no answer
  Answer answer;
  answer.text.assign(text.data(), text.size());
  answers_[index] = std::move(answer);
  return std::nullopt;
}

void AnswerSet::set(std::size_t question, Answer answer) { answers_[question] = std::move(answer); }

void AnswerSet::clear(std::size_t question) {
  std::optional<Answer>& answer = answers_[question];
  if (!answer) return;
  if (answer->options.capacity() != 0) {
    answer->options.clear();
    spare_.push_back(std::move(answer->options));
  }
  answer.reset();
}

void AnswerSet::clear_all() {
  for (std::size_t q = 0; q < answers_.size(); ++q) clear(q);
}

Answer AnswerSet::take_spare() {
  Answer answer;
  if (!spare_.empty()) {
    answer.options = std::move(spare_.back());
    spare_.pop_back();
  }
  return answer;
}

}  // namespace wegwijzer
