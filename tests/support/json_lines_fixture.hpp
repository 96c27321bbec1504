#pragma once
// Test helpers for JSON Lines scoring: a scorer that takes one record at a time as a batch would, and a
// sampled answer set as JSON key / value pieces to build (and perturb) records from.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"

namespace wegwijzer::test {

/// Scores JSON Lines records one by one with one scorer (as a batch does) and returns an output line each.
/// Each line is followed by `padding` bytes, as batches pad their lines.
class LineScorer {
 public:
  /// `score --strict` by default: the tests of a record's problems expect an unknown question to be one.
  explicit LineScorer(const Bank& bank, JsonReading reading = JsonReading::scan_first, BatchLimits limits = {},
                      char padding = ' ', BatchInputOptions input = strict_input())
      : scorer_(bank, limits, BatchFormat::jsonl, reading, false, input),
        tally_(BatchTally::for_bank(bank)),
        padding_(padding) {}

  /// Input options with `strict` set.
  static BatchInputOptions strict_input() {
    BatchInputOptions input;
    input.strict = true;
    return input;
  }

  /// The counts of every line scored so far.
  const BatchTally& tally() const { return tally_; }

  std::string score(const std::string& line) {
    std::string padded = line + std::string(batch_json_padding, padding_);
    std::string out;
    scorer_.score_json_line(std::string_view(padded).substr(0, line.size()), ++line_number_, out, tally_);
    return out;
  }

 private:
  RecordScorer scorer_;
  BatchTally tally_;
  char padding_;
  std::uint64_t line_number_ = 0;
};

/// One answer as JSON pieces: its key and its value, written compactly.
struct Field {
  std::string key;    ///< quoted
  std::string value;  ///< raw JSON
};

/// The answers of an answer set as fields, in bank order.
inline std::vector<Field> fields_of(const Bank& bank, const AnswerSet& answers) {
  std::vector<Field> fields;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const std::optional<Answer>& answer = answers.at(q);
    if (!answer) continue;
    const Question& question = bank.questions[q];
    nlohmann::json value;
    if (question.type == QuestionType::text) {
      value = answer->text;
    } else if (question.type == QuestionType::multiple) {
      value = nlohmann::json::array();
      for (std::uint16_t o : answer->options) value.push_back(question.options[o].id);
    } else {
      value = question.options[answer->options[0]].id;
    }
    fields.push_back({nlohmann::json(question.id).dump(), value.dump()});
  }
  return fields;
}

}  // namespace wegwijzer::test
