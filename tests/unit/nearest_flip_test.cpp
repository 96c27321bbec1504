// The nearest flip of `score --explain` (batch/nearest_flip) against its reference, find_counterfactuals(): the
// same flip, or none, on sampled answer sets of the built-in bank, on random banks with every kind of rule and skip
// logic, and on small banks built to reach each way the finder settles a change.
#include "wegwijzer/batch/nearest_flip.hpp"

#include <catch2/catch.hpp>
#include <random>

#include "bank_builder.hpp"
#include "random_bank.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/counterfactual.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

using wegwijzer::AnswerSet;
using wegwijzer::Bank;
using wegwijzer::Flip;
using wegwijzer::NearestFlipFinder;
using wegwijzer::QuestionType;
using wegwijzer::Result;
using wegwijzer::test::BankBuilder;

namespace {

/// A flip as text, to compare and to show when they differ.
std::string describe(const Flip& flip) {
  std::string text = "outcome " + std::to_string(flip.outcome) + " distance " + std::to_string(flip.distance);
  for (const auto& change : flip.changes) {
    text += " | q" + std::to_string(change.question) + ":";
    for (auto o : change.from) text += " " + std::to_string(o);
    text += " ->";
    for (auto o : change.to) text += " " + std::to_string(o);
  }
  return text;
}

/// What the reference gives first, as text; "none" without a flip.
std::string reference_flip(const Bank& bank, const AnswerSet& answers, const Result& result) {
  const wegwijzer::Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  return found.flips.empty() ? "none" : describe(found.flips.front());
}

/// What the finder gives, in the same form.
std::string found_flip(NearestFlipFinder& finder, const AnswerSet& answers, const Result& result) {
  Flip flip;
  flip.changes.resize(3);  // reused vectors: the finder must resize them
  return finder.find(answers, result, flip) ? describe(flip) : "none";
}

/// Compares finder and reference on one answer set; counts flips by kind.
struct Comparison {
  std::size_t singles = 0;
  std::size_t pairs = 0;
  std::size_t none = 0;

  void check(const Bank& bank, NearestFlipFinder& finder, const AnswerSet& answers) {
    const Result result = wegwijzer::evaluate(bank, answers);
    const std::string expected = reference_flip(bank, answers, result);
    const std::string got = found_flip(finder, answers, result);
    if (got != expected) {
      UNSCOPED_INFO("bank " << bank.id << ", finder: " << got << "\nreference: " << expected);
      CHECK(got == expected);
    }
    if (expected == "none") {
      ++none;
    } else if (expected.find('|') != expected.rfind('|')) {
      ++pairs;
    } else {
      ++singles;
    }
  }
};

wegwijzer::test::OptionSpec option(const std::string& id, std::map<std::string, double> weights) {
  return {id, std::move(weights), {}, false};
}

}  // namespace

TEST_CASE("the nearest flip is the reference's first flip on sampled answers of the built-in bank",
          "[nearest_flip][property]") {
  const Bank bank = wegwijzer::load_builtin_bank("default");
  NearestFlipFinder finder(bank);
  std::mt19937_64 random(20261206);
  Comparison comparison;
  for (int n = 0; n < 3000; ++n) comparison.check(bank, finder, wegwijzer::sample_answers(bank, random));
  // The sample reaches every kind: a flip by one change, by two, and none.
  CHECK(comparison.singles > 100);
  CHECK(comparison.pairs > 20);
  CHECK(comparison.none > 10);
}

TEST_CASE("the nearest flip is the reference's first flip on random banks", "[nearest_flip][property]") {
  std::mt19937_64 random(42);
  Comparison comparison;
  for (int b = 0; b < 400; ++b) {
    Bank bank = wegwijzer::test::random_bank(random);
    bank.id = "random-" + std::to_string(b);
    NearestFlipFinder finder(bank);
    for (int n = 0; n < 25; ++n) {
      // Answer sets that follow the skip logic, and odd ones (hidden questions answered, repeats, out of range).
      comparison.check(bank, finder, wegwijzer::sample_answers(bank, random));
      comparison.check(bank, finder, wegwijzer::test::random_answers(bank, random));
    }
  }
  CHECK(comparison.singles > 100);
  CHECK(comparison.pairs > 20);
}

TEST_CASE("the nearest flip through a question that shows another", "[nearest_flip]") {
  // "topic" shows "detail"; its change to "team" hides the supervision points of "detail" (a gating change).
  BankBuilder b;
  b.question("topic", QuestionType::single,
             {option("self", {{"supervisie", 1}}), option("team", {{"werkbegeleiding", 1}})});
  b.question("detail", QuestionType::single, {option("deep", {{"supervisie", 2}}), option("light", {})}, false,
             b.equals("topic", "self"));
  b.question("goal", QuestionType::single, {option("yes", {{"coaching", 2.5}}), option("no", {})});
  const Bank& bank = b.build();
  NearestFlipFinder finder(bank);
  AnswerSet answers(bank);
  REQUIRE_FALSE(answers.set_choice("topic", {"self"}));
  REQUIRE_FALSE(answers.set_choice("detail", {"deep"}));
  REQUIRE_FALSE(answers.set_choice("goal", {"yes"}));
  const Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.recommendation == b.outcome("supervisie"));  // 3 against 2.5
  Flip flip;
  REQUIRE(finder.find(answers, result, flip));
  CHECK(flip.outcome == b.outcome("coaching"));  // topic → team: supervision 0, coaching 2.5
  CHECK(flip.changes.size() == 1);
  CHECK(found_flip(finder, answers, result) == reference_flip(bank, answers, result));
}

