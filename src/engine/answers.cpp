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

/// Whether a question of this type takes a choice answer with `count` options.
bool takes_options(QuestionType type, std::size_t count) {
  switch (type) {
    case QuestionType::text: return false;
    case QuestionType::multiple: return count != 0;
    case QuestionType::single:
    case QuestionType::yes_no:
    case QuestionType::scale: return count == 1;
  }
  return false;
}

/// The error for a choice answer with a number of options the question does not take (see takes_options()).
AnswerError count_error(const Question& question) {
  switch (question.type) {
    case QuestionType::text:
      return make_error(AnswerError::Code::wrong_type, question.id,
                        fmt::format("question '{}' takes free text, not options", question.id));
    case QuestionType::multiple:
      return make_error(AnswerError::Code::wrong_type, question.id,
                        fmt::format("question '{}' takes a list of one or more options; leave it out "
                                    "(or use null) when it is unanswered",
                                    question.id));
    case QuestionType::single:
    case QuestionType::yes_no:
    case QuestionType::scale: break;
  }
  return make_error(AnswerError::Code::wrong_type, question.id,
                    fmt::format("question '{}' takes exactly one option", question.id));
}

/// Sorts option indices: by insertion for the usual few, std::sort for long lists.
void sort_options(std::vector<std::uint16_t>& options) {
  constexpr std::size_t few = 16;
  if (options.size() > few) {
    std::sort(options.begin(), options.end());
    return;
  }
  for (std::size_t i = 1; i < options.size(); ++i) {
    std::uint16_t option = options[i];
    std::size_t j = i;
    for (; j > 0 && options[j - 1] > option; --j) options[j] = options[j - 1];
    options[j] = option;
  }
}

/// The error for an option id the question does not have (the id itself is not repeated).
AnswerError unknown_option_error(const Question& question) {
  return make_error(AnswerError::Code::unknown_option, question.id,
                    fmt::format("question '{}': that option does not exist; expected one of: {}", question.id,
                                option_list(question)));
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

AnswerSet::AnswerSet(const Bank& bank)
    : bank_(&bank), answers_(bank.questions.size()), spare_(bank.questions.size()), stamps_(bank.questions.size(), 0) {}

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
  if (!takes_options(question.type, option_ids.size())) return count_error(question);
  chosen_.clear();
  for (std::string_view option_id : option_ids) {
    auto option = question.find_option(option_id);
    if (!option) return unknown_option_error(question);
    chosen_.push_back(static_cast<std::uint16_t>(*option));
  }
  return set_chosen(index);
}

std::optional<AnswerError> AnswerSet::set_options_at(std::size_t index, const std::vector<std::uint16_t>& options) {
  const Question& question = bank_->questions[index];
  if (!takes_options(question.type, options.size())) return count_error(question);
  chosen_.clear();
  for (std::uint16_t option : options) {
    if (option >= question.options.size()) return unknown_option_error(question);
    chosen_.push_back(option);
  }
  return set_chosen(index);
}

std::optional<AnswerError> AnswerSet::option_error(std::size_t index) const {
  const Question& question = bank_->questions[index];
  if (question.type == QuestionType::text) return count_error(question);
  return unknown_option_error(question);
}

std::optional<AnswerError> AnswerSet::set_chosen(std::size_t index) {
  const Question& question = bank_->questions[index];
  if (chosen_.size() > 1) {
    sort_options(chosen_);
    if (std::adjacent_find(chosen_.begin(), chosen_.end()) != chosen_.end()) {
      return make_error(AnswerError::Code::duplicate_option, question.id,
                        fmt::format("question '{}': the same option was given more than once", question.id));
    }
    for (std::uint16_t o : chosen_) {
      if (!question.options[o].exclusive) continue;
      return make_error(AnswerError::Code::wrong_type, question.id,
                        fmt::format("question '{}': option '{}' cannot be combined with other options", question.id,
                                    question.options[o].id));
    }
  }
  store_chosen(index);
  return std::nullopt;
}

void AnswerSet::store_chosen(std::size_t index) {
  std::vector<std::uint16_t>& options = empty_answer(index).options;
  for (std::uint16_t option : chosen_) options.push_back(option);  // a few: cheaper than assign()
}

Answer& AnswerSet::new_answer(std::size_t index) {
  std::optional<Answer>& slot = answers_[index];
  slot.emplace();
  slot->options.swap(spare_[index]);
  stamps_[index] = generation_;
  return *slot;
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
  set(*index, std::move(answer));
  return std::nullopt;
}

std::optional<AnswerError> AnswerSet::set_text_at(std::size_t index, std::string_view text) {
  const Question& question = bank_->questions[index];
  if (question.type != QuestionType::text) {
    return make_error(AnswerError::Code::wrong_type, question.id,
                      fmt::format("question '{}' takes {}, not free text", question.id,
                                  question.type == QuestionType::multiple ? "a list of option ids" : "an option id"));
  }
  if (text.empty()) {  // an empty text is no answer
    clear(index);
    return std::nullopt;
  }
  empty_answer(index).text.assign(text.data(), text.size());
  return std::nullopt;
}

void AnswerSet::set(std::size_t question, Answer answer) {
  answers_[question] = std::move(answer);
  stamps_[question] = generation_;
}

void AnswerSet::clear(std::size_t question) {
  std::optional<Answer>& answer = answers_[question];
  if (!answer) return;
  if (answer->options.capacity() != 0) {
    answer->options.clear();
    spare_[question].swap(answer->options);
  }
  answer.reset();
}

void AnswerSet::clear_all() {
  for (std::size_t q = 0; q < answers_.size(); ++q) clear(q);
}

void AnswerSet::begin_refill() { ++generation_; }  // 64 bits: never wraps around

void AnswerSet::end_refill() {
  const std::size_t count = answers_.size();
  const std::uint64_t generation = generation_;
  for (std::size_t q = 0; q < count; ++q) {
    if (stamps_[q] != generation && answers_[q]) clear(q);
  }
}

}  // namespace wegwijzer
