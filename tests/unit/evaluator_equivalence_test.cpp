// The Evaluator (branch-program conditions, rule guards, tables prepared per bank) against a plain
// reference written from the semantics in condition.hpp and result.hpp, which evaluates every
// condition with the tree evaluator (tests/support/reference_conditions.hpp) and every rule: on random banks of odd
// shapes, random answer sets set without checks, sampled records of the shipped banks, and scores
// that overflow to infinity and NaN. Doubles are compared bit for bit (NaNs as NaNs).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <sstream>

#include "random_bank.hpp"
#include "reference_conditions.hpp"
#include "test_support.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

using namespace wegwijzer;

namespace {

/// Marks every question `condition` refers to, directly or through a scale's items.
void mark_referred(const Bank& bank, const Condition& condition, std::vector<bool>& marks) {
  using Kind = Condition::Kind;
  if (condition.kind == Kind::all || condition.kind == Kind::any || condition.kind == Kind::negate) {
    for (const Condition& child : condition.children) mark_referred(bank, child, marks);
  } else if (condition.kind == Kind::scale_at_least || condition.kind == Kind::scale_at_most) {
    if (condition.scale >= bank.scales.size()) return;
    for (std::size_t item : bank.scales[condition.scale].items) {
      if (item < marks.size()) marks[item] = true;
    }
  } else if (condition.question < marks.size()) {
    marks[condition.question] = true;
  }
}

/// The weight of `weights` towards outcome `o` (missing weights are 0).
double weight(const std::vector<double>& weights, std::size_t o) { return o < weights.size() ? weights[o] : 0.0; }

/// Recommendation, ranking and close call as the engine describes them.
void reference_recommend(const Bank& bank, Result& result) {
  const std::size_t count = bank.outcomes.size();
  std::vector<char> excluded(count, 0);
  std::vector<char> required(count, 0);
  bool any_required = false;
  for (std::size_t r : result.fired_rules) {
    for (std::size_t o : bank.rules[r].effects.exclude) {
      if (o < count) excluded[o] = 1;
    }
    for (std::size_t o : bank.rules[r].effects.require) {
      if (o < count) required[o] = 1, any_required = true;
    }
  }
  if (std::all_of(excluded.begin(), excluded.end(), [](char e) { return e != 0; })) excluded.assign(count, 0);
  bool forced = true;
  std::size_t chosen = 0;
  if (!result.red_flags.empty()) {
    for (const RaisedFlag& flag : result.red_flags) {
      chosen = std::max(chosen, std::min(bank.red_flag_outcome(flag.tier), count - 1));
    }
  } else if (any_required) {
    std::optional<std::size_t> best;
    std::optional<std::size_t> best_any;
    for (std::size_t o = 0; o < count; ++o) {
      if (!required[o]) continue;
      best_any = o;
      if (!excluded[o]) best = o;
    }
    chosen = best ? *best : *best_any;
  } else {
    forced = false;
    std::optional<std::size_t> best;
    for (std::size_t o = 0; o < count; ++o) {
      if (!excluded[o] && (!best || result.scores[o] > result.scores[*best])) best = o;  // ties: the lighter step
    }
    chosen = *best;
  }
  result.recommendation = chosen;
  result.ranking.push_back(RankedOutcome{chosen, result.scores[chosen], 0.0, excluded[chosen] != 0});
  for (std::size_t o = 0; o < count; ++o) {
    if (o == chosen) continue;
    result.ranking.push_back(
        RankedOutcome{o, result.scores[o], result.scores[chosen] - result.scores[o], excluded[o] != 0});
  }
  std::sort(result.ranking.begin() + 1, result.ranking.end(), [](const RankedOutcome& a, const RankedOutcome& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.outcome < b.outcome;  // ties: the lighter step first
  });
  if (forced) return;
  for (std::size_t i = 1; i < result.ranking.size(); ++i) {
    if (result.ranking[i].excluded) continue;
    result.close_call = result.ranking[i].margin <= bank.close_margin;
    break;
  }
}

/// The reasons: red flags, then rules that require or exclude, then answers and other rules by effect.
void reference_explain(const Bank& bank, const std::vector<std::pair<std::size_t, std::size_t>>& scored,
                       Result& result) {
  const std::size_t chosen = *result.recommendation;
  std::optional<std::size_t> runner;
  for (std::size_t i = 1; i < result.ranking.size() && !runner; ++i) {
    if (!result.ranking[i].excluded) runner = result.ranking[i].outcome;
  }
  if (!runner && result.ranking.size() > 1) runner = result.ranking[1].outcome;
  const auto effect_of = [&](const std::vector<double>& weights) {
    return weight(weights, chosen) - (runner ? weight(weights, *runner) : 0.0);
  };
  const auto rule_reason = [&](std::size_t r) {
    Reason reason;
    reason.kind = Reason::Kind::rule;
    reason.rule = r;
    reason.outcome = chosen;
    reason.effect = effect_of(bank.rules[r].effects.weights);
    return reason;
  };
  std::vector<bool> listed(bank.rules.size(), false);
  for (const RaisedFlag& flag : result.red_flags) {
    listed[flag.rule] = true;
    result.reasons.push_back(rule_reason(flag.rule));
  }
  for (std::size_t r : result.fired_rules) {
    const Effects& effects = bank.rules[r].effects;
    if (listed[r] || (effects.require.empty() && effects.exclude.empty())) continue;
    listed[r] = true;
    result.reasons.push_back(rule_reason(r));
  }
  const auto weighed_from = static_cast<std::ptrdiff_t>(result.reasons.size());
  for (const auto& [q, o] : scored) {
    const double effect = effect_of(bank.questions[q].options[o].weights);
    if (effect <= 0) continue;
    Reason reason;
    reason.question = q;
    reason.option = o;
    reason.outcome = chosen;
    reason.effect = effect;
    result.reasons.push_back(reason);
  }
  for (std::size_t r : result.fired_rules) {
    if (!listed[r] && effect_of(bank.rules[r].effects.weights) > 0) result.reasons.push_back(rule_reason(r));
  }
  // Stable, most weighty first: by insertion as the engine always did for short lists (the order a NaN
  // effect ends up in depends on the algorithm), std::stable_sort for long ones.
  const auto weightier = [](const Reason& a, const Reason& b) { return a.effect > b.effect; };
  const auto first = result.reasons.begin() + weighed_from;
  if (result.reasons.end() - first > 64) {
    std::stable_sort(first, result.reasons.end(), weightier);
    return;
  }
  for (auto it = first; it != result.reasons.end(); ++it) {
    for (auto hole = it; hole != first && weightier(*hole, *(hole - 1)); --hole) std::iter_swap(hole, hole - 1);
  }
}

/// evaluate() written plainly: every condition through the reference evaluator, every rule tried.
Result reference_evaluate(const Bank& bank, const AnswerSet& answers) {
  Result result;
  const std::vector<bool> visible = reference_visible(bank, answers);
  std::vector<AnswerFacts> facts;
  answer_facts(bank, answers, visible, facts);
  std::vector<bool> red_flag(bank.questions.size(), false);
  for (const Rule& rule : bank.rules) {
    if (rule.effects.red_flag) mark_referred(bank, rule.when, red_flag);
  }
  const std::size_t outcomes = bank.outcomes.size();
  result.scores.assign(outcomes, 0.0);
  std::vector<std::pair<std::size_t, std::size_t>> scored;
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    const std::optional<Answer>& answer = answers.at(q);
    const bool text = question.type == QuestionType::text;
    const bool answered = answer && (text ? !answer->text.empty() : !answer->options.empty());
    if (!visible[q]) {
      if (answered) result.ignored.push_back(q);
      continue;
    }
    result.shown.push_back(q);
    bool unknown = !answered;
    for (std::size_t option : answer && !text ? answer->options : std::vector<std::uint16_t>{}) {
      if (option >= question.options.size()) continue;
      unknown = unknown || question.options[option].unknown;
      scored.emplace_back(q, option);
      for (std::size_t o = 0; o < outcomes; ++o) result.scores[o] += weight(question.options[option].weights, o);
    }
    if (!answered && question.required) result.missing.push_back(q);
    if (red_flag[q] && unknown) result.unknown_red_flags.push_back(q);
  }
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    const ScaleValue value = reference_scale_value(bank, s, facts.data(), facts.size());
    result.scales.push_back(value);
  }
  bool crisis = false;
  bool clinical = false;
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    const Effects& effects = bank.rules[r].effects;
    if (!reference_holds(bank, bank.rules[r].when, answers, visible)) continue;
    result.fired_rules.push_back(r);
    for (std::size_t o = 0; o < std::min(outcomes, effects.weights.size()); ++o) result.scores[o] += effects.weights[o];
    if (effects.min_urgency && *effects.min_urgency > result.urgency) result.urgency = *effects.min_urgency;
    if (effects.red_flag) (effects.red_flag->tier == Tier::crisis ? crisis : clinical) = true;
    if (!effects.note.empty()) result.notes.push_back(r);
  }
  for (Tier tier : {Tier::crisis, Tier::clinical}) {
    for (std::size_t r : result.fired_rules) {
      const auto& flag = bank.rules[r].effects.red_flag;
      if (flag && flag->tier == tier) result.red_flags.push_back(RaisedFlag{r, tier});
    }
  }
  if (clinical && result.urgency < Urgency::prompt) result.urgency = Urgency::prompt;
  if (crisis) result.urgency = Urgency::crisis;
  result.status = result.missing.empty() ? Status::complete : Status::incomplete;
  if (result.status == Status::complete && outcomes != 0) {
    reference_recommend(bank, result);
    reference_explain(bank, scored, result);
  }
  return result;
}

