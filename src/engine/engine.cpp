// evaluate(): skip logic, scores, scales, rules, red flags and urgency, in one pass over the
// questions with tables prepared once per bank (evaluator_tables.cpp). The recommendation and its
// reasons live in recommendation.cpp and reasons.cpp.
#include "wegwijzer/engine/engine.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine_detail.hpp"
#include "evaluator_tables.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/conditions/condition_facts.hpp"

namespace wegwijzer {
namespace {

using detail::OptionEntry;
using detail::QuestionEntry;
using detail::RuleEntry;
using detail::Trigger;

/// Adds a weight row to the scores (both `width` long, a multiple of four).
inline void add_row(double* __restrict scores, const double* __restrict row, std::size_t width) {
  if (width == 4) {  // four outcomes, as in the built-in bank: without the loop
    scores[0] += row[0];
    scores[1] += row[1];
    scores[2] += row[2];
    scores[3] += row[3];
    return;
  }
  for (std::size_t o = 0; o < width; o += 4) {
    scores[o] += row[o];
    scores[o + 1] += row[o + 1];
    scores[o + 2] += row[o + 2];
    scores[o + 3] += row[o + 3];
  }
}

/// The tables and cursors of one walk over the questions, held apart from the evaluator so that
/// the compiler need not load them again after every call that may change memory.
struct Walk {
  const OptionEntry* options;
  const double* weights;
  const std::uint32_t* links;
  const Trigger* triggers;
  std::uint64_t* candidates;  ///< rules worth trying, a bit per rule (the first word is in first_candidates)
  double* scores;
  detail::ScoredOption* scored;  ///< the next scored option
  std::size_t* shown;            ///< the next shown question
  std::size_t width;
  std::uint64_t first_candidates = 0;  ///< the first 64 rules worth trying
  bool unknown = false;                ///< the last answer taken was unanswered or "rather not say"

  /// Adds the weights of option `option` (at `at` in the option tables) of question `q` to the scores.
  void score(std::size_t q, std::size_t option, std::size_t at) {
    const double* row = weights + at * width;
    *scored++ = detail::ScoredOption{static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(option), row};
    add_row(scores, row, width);
  }
  /// Marks the rules beyond the first 64 that `choice` triggers as worth trying.
  void trigger_later(const OptionEntry& choice) {
    for (std::uint32_t t = 0; t < choice.trigger_count; ++t) {
      const Trigger& trigger = triggers[choice.first_trigger + t];
      candidates[trigger.word] |= trigger.rules;
    }
  }
  /// Makes room in `table` for `more` scored options.
  void grow_scored(std::vector<detail::ScoredOption>& table, std::size_t more) {
    const auto used = static_cast<std::size_t>(scored - table.data());
    table.resize(used + more);
    scored = table.data() + used;
  }
};

/// Empties the parts of a result that evaluate() appends to; vectors keep their capacity.
void reset(Result& result) {
  result.missing.clear();
  result.ignored.clear();
  result.fired_rules.clear();
  result.red_flags.clear();
  result.urgency = Urgency::routine;
  result.recommendation.reset();
  result.ranking.clear();
  result.reasons.clear();
  result.unknown_red_flags.clear();
  result.notes.clear();
  result.close_call = false;
}

}  // namespace

struct Evaluator::Impl {
  explicit Impl(const Bank& bank)
      : tables(bank),
        facts(bank.questions.size(), bank.scales.size()),
        sums(tables.width),
        excluded(tables.outcomes),
        required(tables.outcomes),
        scored(tables.scored_room),
        candidates(tables.unguarded.size()) {}

  void evaluate(const AnswerSet& answers, Result& result);
  /// Visibility, facts, scale tallies, shown / ignored / missing, answer weights, unknown red flags
  /// and the rules worth trying.
  void walk(const AnswerSet& answers, Result& result);
  /// Whether a question with a show_if is shown, after the facts of the questions before it.
  bool shown(const QuestionEntry& entry) const {
    if (entry.show == detail::Show::program) return tables.program.holds(entry.show_if, facts);
    return ((facts.words()[entry.show_word] & entry.show_mask) != 0) == (entry.show == detail::Show::word);
  }
  /// The answer `slot` to hidden question `q` is ignored, unless it is empty.
  [[gnu::noinline]] void ignore(std::size_t q, const QuestionEntry& entry, const std::optional<Answer>& slot,
                                Result& result);
  /// What a quick answer (option `option` of question `q`, at `at` in the option tables) does beyond its
  /// facts: scores, later rules to try, an unknown red flag, scale tallies.
  void take_more(Walk& walk, std::size_t q, std::size_t option, std::size_t at, const QuestionEntry& entry,
                 Result& result);
  /// Any other shown question: unanswered, several options, free text, options out of range.
  [[gnu::noinline]] void take_other(Walk& walk, std::size_t q, const QuestionEntry& entry,
                                    const std::optional<Answer>& slot, Result& result);
  /// Facts, scores, rules to try and unknown flag (walk.unknown) of a shown answer; whether it is answered.
  bool take_answer(Walk& walk, std::size_t q, const QuestionEntry& entry, const Answer& answer,
                   AnswerFacts& fact) const;
  /// The scale values from the tallies.
  void scale_values(Result& result) const;
  /// Fired rules, their weights, red flags (crisis first), urgency and notes; returns the RuleReason bits of the
  /// fired rules.
  unsigned apply_rules(Result& result);

