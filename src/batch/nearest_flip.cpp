// The nearest flip for `score --explain` (see nearest_flip.hpp). find_counterfactuals() evaluates the answers again
// for every answer change it tries; here most changes are settled from the bank's weight rows:
// - a question that no show_if reads and no rule with weights reads ("plain"): the change adds the difference of
//   its option rows to the scores and touches nothing else (no red flag, urgency or requirement reads it, since it
//   is no fixed question), so the new recommendation is the best open outcome of the new scores;
// - a question that rules with weights read: those rules may fire or stop, which moves the gap between two outcomes
//   by at most the spread of their weights (its "slack"); only a change that could close a gap within that slack
//   is evaluated;
// - a question that a show_if reads ("gating") may show or hide others: evaluated, and the result kept, so that a
//   pair of it with a plain change is settled from that result.
// Near ties (within a rounding margin scaled to the largest running total the bank's weights allow) are evaluated,
// so the answer is the reference's, never a rounding apart.
#include "wegwijzer/batch/nearest_flip.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wegwijzer/engine/engine.hpp"

namespace wegwijzer {
namespace {

/// How an answer change was settled.
enum class Verdict { stays, flips, evaluate };

/// The spread of a weight row of a bank with `outcomes` outcomes: the most it moves the gap between two outcomes
/// (a short row counts its missing weights as 0, as the evaluator does; weights past the outcomes count nothing).
double spread(const std::vector<double>& weights, std::size_t outcomes) {
  const std::size_t count = std::min(weights.size(), outcomes);
  if (count == 0) return 0;
  double low = count < outcomes ? 0.0 : weights[0];
  double high = low;
  for (std::size_t o = 0; o < count; ++o) {
    low = std::min(low, weights[o]);
    high = std::max(high, weights[o]);
  }
  return high - low;
}

/// The largest a running score can grow: every option's and every rule's weights, as magnitudes, summed.
double magnitude(const Bank& bank, std::size_t outcomes) {
  double total = 0;
  const auto add = [&total, outcomes](const std::vector<double>& weights) {
    for (std::size_t o = 0; o < weights.size() && o < outcomes; ++o) total += std::fabs(weights[o]);
  };
  for (const Question& question : bank.questions) {
    for (const Option& option : question.options) add(option.weights);
  }
  for (const Rule& rule : bank.rules) add(rule.effects.weights);
  return total;
}

}  // namespace

struct NearestFlipFinder::Impl {
  explicit Impl(const Bank& bank_in);

  /// One answer change to try, in the reference's order.
  struct Change {
    std::uint32_t question = 0;
    std::uint32_t first_to = 0;  ///< its options after the change: `to_pool[first_to ..]`
    std::uint32_t to_count = 0;
    std::uint32_t delta = 0;  ///< its difference of option rows: `deltas[delta ..]`, one per outcome
    int distance = 1;
  };
  /// What evaluating a single change of a gating question gave, for the pairs it is part of.
  struct Settled {
    bool valid = false;   ///< complete, no red flag, the urgency kept
    bool forced = false;  ///< a requirement decides the recommendation
    std::size_t outcome = 0;
    std::uint32_t scores = 0;  ///< its scores and exclusions: `settled_scores[scores ..]`, `settled_excluded[..]`
    std::uint32_t shown = 0;   ///< the questions it shows: `settled_shown[shown ..]`, one per question
  };

