#pragma once
// What would change the advice: the smallest sets of answer changes that lead to another outcome.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <vector>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// One answer changed: the options chosen before and after (option indices, sorted).
struct AnswerChange {
  std::size_t question = 0;
  std::vector<std::uint16_t> from;
  std::vector<std::uint16_t> to;
};

/// Calls `visit(to, distance)` for every other answer find_counterfactuals() tries for `answer` to `question`, in
/// option order: every other option (scales: `distance` is the steps along the scale; other choices 1), or for
/// multiple choice one option added or taken away. Never "rather not say", never an empty multiple choice, and
/// nothing for free text or an answer holding "rather not say". `to` (sorted option indices) is built in `buffer`.
template <typename Visit>
void for_each_alternative(const Question& question, const Answer& answer, std::vector<std::uint16_t>& buffer,
                          Visit&& visit) {
  const std::vector<std::uint16_t>& from = answer.options;
  if (question.type == QuestionType::text || from.empty()) return;
  for (std::uint16_t o : from) {
    if (o >= question.options.size() || question.options[o].unknown) return;
  }
  for (std::size_t index = 0; index < question.options.size(); ++index) {
    const auto o = static_cast<std::uint16_t>(index);
    const Option& option = question.options[index];
    if (option.unknown) continue;
    buffer.clear();
    int distance = 1;
    if (question.type == QuestionType::multiple) {
      if (std::binary_search(from.begin(), from.end(), o)) {
        std::copy_if(from.begin(), from.end(), std::back_inserter(buffer), [o](std::uint16_t c) { return c != o; });
        if (buffer.empty()) continue;
      } else if (option.exclusive) {
        buffer.push_back(o);
      } else {
        std::copy_if(from.begin(), from.end(), std::back_inserter(buffer),
                     [&question](std::uint16_t c) { return !question.options[c].exclusive; });
        buffer.insert(std::upper_bound(buffer.begin(), buffer.end(), o), o);
      }
    } else {
      if (o == from.front()) continue;
      buffer.push_back(o);
      if (question.type == QuestionType::scale) distance = std::abs(int{o} - int{from.front()});
    }
    visit(static_cast<const std::vector<std::uint16_t>&>(buffer), distance);
  }
}

/// A smallest set of answer changes (one, else two) after which `outcome` is recommended.
struct Flip {
  std::size_t outcome = 0;            ///< outcome index in the bank
  std::vector<AnswerChange> changes;  ///< one or two, in question order
  int distance = 0;                   ///< steps moved along the questions' options, summed (1 for yes/no)
};

/// What would change the advice of one answer set.
struct Counterfactuals {
  /// A red flag decides the advice: no change outside the safety questions can change it, and none is proposed.
  bool decided_by_red_flag = false;
  /// At most one flip per other outcome, most plausible first: fewest changes, then the smallest distance, then
  /// the outcome ranked nearest the advice.
  std::vector<Flip> flips;
};

/// The questions never proposed for change: every question a rule with a red flag or an urgency reads (directly
/// or through a scale), so that the advice never reads as "answer differently to avoid the crisis advice".
std::vector<bool> safety_questions(const Bank& bank);

/// The questions never proposed for change: the safety questions, and the questions about the person's situation
/// that rules use to rule kinds of help in or out (a rule with "require" or "exclude" reads them: working or not,
/// say). A change of those would read as "if your life were different", not as what carried the advice.
std::vector<bool> fixed_questions(const Bank& bank);

/// For a complete `result` of `answers` (as evaluate() gives it): per other outcome, the smallest set of changes
/// to shown, answered choice questions that are not fixed_questions() that makes it the recommendation, never
/// lowering the urgency.
/// A change that would bring up a question not yet answered is not proposed; "rather not say" is never proposed.
/// Empty for an incomplete result.
Counterfactuals find_counterfactuals(const Bank& bank, const AnswerSet& answers, const Result& result);

/// Every single answer change that find_counterfactuals() would try and that changes the recommendation (to the
/// outcome in each flip), in question order. Empty for an incomplete result or one a red flag decides.
std::vector<Flip> single_flips(const Bank& bank, const AnswerSet& answers, const Result& result);

/// How often one answer alone changes the advice, per question, over sampled answer sets (`check --sensitivity`).
struct Sensitivity {
  std::size_t sampled = 0;  ///< answer sets sampled
  std::size_t scored = 0;   ///< of those: complete, with advice that no red flag decides (the ones looked at)
  struct Question {
    std::size_t question = 0;  ///< question index in the bank
    std::size_t shown = 0;     ///< scored sets in which it was shown and could be changed
    std::size_t flips = 0;     ///< of those: sets in which changing it alone changes the advice
    std::size_t from = 0;      ///< the most frequent advice it flips away from (outcome index)
    std::size_t to = 0;        ///< and the outcome it then most often leads to
  };
  std::vector<Question> questions;  ///< questions that flipped the advice at least once, most flips first
};

/// Samples `count` answer sets (sample_answers(), seeded with `seed`) and counts, per question, the sets in which
/// one change of that answer alone changes the advice.
Sensitivity measure_sensitivity(const Bank& bank, std::size_t count, std::uint64_t seed);

}  // namespace wegwijzer
