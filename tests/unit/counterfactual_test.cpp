// What would change the advice (issue 20): minimal flips on small banks known by hand, and properties over sampled
// answer sets of the built-in bank.
#include "wegwijzer/engine/counterfactual.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "bank_builder.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

using wegwijzer::AnswerSet;
using wegwijzer::Bank;
using wegwijzer::Counterfactuals;
using wegwijzer::Flip;
using wegwijzer::QuestionType;
using wegwijzer::Result;
using wegwijzer::test::BankBuilder;

namespace {

/// Answers by question and option id.
AnswerSet answer(const Bank& bank, const std::vector<std::pair<std::string, std::vector<std::string_view>>>& given) {
  AnswerSet answers(bank);
  for (const auto& [question, options] : given) REQUIRE_FALSE(answers.set_choice(question, options));
  return answers;
}

const Flip* flip_to(const Counterfactuals& found, std::size_t outcome) {
  for (const Flip& flip : found.flips) {
    if (flip.outcome == outcome) return &flip;
  }
  return nullptr;
}

/// The answers with `flip`'s changes applied.
AnswerSet applied(const AnswerSet& answers, const Flip& flip) {
  AnswerSet changed = answers;
  for (const auto& change : flip.changes) changed.set(change.question, wegwijzer::Answer{change.to, {}});
  return changed;
}

/// Reference for the property test: whether changing one shown, non-safety choice answer (to any other option; for
/// multiple choice: one option added or removed) gives `outcome`, complete, without a red flag, at no lower urgency.
bool single_change_reaches(const Bank& bank, const AnswerSet& answers, const Result& result,
                           const std::vector<bool>& safety, std::size_t outcome) {
  for (std::size_t q : result.shown) {
    const auto& given = answers.at(q);
    const wegwijzer::Question& question = bank.questions[q];
    if (safety[q] || !given || question.type == QuestionType::text) continue;
    bool declined = false;
    for (auto o : given->options) declined = declined || question.options[o].unknown;
    if (declined) continue;
    std::vector<std::vector<std::uint16_t>> others;
    for (std::uint16_t o = 0; o < question.options.size(); ++o) {
      if (question.options[o].unknown) continue;
      if (question.type != QuestionType::multiple) {
        others.push_back({o});
        continue;
      }
      std::vector<std::uint16_t> to;
      bool chosen = std::find(given->options.begin(), given->options.end(), o) != given->options.end();
      for (auto c : given->options) {
        if (c != o && !(question.options[c].exclusive && !chosen)) to.push_back(c);
      }
      if (!chosen) to = question.options[o].exclusive ? std::vector<std::uint16_t>{o} : (to.push_back(o), to);
      std::sort(to.begin(), to.end());
      if (!to.empty()) others.push_back(to);
    }
    for (const auto& to : others) {
      if (to == given->options) continue;
      AnswerSet changed = answers;
      changed.set(q, wegwijzer::Answer{to, {}});
      Result after = wegwijzer::evaluate(bank, changed);
      if (after.status == wegwijzer::Status::complete && after.recommendation == outcome && after.red_flags.empty() &&
          after.urgency >= result.urgency) {
        return true;
      }
    }
  }
  return false;
}

/// Two questions that each point to coaching or supervision, and a third that leans to coaching.
BankBuilder two_step_bank() {
  BankBuilder b;
  b.question("a", QuestionType::single, {{"c", {{"coaching", 1}}, {}, false}, {"s", {{"supervisie", 1}}, {}, false}});
  b.question("b", QuestionType::single, {{"c", {{"coaching", 1}}, {}, false}, {"s", {{"supervisie", 1}}, {}, false}});
  b.question("lean", QuestionType::single, {{"x", {{"coaching", 0.5}}, {}, false}});
  return b;
}

}  // namespace

