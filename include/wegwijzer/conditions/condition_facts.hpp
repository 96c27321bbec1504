#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "wegwijzer/conditions/answer_facts.hpp"

namespace wegwijzer {

/// The running value of one scale: the points and the number of its items shown and answered so far.
struct ScaleTally {
  int value = 0;            ///< sum of the points of the answered items
  std::uint32_t items = 0;  ///< how many items were answered (0: every leaf about the scale is false)
};

/// What a ConditionProgram reads of one answer set, laid out so that most condition leaves are one
/// 64-bit word tested against a mask: per question a row of words: the chosen options (two words), the
/// same words only when exactly one option was chosen (for "equals"), a word that is 1 when the question
/// is shown and answered, and its points as the bits of a double (NaN when no option was chosen, so that
/// every comparison with it fails); per scale its tally. A hidden question has all words zero and NaN points.
/// A row can be prepared per option (row_of_one()) and then copied in one go (set_row()).
class ConditionFacts {
 public:
  /// The words kept per question, in this order.
  enum Word : std::uint32_t { chosen_low, chosen_high, alone_low, alone_high, answered, points_bits, word_count };

  /// Facts for `questions` questions and `scales` scales, all hidden and empty.
  ConditionFacts(std::size_t questions, std::size_t scales) : words_(questions * word_count, 0), scales_(scales) {
    for (std::size_t q = 0; q < questions; ++q) hide(q);
  }

  /// The row of a question shown and answered with exactly one option, given as its OptionMask words
  /// `low` and `high`, worth `points`: written to `row` (word_count words).
  static void row_of_one(std::uint64_t* row, std::uint64_t low, std::uint64_t high, double points) {
    row[chosen_low] = low;
    row[chosen_high] = high;
    row[alone_low] = low;
    row[alone_high] = high;
    row[answered] = 1;
    row[points_bits] = bits_of(points);
  }

  /// Hides every question and empties every scale.
  void clear() {
    for (std::size_t q = 0; q < words_.size() / word_count; ++q) hide(q);
    clear_scales();
  }
  /// Empties every scale.
  void clear_scales() { std::fill(scales_.begin(), scales_.end(), ScaleTally{}); }
  /// Question `question` is hidden (or unanswered): no facts.
  void hide(std::size_t question) {
    std::uint64_t* words = &words_[question * word_count];
    for (std::uint32_t w = 0; w < points_bits; ++w) words[w] = 0;
    words[points_bits] = none_bits;
  }
  /// Question `question` has the facts of `row` (word_count words, see row_of_one()).
  void set_row(std::size_t question, const std::uint64_t* row) {
    std::memcpy(&words_[question * word_count], row, word_count * sizeof(std::uint64_t));
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
    words[points_bits] = facts.count == 0 ? none_bits : bits_of(facts.points);
  }
  /// Adds an answered item worth `points` to scale `scale`.
  void tally(std::size_t scale, int points) {
    scales_[scale].value += points;
    ++scales_[scale].items;
  }

  /// The words of every question, `word_count` per question.
  const std::uint64_t* words() const { return words_.data(); }
  /// The points of question `question` (NaN: no option chosen).
  double points(std::size_t question) const {
    double points = 0;
    std::memcpy(&points, &words_[question * word_count + points_bits], sizeof(points));
    return points;
  }
  /// The tally of every scale.
  const ScaleTally* scales() const { return scales_.data(); }
  /// Number of scales.
  std::size_t scale_count() const { return scales_.size(); }

 private:
  /// The bits of `value`.
  static std::uint64_t bits_of(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(bits));
    return bits;
  }
  static constexpr std::uint64_t none_bits = 0x7ff8000000000000;  ///< a quiet NaN

  std::vector<std::uint64_t> words_;
  std::vector<ScaleTally> scales_;
};

}  // namespace wegwijzer
