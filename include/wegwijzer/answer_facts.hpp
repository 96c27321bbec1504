#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wegwijzer/answers.hpp"
#include "wegwijzer/bank.hpp"

namespace wegwijzer {

/// What conditions see of one question's answer, worked out once per answer set so that a
/// condition leaf is a few bit tests. A hidden question has no facts (`present` is false).
struct AnswerFacts {
  bool present = false;              ///< shown and answered (any stored answer, also empty text)
  std::uint16_t count = 0;           ///< number of chosen options (0 for free text)
  std::uint64_t chosen[2] = {0, 0};  ///< bit o set: option o was chosen (options beyond 127 are not marked)
  int points = 0;                    ///< sum of the points of the chosen options of the question

  /// Whether option `option` was chosen.
  bool chose(std::size_t option) const {
    return option < 128 && ((chosen[option >> 6] >> (option & 63)) & 1u) != 0;
  }
};

/// The facts of `answer` to `question` when the question is shown (`shown`), else empty facts.
AnswerFacts answer_facts(const Question& question, const std::optional<Answer>& answer, bool shown);

/// The facts of every question (indexed like bank.questions) for answers and a visibility.
void answer_facts(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible,
                  std::vector<AnswerFacts>& facts);

}  // namespace wegwijzer
