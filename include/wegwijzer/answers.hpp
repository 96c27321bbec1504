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
  /// Sets an answer by index, without checks (the caller validated it).
  void set(std::size_t question, Answer answer);
  /// Removes the answer to a question (its storage is kept for the next answer set).
  void clear(std::size_t question);
  /// Removes every answer (storage is kept).
  void clear_all();

  /// The answer to question `question`, if any.
  const std::optional<Answer>& at(std::size_t question) const { return answers_[question]; }
  /// Number of questions in the bank.
  std::size_t size() const { return answers_.size(); }
  /// The bank these answers belong to.
  const Bank& bank() const { return *bank_; }

 private:
  const Bank* bank_;
  std::vector<std::optional<Answer>> answers_;
  std::vector<std::vector<std::uint16_t>> spare_;  ///< option storage of cleared answers, for reuse

  /// An empty Answer, from the spare storage when there is some.
  Answer take_spare();
};

}  // namespace wegwijzer
