// The safety invariants, over many sampled answer sets: red flags always lead to therapie and the
// right urgency, unknown red-flag answers are always named, complete ⇔ advice, and determinism.
#include <catch2/catch.hpp>

#include "bank_builder.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

using namespace wegwijzer;
using wegwijzer::test::BankBuilder;

namespace {

/// Questions the `when` of a red-flag rule refers to, directly or through a scale (computed here,
/// independently of the engine).
void collect(const Bank& bank, const Condition& c, std::vector<bool>& marks) {
  using Kind = Condition::Kind;
  if (c.kind == Kind::all || c.kind == Kind::any || c.kind == Kind::negate) {
    for (const auto& child : c.children) collect(bank, child, marks);
  } else if (c.kind == Kind::scale_at_least || c.kind == Kind::scale_at_most) {
    for (std::size_t item : bank.scales[c.scale].items) marks[item] = true;
  } else {
    marks[c.question] = true;
  }
}

std::vector<bool> red_flag_questions(const Bank& bank) {
  std::vector<bool> marks(bank.questions.size(), false);
  for (const auto& rule : bank.rules) {
    if (rule.effects.red_flag) collect(bank, rule.when, marks);
  }
  return marks;
}

struct Counts {
  std::size_t crisis = 0, clinical = 0, incomplete = 0, unknown = 0;
};

/// Checks every invariant on one answer set. Uses CHECK only on failure, to stay fast.
void check_invariants(const Bank& bank, const AnswerSet& answers, const std::vector<bool>& flag_questions,
                      Counts& counts) {
  Result result = evaluate(bank, answers);
  const std::size_t therapie = bank.red_flag_outcome(wegwijzer::Tier::clinical);
  bool any_crisis = false;
  bool any_clinical = false;
  for (const auto& flag : result.red_flags) {
    (flag.tier == Tier::crisis ? any_crisis : any_clinical) = true;
    if (bank.rules[flag.rule].effects.red_flag->tier != flag.tier) FAIL_CHECK("tier does not match the rule");
  }
  const bool complete = result.status == Status::complete;
  if (any_crisis) {
    ++counts.crisis;
    if (result.urgency != Urgency::crisis) FAIL_CHECK("crisis flag without crisis urgency");
    if (complete && result.recommendation != therapie) FAIL_CHECK("crisis flag without therapie");
  }
  if (any_clinical) {
    ++counts.clinical;
    if (result.urgency < Urgency::prompt) FAIL_CHECK("clinical flag with routine urgency");
    if (complete && result.recommendation != therapie) FAIL_CHECK("clinical flag without therapie");
  }
  if (complete != result.recommendation.has_value()) FAIL_CHECK("complete without advice or advice when incomplete");
  if (complete != result.missing.empty()) FAIL_CHECK("status does not match the missing list");
  if (!complete) ++counts.incomplete;
  if (complete && (result.ranking.empty() || result.ranking[0].outcome != *result.recommendation)) {
    FAIL_CHECK("ranking does not start with the recommendation");
  }
  // Every shown red-flag question that is unanswered or "rather not say" is named, and nothing else.
  std::vector<std::size_t> expected;
  for (std::size_t q : result.shown) {
    if (!flag_questions[q]) continue;
    const auto& answer = answers.at(q);
    bool unknown = !answer || (answer->options.empty() && answer->text.empty());
    if (answer) {
      for (auto o : answer->options) unknown = unknown || bank.questions[q].options[o].unknown;
    }
    if (unknown) expected.push_back(q);
  }
  if (!expected.empty()) ++counts.unknown;
  if (result.unknown_red_flags != expected) FAIL_CHECK("unknown red-flag questions not named exactly");
  if (!test::same_result(result, evaluate(bank, answers))) FAIL_CHECK("evaluate is not deterministic");
}

/// Samples `n` answer sets; one in four loses a few random answers (incomplete and unanswered cases).
void run_property(const Bank& bank, std::size_t n, std::uint64_t seed, Counts& counts) {
  std::mt19937_64 random(seed);
  const auto flag_questions = red_flag_questions(bank);
  for (std::size_t i = 0; i < n; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    if (random() % 4 == 0) {
      for (int drop = 0; drop < 3; ++drop) answers.clear(static_cast<std::size_t>(random() % answers.size()));
    }
    check_invariants(bank, answers, flag_questions, counts);
  }
}

}  // namespace

