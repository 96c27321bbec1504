// Answer sets: validated setting of answers against the bank. Messages never echo answer text or
// the option ids a caller passed in (those may be mistyped answer text); they name the question.
#include "wegwijzer/bank/answers.hpp"

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

/// Sorts the `count` option indices at `options`: by insertion for the usual few, std::sort for long lists.
void sort_options(std::uint16_t* options, std::size_t count) {
  constexpr std::size_t few = 16;
  if (count > few) {
    std::sort(options, options + count);
    return;
  }
  for (std::size_t i = 1; i < count; ++i) {
    std::uint16_t option = options[i];
    std::size_t j = i;
    for (; j > 0 && options[j - 1] > option; --j) options[j] = options[j - 1];
    options[j] = option;
  }
}

/// Whether sorted option indices hold one twice.
bool has_repeat(const std::uint16_t* options, std::size_t count) {
  for (std::size_t i = 1; i < count; ++i) {
    if (options[i] == options[i - 1]) return true;
  }
  return false;
}

/// The first of `count` options of `question` that cannot be combined with others, if any.
const Option* first_exclusive(const Question& question, const std::uint16_t* options, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (question.options[options[i]].exclusive) return &question.options[options[i]];
  }
  return nullptr;
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
    case AnswerError::Code::exclusive_option: return "exclusive_option";
  }
  return "wrong_type";
}

const std::optional<Answer> AnswerSet::no_answer_;

AnswerSet::AnswerSet(const Bank& bank)
    : bank_(&bank), state_(bank.questions.size(), unanswered), answers_(bank.questions.size()) {
  std::size_t most = 0;
  for (const Question& question : bank.questions) most = std::max(most, question.options.size());
  auto one_option = std::make_shared<std::vector<std::optional<Answer>>>();
  one_option->reserve(most);
  for (std::size_t o = 0; o < most; ++o) one_option->emplace_back(Answer{{static_cast<std::uint16_t>(o)}, {}});
  one_option_ = std::move(one_option);
}

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
  const std::size_t known = question.options.size();
  for (std::uint16_t option : options) {
    if (option >= known) return unknown_option_error(question);
  }
  if (options.size() == 1) {  // the common answer to a single choice: nothing to sort or combine
    set_known_option(index, options[0]);
    return std::nullopt;
  }
  chosen_.assign(options.begin(), options.end());
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
    sort_options(chosen_.data(), chosen_.size());
    if (has_repeat(chosen_.data(), chosen_.size())) {
      return make_error(AnswerError::Code::duplicate_option, question.id,
                        fmt::format("question '{}': the same option was given more than once", question.id));
    }
    if (const Option* exclusive = first_exclusive(question, chosen_.data(), chosen_.size())) {
      return make_error(
          AnswerError::Code::exclusive_option, question.id,
          fmt::format("question '{}': option '{}' cannot be combined with other options", question.id, exclusive->id));
    }
  }
  store_chosen(index);
  return std::nullopt;
}

bool AnswerSet::set_found_options(std::size_t index, std::uint16_t* options, std::size_t count) {
  if (count <= 1) {
    if (count == 1) set_known_option(index, options[0]);
    return count == 1;
  }
  if (first_exclusive(bank_->questions[index], options, count)) return false;
  std::uint64_t chosen = 0;  // one bit per option (the first 64): sorts them and finds repeats at once
  for (std::size_t i = 0; i < count; ++i) {
    if (options[i] >= 64) return set_found_options_sorted(index, options, count);
    const std::uint64_t bit = std::uint64_t{1} << options[i];
    if (chosen & bit) return false;
    chosen |= bit;
  }
  std::vector<std::uint16_t>& stored = empty_answer(index).options;
  for (; chosen != 0; chosen &= chosen - 1) stored.push_back(static_cast<std::uint16_t>(__builtin_ctzll(chosen)));
  return true;
}

bool AnswerSet::set_found_options_sorted(std::size_t index, std::uint16_t* options, std::size_t count) {
  sort_options(options, count);
  if (has_repeat(options, count)) return false;
  std::vector<std::uint16_t>& stored = empty_answer(index).options;
  for (std::size_t i = 0; i < count; ++i) stored.push_back(options[i]);  // a few: cheaper than assign()
  return true;
}

void AnswerSet::store_chosen(std::size_t index) {
  if (chosen_.size() == 1) {  // one option: the common answer
    set_known_option(index, chosen_[0]);
    return;
  }
  std::vector<std::uint16_t>& options = empty_answer(index).options;
  for (std::uint16_t option : chosen_) options.push_back(option);  // a few: cheaper than assign()
}

Answer& AnswerSet::empty_answer(std::size_t index) {
  std::optional<Answer>& slot = answers_[index];
  if (slot) {
    slot->options.clear();
    slot->text.clear();
  } else {
    slot.emplace();
  }
  state_[index] = general;
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
    clear(*index);  // an empty text is no answer
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
  empty_answer(index).text.append(text.data(), text.size());  // append: cheaper than assign, same here
  return std::nullopt;
}

void AnswerSet::set(std::size_t question, Answer answer) {
  const Question& asked = bank_->questions[question];
  if (answer.options.size() == 1 && answer.text.empty() && asked.type != QuestionType::text &&
      answer.options[0] < asked.options.size()) {
    set_known_option(question, answer.options[0]);  // the common answer: kept in its state word alone
    return;
  }
  answers_[question] = std::move(answer);
  state_[question] = general;
}

void AnswerSet::clear_all() { std::fill(state_.begin(), state_.end(), unanswered); }

}  // namespace wegwijzer
