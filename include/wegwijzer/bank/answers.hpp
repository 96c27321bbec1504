#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// One answer: chosen option indices (choice questions) or free text.
struct Answer {
  std::vector<std::uint16_t> options;  ///< sorted, unique; one for single / yes-no / scale
  std::string text;                    ///< text questions only
};

/// Why an answer does not fit the bank. Messages never contain answer text.
struct AnswerError {
  /// Machine code, also used in batch error records.
  enum class Code { unknown_question, unknown_option, wrong_type, duplicate_option, exclusive_option };
  Code code = Code::wrong_type;
  std::string question;  ///< the question id (sanitised by the caller before printing)
  std::string message;   ///< plain words, English, without answer text
};

/// Machine name of an answer error code ("unknown_question", ...).
std::string_view to_string(AnswerError::Code code);

/// The answers of one person, indexed like the bank's questions. Absent = unanswered.
///
/// Each question has a state word (state()): unanswered, one option of a choice question (the common answer,
/// kept in the word alone), or a general answer held as an Answer. Setting the common answer and clearing the
/// set are then single stores; at() shows every answer as an Answer all the same.
class AnswerSet {
 public:
  /// state() of an unanswered question.
  static constexpr std::uint32_t unanswered = 0;
  /// state() of a question whose answer is held as an Answer (anything but one option of a choice question set
  /// by set_known_option() and co.).
  static constexpr std::uint32_t general = ~std::uint32_t{0};

  /// An empty set for `bank` (which must outlive it).
  explicit AnswerSet(const Bank& bank);

  /// Sets a choice answer from option ids. Single / yes-no / scale take exactly one id.
  std::optional<AnswerError> set_choice(std::string_view question_id, const std::vector<std::string_view>& option_ids);
  /// Sets a free-text answer; only text questions take one.
  std::optional<AnswerError> set_text(std::string_view question_id, std::string text);
  /// set_choice() for the question at index `question` (< size()), without looking its id up.
  /// Reuses the storage of answers cleared before, so a reused set does not allocate per answer.
  std::optional<AnswerError> set_choice_at(std::size_t question, const std::vector<std::string_view>& option_ids);
  /// set_text() for the question at index `question` (< size()), without looking its id up.
  std::optional<AnswerError> set_text_at(std::size_t question, std::string_view text);
  /// set_choice_at() with one option given by its index in the question's options: the common answer, set
  /// without looking ids up. Same result and errors as set_choice_at() with that option's id (an index
  /// past the options is an unknown option).
  std::optional<AnswerError> set_option_at(std::size_t question, std::size_t option) {
    const Question& asked = bank_->questions[question];
    if (asked.type == QuestionType::text || option >= asked.options.size()) return option_error(question);
    set_known_option(question, static_cast<std::uint16_t>(option));
    return std::nullopt;
  }
  /// set_option_at() for an option the caller found among the options of a choice question (so no error is
  /// possible): the answer is that option alone. Nothing is checked again; one store.
  void set_known_option(std::size_t question, std::uint16_t option) { state_[question] = std::uint32_t{option} + 1; }
  /// set_choice_at() with options given by their indices in the question's options (in any order), for
  /// callers that looked the ids up themselves. Same result and errors as set_choice_at() with those ids.
  std::optional<AnswerError> set_options_at(std::size_t question, const std::vector<std::uint16_t>& options);
  /// set_options_at() for `count` options the caller found among the options of multiple-choice question
  /// `question` (all in range), when it succeeds: sets them (sorted; `options` may be reordered), unless there
  /// are none, one is given twice or an exclusive one is combined with others. Then false, and nothing is set
  /// (set_options_at() tells the error).
  bool set_found_options(std::size_t question, std::uint16_t* options, std::size_t count);
  /// Sets an answer by index, without checks (the caller validated it).
  void set(std::size_t question, Answer answer);
  /// Removes the answer to a question (its storage is kept for the next answer set).
  void clear(std::size_t question) { state_[question] = unanswered; }
  /// Removes every answer (storage is kept): one store per question.
  void clear_all();

  /// Starts filling the set anew: removes every answer, as clear_all(), which callers now use. (Kept with
  /// end_refill() and refilled() from the time refills were tracked apart; only the refill tests use them.)
  void begin_refill() { clear_all(); }
  /// Ends a refill: the set holds just the answers set since begin_refill() (nothing left to do).
  void end_refill() {}
  /// Whether `question` has an answer set since begin_refill() (or ever, without a refill).
  bool refilled(std::size_t question) const { return state_[question] != unanswered; }

  /// The answer to question `question`, if any.
  const std::optional<Answer>& at(std::size_t question) const {
    const std::uint32_t state = state_[question];
    if (state == general) return answers_[question];
    if (state == unanswered) return no_answer_;
    return (*one_option_)[state - 1];
  }
  /// How question `question` is answered, in one word: unanswered, general (see at()), or else exactly one
  /// option of a choice question, in range: its index + 1.
  std::uint32_t state(std::size_t question) const { return state_[question]; }
  /// state() of every question, size() of them.
  const std::uint32_t* states() const { return state_.data(); }
  /// Number of questions in the bank.
  std::size_t size() const { return state_.size(); }
  /// The bank these answers belong to.
  const Bank& bank() const { return *bank_; }

 private:
  static const std::optional<Answer> no_answer_;  ///< what at() shows for an unanswered question

  const Bank* bank_;
  std::vector<std::uint32_t> state_;            ///< per question: see state()
  std::vector<std::optional<Answer>> answers_;  ///< per question: its general answer, or the storage of one
  /// Per option index `o` (up to the most options a question of the bank has): the answer that is option `o`
  /// alone, which at() shows for such a state word. Shared by copies of the set.
  std::shared_ptr<const std::vector<std::optional<Answer>>> one_option_;
  std::vector<std::uint16_t> chosen_;  ///< option indices being checked, by set_choice_at() and co.

  /// set_found_options() for more than one option, none exclusive, when an index is past 63: by sorting.
  bool set_found_options_sorted(std::size_t question, std::uint16_t* options, std::size_t count);
  /// Sets the checked, sorted, unique options in chosen_ as the answer to `question`.
  void store_chosen(std::size_t question);
  /// Checks and sets the options in chosen_ (count already checked): duplicates, exclusive options.
  std::optional<AnswerError> set_chosen(std::size_t question);
  /// The general answer to `question` made empty and present (set now), reusing its storage.
  Answer& empty_answer(std::size_t question);
  /// The error set_option_at() reports for this question (a text question or an unknown option).
  std::optional<AnswerError> option_error(std::size_t question) const;
};

}  // namespace wegwijzer
