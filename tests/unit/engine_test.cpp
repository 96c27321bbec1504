// The engine on fixture banks built in C++: skip logic, conditions, scores, red flags, urgency,
// recommendation, ranking, reasons and incomplete answers.
#include "wegwijzer/engine/engine.hpp"

#include <catch2/catch.hpp>

#include "bank_builder.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"

using namespace wegwijzer;
using wegwijzer::test::BankBuilder;
using wegwijzer::test::small_fixture_bank;

namespace {

AnswerSet answer(const Bank& bank, const std::vector<std::pair<std::string, std::vector<std::string_view>>>& choices) {
  AnswerSet answers(bank);
  for (const auto& [question, options] : choices) {
    auto error = answers.set_choice(question, options);
    INFO(question);
    REQUIRE_FALSE(error);
  }
  return answers;
}

std::size_t qi(const Bank& bank, const char* id) { return bank.find_question(id).value(); }
std::size_t oi(const Bank& bank, const char* id) { return bank.find_outcome(id).value(); }
std::size_t ri(const Bank& bank, const char* id) {
  for (std::size_t r = 0; r < bank.rules.size(); ++r) {
    if (bank.rules[r].id == id) return r;
  }
  FAIL("no rule " << id);
  return 0;
}

}  // namespace

TEST_CASE("skip logic hides questions and ignores their answers", "[engine]") {
  Bank bank = small_fixture_bank();
  AnswerSet answers = answer(bank, {{"need", {"task"}}, {"down", {"never"}}, {"topics", {"private"}}});
  auto visible = visible_questions(bank, answers);
  CHECK(visible[qi(bank, "need")]);
  CHECK_FALSE(visible[qi(bank, "life_worth")]);  // distress below 2
  CHECK_FALSE(visible[qi(bank, "topics")]);      // need == task
  Result result = evaluate(bank, answers);
  CHECK(result.shown == std::vector<std::size_t>{qi(bank, "need"), qi(bank, "down"), qi(bank, "remarks")});
  CHECK(result.ignored == std::vector<std::size_t>{qi(bank, "topics")});
  CHECK(result.scores[oi(bank, "therapie")] == 0.0);  // the hidden "private" answer is not scored
  CHECK(result.status == Status::complete);
}

TEST_CASE("a show_if on a scale uses only shown answers", "[engine]") {
  Bank bank = small_fixture_bank();
  CHECK(visible_questions(bank, answer(bank, {{"down", {"half"}}}))[qi(bank, "life_worth")]);
  CHECK_FALSE(visible_questions(bank, answer(bank, {{"down", {"some"}}}))[qi(bank, "life_worth")]);
  CHECK_FALSE(visible_questions(bank, AnswerSet(bank))[qi(bank, "life_worth")]);
}

TEST_CASE("condition leaves", "[engine]") {
  BankBuilder b;
  b.question("m", QuestionType::multiple, {{"a", {}, 1, false}, {"b", {}, 2, false}, {"c", {}, 4, false}}, false);
  b.question("s", QuestionType::single, {{"x", {}, {}, false}, {"y", {}, {}, false}}, false,
             BankBuilder::negate(b.answered("m")));
  const Bank& bank = b.build();
  AnswerSet ab = answer(bank, {{"m", {"a", "b"}}});
  auto visible = visible_questions(bank, ab);
  auto holds = [&](const Condition& c) { return evaluate_condition(bank, c, ab, visible); };
  CHECK(holds(b.answered("m")));
  CHECK_FALSE(holds(b.equals("m", "a")));  // multiple: equals means exactly {a}
  CHECK(holds(b.contains("m", "a")));
  CHECK_FALSE(holds(b.contains("m", "c")));
  CHECK(holds(b.in("m", {"c", "b"})));
  CHECK_FALSE(holds(b.in("m", {"c"})));
  CHECK(holds(b.points_at_least("m", 3)));
  CHECK_FALSE(holds(b.points_at_least("m", 4)));
  CHECK(holds(b.points_at_most("m", 3)));
  CHECK_FALSE(holds(b.points_at_most("m", 2)));
  // "s" is hidden: every leaf about it is false, so its negation is true.
  CHECK_FALSE(visible[b.q("s")]);
  CHECK_FALSE(holds(b.answered("s")));
  CHECK(holds(BankBuilder::negate(b.equals("s", "x"))));
  CHECK(holds(BankBuilder::all({b.answered("m"), b.contains("m", "b")})));
  CHECK_FALSE(holds(BankBuilder::all({b.answered("m"), b.answered("s")})));
  CHECK(holds(BankBuilder::any({b.answered("s"), b.contains("m", "b")})));

  AnswerSet only_a = answer(bank, {{"m", {"a"}}});
  CHECK(evaluate_condition(bank, b.equals("m", "a"), only_a, visible_questions(bank, only_a)));
  // A hidden answer is treated as unanswered even when present in the set.
  AnswerSet hidden = answer(bank, {{"m", {"a"}}, {"s", {"x"}}});
  auto hidden_visible = visible_questions(bank, hidden);
  CHECK_FALSE(evaluate_condition(bank, b.equals("s", "x"), hidden, hidden_visible));
}

