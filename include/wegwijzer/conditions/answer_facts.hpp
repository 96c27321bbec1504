#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// Options 0..127 as a bit mask: the layout of AnswerFacts::chosen and of compiled option lists.
using OptionMask = std::uint64_t[2];

/// Sets option `option` in `mask` (options beyond 127 are not marked).
inline void mark_option(OptionMask& mask, std::size_t option) {
  if (option < 128) mask[option >> 6] |= std::uint64_t{1} << (option & 63);
}

/// Whether option `option` is set in `mask`.
inline bool has_option(const OptionMask& mask, std::size_t option) {
  return option < 128 && ((mask[option >> 6] >> (option & 63)) & 1u) != 0;
}

/// What conditions see of one question's answer, worked out once per answer set so that a
/// condition leaf is a few bit tests. A hidden question has no facts (`present` is false).
struct AnswerFacts {
  bool present = false;        ///< shown and answered (any stored answer, also empty text)
  std::uint16_t count = 0;     ///< number of chosen options (0 for free text)
  OptionMask chosen = {0, 0};  ///< bit o set: option o was chosen (options beyond 127 are not marked)
  int points = 0;              ///< sum of the points of the chosen options of the question

  /// Whether option `option` was chosen.
  bool chose(std::size_t option) const { return has_option(chosen, option); }
};

/// The facts of `answer` to `question` when the question is shown (`shown`), else empty facts.
AnswerFacts answer_facts(const Question& question, const std::optional<Answer>& answer, bool shown);

/// The facts of every question (indexed like bank.questions) for answers and a visibility.
void answer_facts(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& visible,
                  std::vector<AnswerFacts>& facts);

}  // namespace wegwijzer