  bool find(const AnswerSet& answers, const Result& result, Flip& flip);
  /// Fills the record's exclusions, ranks and changes.
  void prepare(const AnswerSet& answers, const Result& result);
  /// Settles a change (or two) from scores `base` with exclusions `excluded` and recommendation `current`: the
  /// new scores are `base` plus the deltas; `bound` bounds what rules add (the changed questions' slack).
  /// `winner`: the new recommendation.
  Verdict settle(const double* base, const char* excluded, std::size_t current, const Change& a, const Change* b,
                 double bound, std::size_t& winner);
  /// Evaluates the answers after `a` (and `b`): the outcome, when the result is complete, without a red flag and
  /// keeps the urgency. With `keep`, what the evaluation gave is stored there.
  std::optional<std::size_t> evaluate(const AnswerSet& answers, const Result& result, const Change& a, const Change* b,
                                      Settled* keep);
  /// Sets change `c` in `scratch`.
  void apply(const Change& c);
  /// Sets the original answer to the question of `c` in `scratch` again.
  void restore(const AnswerSet& answers, const Change& c);
  /// Whether a requirement decides the recommendation of `result` (no red flag).
  bool forced(const Result& result) const;
  /// The outcome of one change (nullopt: no flip).
  std::optional<std::size_t> single(const AnswerSet& answers, const Result& result, std::size_t i);
  /// The outcome of two changes (nullopt: no flip).
  std::optional<std::size_t> pair(const AnswerSet& answers, const Result& result, std::size_t i, std::size_t j);

  const Bank& bank;
  std::size_t outcomes;
  std::vector<bool> fixed;             ///< per question: never changed (fixed_questions())
  std::vector<char> gating;            ///< per question: a show_if reads it
  std::vector<double> slack;           ///< per question: the spreads of the rules with weights that read it
  std::vector<char> requires_outcome;  ///< per rule: it requires outcomes
  /// Scores that differ by no more than this may be a rounding apart: the evaluator sums in question order, with
  /// running totals up to the bank's magnitude(), and a settled change adds rows in another order.
  double margin = 0;
  std::vector<std::uint32_t> first_row;  ///< per question: its first option's row in `weights`
  std::vector<double> weights;           ///< per option, a row of one weight per outcome
  Evaluator evaluator;
  AnswerSet scratch;  ///< the record's answers with the changes being evaluated
  Result trial;

  // The record being looked at.
  bool scratch_ready = false;
  bool record_forced = false;
  std::vector<char> excluded;
  std::vector<std::size_t> rank;  ///< per outcome: its place in the ranking
  std::vector<Change> changes;
  std::vector<std::uint16_t> to_pool;
  std::vector<double> deltas;
  std::vector<std::uint16_t> buffer;
  std::vector<double> next;      ///< scores after a change
  std::vector<char> hidden;      ///< per question: not shown for the record
  std::vector<Settled> settled;  ///< per change of a gating question
  std::vector<double> settled_scores;
  std::vector<char> settled_excluded;
  std::vector<char> settled_shown;
};

NearestFlipFinder::Impl::Impl(const Bank& bank_in)
    : bank(bank_in),
      outcomes(bank_in.outcomes.size()),
      fixed(fixed_questions(bank_in)),
      gating(bank_in.questions.size(), 0),
      slack(bank_in.questions.size(), 0.0),
      requires_outcome(bank_in.rules.size(), 0),
      margin(1e-9 * (1 + magnitude(bank_in, bank_in.outcomes.size()))),
      evaluator(bank_in),
      scratch(bank_in),
      excluded(outcomes),
      rank(outcomes),
      next(outcomes),
      hidden(bank_in.questions.size(), 0) {
  const std::size_t count = bank.questions.size();
  for (const Question& question : bank.questions) {
    if (!question.show_if) continue;
    std::vector<bool> read(count, false);
    mark_questions_read(bank, *question.show_if, read);
    for (std::size_t q = 0; q < count; ++q) gating[q] = gating[q] || read[q];
  }
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const Effects& effects = bank.rules[r].effects;
    requires_outcome[r] =
        std::any_of(effects.require.begin(), effects.require.end(), [this](std::size_t o) { return o < outcomes; });
    const double rule_spread = spread(effects.weights, outcomes);
    if (rule_spread == 0) continue;
    std::vector<bool> reads(count, false);
    mark_questions_read(bank, bank.rules[r].when, reads);
    for (std::size_t q = 0; q < count; ++q) {
      if (reads[q]) slack[q] += rule_spread;
    }
  }
  first_row.resize(count);
  for (std::size_t q = 0; q < count; ++q) {
    first_row[q] = static_cast<std::uint32_t>(weights.size() / std::max<std::size_t>(outcomes, 1));
    for (const Option& option : bank.questions[q].options) {
      for (std::size_t o = 0; o < outcomes; ++o) weights.push_back(o < option.weights.size() ? option.weights[o] : 0);
    }
  }
}