TEST_CASE("scale values and bands", "[engine]") {
  Bank bank = small_fixture_bank();
  Result result = evaluate(bank, answer(bank, {{"need", {"goal"}}, {"down", {"half"}}, {"life_worth", {"no"}}}));
  REQUIRE(result.scales.size() == 1);
  CHECK(result.scales[0].value == 2);
  CHECK(result.scales[0].answered_items == 1);
  CHECK(result.scales[0].band == std::optional<std::size_t>(2));
  Result none = evaluate(bank, AnswerSet(bank));
  CHECK(none.scales[0].answered_items == 0);
  CHECK_FALSE(none.scales[0].band);
}

TEST_CASE("the best score is recommended, with ranking, margins and reasons", "[engine]") {
  Bank bank = small_fixture_bank();
  Result result = evaluate(bank, answer(bank, {{"need", {"goal"}}, {"down", {"never"}}, {"topics", {"work"}}}));
  REQUIRE(result.status == Status::complete);
  CHECK(result.scores == std::vector<double>{0, 4, 1, 0});
  REQUIRE(result.recommendation == oi(bank, "coaching"));
  REQUIRE(result.ranking.size() == 4);
  CHECK(result.ranking[0].outcome == oi(bank, "coaching"));
  CHECK(result.ranking[0].margin == 0.0);
  CHECK(result.ranking[1].outcome == oi(bank, "supervisie"));
  CHECK(result.ranking[1].margin == 3.0);
  // 0-point ties: the lighter step first.
  CHECK(result.ranking[2].outcome == oi(bank, "werkbegeleiding"));
  CHECK(result.ranking[3].outcome == oi(bank, "therapie"));
  CHECK_FALSE(result.close_call);
  CHECK(result.urgency == Urgency::routine);
  CHECK(result.red_flags.empty());
  // need=goal pushes 3 towards coaching and 0 towards the runner-up; topics=work pushes both equally.
  REQUIRE(result.reasons.size() == 1);
  CHECK(result.reasons[0].kind == Reason::Kind::answer);
  CHECK(result.reasons[0].question == qi(bank, "need"));
  CHECK(result.reasons[0].option == 1);
  CHECK(result.reasons[0].outcome == oi(bank, "coaching"));
  CHECK(result.reasons[0].effect == 3.0);
}

