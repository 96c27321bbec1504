// Random answer sets that follow the skip logic, for property tests, benchmarks and witnesses.
//
// Uniformly random answers to a bank with many red-flag questions almost always raise a flag, so
// that every outcome would be rare in a sample. Each record therefore draws a profile first:
//   - a leaning: one outcome; options weighted towards it are likelier (never certain);
//   - half the records are "calm": options that red-flag or urgency rules look for are avoided
//     when the question has others, and scale options with fewer points are likelier.
// The other half answer every question uniformly at random, so the whole answer space is covered.
#include "wegwijzer/engine/sample.hpp"

#include <algorithm>
#include <cmath>

#include "engine_detail.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"

namespace wegwijzer {
namespace {

/// The filler for free-text questions: neutral, never anything like personal data.
constexpr const char* kTextFiller = "...";

/// A uniform index below `count` (count > 0).
std::size_t pick(std::mt19937_64& random, std::size_t count) {
  return static_cast<std::size_t>(random() % count);  // bias is negligible for small counts
}

/// Marks options that a leaf (not under a negation) of a red-flag or urgency rule looks for.
/// Alarming options, flattened: option o of question q is marks[offsets[q] + o].
struct Alarming {
  std::vector<std::size_t> offsets;
  std::vector<bool> marks;
  bool at(std::size_t q, std::size_t o) const { return marks[offsets[q] + o]; }
  void set(std::size_t q, std::size_t o) { marks[offsets[q] + o] = true; }
  std::size_t options(std::size_t q) const { return offsets[q + 1] - offsets[q]; }
};

void mark_alarming(const Bank& bank, const Condition& c, bool negated, Alarming& marks) {
  using Kind = Condition::Kind;
  switch (c.kind) {
    case Kind::all:
    case Kind::any:
      for (const auto& child : c.children) mark_alarming(bank, child, negated, marks);
      return;
    case Kind::negate:
      for (const auto& child : c.children) mark_alarming(bank, child, !negated, marks);
      return;
    case Kind::equals:
    case Kind::in:
    case Kind::contains:
      if (negated || c.question >= bank.questions.size()) return;
      for (std::size_t o : c.options) {
        if (o < marks.options(c.question)) marks.set(c.question, o);
      }
      return;
    case Kind::answer_at_least:
      if (negated || c.question >= bank.questions.size()) return;
      for (std::size_t o = 0; o < marks.options(c.question); ++o) {
        if (bank.questions[c.question].options[o].points.value_or(0) >= c.value) marks.set(c.question, o);
      }
      return;
    default: return;  // scales: calm records prefer few points anyway
  }
}

/// What one record leans towards.
struct Profile {
  std::size_t leaning = 0;  ///< outcome index
  bool calm = false;
};

/// A random option index for a single-choice style question, following the profile.
std::size_t pick_option(const Question& question, std::size_t q, const Alarming* alarming, const Profile& profile,
                        std::vector<double>& weights, std::mt19937_64& random) {
  const std::size_t count = question.options.size();
  weights.assign(count, 1.0);
  bool any_calm = false;
  for (std::size_t o = 0; o < count; ++o) {
    const Option& option = question.options[o];
    if (profile.leaning < option.weights.size()) {
      double others = 0;
      for (std::size_t p = 0; p < option.weights.size(); ++p) {
        if (p != profile.leaning) others += option.weights[p];
      }
      double mean = option.weights.size() > 1 ? others / static_cast<double>(option.weights.size() - 1) : 0.0;
      weights[o] *= std::exp(std::clamp(option.weights[profile.leaning] - mean, -3.0, 3.0) * 0.7);
    }
    if (profile.calm) {
      if (option.points) weights[o] *= std::pow(0.35, std::max(0, *option.points));
      if (alarming != nullptr && alarming->at(q, o)) weights[o] = 0;
      any_calm = any_calm || weights[o] > 0;
    }
  }
  if (profile.calm && !any_calm) std::fill(weights.begin(), weights.end(), 1.0);
  double total = 0;
  for (double w : weights) total += w;
  double draw = std::uniform_real_distribution<double>(0.0, total)(random);
  for (std::size_t o = 0; o < count; ++o) {
    if (draw < weights[o]) return o;
    draw -= weights[o];
  }
  return count - 1;
}

}  // namespace

namespace detail {
/// A uniformly random answer to one question (never empty).
Answer random_answer(const Question& question, std::mt19937_64& random) {
  Answer answer;
  if (question.type == QuestionType::text) {
    answer.text = kTextFiller;
    return answer;
  }
  const std::size_t count = question.options.size();
  if (count == 0) return answer;
  if (question.type == QuestionType::multiple) {
    // One option alone with probability 1/count (so "rather not say" and other exclusive options
    // appear, alone); otherwise each option that is neither "rather not say" nor exclusive with
    // probability 1/2, at least one.
    if (pick(random, count) == 0) {
      answer.options.push_back(static_cast<std::uint16_t>(pick(random, count)));
      return answer;
    }
    std::uint64_t bits = 0;
    for (std::size_t o = 0; o < count; ++o) {
      if (o % 64 == 0) bits = random();
      const Option& option = question.options[o];
      if (!option.unknown && !option.exclusive && ((bits >> (o % 64)) & 1U)) {
        answer.options.push_back(static_cast<std::uint16_t>(o));
      }
    }
    if (answer.options.empty()) answer.options.push_back(static_cast<std::uint16_t>(pick(random, count)));
    return answer;
  }
  answer.options.push_back(static_cast<std::uint16_t>(pick(random, count)));
  return answer;
}
}  // namespace detail

AnswerSet sample_answers(const Bank& bank, std::mt19937_64& random) {
  AnswerSet answers(bank);
  Profile profile;
  profile.leaning = bank.outcomes.empty() ? 0 : pick(random, bank.outcomes.size());
  profile.calm = pick(random, 2) == 0;
  Alarming alarming;
  std::vector<double> weights;
  if (profile.calm) {
    alarming.offsets.reserve(bank.questions.size() + 1);
    alarming.offsets.push_back(0);
    for (const Question& question : bank.questions) {
      alarming.offsets.push_back(alarming.offsets.back() + question.options.size());
    }
    alarming.marks.assign(alarming.offsets.back(), false);
    for (const Rule& rule : bank.rules) {
      const bool urgent =
          rule.effects.red_flag || (rule.effects.min_urgency && *rule.effects.min_urgency > Urgency::routine);
      if (urgent) mark_alarming(bank, rule.when, false, alarming);
    }
  }
  const SkipLogic skip(bank);
  ConditionFacts facts = skip.empty_facts();
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    if (q > 0) skip.record(q - 1, answers.at(q - 1), true, facts);  // hidden: no answer
    const Question& question = bank.questions[q];
    if (!skip.shown(q, facts)) continue;
    if (!question.required && pick(random, 5) == 0) continue;  // optional: skipped about one time in five
    if (question.options.empty()) {
      if (question.type == QuestionType::text) answers.set(q, detail::random_answer(question, random));
      continue;
    }
    if (question.type == QuestionType::multiple) {
      Answer answer = detail::random_answer(question, random);
      if (profile.calm) {
        // Calm records drop alarming options from their choice (keeping at least one option).
        std::vector<std::uint16_t> kept;
        for (auto o : answer.options) {
          if (!alarming.at(q, o)) kept.push_back(o);
        }
        if (!kept.empty()) answer.options = std::move(kept);
      }
      answers.set(q, std::move(answer));
      continue;
    }
    Answer answer;
    answer.options.push_back(static_cast<std::uint16_t>(
        pick_option(question, q, profile.calm ? &alarming : nullptr, profile, weights, random)));
    answers.set(q, std::move(answer));
  }
  return answers;
}

}  // namespace wegwijzer
