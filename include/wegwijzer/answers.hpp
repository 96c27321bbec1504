#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank.hpp"

namespace wegwijzer {

/// One answer: chosen option indices (choice questions) or free text.
struct Answer {
  std::vector<std::uint16_t> options;  ///< sorted, unique; one for single / yes-no / scale
  std::string text;                    ///< text questions only
};

/// Why an answer does not fit the bank. Messages never contain answer text.
struct AnswerError {
  /// Machine code, also used in batch error records.
  enum class Code { unknown_question, unknown_option, wrong_type, duplicate_option };
  Code code = Code::wrong_type;
  std::string question;  ///< the question id (sanitised by the caller before printing)
  std::string message;   ///< plain words, English, without answer text
};

/// Machine name of an answer error code ("unknown_question", ...).
std::string_view to_string(AnswerError::Code code);

/// The answers of one person, indexed like the bank's questions. Absent = unanswered.
class AnswerSet {
 public:
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
  /// possible): the answer is that option alone. Nothing is checked again.
  void set_known_option(std::size_t question, std::uint16_t option) {
    std::optional<Answer>& slot = answers_[question];
    if (slot && slot->options.size() == 1 && slot->text.empty()) {  // as after most refills of a choice
      slot->options[0] = option;
      fresh_[question / 64] |= bit(question);
    } else {
      set_other_option(question, option);
    }
  }
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
  void clear(std::size_t question);
  /// Removes every answer (storage is kept).
  void clear_all();

  /// Starts filling the set anew without clearing it first: an answer set from now on overwrites the old one
  /// in place, which is cheaper than clear_all() and setting it again. Until end_refill(), at() may still
  /// show old answers to questions not set again; refilled() tells the new ones apart.
  void begin_refill() {
    for (std::uint64_t& word : fresh_) word = 0;
  }
  /// Removes the answers not set since begin_refill(): the set then holds just the answers set since. Only the
  /// answers to remove are visited, not every question.
  void end_refill();
  /// Whether `question` has an answer set since begin_refill() (or ever, without a refill).
  bool refilled(std::size_t question) const { return answers_[question] && (fresh_[question / 64] & bit(question)); }

  /// The answer to question `question`, if any.
  const std::optional<Answer>& at(std::size_t question) const { return answers_[question]; }
  /// Number of questions in the bank.
  std::size_t size() const { return answers_.size(); }
  /// The bank these answers belong to.
  const Bank& bank() const { return *bank_; }

 private:
  const Bank* bank_;
  std::vector<std::optional<Answer>> answers_;
  std::vector<std::vector<std::uint16_t>> spare_;  ///< per question: the option storage of its cleared answer
  std::vector<std::uint16_t> chosen_;              ///< option indices being checked, by set_choice_at() and co.
  std::vector<std::uint64_t> held_;   ///< one bit per question (64 a word): whether answers_ holds an answer
  std::vector<std::uint64_t> fresh_;  ///< one bit per question: whether its answer was set since begin_refill()

  /// The bit of `question` in its word of held_ and fresh_.
  static std::uint64_t bit(std::size_t question) { return std::uint64_t{1} << (question % 64); }

  /// set_found_options() for more than one option, none exclusive, when an index is past 63: by sorting.
  bool set_found_options_sorted(std::size_t question, std::uint16_t* options, std::size_t count);
  /// set_known_option() for any slot.
  void set_other_option(std::size_t question, std::uint16_t option);
  /// Sets the checked, sorted, unique options in chosen_ as the answer to `question`.
  void store_chosen(std::size_t question);
  /// Checks and sets the options in chosen_ (count already checked): duplicates, exclusive options.
  std::optional<AnswerError> set_chosen(std::size_t question);
  /// The answer to `question` made empty and present (set now), reusing its storage.
  Answer& empty_answer(std::size_t question) {
    std::optional<Answer>& slot = answers_[question];
    if (!slot) return new_answer(question);
    slot->options.clear();
    slot->text.clear();
    fresh_[question / 64] |= bit(question);
    return *slot;
  }
  /// empty_answer() for a question without an answer.
  Answer& new_answer(std::size_t question);
  /// The error set_option_at() reports for this question (a text question or an unknown option).
  std::optional<AnswerError> option_error(std::size_t question) const;
};

}  // namespace wegwijzer