TEST_CASE("ties go to the lighter step and are close calls", "[engine]") {
  BankBuilder b;
  b.question("q", QuestionType::single, {{"both", {{"coaching", 2}, {"supervisie", 2}}, {}, false}});
  b.question("r", QuestionType::single,
             {{"some", {{"werkbegeleiding", 1}}, {}, false}, {"more", {{"werkbegeleiding", 3}}, {}, false}});
  b.close_margin(0.5);
  const Bank& bank = b.build();
  Result result = evaluate(bank, answer(bank, {{"q", {"both"}}, {"r", {"some"}}}));
  CHECK(result.recommendation == b.outcome("coaching"));
  CHECK(result.ranking[1].outcome == b.outcome("supervisie"));
  CHECK(result.ranking[1].margin == 0.0);
  CHECK(result.close_call);
  Result clear = evaluate(bank, answer(bank, {{"q", {"both"}}, {"r", {"more"}}}));
  CHECK(clear.recommendation == b.outcome("werkbegeleiding"));
  CHECK(clear.ranking[1].margin == 1.0);
  CHECK_FALSE(clear.close_call);  // 1 > 0.5
}

TEST_CASE("ties go to the lighter step also in banks of more than 64 outcomes", "[engine]") {
  // More than 64 outcomes: recommend() works on vectors instead of bit masks.
  std::vector<std::string> outcomes;
  for (int i = 0; i < 70; ++i) outcomes.push_back("o" + std::to_string(i));
  outcomes[69] = "therapie";
  BankBuilder b(outcomes);
  b.question("q", QuestionType::single,
             {{"tie", {{"o5", 2}, {"o66", 2}, {"o40", 2}}, {}, false}, {"excl", {{"o5", 2}, {"o66", 2}}, {}, false}});
  Effects exclude_o5;
  exclude_o5.exclude = {b.outcome("o5")};
  b.rule("no-o5", b.equals("q", "excl"), exclude_o5);
  const Bank& bank = b.build();
  Result result = evaluate(bank, answer(bank, {{"q", {"tie"}}}));
  CHECK(result.recommendation == b.outcome("o5"));
  CHECK(result.ranking[1].outcome == b.outcome("o40"));  // the tied ones in bank order
  CHECK(result.ranking[2].outcome == b.outcome("o66"));
  CHECK(result.ranking[1].margin == 0.0);
  CHECK(result.close_call);
  Result excluded = evaluate(bank, answer(bank, {{"q", {"excl"}}}));
  CHECK(excluded.recommendation == b.outcome("o66"));  // the lighter one is excluded: the tie goes to the next
}

TEST_CASE("a crisis flag forces therapie and crisis urgency", "[engine]") {
  Bank bank = small_fixture_bank();
  Result result = evaluate(bank, answer(bank, {{"need", {"task"}}, {"down", {"half"}}, {"life_worth", {"yes"}}}));
  REQUIRE(result.status == Status::complete);
  CHECK(result.urgency == Urgency::crisis);
  REQUIRE(result.red_flags.size() == 1);
  CHECK(result.red_flags[0].tier == Tier::crisis);
  CHECK(result.red_flags[0].rule == ri(bank, "life-not-worth-living"));
  CHECK(result.recommendation == bank.red_flag_outcome(wegwijzer::Tier::clinical));
  CHECK(result.ranking[0].outcome == bank.red_flag_outcome(wegwijzer::Tier::clinical));
  CHECK(result.ranking[1].outcome == oi(bank, "werkbegeleiding"));
  CHECK(result.ranking[1].margin == -3.0);  // therapie scored lower: kept negative, it is informative
  CHECK_FALSE(result.close_call);
  REQUIRE_FALSE(result.reasons.empty());
  CHECK(result.reasons[0].kind == Reason::Kind::rule);
  CHECK(result.reasons[0].rule == ri(bank, "life-not-worth-living"));
}