TEST_CASE("safety invariants hold over 100,000 sampled answer sets of the built-in bank", "[safety]") {
  Bank bank = load_builtin_bank();
  Counts counts;
  run_property(bank, 100000, 20240601, counts);
  // The sample must actually exercise the invariants.
  CHECK(counts.crisis > 100);
  CHECK(counts.clinical > 100);
  CHECK(counts.incomplete > 100);
  CHECK(counts.unknown > 100);
}

TEST_CASE("safety invariants hold against adversarial weights", "[safety]") {
  // Huge coaching weights on every answer, a rule that excludes therapie and pushes it down, and a
  // requirement for coaching: none of it may outweigh a red flag.
  BankBuilder b;
  b.question(
      "goal", QuestionType::single,
      {{"yes", {{"coaching", 1e9}, {"therapie", -1e9}}, {}, false}, {"no", {{"werkbegeleiding", 5}}, {}, false}});
  b.question("harm", QuestionType::yes_no,
             {{"yes", {{"coaching", 1e12}}, {}, false}, {"no", {}, {}, false}, {"rns", {}, {}, true}});
  b.question(
      "often", QuestionType::scale,
      {{"never", {}, 0, false}, {"some", {{"coaching", 1e6}}, 1, false}, {"daily", {{"coaching", 1e6}}, 3, false}});
  b.scale("s", {"often"}, {{"low", 0, 1}, {"high", 2, 3}});
  b.question("plan", QuestionType::yes_no,
             {{"yes", {{"supervisie", 1e15}}, {}, false}, {"no", {}, {}, false}, {"rns", {}, {}, true}}, false,
             b.equals("harm", "yes"));
  Effects push;
  push.exclude = {b.outcome("therapie")};
  push.require = {b.outcome("coaching")};
  push.weights = b.weights({{"coaching", 1e9}, {"therapie", -1e9}});
  b.rule("push-coaching", b.answered("goal"), push);
  Effects crisis = BankBuilder::red_flag(Tier::crisis);
  crisis.min_urgency.reset();  // the tier alone must raise urgency
  crisis.weights = b.weights({{"coaching", 1e9}});
  b.rule("plan", b.equals("plan", "yes"), crisis);
  Effects clinical = BankBuilder::red_flag(Tier::clinical);
  clinical.min_urgency = Urgency::routine;
  b.rule("often", b.scale_at_least("s", 3), clinical);
  Effects harm = BankBuilder::red_flag(Tier::crisis);
  harm.exclude = {b.outcome("therapie")};
  b.rule("harm", BankBuilder::any({b.equals("harm", "yes"), BankBuilder::negate(b.answered("harm"))}), harm);
  const Bank& bank = b.build();

  Counts counts;
  run_property(bank, 20000, 99, counts);
  CHECK(counts.crisis > 100);
  CHECK(counts.clinical > 100);
  CHECK(counts.unknown > 100);

  AnswerSet worst(bank);
  REQUIRE_FALSE(worst.set_choice("goal", {"yes"}));
  REQUIRE_FALSE(worst.set_choice("harm", {"no"}));
  REQUIRE_FALSE(worst.set_choice("often", {"daily"}));
  Result result = evaluate(bank, worst);
  CHECK(result.recommendation == b.outcome("therapie"));
  CHECK(result.urgency == Urgency::prompt);
  REQUIRE_FALSE(worst.set_choice("harm", {"yes"}));
  REQUIRE_FALSE(worst.set_choice("plan", {"yes"}));
  result = evaluate(bank, worst);
  CHECK(result.recommendation == b.outcome("therapie"));
  CHECK(result.urgency == Urgency::crisis);
  CHECK(result.ranking[0].margin == 0.0);
  CHECK(result.ranking[1].margin < -1e14);  // scores say otherwise; the flags decide
}