/// Bit for bit the same (so +0 and -0 differ), except that any NaN equals any NaN: which NaN a sum with
/// two NaN operands gives depends on the order the compiler puts the operands in, which C++ leaves open.
bool same_double(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)); }

/// The first difference between two results, or "" when they agree in every field, bit for bit.
std::string difference(const Result& a, const Result& b) {
  std::ostringstream out;
  const auto same_doubles = [](const std::vector<double>& x, const std::vector<double>& y) {
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), same_double);
  };
  if (a.status != b.status) out << "status ";
  if (a.missing != b.missing) out << "missing ";
  if (a.ignored != b.ignored) out << "ignored ";
  if (a.shown != b.shown) out << "shown ";
  if (!same_doubles(a.scores, b.scores)) out << "scores ";
  const bool same_scales =
      a.scales.size() == b.scales.size() &&
      std::equal(a.scales.begin(), a.scales.end(), b.scales.begin(), [](const ScaleValue& x, const ScaleValue& y) {
        return x.scale == y.scale && x.value == y.value && x.band == y.band && x.answered_items == y.answered_items;
      });
  if (!same_scales) out << "scales ";
  if (a.fired_rules != b.fired_rules) out << "fired_rules ";
  const bool same_flags =
      a.red_flags.size() == b.red_flags.size() &&
      std::equal(a.red_flags.begin(), a.red_flags.end(), b.red_flags.begin(),
                 [](const RaisedFlag& x, const RaisedFlag& y) { return x.rule == y.rule && x.tier == y.tier; });
  if (!same_flags) out << "red_flags ";
  if (a.urgency != b.urgency) out << "urgency ";
  if (a.recommendation != b.recommendation) out << "recommendation ";
  const bool same_ranking = a.ranking.size() == b.ranking.size() &&
                            std::equal(a.ranking.begin(), a.ranking.end(), b.ranking.begin(),
                                       [](const RankedOutcome& x, const RankedOutcome& y) {
                                         return x.outcome == y.outcome && same_double(x.score, y.score) &&
                                                same_double(x.margin, y.margin) && x.excluded == y.excluded;
                                       });
  if (!same_ranking) out << "ranking ";
  const bool same_reasons =
      a.reasons.size() == b.reasons.size() &&
      std::equal(a.reasons.begin(), a.reasons.end(), b.reasons.begin(), [](const Reason& x, const Reason& y) {
        return x.kind == y.kind && x.outcome == y.outcome && same_double(x.effect, y.effect) &&
               (x.kind == Reason::Kind::rule ? x.rule == y.rule : x.question == y.question && x.option == y.option);
      });
  if (!same_reasons) out << "reasons ";
  if (a.unknown_red_flags != b.unknown_red_flags) out << "unknown_red_flags ";
  if (a.notes != b.notes) out << "notes ";
  if (a.close_call != b.close_call) out << "close_call ";
  return out.str();
}