bool NearestFlipFinder::Impl::forced(const Result& result) const {
  if (!result.red_flags.empty()) return true;
  return std::any_of(result.fired_rules.begin(), result.fired_rules.end(),
                     [this](std::size_t r) { return r < requires_outcome.size() && requires_outcome[r]; });
}

void NearestFlipFinder::Impl::prepare(const AnswerSet& answers, const Result& result) {
  scratch_ready = false;
  record_forced = forced(result);
  std::fill(excluded.begin(), excluded.end(), 0);
  std::fill(rank.begin(), rank.end(), outcomes);
  for (std::size_t i = 0; i < result.ranking.size(); ++i) {
    const RankedOutcome& ranked = result.ranking[i];
    if (ranked.outcome >= outcomes) continue;
    rank[ranked.outcome] = i;
    excluded[ranked.outcome] = ranked.excluded ? 1 : 0;
  }
  changes.clear();
  to_pool.clear();
  deltas.clear();
  settled.clear();
  settled_scores.clear();
  settled_excluded.clear();
  settled_shown.clear();
  for (std::size_t q : result.shown) {
    if (q >= bank.questions.size() || fixed[q]) continue;
    const std::optional<Answer>& answer = answers.at(q);
    if (!answer) continue;
    for_each_alternative(bank.questions[q], *answer, buffer, [&](const std::vector<std::uint16_t>& to, int distance) {
      Change change;
      change.question = static_cast<std::uint32_t>(q);
      change.first_to = static_cast<std::uint32_t>(to_pool.size());
      change.to_count = static_cast<std::uint32_t>(to.size());
      change.delta = static_cast<std::uint32_t>(deltas.size());
      change.distance = distance;
      to_pool.insert(to_pool.end(), to.begin(), to.end());
      deltas.resize(deltas.size() + outcomes, 0.0);
      double* delta = deltas.data() + change.delta;
      const double* rows = weights.data() + std::size_t{first_row[q]} * outcomes;
      for (std::uint16_t o : to) {
        for (std::size_t k = 0; k < outcomes; ++k) delta[k] += rows[std::size_t{o} * outcomes + k];
      }
      for (std::uint16_t o : answer->options) {
        for (std::size_t k = 0; k < outcomes; ++k) delta[k] -= rows[std::size_t{o} * outcomes + k];
      }
      changes.push_back(change);
    });
  }
  settled.resize(changes.size());
}

Verdict NearestFlipFinder::Impl::settle(const double* base, const char* excluded_now, std::size_t current,
                                        const Change& a, const Change* b, double bound, std::size_t& winner) {
  for (std::size_t o = 0; o < outcomes; ++o) next[o] = base[o] + deltas[a.delta + o] + (b ? deltas[b->delta + o] : 0.0);
  if (bound > 0) {
    for (std::size_t o = 0; o < outcomes; ++o) {
      if (o != current && !excluded_now[o] && next[o] - next[current] + bound >= -margin) return Verdict::evaluate;
    }
    return Verdict::stays;
  }
  std::optional<std::size_t> best;
  for (std::size_t o = 0; o < outcomes; ++o) {
    if (!excluded_now[o] && (!best || next[o] > next[*best])) best = o;
  }
  if (!best) return Verdict::evaluate;
  for (std::size_t o = 0; o < outcomes; ++o) {
    if (o != *best && !excluded_now[o] && next[*best] - next[o] <= margin) return Verdict::evaluate;
  }
  winner = *best;
  return winner == current ? Verdict::stays : Verdict::flips;
}

void NearestFlipFinder::Impl::apply(const Change& c) {
  const Question& question = bank.questions[c.question];
  if (question.type != QuestionType::multiple && c.to_count == 1) {
    scratch.set_known_option(c.question, to_pool[c.first_to]);
    return;
  }
  Answer answer;
  answer.options.assign(to_pool.begin() + c.first_to, to_pool.begin() + c.first_to + c.to_count);
  scratch.set(c.question, std::move(answer));
}

