// ConditionProgram (conditions as branch programs over ConditionFacts) against ConditionPlan (the
// tree evaluator) on random nested conditions and random facts, and condition_guard() against the
// conditions it guards: whenever a condition holds, one of its guard's options was chosen.
#include "wegwijzer/conditions/condition_program.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "bank_builder.hpp"
#include "random_bank.hpp"
#include "reference_conditions.hpp"
#include "wegwijzer/conditions/answer_facts.hpp"
#include "wegwijzer/conditions/condition_guard.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"

using namespace wegwijzer;
using test::chance;
using test::pick;

namespace {

/// Random facts of every question: hidden, answered without options, or some options chosen.
std::vector<AnswerFacts> random_facts(const Bank& bank, std::mt19937_64& random) {
  std::vector<AnswerFacts> facts(bank.questions.size());
  for (std::size_t q = 0; q < facts.size(); ++q) {
    if (chance(random, 25)) continue;  // hidden
    AnswerFacts& fact = facts[q];
    fact.present = true;
    const std::size_t options = bank.questions[q].options.size();
    const std::size_t chosen = chance(random, 60) ? 1 : pick(random, 4);
    for (std::size_t i = 0; i < chosen; ++i) {
      const std::size_t option = chance(random, 5) ? 64 + pick(random, 80) : pick(random, options + 1);
      if (!fact.chose(option)) ++fact.count;  // options beyond 127 are counted, not marked
      mark_option(fact.chosen, option);
    }
    fact.points = static_cast<int>(pick(random, 9)) - 2;
  }
  return facts;
}

/// The ConditionFacts of `facts`, with the scales tallied over them.
ConditionFacts condition_facts(const Bank& bank, const std::vector<AnswerFacts>& facts) {
  ConditionFacts table(bank.questions.size(), bank.scales.size());
  for (std::size_t q = 0; q < facts.size(); ++q) table.set(q, facts[q]);
  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    for (std::size_t item : bank.scales[s].items) {
      if (item < facts.size() && facts[item].present && facts[item].count != 0) table.tally(s, facts[item].points);
    }
  }
  return table;
}

}  // namespace

TEST_CASE("a branch program holds exactly when the condition tree does", "[condition_program]") {
  std::mt19937_64 random(5);
  std::size_t held = 0;
  std::size_t tried = 0;
  std::size_t one_word = 0;  // conditions of one word test
  std::size_t negated = 0;   // of which negated
  for (int b = 0; b < 300; ++b) {
    const Bank bank = test::random_bank(random);
    const test::ConditionScope scope{bank.questions.size(), bank.questions.size(), bank.scales.size(), &bank};
    ConditionPlan plan(bank);
    ConditionProgram program(bank);
    std::vector<std::uint32_t> roots;
    std::vector<std::uint32_t> entries;
    for (int c = 0; c < 40; ++c) {
      const Condition condition = test::random_condition(random, scope, 4);
      roots.push_back(plan.add(condition));
      entries.push_back(program.add(condition));
    }
    for (int f = 0; f < 40; ++f) {
      const std::vector<AnswerFacts> facts = random_facts(bank, random);
      const ConditionFacts table = condition_facts(bank, facts);
      for (std::size_t c = 0; c < roots.size(); ++c) {
        const bool expected = plan.holds(roots[c], facts.data(), facts.size(), nullptr);
        INFO("bank " << b << ", condition " << c);
        REQUIRE(program.holds(entries[c], table) == expected);
        // A condition of one word test (a show_if the Evaluator tests without the program) agrees too.
        std::uint32_t word = 0;
        std::uint64_t mask = 0;
        bool when_set = false;
        if (program.one_word(entries[c], word, mask, when_set)) {
          REQUIRE((((table.words()[word] & mask) != 0) == when_set) == expected);
          negated += when_set ? 0 : 1;
          ++one_word;
        }
        held += expected ? 1 : 0;
        ++tried;
      }
    }
  }
  // Both outcomes were seen often: a program that always said yes or no would fail above.
  CHECK(held > tried / 10);
  CHECK(held < tried - tried / 10);
  CHECK(one_word > tried / 20);
  CHECK(negated > one_word / 20);
}