/// Scores `sets` answer sets from `make` with one reused Evaluator and Result and compares each with
/// the reference; returns how many were complete (so that a test can tell it reached the recommendation).
template <typename MakeAnswers>
std::size_t check_against_reference(const Bank& bank, std::size_t sets, MakeAnswers make) {
  Evaluator evaluator(bank);
  Result reused;
  std::size_t complete = 0;
  for (std::size_t i = 0; i < sets; ++i) {
    const AnswerSet answers = make();
    evaluator.evaluate(answers, reused);
    const Result expected = reference_evaluate(bank, answers);
    INFO("answer set " << i);
    REQUIRE(difference(reused, expected) == "");
    if (reused.status == Status::complete) ++complete;
  }
  return complete;
}

}  // namespace

TEST_CASE("the evaluator matches the reference on random banks and answer sets", "[engine][equivalence]") {
  std::mt19937_64 random(20261122);
  std::size_t complete = 0;
  std::size_t fired = 0;
  for (int b = 0; b < 400; ++b) {
    const Bank bank = test::random_bank(random);
    INFO("bank " << b);
    complete += check_against_reference(bank, 60, [&] { return test::random_answers(bank, random); });
    // A fresh Evaluator per call, as evaluate() uses it, and the fired rules it finds.
    const AnswerSet answers = test::random_answers(bank, random);
    const Result once = evaluate(bank, answers);
    REQUIRE(difference(once, reference_evaluate(bank, answers)) == "");
    fired += once.fired_rules.size();
  }
  CHECK(complete > 1000);  // the recommendation and the reasons were compared too
  CHECK(fired > 100);
}