void NearestFlipFinder::Impl::restore(const AnswerSet& answers, const Change& c) {
  const std::uint32_t state = answers.state(c.question);
  if (state != AnswerSet::general && state != AnswerSet::unanswered) {
    scratch.set_known_option(c.question, static_cast<std::uint16_t>(state - 1));
  } else {
    scratch.set(c.question, *answers.at(c.question));
  }
}

std::optional<std::size_t> NearestFlipFinder::Impl::evaluate(const AnswerSet& answers, const Result& result,
                                                             const Change& a, const Change* b, Settled* keep) {
  if (!scratch_ready) {
    // As find_counterfactuals(): an answer to a question that was not shown counts as not given.
    scratch = answers;
    std::fill(hidden.begin(), hidden.end(), 1);
    for (std::size_t q : result.shown) {
      if (q < hidden.size()) hidden[q] = 0;
    }
    for (std::size_t q = 0; q < hidden.size(); ++q) {
      if (hidden[q]) scratch.clear(q);
    }
    scratch_ready = true;
  }
  apply(a);
  if (b) apply(*b);
  evaluator.evaluate(scratch, trial);
  restore(answers, a);
  if (b) restore(answers, *b);
  const bool valid = trial.status == Status::complete && trial.recommendation && trial.red_flags.empty() &&
                     trial.urgency >= result.urgency;
  if (keep) {
    keep->valid = valid;
    if (valid) {
      keep->forced = forced(trial);
      keep->outcome = *trial.recommendation;
      keep->scores = static_cast<std::uint32_t>(settled_scores.size());
      settled_scores.insert(settled_scores.end(), trial.scores.begin(), trial.scores.begin() + outcomes);
      settled_excluded.resize(settled_excluded.size() + outcomes, 0);
      for (const RankedOutcome& ranked : trial.ranking) {
        if (ranked.outcome < outcomes) settled_excluded[keep->scores + ranked.outcome] = ranked.excluded ? 1 : 0;
      }
      keep->shown = static_cast<std::uint32_t>(settled_shown.size());
      settled_shown.resize(settled_shown.size() + bank.questions.size(), 0);
      for (std::size_t q : trial.shown) {
        if (q < bank.questions.size()) settled_shown[keep->shown + q] = 1;
      }
    }
  }
  if (!valid) return std::nullopt;
  return trial.recommendation;
}

std::optional<std::size_t> NearestFlipFinder::Impl::single(const AnswerSet& answers, const Result& result,
                                                           std::size_t i) {
  const Change& change = changes[i];
  const std::size_t current = *result.recommendation;
  std::optional<std::size_t> outcome;
  if (gating[change.question]) {
    outcome = evaluate(answers, result, change, nullptr, &settled[i]);
  } else if (record_forced) {
    return std::nullopt;  // a change that shows or hides nothing cannot undo a requirement
  } else {
    std::size_t winner = current;
    switch (settle(result.scores.data(), excluded.data(), current, change, nullptr, slack[change.question], winner)) {
      case Verdict::stays: return std::nullopt;
      case Verdict::flips: return winner;
      case Verdict::evaluate: outcome = evaluate(answers, result, change, nullptr, nullptr); break;
    }
  }
  if (outcome == current) return std::nullopt;
  return outcome;
}