TEST_CASE("red flags cannot be outweighed or excluded", "[engine]") {
  BankBuilder b;
  b.question("goal", QuestionType::single, {{"yes", {{"coaching", 1000}}, {}, false}, {"no", {}, {}, false}});
  b.question("harm", QuestionType::yes_no,
             {{"yes", {{"coaching", 500}}, {}, false}, {"no", {}, {}, false}, {"rns", {}, {}, true}});
  b.question("worry", QuestionType::yes_no, {{"yes", {}, {}, false}, {"no", {}, {}, false}});
  Effects exclude_therapy;
  exclude_therapy.exclude = {b.outcome("therapie")};
  exclude_therapy.weights = b.weights({{"coaching", 1000}, {"therapie", -1000}});
  b.rule("no-therapy", b.equals("goal", "yes"), exclude_therapy);
  Effects clinical = BankBuilder::red_flag(Tier::clinical);
  clinical.min_urgency.reset();
  b.rule("worry", b.equals("worry", "yes"), clinical);
  b.rule("harm", b.equals("harm", "yes"), BankBuilder::red_flag(Tier::crisis));
  const Bank& bank = b.build();

  Result crisis = evaluate(bank, answer(bank, {{"goal", {"yes"}}, {"harm", {"yes"}}, {"worry", {"yes"}}}));
  CHECK(crisis.recommendation == b.outcome("therapie"));
  CHECK(crisis.urgency == Urgency::crisis);
  REQUIRE(crisis.red_flags.size() == 2);
  CHECK(crisis.red_flags[0].tier == Tier::crisis);  // crisis first, although its rule comes later
  CHECK(crisis.red_flags[1].tier == Tier::clinical);
  CHECK(crisis.ranking[0].excluded);

  Result clinical_only = evaluate(bank, answer(bank, {{"goal", {"yes"}}, {"harm", {"no"}}, {"worry", {"yes"}}}));
  CHECK(clinical_only.recommendation == b.outcome("therapie"));
  CHECK(clinical_only.urgency == Urgency::prompt);  // even without the rule's own urgency

  Result none = evaluate(bank, answer(bank, {{"goal", {"yes"}}, {"harm", {"rns"}}, {"worry", {"no"}}}));
  CHECK(none.recommendation == b.outcome("coaching"));
  CHECK(none.urgency == Urgency::routine);
  CHECK(none.unknown_red_flags == std::vector<std::size_t>{b.q("harm")});
}

TEST_CASE("exclusions, requirements and their conflicts", "[engine]") {
  BankBuilder b;
  b.question("q", QuestionType::single,
             {{"therapy_heavy", {{"therapie", 5}, {"coaching", 1}}, {}, false}, {"plain", {}, {}, false}});
  b.question("ex", QuestionType::multiple,
             {{"therapie", {}, {}, false}, {"all", {}, {}, false}, {"supervisie", {}, {}, false}}, false);
  b.question("req", QuestionType::multiple, {{"coaching", {}, {}, false}, {"supervisie", {}, {}, false}}, false);
  Effects ex_therapy;
  ex_therapy.exclude = {b.outcome("therapie")};
  b.rule("ex-therapie", b.contains("ex", "therapie"), ex_therapy);
  Effects ex_all;
  ex_all.exclude = {0, 1, 2, 3};
  b.rule("ex-all", b.contains("ex", "all"), ex_all);
  Effects ex_sup;
  ex_sup.exclude = {b.outcome("supervisie")};
  b.rule("ex-supervisie", b.contains("ex", "supervisie"), ex_sup);
  Effects req_coaching;
  req_coaching.require = {b.outcome("coaching")};
  b.rule("req-coaching", b.contains("req", "coaching"), req_coaching);
  Effects req_sup;
  req_sup.require = {b.outcome("supervisie")};
  b.rule("req-supervisie", b.contains("req", "supervisie"), req_sup);
  const Bank& bank = b.build();

  Result excluded = evaluate(bank, answer(bank, {{"q", {"therapy_heavy"}}, {"ex", {"therapie"}}}));
  CHECK(excluded.recommendation == b.outcome("coaching"));
  REQUIRE(excluded.ranking.size() == 4);
  CHECK(excluded.ranking[1].outcome == b.outcome("therapie"));
  CHECK(excluded.ranking[1].excluded);
  CHECK(excluded.ranking[1].margin == -4.0);
  CHECK(
      excluded.close_call);  // the excluded therapie does not count; werkbegeleiding (0) is within 1.0 of coaching (1)
  CHECK(excluded.ranking[2].outcome == b.outcome("werkbegeleiding"));  // 0-point tie with supervisie: lighter first
  Result all_excluded = evaluate(bank, answer(bank, {{"q", {"therapy_heavy"}}, {"ex", {"all"}}}));
  CHECK(all_excluded.recommendation == b.outcome("therapie"));  // every outcome excluded: exclusions ignored
  for (const auto& ranked : all_excluded.ranking) CHECK_FALSE(ranked.excluded);

  Result required = evaluate(bank, answer(bank, {{"q", {"therapy_heavy"}}, {"req", {"coaching", "supervisie"}}}));
  CHECK(required.recommendation == b.outcome("supervisie"));  // the highest required step, whatever the scores
  CHECK_FALSE(required.close_call);
  CHECK(required.reasons.size() >= 2);
  CHECK(required.reasons[0].rule == 3);
  CHECK(required.reasons[1].rule == 4);

  Result conflict =
      evaluate(bank, answer(bank, {{"q", {"plain"}}, {"ex", {"supervisie"}}, {"req", {"coaching", "supervisie"}}}));
  CHECK(conflict.recommendation == b.outcome("coaching"));  // required and not excluded
  Result only_excluded =
      evaluate(bank, answer(bank, {{"q", {"plain"}}, {"ex", {"supervisie"}}, {"req", {"supervisie"}}}));
  CHECK(only_excluded.recommendation == b.outcome("supervisie"));  // a requirement outweighs an exclusion
}