TEST_CASE("the evaluator matches the reference on sampled records of the shipped banks", "[engine][equivalence]") {
  for (const char* path : {"data/banks/default.json", "tests/batch/bank.json"}) {
    const Bank bank = test::load_test_bank(test::source_path(path));
    INFO(path);
    std::mt19937_64 random(7);
    CHECK(check_against_reference(bank, 3000, [&] { return sample_answers(bank, random); }) > 1000);
    // Unchecked and partial answer sets too.
    check_against_reference(bank, 1000, [&] { return test::random_answers(bank, random); });
  }
}

TEST_CASE("scores that overflow to infinity and NaN rank and explain as in the reference", "[engine][equivalence]") {
  // A loaded bank has finite weights, whose sums can overflow to infinity; a Bank built in code may hold
  // any double, and NaN scores make the ranking's comparison inconsistent: the order must still match.
  const double infinity = std::numeric_limits<double>::infinity();
  const double extremes[] = {1e308, -1e308, infinity, -infinity, std::numeric_limits<double>::quiet_NaN()};
  std::mt19937_64 random(99);
  std::size_t with_nan = 0;  // rankings with a NaN score, where the sorting algorithm shows
  for (int b = 0; b < 100; ++b) {
    Bank bank = test::random_bank(random);
    for (Question& question : bank.questions) {
      for (Option& option : question.options) {
        for (double& w : option.weights) w = test::chance(random, 50) ? extremes[test::pick(random, 5)] : w;
      }
    }
    INFO("bank " << b);
    Evaluator evaluator(bank);
    Result result;
    for (int a = 0; a < 40; ++a) {
      const AnswerSet answers = test::random_answers(bank, random);
      evaluator.evaluate(answers, result);
      REQUIRE(difference(result, reference_evaluate(bank, answers)) == "");
      const auto nan = [](const RankedOutcome& ranked) { return std::isnan(ranked.score); };
      if (std::any_of(result.ranking.begin(), result.ranking.end(), nan)) ++with_nan;
    }
  }
  CHECK(with_nan > 200);
}