std::optional<std::size_t> NearestFlipFinder::Impl::pair(const AnswerSet& answers, const Result& result, std::size_t i,
                                                         std::size_t j) {
  const Change& a = changes[i];
  const Change& b = changes[j];
  const std::size_t current = *result.recommendation;
  const bool gates_a = gating[a.question];
  const bool gates_b = gating[b.question];
  std::optional<std::size_t> outcome;
  std::size_t winner = current;
  Verdict verdict = Verdict::evaluate;
  if (!gates_a && !gates_b) {
    if (record_forced) return std::nullopt;
    verdict =
        settle(result.scores.data(), excluded.data(), current, a, &b, slack[a.question] + slack[b.question], winner);
  } else if (gates_a != gates_b) {
    // One gating change, evaluated alone before (every single change was tried), and one that shows or hides
    // nothing: the other adds its rows (and may stir its rules) on top of that result, where it is shown; where
    // the gating change hides it, its change is ignored and the pair gives what the gating change alone gave.
    const std::size_t g = gates_a ? i : j;
    const Change& other = gates_a ? b : a;
    const Settled& base = settled[g];
    // Invalid stays invalid, a requirement stays (neither is touched by the other change); a valid single
    // change kept the recommendation, or it would have been a flip.
    if (!base.valid || base.forced) return std::nullopt;
    if (!settled_shown[base.shown + other.question]) return std::nullopt;
    verdict = settle(settled_scores.data() + base.scores, settled_excluded.data() + base.scores, base.outcome, other,
                     nullptr, slack[other.question], winner);
  }
  switch (verdict) {
    case Verdict::stays: return std::nullopt;
    case Verdict::flips: return winner == current ? std::nullopt : std::optional<std::size_t>(winner);
    case Verdict::evaluate: outcome = evaluate(answers, result, a, &b, nullptr); break;
  }
  if (outcome == current) return std::nullopt;
  return outcome;
}

bool NearestFlipFinder::Impl::find(const AnswerSet& answers, const Result& result, Flip& flip) {
  if (result.status != Status::complete || !result.recommendation || !result.red_flags.empty()) return false;
  if (*result.recommendation >= outcomes || result.scores.size() < outcomes) return false;
  prepare(answers, result);
  // The most plausible: fewest changes, then the smallest distance, then the outcome ranked nearest, then the
  // first tried. A change can at best reach the runner-up (rank 1), so one that cannot beat the best is skipped.
  struct Best {
    std::size_t first = 0;
    std::optional<std::size_t> second;
    std::size_t outcome = 0;
    int distance = 0;
  };
  std::optional<Best> best;
  const auto hopeless = [&best, this](int distance) {
    return best && (distance > best->distance || (distance == best->distance && rank[best->outcome] <= 1));
  };
  const auto better = [&best, this](int distance, std::size_t outcome) {
    return !best || distance < best->distance || (distance == best->distance && rank[outcome] < rank[best->outcome]);
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (hopeless(changes[i].distance)) continue;
    const std::optional<std::size_t> outcome = single(answers, result, i);
    if (outcome && better(changes[i].distance, *outcome)) best = Best{i, std::nullopt, *outcome, changes[i].distance};
  }
  // Without a single change, two; further pairs must beat the best pair found.
  const bool single_found = best.has_value();
  for (std::size_t i = 0; !single_found && i < changes.size(); ++i) {
    for (std::size_t j = i + 1; j < changes.size(); ++j) {
      if (changes[i].question == changes[j].question) continue;
      const int distance = changes[i].distance + changes[j].distance;
      if (hopeless(distance)) continue;
      const std::optional<std::size_t> outcome = pair(answers, result, i, j);
      if (outcome && better(distance, *outcome)) best = Best{i, j, *outcome, distance};
    }
  }
  if (!best) return false;
  flip.outcome = best->outcome;
  flip.distance = best->distance;
  flip.changes.resize(best->second ? 2 : 1);
  const auto describe = [&](AnswerChange& out, const Change& change) {
    out.question = change.question;
    out.from = answers.at(change.question)->options;
    out.to.assign(to_pool.begin() + change.first_to, to_pool.begin() + change.first_to + change.to_count);
  };
  describe(flip.changes[0], changes[best->first]);
  if (best->second) describe(flip.changes[1], changes[*best->second]);
  return true;
}

NearestFlipFinder::NearestFlipFinder(const Bank& bank) : impl_(std::make_unique<Impl>(bank)) {}
NearestFlipFinder::~NearestFlipFinder() = default;
NearestFlipFinder::NearestFlipFinder(NearestFlipFinder&&) noexcept = default;
NearestFlipFinder& NearestFlipFinder::operator=(NearestFlipFinder&&) noexcept = default;

bool NearestFlipFinder::find(const AnswerSet& answers, const Result& result, Flip& flip) {
  return impl_->find(answers, result, flip);
}

}  // namespace wegwijzer