TEST_CASE("the skip logic and one-off checks on the program agree with the tree evaluator", "[condition_program]") {
  std::mt19937_64 random(17);
  std::size_t hidden = 0;
  std::size_t held = 0;
  for (int b = 0; b < 200; ++b) {
    const Bank bank = test::random_bank(random);
    const test::ConditionScope scope{bank.questions.size(), bank.questions.size(), bank.scales.size(), &bank};
    std::vector<Condition> conditions;
    for (int c = 0; c < 20; ++c) conditions.push_back(test::random_condition(random, scope, 3));
    for (int a = 0; a < 20; ++a) {
      const AnswerSet answers = test::random_answers(bank, random);
      const std::vector<bool> visible = visible_questions(bank, answers);
      INFO("bank " << b << ", answer set " << a);
      REQUIRE(visible == reference_visible(bank, answers));
      hidden += static_cast<std::size_t>(std::count(visible.begin(), visible.end(), false));
      for (const Condition& condition : conditions) {
        const bool holds = evaluate_condition(bank, condition, answers, visible);
        REQUIRE(holds == reference_holds(bank, condition, answers, visible));
        held += holds ? 1 : 0;
      }
    }
  }
  CHECK(hidden > 1000);  // the skip logic hid questions often enough to matter
  CHECK(held > 1000);
}

TEST_CASE("a prepared row of one option holds the same facts as the option set alone", "[condition_program]") {
  std::mt19937_64 random(11);
  ConditionFacts from_row(3, 0);
  ConditionFacts from_facts(3, 0);
  for (int i = 0; i < 2000; ++i) {
    const std::size_t q = pick(random, 3);
    const std::size_t option = pick(random, 200);
    const int points = static_cast<int>(pick(random, 21)) - 10;
    AnswerFacts fact;
    fact.present = true;
    fact.count = 1;
    fact.points = points;
    mark_option(fact.chosen, option);
    OptionMask mask = {0, 0};
    mark_option(mask, option);
    std::uint64_t row[ConditionFacts::word_count];
    ConditionFacts::row_of_one(row, mask[0], mask[1], points);
    from_row.set_row(q, row);
    from_facts.set(q, fact);
    if (chance(random, 20)) {  // hidden again
      from_row.hide(q);
      from_facts.hide(q);
    }
    for (std::size_t w = 0; w < 3 * ConditionFacts::word_count; ++w) {
      REQUIRE(from_row.words()[w] == from_facts.words()[w]);  // the points too, as bits (NaN when hidden)
    }
    REQUIRE(std::isnan(from_row.points(q)) == std::isnan(from_facts.points(q)));
  }
  ConditionFacts hidden(1, 0);
  CHECK(std::isnan(hidden.points(0)));
  CHECK(hidden.words()[ConditionFacts::answered] == 0);
}

TEST_CASE("branch programs: constants, negation and options on both sides of 64", "[condition_program]") {
  test::BankBuilder b;
  std::vector<test::OptionSpec> many;
  for (int i = 0; i < 100; ++i) many.push_back({"o" + std::to_string(i), {}, i, false});
  b.question("m", QuestionType::multiple, many, false);
  const Bank& bank = b.build();
  ConditionProgram program(bank);
  CHECK(program.add(test::BankBuilder::all({})) == ConditionProgram::always);
  CHECK(program.add(test::BankBuilder::any({})) == ConditionProgram::never);
  Condition nothing;
  nothing.kind = Condition::Kind::negate;
  CHECK(program.add(nothing) == ConditionProgram::always);  // "not" of nothing holds
  CHECK(program.add(test::BankBuilder::negate(test::BankBuilder::any({}))) == ConditionProgram::always);
  Condition elsewhere = b.answered("m");
  elsewhere.question = 7;  // a question the bank does not have
  CHECK(program.add(elsewhere) == ConditionProgram::never);
  CHECK(program.size() == 0);

  const std::uint32_t both_sides = program.add(b.in("m", {"o3", "o70"}));
  const std::uint32_t exactly = program.add(b.equals("m", "o70"));
  const std::uint32_t not_many = program.add(test::BankBuilder::negate(b.points_at_least("m", 10)));
  ConditionFacts facts(1, 0);
  const auto choose = [&](std::vector<std::size_t> options) {
    AnswerFacts fact;
    fact.present = true;
    for (std::size_t option : options) {
      mark_option(fact.chosen, option);
      fact.points += static_cast<int>(option);
      ++fact.count;
    }
    facts.set(0, fact);
  };
  choose({70});
  CHECK(program.holds(both_sides, facts));
  CHECK(program.holds(exactly, facts));
  CHECK_FALSE(program.holds(not_many, facts));
  choose({3, 70});
  CHECK(program.holds(both_sides, facts));
  CHECK_FALSE(program.holds(exactly, facts));  // not the only option chosen
  choose({4, 69});
  CHECK_FALSE(program.holds(both_sides, facts));
  choose({});
  CHECK(program.holds(not_many, facts));  // answered without options: no points, so "at least" fails
  facts.hide(0);
  CHECK_FALSE(program.holds(both_sides, facts));
  CHECK(program.holds(not_many, facts));
}