TEST_CASE("one answer change is found when one is enough", "[counterfactual]") {
  BankBuilder b;
  b.question("focus", QuestionType::single,
             {{"goal", {{"coaching", 3}}, {}, false},
              {"self", {{"supervisie", 3}}, {}, false},
              {"task", {{"werkbegeleiding", 3}}, {}, false}});
  b.question("mood", QuestionType::scale,
             {{"0", {}, 0, false},
              {"1", {}, 1, false},
              {"2", {{"therapie", 2}}, 2, false},
              {"3", {{"therapie", 5}}, 3, false}});
  const Bank& bank = b.build();
  AnswerSet answers = answer(bank, {{"focus", {"goal"}}, {"mood", {"0"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.recommendation == b.outcome("coaching"));
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  CHECK_FALSE(found.decided_by_red_flag);
  const Flip* supervision = flip_to(found, b.outcome("supervisie"));
  REQUIRE(supervision != nullptr);
  REQUIRE(supervision->changes.size() == 1);
  CHECK(supervision->changes[0].question == b.q("focus"));
  CHECK(supervision->changes[0].to == std::vector<std::uint16_t>{static_cast<std::uint16_t>(b.opt("focus", "self"))});
  // Therapy: mood 3 (5 points) beats coaching's 3; mood 2 (2 points) does not. Distance 3 along the scale.
  const Flip* therapy = flip_to(found, b.outcome("therapie"));
  REQUIRE(therapy != nullptr);
  CHECK(therapy->changes.size() == 1);
  CHECK(therapy->changes[0].question == b.q("mood"));
  CHECK(therapy->distance == 3);
  CHECK(flip_to(found, b.outcome("coaching")) == nullptr);  // never the current advice
  // Most plausible first: the one-step change before the three-step one.
  CHECK(found.flips.front().distance <= found.flips.back().distance);
}

TEST_CASE("two changes are proposed only when no single change reaches the outcome", "[counterfactual]") {
  BankBuilder b = two_step_bank();
  const Bank& bank = b.build();
  AnswerSet answers = answer(bank, {{"a", {"c"}}, {"b", {"c"}}, {"lean", {"x"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.recommendation == b.outcome("coaching"));  // 2.5 against 0
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  const Flip* supervision = flip_to(found, b.outcome("supervisie"));
  REQUIRE(supervision != nullptr);
  REQUIRE(supervision->changes.size() == 2);  // a → s alone gives 1.5 against 1: still coaching
  CHECK(supervision->changes[0].question == b.q("a"));
  CHECK(supervision->changes[1].question == b.q("b"));
  CHECK(supervision->distance == 2);
  CHECK(wegwijzer::evaluate(bank, applied(answers, *supervision)).recommendation == b.outcome("supervisie"));
}

TEST_CASE("no flip when no answer can change the advice", "[counterfactual]") {
  BankBuilder b;
  b.question("only", QuestionType::single, {{"x", {{"coaching", 1}}, {}, false}});
  b.question("note", QuestionType::text, {}, false);
  const Bank& bank = b.build();
  AnswerSet answers = answer(bank, {{"only", {"x"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  CHECK_FALSE(found.decided_by_red_flag);
  CHECK(found.flips.empty());
}

TEST_CASE("a red flag decides: no change is proposed, and the reason is given", "[counterfactual]") {
  Bank bank = wegwijzer::test::small_fixture_bank();
  AnswerSet answers = answer(bank, {{"need", {"goal"}}, {"down", {"daily"}}, {"life_worth", {"yes"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE_FALSE(result.red_flags.empty());
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  CHECK(found.decided_by_red_flag);
  CHECK(found.flips.empty());
  std::vector<bool> safety = wegwijzer::safety_questions(bank);
  CHECK(safety[*bank.find_question("life_worth")]);
  CHECK_FALSE(safety[*bank.find_question("need")]);
}

TEST_CASE("a question an urgency rule reads is never changed, even when changing it would flip", "[counterfactual]") {
  BankBuilder b;
  b.question("focus", QuestionType::single,
             {{"goal", {{"coaching", 2}}, {}, false}, {"self", {{"supervisie", 1}}, {}, false}});
  b.question("sleep", QuestionType::yes_no, {{"yes", {{"therapie", 5}}, {}, false}, {"no", {}, {}, false}});
  wegwijzer::Effects prompt;
  prompt.min_urgency = wegwijzer::Urgency::prompt;
  b.rule("sleep-prompt", b.equals("sleep", "no"), prompt);
  const Bank& bank = b.build();
  AnswerSet answers = answer(bank, {{"focus", {"goal"}}, {"sleep", {"no"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.urgency == wegwijzer::Urgency::prompt);
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  CHECK(flip_to(found, b.outcome("therapie")) == nullptr);  // only "sleep: yes" would give therapy
  for (const Flip& flip : found.flips) {
    for (const auto& change : flip.changes) CHECK(change.question != b.q("sleep"));
  }
  CHECK(flip_to(found, b.outcome("supervisie")) != nullptr);
}

TEST_CASE("incomplete answers have nothing to change", "[counterfactual]") {
  BankBuilder b = two_step_bank();
  const Bank& bank = b.build();
  AnswerSet answers = answer(bank, {{"a", {"c"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.status == wegwijzer::Status::incomplete);
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  CHECK(found.flips.empty());
  CHECK_FALSE(found.decided_by_red_flag);
}

TEST_CASE("flips hold over sampled answer sets of the built-in bank", "[counterfactual][property]") {
#if defined(__SANITIZE_ADDRESS__)
  constexpr int kSets = 40;
#else
  constexpr int kSets = 300;
#endif
  Bank bank = wegwijzer::load_builtin_bank();
  const std::vector<bool> safety = wegwijzer::safety_questions(bank);
  const std::vector<bool> fixed = wegwijzer::fixed_questions(bank);
  std::mt19937_64 random(20261206);
  int with_flips = 0, decided = 0;
  for (int n = 0; n < kSets; ++n) {
    AnswerSet answers = wegwijzer::sample_answers(bank, random);
    Result result = wegwijzer::evaluate(bank, answers);
    Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
    if (result.status != wegwijzer::Status::complete) {
      CHECK(found.flips.empty());
      continue;
    }
    CHECK(found.decided_by_red_flag == !result.red_flags.empty());
    decided += found.decided_by_red_flag ? 1 : 0;
    with_flips += found.flips.empty() ? 0 : 1;
    for (const Flip& flip : found.flips) {
      INFO("set " << n << ", flip to outcome " << flip.outcome);
      REQUIRE(!flip.changes.empty());
      CHECK(flip.changes.size() <= 2);
      CHECK(flip.outcome != *result.recommendation);
      // Applying the changes really gives the named outcome, at no lower urgency and without a red flag.
      Result changed = wegwijzer::evaluate(bank, applied(answers, flip));
      CHECK(changed.status == wegwijzer::Status::complete);
      CHECK(changed.recommendation == flip.outcome);
      CHECK(changed.urgency >= result.urgency);
      CHECK(changed.red_flags.empty());
      for (const auto& change : flip.changes) {
        CHECK_FALSE(safety[change.question]);
        CHECK_FALSE(fixed[change.question]);
        CHECK(change.to != change.from);
      }
      // A pair is proposed only when no single answer change reaches that outcome (checked by brute force).
      if (flip.changes.size() == 2) CHECK_FALSE(single_change_reaches(bank, answers, result, fixed, flip.outcome));
    }
  }
  WARN("sets with flips: " << with_flips << ", decided by a red flag: " << decided);
  CHECK(with_flips > 0);  // the property was exercised
  CHECK(decided > 0);
}

TEST_CASE("sensitivity counts the questions whose answer alone changes the advice", "[counterfactual]") {
  BankBuilder b;
  b.question("focus", QuestionType::single,
             {{"goal", {{"coaching", 3}}, {}, false}, {"self", {{"supervisie", 3}}, {}, false}});
  b.question("colour", QuestionType::single, {{"red", {}, {}, false}, {"blue", {}, {}, false}});  // weighs nothing
  b.question("lean", QuestionType::single,
             {{"slight", {{"coaching", 0.5}}, {}, false}, {"none", {}, {}, false}});  // never enough alone
  const Bank& bank = b.build();
  wegwijzer::Sensitivity found = wegwijzer::measure_sensitivity(bank, 200, 7);
  CHECK(found.sampled == 200);
  CHECK(found.scored == 200);  // no red flags, no skip logic
  REQUIRE(found.questions.size() == 1);
  CHECK(found.questions[0].question == b.q("focus"));
  CHECK(found.questions[0].flips == found.questions[0].shown);  // focus always decides
  CHECK(found.questions[0].from != found.questions[0].to);
  // The same seed, the same figures.
  wegwijzer::Sensitivity again = wegwijzer::measure_sensitivity(bank, 200, 7);
  CHECK(again.questions[0].flips == found.questions[0].flips);
}

TEST_CASE("sensitivity never counts a safety question", "[counterfactual]") {
  Bank bank = wegwijzer::load_builtin_bank();
  const std::vector<bool> safety = wegwijzer::safety_questions(bank);
  wegwijzer::Sensitivity found = wegwijzer::measure_sensitivity(bank, 300, 1);
  CHECK(found.scored > 0);
  CHECK_FALSE(found.questions.empty());
  for (const auto& question : found.questions) CHECK_FALSE(safety[question.question]);
  const std::vector<bool> fixed = wegwijzer::fixed_questions(bank);
  CHECK(fixed[*bank.find_question("work_situation")]);  // a "not working" rule rules work forms out
  CHECK_FALSE(fixed[*bank.find_question("need")]);
  for (const auto& question : found.questions) CHECK_FALSE(fixed[question.question]);
}

TEST_CASE("a question a rule uses to rule help in or out is never proposed for change", "[counterfactual]") {
  BankBuilder b;
  b.question("working", QuestionType::yes_no, {{"yes", {}, {}, false}, {"no", {}, {}, false}});
  b.question("focus", QuestionType::single,
             {{"task", {{"werkbegeleiding", 3}}, {}, false}, {"goal", {{"coaching", 2}}, {}, false}});
  wegwijzer::Effects no_work_forms;
  no_work_forms.exclude = {b.outcome("werkbegeleiding"), b.outcome("supervisie")};
  b.rule("not-working", b.equals("working", "no"), no_work_forms);
  const Bank& bank = b.build();
  AnswerSet answers = answer(bank, {{"working", {"yes"}}, {"focus", {"task"}}});
  Result result = wegwijzer::evaluate(bank, answers);
  REQUIRE(result.recommendation == b.outcome("werkbegeleiding"));
  CHECK(wegwijzer::fixed_questions(bank)[b.q("working")]);
  Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
  // "working: no" alone would give coaching (work guidance ruled out); only the focus question is proposed.
  const Flip* coaching = flip_to(found, b.outcome("coaching"));
  REQUIRE(coaching != nullptr);
  REQUIRE(coaching->changes.size() == 1);
  CHECK(coaching->changes[0].question == b.q("focus"));
}
