#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "wegwijzer/answer_facts.hpp"

namespace wegwijzer {

/// The running value of one scale: the points and the number of its items shown and answered so far.
struct ScaleTally {
  int value = 0;            ///< sum of the points of the answered items
  std::uint32_t items = 0;  ///< how many items were answered (0: every leaf about the scale is false)
};

/// What a ConditionProgram reads of one answer set, laid out so that most condition leaves are one
/// 64-bit word tested against a mask: per question the chosen options (two words), the same words
/// only when exactly one option was chosen (for "equals"), a word that is 1 when the question is
/// shown and answered, and its points as a double (NaN when no option was chosen, so that every
/// comparison with it fails); per scale its tally. A hidden question has all words zero.
class ConditionFacts {
 public:
  /// The words kept per question, in this order.
  enum Word : std::uint32_t { chosen_low, chosen_high, alone_low, alone_high, answered, word_count };

  /// Facts for `questions` questions and `scales` scales, all hidden and empty.
  ConditionFacts(std::size_t questions, std::size_t scales)
      : words_(questions * word_count, 0), points_(questions, none), scales_(scales) {}

  /// Hides every question and empties every scale.
  void clear() {
    std::fill(words_.begin(), words_.end(), 0);
    std::fill(points_.begin(), points_.end(), none);
    clear_scales();
  }
  /// Empties every scale.
  void clear_scales() { std::fill(scales_.begin(), scales_.end(), ScaleTally{}); }
  /// Question `question` is hidden (or unanswered): no facts.
  void hide(std::size_t question) {
    std::uint64_t* words = &words_[question * word_count];
    for (std::uint32_t w = 0; w < word_count; ++w) words[w] = 0;
    points_[question] = none;
  }
  /// Question `question` is shown and answered with exactly one option, given as its OptionMask
  /// words `low` and `high`, worth `points`.
  void set_one(std::size_t question, std::uint64_t low, std::uint64_t high, double points) {
    std::uint64_t* words = &words_[question * word_count];
    words[chosen_low] = low;
    words[chosen_high] = high;
    words[alone_low] = low;
    words[alone_high] = high;
    words[answered] = 1;
    points_[question] = points;
  }
  /// Question `question` has these facts (any facts; not present is hidden).
  void set(std::size_t question, const AnswerFacts& facts) {
    if (!facts.present) return hide(question);
    const bool alone = facts.count == 1;
    std::uint64_t* words = &words_[question * word_count];
    words[chosen_low] = facts.chosen[0];
    words[chosen_high] = facts.chosen[1];
    words[alone_low] = alone ? facts.chosen[0] : 0;
    words[alone_high] = alone ? facts.chosen[1] : 0;
    words[answered] = 1;
    points_[question] = facts.count == 0 ? none : facts.points;
  }
  /// Adds an answered item worth `points` to scale `scale`.
  void tally(std::size_t scale, int points) {
    scales_[scale].value += points;
    ++scales_[scale].items;
  }

  /// The words of every question, `word_count` per question.
  const std::uint64_t* words() const { return words_.data(); }
  /// The points of every question (NaN: no option chosen).
  const double* points() const { return points_.data(); }
  /// The tally of every scale.
  const ScaleTally* scales() const { return scales_.data(); }
  /// Number of scales.
  std::size_t scale_count() const { return scales_.size(); }

 private:
  static constexpr double none = std::numeric_limits<double>::quiet_NaN();

  std::vector<std::uint64_t> words_;
  std::vector<double> points_;
  std::vector<ScaleTally> scales_;
};

}  // namespace wegwijzer