TEST_CASE("incomplete answers: missing listed, no advice, red flags still raised", "[engine]") {
  Bank bank = small_fixture_bank();
  Result empty = evaluate(bank, AnswerSet(bank));
  CHECK(empty.status == Status::incomplete);
  CHECK(empty.missing == std::vector<std::size_t>{qi(bank, "need"), qi(bank, "down")});
  CHECK_FALSE(empty.recommendation);
  CHECK(empty.ranking.empty());

  Result partial = evaluate(bank, answer(bank, {{"down", {"daily"}}}));
  CHECK(partial.status == Status::incomplete);
  CHECK(partial.missing == std::vector<std::size_t>{qi(bank, "need"), qi(bank, "life_worth")});
  CHECK(partial.urgency == Urgency::prompt);
  REQUIRE(partial.red_flags.size() == 1);
  CHECK(partial.red_flags[0].tier == Tier::clinical);
  CHECK(partial.unknown_red_flags == std::vector<std::size_t>{qi(bank, "life_worth")});
  CHECK_FALSE(partial.recommendation);

  Result mid_crisis = evaluate(bank, answer(bank, {{"down", {"half"}}, {"life_worth", {"yes"}}}));
  CHECK(mid_crisis.status == Status::incomplete);
  CHECK(mid_crisis.urgency == Urgency::crisis);
}

TEST_CASE("unknown red-flag answers are named; notes and fired rules in bank order", "[engine]") {
  Bank bank = small_fixture_bank();
  Result rns =
      evaluate(bank, answer(bank, {{"need", {"goal"}}, {"down", {"half"}}, {"life_worth", {"rather_not_say"}}}));
  CHECK(rns.status == Status::complete);
  // "down" feeds the distress scale of a red-flag rule, so it is a red-flag question too, but it was answered.
  CHECK(rns.unknown_red_flags == std::vector<std::size_t>{qi(bank, "life_worth")});
  CHECK(rns.red_flags.empty());

  Result task = evaluate(bank, answer(bank, {{"need", {"task"}}, {"down", {"some"}}}));
  CHECK(task.fired_rules == std::vector<std::size_t>{ri(bank, "task-not-therapy")});
  CHECK(task.notes == std::vector<std::size_t>{ri(bank, "task-not-therapy")});
  CHECK(task.recommendation == oi(bank, "werkbegeleiding"));
  CHECK(task.scores[oi(bank, "werkbegeleiding")] == 4.0);
  CHECK(task.unknown_red_flags.empty());
  CHECK(task.ranking[0].excluded == false);
  CHECK(task.ranking[1].excluded == (task.ranking[1].outcome == oi(bank, "therapie")));
}