TEST_CASE("whenever a condition holds, an option of its guard was chosen in a shown question", "[condition_program]") {
  std::mt19937_64 random(17);
  std::size_t held = 0;
  std::size_t guarded = 0;
  for (int b = 0; b < 300; ++b) {
    const Bank bank = test::random_bank(random);
    const test::ConditionScope scope{bank.questions.size(), bank.questions.size(), bank.scales.size(), &bank};
    std::vector<Condition> conditions;
    std::vector<std::optional<std::vector<ChosenOption>>> guards;
    for (int c = 0; c < 30; ++c) {
      conditions.push_back(test::random_condition(random, scope, 3));
      guards.push_back(condition_guard(bank, conditions.back()));
      if (guards.back()) {
        ++guarded;
        for (const ChosenOption& option : *guards.back()) {
          REQUIRE(option.question < bank.questions.size());
          REQUIRE(option.option < bank.questions[option.question].options.size());
        }
      }
    }
    for (int a = 0; a < 30; ++a) {
      const AnswerSet answers = test::random_answers(bank, random);
      const std::vector<bool> visible = visible_questions(bank, answers);
      const auto chosen = [&](const ChosenOption& option) {
        const auto& answer = answers.at(option.question);
        return visible[option.question] && answer &&
               std::find(answer->options.begin(), answer->options.end(), option.option) != answer->options.end();
      };
      for (std::size_t c = 0; c < conditions.size(); ++c) {
        if (!guards[c] || !evaluate_condition(bank, conditions[c], answers, visible)) continue;
        ++held;
        INFO("bank " << b << ", condition " << c);
        CHECK(std::any_of(guards[c]->begin(), guards[c]->end(), chosen));
      }
    }
  }
  CHECK(guarded > 3000);  // most random conditions have a guard
  CHECK(held > 1000);
}

TEST_CASE("guards: the options a condition needs, none under not or for answered", "[condition_program]") {
  test::BankBuilder b;
  b.question("a", QuestionType::single, {{"x", {}, 0, false}, {"y", {}, 2, false}, {"z", {}, 1, false}});
  b.question("m", QuestionType::multiple, {{"p", {}, {}, false}, {"q", {}, {}, false}}, false);
  b.scale("s", {"a"}, {{"low", 0, 1}, {"high", 2, 2}});
  const Bank& bank = b.build();
  using Options = std::vector<std::pair<std::size_t, std::size_t>>;
  const auto options_of = [](const std::optional<std::vector<ChosenOption>>& guard) {
    Options options;
    for (const ChosenOption& option : *guard) options.emplace_back(option.question, option.option);
    return options;
  };
  CHECK(options_of(condition_guard(bank, b.equals("a", "y"))) == Options{{0, 1}});
  CHECK(options_of(condition_guard(bank, b.in("m", {"p", "q"}))) == Options{{1, 0}, {1, 1}});
  // "at least" above 0 needs an option worth points.
  CHECK(options_of(condition_guard(bank, b.points_at_least("a", 1))) == Options{{0, 1}, {0, 2}});
  CHECK(options_of(condition_guard(bank, b.scale_at_least("s", 0.5))) == Options{{0, 1}, {0, 2}});
  CHECK_FALSE(condition_guard(bank, b.points_at_least("a", 0)));
  CHECK_FALSE(condition_guard(bank, b.scale_at_most("s", 1)));
  CHECK_FALSE(condition_guard(bank, b.answered("m")));
  CHECK_FALSE(condition_guard(bank, test::BankBuilder::negate(b.equals("a", "x"))));
  // all: the smallest guard of a child; any: all of them, if every child has one.
  CHECK(options_of(condition_guard(bank, test::BankBuilder::all({b.in("m", {"p", "q"}), b.equals("a", "x"),
                                                                 b.answered("m")}))) == Options{{0, 0}});
  CHECK(options_of(condition_guard(bank, test::BankBuilder::any({b.equals("a", "x"), b.contains("m", "q")}))) ==
        Options{{0, 0}, {1, 1}});
  CHECK_FALSE(condition_guard(bank, test::BankBuilder::any({b.equals("a", "x"), b.answered("m")})));
  CHECK(condition_guard(bank, test::BankBuilder::any({}))->empty());  // never holds
  Condition unknown_option = b.equals("a", "x");
  unknown_option.options = {5};  // an option the question does not have: no guard to be had
  CHECK_FALSE(condition_guard(bank, unknown_option));
}