  const detail::EvaluatorTables tables;
  // Working memory, kept between calls.
  ConditionFacts facts;                      ///< what conditions read
  std::vector<double> sums;                  ///< the scores, a weight row long
  std::vector<char> excluded;                ///< per outcome
  std::vector<char> required;                ///< per outcome
  std::vector<detail::ScoredOption> scored;  ///< the options that added weights
  std::size_t scored_count = 0;              ///< how many of `scored` this evaluation filled
  std::vector<std::uint64_t> candidates;     ///< a bit per rule worth trying
};

void Evaluator::Impl::walk(const AnswerSet& answers, Result& result) {
  const std::size_t count = tables.questions.size();
  // A show_if reads the facts of earlier questions, written below; one that refers to its own or a
  // later question must find them hidden, so then every fact is hidden first.
  if (tables.forward_references) {
    facts.clear();
  } else {
    facts.clear_scales();
  }
  // Four outcomes and up to 64 rules, as in the usual bank: stores rather than calls to memset and memmove.
  if (sums.size() == 4) {
    sums[0] = sums[1] = sums[2] = sums[3] = 0.0;
  } else {
    std::fill(sums.begin(), sums.end(), 0.0);
  }
  if (candidates.size() == 1) {
    candidates[0] = tables.unguarded[0];
  } else {
    std::copy(tables.unguarded.begin(), tables.unguarded.end(), candidates.begin());
  }
  result.shown.resize(count);
  Walk walk{tables.options.data(),  tables.weights.data(), tables.links.data(),
            tables.triggers.data(), candidates.data(),     sums.data(),
            scored.data(),          result.shown.data(),   tables.width};
  const QuestionEntry* questions = tables.questions.data();
  const std::uint32_t* states = answers.states();
  for (std::size_t q = 0; q < count; ++q) {
    const QuestionEntry& entry = questions[q];
    if (entry.show != detail::Show::always && !shown(entry)) {
      facts.hide(q);
      if (states[q] != AnswerSet::unanswered) ignore(q, entry, answers.at(q), result);
      continue;
    }
    *walk.shown++ = q;
    // The usual answer, one option of a choice question, is its state word less one; unanswered and general
    // answers wrap around to no option.
    const std::uint32_t option = states[q] - 1;
    if (option < entry.choice_options) {
      const std::size_t at = entry.first_option + option;
      const OptionEntry& choice = walk.options[at];
      facts.set_row(q, choice.facts);
      walk.first_candidates |= choice.rules;
      if (choice.more) take_more(walk, q, option, at, entry, result);
      continue;
    }
    take_other(walk, q, entry, answers.at(q), result);
  }
  if (!candidates.empty()) candidates[0] |= walk.first_candidates;
  result.shown.resize(static_cast<std::size_t>(walk.shown - result.shown.data()));
  scored_count = static_cast<std::size_t>(walk.scored - scored.data());
}

void Evaluator::Impl::ignore(std::size_t q, const QuestionEntry& entry, const std::optional<Answer>& slot,
                             Result& result) {
  if (slot && (entry.text ? !slot->text.empty() : !slot->options.empty())) result.ignored.push_back(q);
}

inline void Evaluator::Impl::take_more(Walk& walk, std::size_t q, std::size_t option, std::size_t at,
                                       const QuestionEntry& entry, Result& result) {
  const OptionEntry& choice = walk.options[at];
  if (choice.weighted) walk.score(q, option, at);
  walk.trigger_later(choice);
  if (choice.unknown_flag) result.unknown_red_flags.push_back(q);
  if (entry.link_count == 1) return facts.tally(entry.only_link, choice.points);  // the usual scale item
  for (std::uint32_t l = 0; l < entry.link_count; ++l) facts.tally(walk.links[entry.first_link + l], choice.points);
}

void Evaluator::Impl::take_other(Walk& walk, std::size_t q, const QuestionEntry& entry,
                                 const std::optional<Answer>& slot, Result& result) {
  if (!slot) {
    facts.hide(q);
    if (entry.required) result.missing.push_back(q);
    if (entry.red_flag) result.unknown_red_flags.push_back(q);
    return;
  }
  // `scored` has room for every option of the questions still to come; an answer with more options
  // than its question (repeats, from AnswerSet::set()) needs more.
  if (slot->options.size() > entry.option_count) walk.grow_scored(scored, slot->options.size() + tables.scored_room);
  AnswerFacts fact;
  if (!take_answer(walk, q, entry, *slot, fact) && entry.required) result.missing.push_back(q);
  if (entry.red_flag && walk.unknown) result.unknown_red_flags.push_back(q);
  facts.set(q, fact);
  if (fact.count == 0) return;  // not an answered item of a scale
  for (std::uint32_t l = 0; l < entry.link_count; ++l) facts.tally(walk.links[entry.first_link + l], fact.points);
}

bool Evaluator::Impl::take_answer(Walk& walk, std::size_t q, const QuestionEntry& entry, const Answer& answer,
                                  AnswerFacts& fact) const {
  const std::size_t chosen_count = answer.options.size();
  const bool answered = entry.text ? !answer.text.empty() : chosen_count != 0;
  fact.present = true;
  fact.count = static_cast<std::uint16_t>(chosen_count);
  walk.unknown = !answered;
  for (const std::uint16_t option : answer.options) {
    mark_option(fact.chosen, option);
    if (option >= entry.option_count) continue;
    const std::size_t at = entry.first_option + option;
    const OptionEntry& choice = walk.options[at];
    fact.points += choice.points;
    walk.first_candidates |= choice.rules;
    walk.trigger_later(choice);
    if (entry.text) continue;
    walk.unknown = walk.unknown || choice.unknown;
    if (choice.weighted) walk.score(q, option, at);
  }
  return answered;
}

void Evaluator::Impl::scale_values(Result& result) const {
  const ScaleTally* tallies = facts.scales();
  const std::size_t count = facts.scale_count();
  result.scales.resize(count);
  ScaleValue* values = result.scales.data();
  for (std::size_t s = 0; s < count; ++s) {
    ScaleValue& value = values[s];
    value.scale = s;
    value.value = tallies[s].value;
    value.answered_items = tallies[s].items;
    value.band = tallies[s].items != 0 ? tables.band(s, tallies[s].value) : std::nullopt;
  }
}

unsigned Evaluator::Impl::apply_rules(Result& result) {
  unsigned reasons = 0;
  int urgency = static_cast<int>(Urgency::routine);
  int flags = 0;  // bit 1: a clinical flag, bit 2: a crisis flag
  // Only the candidates (rules whose guard was met, and rules without one) can hold; in bank order.
  for (std::size_t word = 0; word < candidates.size(); ++word) {
    for (std::uint64_t bits = candidates[word]; bits != 0; bits &= bits - 1) {
      const std::size_t r = word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
      const RuleEntry& rule = tables.rules[r];
      if (!tables.program.holds(rule.when, facts)) continue;
      result.fired_rules.push_back(r);
      if (rule.weighted) add_row(sums.data(), tables.rule_weights.data() + r * tables.width, tables.width);
      urgency = std::max(urgency, rule.urgency);
      flags |= 1 << rule.flag;
      reasons |= rule.reason;
      if (rule.note) result.notes.push_back(r);
    }
  }
  if ((flags & 6) != 0) {
    for (int flag : {2, 1}) {
      for (std::size_t r : result.fired_rules) {
        if (tables.rules[r].flag == flag) {
          result.red_flags.push_back(RaisedFlag{r, flag == 2 ? Tier::crisis : Tier::clinical});
        }
      }
    }
  }
  if ((flags & 2) != 0) urgency = std::max(urgency, static_cast<int>(Urgency::prompt));
  if ((flags & 4) != 0) urgency = static_cast<int>(Urgency::crisis);
  result.urgency = static_cast<Urgency>(urgency);
  return reasons;
}

void Evaluator::Impl::evaluate(const AnswerSet& answers, Result& result) {
  reset(result);
  walk(answers, result);
  scale_values(result);
  const unsigned reasons = apply_rules(result);
  result.scores.assign(sums.begin(), sums.begin() + static_cast<std::ptrdiff_t>(tables.outcomes));
  result.status = result.missing.empty() ? Status::complete : Status::incomplete;
  if (result.status == Status::complete && tables.outcomes != 0) {
    detail::recommend(tables.steering, result, excluded, required);
    detail::explain(tables.steering, scored.data(), scored_count, result, reasons);
  }
}

Evaluator::Evaluator(const Bank& bank) : impl_(std::make_unique<Impl>(bank)) {}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

void Evaluator::evaluate(const AnswerSet& answers, Result& result) { impl_->evaluate(answers, result); }

Result evaluate(const Bank& bank, const AnswerSet& answers) {
  Result result;
  Evaluator(bank).evaluate(answers, result);
  return result;
}

}  // namespace wegwijzer