TEST_CASE("reasons: most weighty first, weight rules included", "[engine]") {
  BankBuilder b;
  b.question("a", QuestionType::single, {{"x", {{"coaching", 1}}, {}, false}});
  b.question("b", QuestionType::multiple,
             {{"y", {{"coaching", 3}, {"supervisie", 1}}, {}, false}, {"z", {{"supervisie", 2}}, {}, false}});
  Effects bonus;
  bonus.weights = b.weights({{"coaching", 2}});
  b.rule("bonus", b.equals("a", "x"), bonus);
  const Bank& bank = b.build();
  Result result = evaluate(bank, answer(bank, {{"a", {"x"}}, {"b", {"y", "z"}}}));
  REQUIRE(result.recommendation == b.outcome("coaching"));  // 6 vs 3
  REQUIRE(result.reasons.size() == 3);
  CHECK(result.reasons[0].question == b.q("b"));  // y: 3 - 1 = 2
  CHECK(result.reasons[0].effect == 2.0);
  CHECK(result.reasons[1].kind == Reason::Kind::rule);  // bonus: 2, after the answer with equal effect
  CHECK(result.reasons[1].effect == 2.0);
  CHECK(result.reasons[2].question == b.q("a"));
  CHECK(result.reasons[2].effect == 1.0);
  // reason effects never include negative pushes (z pushed towards the runner-up)
  for (const auto& reason : result.reasons) CHECK(reason.effect > 0);
}

TEST_CASE("evaluate is deterministic", "[engine]") {
  Bank bank = small_fixture_bank();
  AnswerSet answers =
      answer(bank, {{"need", {"reflect"}}, {"down", {"half"}}, {"life_worth", {"no"}}, {"topics", {"work"}}});
  Result a = evaluate(bank, answers);
  Result b = evaluate(bank, answers);
  CHECK(a.recommendation == b.recommendation);
  CHECK(a.scores == b.scores);
  CHECK(a.reasons.size() == b.reasons.size());
  CHECK(a.recommendation == oi(bank, "supervisie"));
}

TEST_CASE("condition leaves on options beyond the first 64 (the second word of the option mask)", "[engine]") {
  BankBuilder b;
  std::vector<test::OptionSpec> many;
  for (int i = 0; i < 100; ++i) many.push_back({"o" + std::to_string(i), {}, i, false});
  b.question("m", QuestionType::multiple, many, false);
  b.question(
      "later", QuestionType::single, {{"x", {}, {}, false}}, false,
      BankBuilder::any({b.contains("m", "o70"), BankBuilder::all({b.equals("m", "o3"), b.points_at_least("m", 3)})}));
  const Bank& bank = b.build();
  auto shown_later = [&](const std::vector<std::string_view>& chosen) -> bool {
    const std::vector<bool> visible = visible_questions(bank, answer(bank, {{"m", chosen}}));
    return visible[b.q("later")];
  };
  CHECK(shown_later({"o70"}));
  CHECK(shown_later({"o1", "o70", "o99"}));
  CHECK_FALSE(shown_later({"o6", "o69", "o71"}));  // neighbours of bit 70 and of bit 6 (70 - 64)
  CHECK(shown_later({"o3"}));                      // the nested all: exactly {o3}, 3 points
  CHECK_FALSE(shown_later({"o3", "o0"}));          // not exactly {o3}
  AnswerSet high = answer(bank, {{"m", {"o64", "o99"}}});
  const auto visible = visible_questions(bank, high);
  CHECK(evaluate_condition(bank, b.in("m", {"o5", "o99"}), high, visible));
  CHECK_FALSE(evaluate_condition(bank, b.in("m", {"o0", "o63", "o65"}), high, visible));
  CHECK(evaluate_condition(bank, b.points_at_least("m", 163), high, visible));
  CHECK_FALSE(evaluate_condition(bank, b.points_at_least("m", 164), high, visible));
}
