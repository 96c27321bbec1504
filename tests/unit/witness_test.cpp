// Witness search: finds answer sets for reachable outcomes and urgencies, reports none otherwise.
#include "wegwijzer/engine/witness.hpp"

#include <catch2/catch.hpp>

#include "bank_builder.hpp"
#include "wegwijzer/engine/engine.hpp"

using namespace wegwijzer;
using wegwijzer::test::BankBuilder;

namespace {

/// Every witness is complete, follows the skip logic and leads to its target.
void check_witnesses(const Bank& bank, const WitnessSearch& search) {
  REQUIRE(search.outcomes.size() == bank.outcomes.size());
  REQUIRE(search.urgencies.size() == 3);
  for (std::size_t o = 0; o < search.outcomes.size(); ++o) {
    if (!search.outcomes[o]) continue;
    Result result = evaluate(bank, *search.outcomes[o]);
    CHECK(result.status == Status::complete);
    CHECK(result.ignored.empty());
    CHECK(result.recommendation == o);
  }
  for (std::size_t u = 0; u < 3; ++u) {
    if (!search.urgencies[u]) continue;
    Result result = evaluate(bank, *search.urgencies[u]);
    CHECK(result.status == Status::complete);
    CHECK(result.ignored.empty());
    CHECK(static_cast<std::size_t>(result.urgency) == u);
  }
}

}  // namespace

TEST_CASE("witnesses for every outcome and urgency of a reachable bank", "[witness]") {
  Bank bank = test::small_fixture_bank();
  WitnessSearch search = find_witnesses(bank, 1);
  check_witnesses(bank, search);
  for (const auto& witness : search.outcomes) CHECK(witness.has_value());
  for (const auto& witness : search.urgencies) CHECK(witness.has_value());
}

TEST_CASE("unreachable outcomes and urgencies have no witness", "[witness]") {
  BankBuilder b;
  b.question("q", QuestionType::single,
             {{"a", {{"coaching", 1}}, {}, false},
              {"b", {{"supervisie", 1}}, {}, false},
              {"c", {{"werkbegeleiding", 2}, {"supervisie", 1}}, {}, false}});
  b.question("note", QuestionType::text, {}, false);
  const Bank& bank = b.build();
  WitnessSearch search = find_witnesses(bank, 7);
  check_witnesses(bank, search);
  CHECK(search.outcomes[b.outcome("werkbegeleiding")].has_value());
  CHECK(search.outcomes[b.outcome("coaching")].has_value());
  CHECK(search.outcomes[b.outcome("supervisie")].has_value());
  CHECK_FALSE(search.outcomes[b.outcome("therapie")].has_value());
  CHECK(search.urgencies[0].has_value());
  CHECK_FALSE(search.urgencies[1].has_value());
  CHECK_FALSE(search.urgencies[2].has_value());
}

TEST_CASE("the directed search finds a rare target that random sampling misses", "[witness]") {
  // Coaching needs the right option on each of twelve questions: 1 in 4^12 at random.
  BankBuilder b;
  std::vector<Condition> all;
  for (int i = 0; i < 12; ++i) {
    std::string id = "q" + std::to_string(i);
    b.question(id, QuestionType::single,
               {{"w", {{"werkbegeleiding", 1}}, {}, false},
                {"s", {{"supervisie", 1}}, {}, false},
                {"t", {{"therapie", 0.5}}, {}, false},
                {"c", {{"coaching", 1}}, {}, false}});
    all.push_back(b.equals(id, "c"));
  }
  Effects require;
  require.require = {b.outcome("coaching")};
  b.rule("all-c", BankBuilder::all(all), require);
  Effects exclude;
  exclude.exclude = {b.outcome("coaching")};
  b.rule("not-all-c", BankBuilder::negate(BankBuilder::all(all)), exclude);
  const Bank& bank = b.build();
  WitnessSearch search = find_witnesses(bank, 3);
  check_witnesses(bank, search);
  CHECK(search.outcomes[b.outcome("coaching")].has_value());
}

TEST_CASE("the witness search is deterministic for a seed", "[witness]") {
  Bank bank = test::small_fixture_bank();
  WitnessSearch a = find_witnesses(bank, 42);
  WitnessSearch b = find_witnesses(bank, 42);
  REQUIRE(a.outcomes.size() == b.outcomes.size());
  for (std::size_t o = 0; o < a.outcomes.size(); ++o) {
    REQUIRE(a.outcomes[o].has_value() == b.outcomes[o].has_value());
    if (!a.outcomes[o]) continue;
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      CHECK(a.outcomes[o]->at(q).has_value() == b.outcomes[o]->at(q).has_value());
      if (a.outcomes[o]->at(q)) CHECK(a.outcomes[o]->at(q)->options == b.outcomes[o]->at(q)->options);
    }
  }
}
