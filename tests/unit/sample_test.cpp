// Sampled answer sets follow the skip logic; `wegwijzer sample` writes valid JSON Lines.
#include "wegwijzer/engine/sample.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "bank_builder.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/conditions/skip_logic.hpp"
#include "wegwijzer/engine/engine.hpp"

using namespace wegwijzer;

TEST_CASE("sampled answer sets follow the skip logic and are complete", "[sample]") {
  Bank bank = test::small_fixture_bank();
  std::mt19937_64 random(11);
  const std::size_t topics = bank.find_question("topics").value();
  const std::size_t remarks = bank.find_question("remarks").value();
  std::size_t topics_answered = 0;
  std::size_t topics_shown = 0;
  std::set<std::vector<std::uint16_t>> topic_choices;
  std::set<std::uint16_t> life_worth_choices;
  for (int i = 0; i < 2000; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    Result result = evaluate(bank, answers);
    REQUIRE(result.status == Status::complete);
    REQUIRE(result.ignored.empty());  // hidden questions are never answered
    auto visible = visible_questions(bank, answers);
    if (visible[topics]) {
      ++topics_shown;
      if (answers.at(topics)) {
        ++topics_answered;
        CHECK_FALSE(answers.at(topics)->options.empty());
        topic_choices.insert(answers.at(topics)->options);
      }
    }
    if (answers.at(remarks)) CHECK(answers.at(remarks)->text == "...");
    if (const auto& lw = answers.at(bank.find_question("life_worth").value()))
      life_worth_choices.insert(lw->options[0]);
  }
  // Optional questions are sometimes skipped (about 1 in 5), mostly answered.
  CHECK(topics_answered < topics_shown);
  CHECK(topics_answered > topics_shown / 2);
  CHECK(topic_choices.size() == 3);       // {work}, {private}, {work, private}
  CHECK(life_worth_choices.size() == 3);  // "rather not say" is picked like any other option
}

TEST_CASE("sampling is deterministic for a seed", "[sample]") {
  Bank bank = test::small_fixture_bank();
  std::mt19937_64 a(5);
  std::mt19937_64 b(5);
  for (int i = 0; i < 100; ++i)
    CHECK(answers_to_json(sample_answers(bank, a)) == answers_to_json(sample_answers(bank, b)));
}

TEST_CASE("on 2,000 sampled records of the built-in bank every outcome and urgency occurs", "[sample]") {
  Bank bank = load_builtin_bank();
  std::mt19937_64 random(2024);
  std::vector<std::size_t> outcomes(bank.outcomes.size(), 0);
  std::vector<std::size_t> urgencies(3, 0);
  for (int i = 0; i < 2000; ++i) {
    Result result = evaluate(bank, sample_answers(bank, random));
    REQUIRE(result.status == Status::complete);
    ++outcomes[result.recommendation.value()];
    ++urgencies[static_cast<std::size_t>(result.urgency)];
  }
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    INFO(bank.outcomes[o].id);
    CHECK(outcomes[o] > 0);
  }
  for (std::size_t u = 0; u < 3; ++u) {
    INFO(to_string(static_cast<Urgency>(u)));
    CHECK(urgencies[u] > 0);
  }
}

TEST_CASE("wegwijzer sample writes N records that the built-in bank accepts", "[sample][cli]") {
  auto run = test::run({"sample", "--count", "25", "--seed", "8"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  Bank bank = load_builtin_bank();
  std::istringstream lines(run.out);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    auto record = nlohmann::json::parse(line);
    char id[32];
    std::snprintf(id, sizeof id, "sample-%06zu", count);
    CHECK(record["id"] == id);
    std::vector<AnswerError> errors;
    AnswerSet answers = answers_from_json(bank, record["answers"], errors);
    CHECK(errors.empty());
    CHECK(evaluate(bank, answers).status == Status::complete);
  }
  CHECK(count == 25);
  CHECK(test::run({"sample", "--count", "25", "--seed", "8"}).out == run.out);
  CHECK(test::run({"sample", "--count", "25", "--seed", "9"}).out != run.out);
  CHECK(test::run({"sample", "--count", "0"}).out.empty());
}

TEST_CASE("wegwijzer sample rejects bad usage with 64", "[sample][cli]") {
  CHECK(test::run({"sample", "--count", "-1"}).exit_code == 64);
  CHECK(test::run({"sample"}).exit_code == 64);
  CHECK(test::run({"sample", "--count", "many"}).exit_code == 64);
  CHECK(test::run({"sample", "--count", "1", "--bank", "/nonexistent/bank.json"}).exit_code == 66);
}