TEST_CASE("the nearest flip through a rule with weights", "[nearest_flip]") {
  // A rule with weights reads "style": changing it moves the scores by more than its option rows say.
  BankBuilder b;
  b.question("style", QuestionType::single, {option("guided", {{"coaching", 1}}), option("reflect", {})});
  b.question("lean", QuestionType::single, {option("x", {{"supervisie", 0.5}})});
  wegwijzer::Effects push;
  push.weights = b.weights({{"supervisie", 1}});
  b.rule("reflective", b.equals("style", "reflect"), push);
  const Bank& bank = b.build();
  NearestFlipFinder finder(bank);
  AnswerSet answers(bank);
  REQUIRE_FALSE(answers.set_choice("style", {"reflect"}));
  REQUIRE_FALSE(answers.set_choice("lean", {"x"}));
  const Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.recommendation == b.outcome("supervisie"));  // 0.5 + 1 against 0
  // The rows alone give coaching 1 against supervision 0.5 + 1; without the rule it is 1 against 0.5.
  Flip flip;
  REQUIRE(finder.find(answers, result, flip));
  CHECK(flip.outcome == b.outcome("coaching"));
  CHECK(found_flip(finder, answers, result) == reference_flip(bank, answers, result));
  std::mt19937_64 random(7);
  Comparison comparison;
  for (int n = 0; n < 100; ++n) comparison.check(bank, finder, wegwijzer::sample_answers(bank, random));
  CHECK(comparison.singles > 0);
}

TEST_CASE("the nearest flip is never a rounding apart from the reference", "[nearest_flip]") {
  // Running totals of 2e7 make the evaluator's sums round by far more than 1e-9 of the final scores: adding the
  // change's row to the scores would give a flip to work guidance that the evaluator does not give.
  BankBuilder b;
  for (int i = 0; i < 20; ++i)
    b.question("up" + std::to_string(i), QuestionType::single, {option("x", {{"werkbegeleiding", 1e6}})});
  b.question("p", QuestionType::single, {option("a", {}), option("b", {{"werkbegeleiding", 1.0000000015}})});
  for (int i = 0; i < 20; ++i)
    b.question("down" + std::to_string(i), QuestionType::single, {option("x", {{"werkbegeleiding", -1e6}})});
  b.question("c", QuestionType::single, {option("x", {{"coaching", 1.00000000025}})});
  const Bank& bank = b.build();
  AnswerSet answers(bank);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) answers.set_known_option(q, 0);
  const Result result = wegwijzer::evaluate(bank, answers);
  NearestFlipFinder finder(bank);
  CHECK(found_flip(finder, answers, result) == reference_flip(bank, answers, result));
}

TEST_CASE("a rule with fewer weights than outcomes moves the gap by its missing zeros too", "[nearest_flip]") {
  // The rule's one weight (work guidance +1) is all it lists: the evaluator counts the other outcomes as 0, so it
  // moves the gap between work guidance and coaching by 1 when it fires or stops.
  BankBuilder b;
  b.question("style", QuestionType::single, {option("task", {{"coaching", 1}}), option("learn", {{"coaching", 1}})});
  b.question("lean", QuestionType::single, {option("x", {{"werkbegeleiding", 0.5}})});
  wegwijzer::Effects push;
  push.weights = {1.0};
  b.rule("task-push", b.equals("style", "task"), push);
  const Bank& bank = b.build();
  AnswerSet answers(bank);
  REQUIRE_FALSE(answers.set_choice("style", {"task"}));
  REQUIRE_FALSE(answers.set_choice("lean", {"x"}));
  const Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.recommendation == b.outcome("werkbegeleiding"));  // 1.5 against 1
  NearestFlipFinder finder(bank);
  Flip flip;
  REQUIRE(finder.find(answers, result, flip));  // style → learn: 0.5 against 1
  CHECK(flip.outcome == b.outcome("coaching"));
  CHECK(found_flip(finder, answers, result) == reference_flip(bank, answers, result));
}

TEST_CASE("no nearest flip for a red flag, an incomplete record or a requirement", "[nearest_flip]") {
  const Bank bank = wegwijzer::test::small_fixture_bank();
  NearestFlipFinder finder(bank);
  AnswerSet answers(bank);
  REQUIRE_FALSE(answers.set_choice("need", {"goal"}));
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.status == wegwijzer::Status::incomplete);
  Flip flip;
  CHECK_FALSE(finder.find(answers, result, flip));
  REQUIRE_FALSE(answers.set_choice("down", {"daily"}));
  REQUIRE_FALSE(answers.set_choice("life_worth", {"yes"}));
  result = wegwijzer::evaluate(bank, answers);
  REQUIRE_FALSE(result.red_flags.empty());
  CHECK_FALSE(finder.find(answers, result, flip));
}