TEST_CASE("the evaluator matches the reference with more than 64 outcomes and wide or empty scale bands",
          "[engine][equivalence]") {
  // Banks of at most 64 outcomes steer by bits and look bands up in a table per scale; these banks take the
  // general paths: outcomes held per index, and bands too far apart for a table (or none that holds a value).
  std::mt19937_64 random(64);
  std::size_t complete = 0;
  std::size_t steered = 0;  // complete results of banks of more than 64 outcomes
  std::size_t in_gap = 0;   // scale values between two bands
  for (int b = 0; b < 150; ++b) {
    Bank bank = test::random_bank(random);
    if (b % 2 == 0 && !bank.outcomes.empty()) {
      const std::size_t outcomes = 64 + 1 + test::pick(random, 10);
      while (bank.outcomes.size() < outcomes) {
        bank.outcomes.push_back(Outcome{"x" + std::to_string(bank.outcomes.size())});
      }
      for (Question& question : bank.questions) {
        for (Option& option : question.options) {
          if (test::chance(random, 30)) option.weights = test::random_weights(random, outcomes);
        }
      }
      for (Rule& rule : bank.rules) {
        if (test::chance(random, 20)) rule.effects.exclude.push_back(test::pick(random, outcomes + 1));
        if (test::chance(random, 10)) rule.effects.require.push_back(test::pick(random, outcomes + 1));
      }
    }
    for (Scale& scale : bank.scales) {
      if (test::chance(random, 40)) scale.bands = {Band{"low", {}, -1, 0}, Band{"high", {}, 3, 4}};  // a gap
      if (test::chance(random, 40)) scale.bands.push_back(Band{"wide", {}, -2000000000, 2000000000});
      if (test::chance(random, 20)) scale.bands.insert(scale.bands.begin(), Band{"empty", {}, 3, 1});
      if (test::chance(random, 10)) scale.bands.clear();
    }
    INFO("bank " << b);
    const std::size_t found = check_against_reference(bank, 40, [&] { return test::random_answers(bank, random); });
    complete += found;
    if (bank.outcomes.size() > 64) steered += found;
    // Results with a value between two bands (and no band), as the table per scale must tell.
    Evaluator evaluator(bank);
    Result result;
    for (int a = 0; a < 20; ++a) {
      evaluator.evaluate(test::random_answers(bank, random), result);
      for (const ScaleValue& value : result.scales) {
        in_gap += value.answered_items != 0 && !value.band && (value.value == 1 || value.value == 2) ? 1 : 0;
      }
    }
  }
  CHECK(complete > 500);
  CHECK(steered > 200);
  CHECK(in_gap > 100);
}

TEST_CASE("the evaluator matches the reference when band tables would pass their budget", "[engine][equivalence]") {
  // Many scales with bands 4,000 values wide: the first ones get a table, the later ones pass the budget of
  // all tables and ask band_of(); a scale with very many bands passes the budget of filling one table.
  std::mt19937_64 random(4000);
  std::size_t banded = 0;
  for (int b = 0; b < 40; ++b) {
    Bank bank = test::random_bank(random);
    if (bank.scales.empty()) continue;
    const std::vector<Scale> scales = bank.scales;
    while (bank.scales.size() < 40) {
      Scale copy = scales[bank.scales.size() % scales.size()];
      copy.id += "_" + std::to_string(bank.scales.size());
      bank.scales.push_back(std::move(copy));
    }
    for (Scale& scale : bank.scales) {
      scale.bands = {Band{"low", {}, -2000, 0}, Band{"high", {}, 2, 1999}};  // a gap at 1
    }
    for (int i = 0; i < 1100; ++i) bank.scales.back().bands.push_back(Band{"late", {}, 3000 + i, 3000 + i});
    INFO("bank " << b);
    check_against_reference(bank, 30, [&] { return test::random_answers(bank, random); });
    Evaluator evaluator(bank);
    Result result;
    evaluator.evaluate(test::random_answers(bank, random), result);
    for (const ScaleValue& value : result.scales) banded += value.band ? 1 : 0;
  }
  CHECK(banded > 200);
}
