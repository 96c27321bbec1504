// Batch scoring behaviours found by testing the tool as a new user would.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/engine/counterfactual.hpp"
#include "wegwijzer/engine/engine.hpp"

using wegwijzer::test::run;

namespace {
std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = "/tmp/wegwijzer-score-cli-" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}
}  // namespace

TEST_CASE("score: a list for a single-choice question is a wrong_type record", "[score-cli]") {
  std::string bank = wegwijzer::test::test_path("batch/bank.json");
  std::string input = write_temp("list.jsonl", R"({"id":"a","answers":{"need":["task"]}})"
                                               "\n");
  auto result = run({"score", "--bank", bank, input});
  CHECK(result.exit_code == 65);
  CHECK(result.out.find("\"wrong_type\"") != std::string::npos);
  CHECK(result.out.find("\"id\":\"a\"") != std::string::npos);
  std::remove(input.c_str());
}

TEST_CASE("score: an unwritable --report fails before any output", "[score-cli]") {
  std::string input = write_temp("report.jsonl", R"({"id":"a","answers":{}})"
                                                 "\n");
  auto result = run({"score", "--report", "/nonexistent-dir/report.txt", input});
  CHECK(result.exit_code == 73);
  CHECK(result.out.empty());
  CHECK(result.err.find("--report") != std::string::npos);
  CHECK(result.err.find("does not exist") != std::string::npos);
  std::remove(input.c_str());
}

TEST_CASE("score --explain: each record's nearest flip is the engine's most plausible flip", "[score-cli][explain]") {
  const wegwijzer::Bank bank = wegwijzer::load_builtin_bank("default");
  const std::string input = run({"sample", "--count", "300", "--seed", "9"}).out;
  const auto explained = run({"score", "--explain"}, input);
  REQUIRE(explained.exit_code == 0);
  // The same bytes with two jobs, and the plain output is the explained one without the field.
  CHECK(run({"score", "--explain", "--jobs", "2"}, input).out == explained.out);
  const std::vector<std::string> in_lines = wegwijzer::test::split_lines(input);
  const std::vector<std::string> out_lines = wegwijzer::test::split_lines(explained.out);
  const std::vector<std::string> plain_lines = wegwijzer::test::split_lines(run({"score"}, input).out);
  REQUIRE(out_lines.size() == in_lines.size());
  REQUIRE(plain_lines.size() == in_lines.size());
  std::size_t flips = 0;
  std::size_t nulls = 0;
  for (std::size_t i = 0; i < in_lines.size(); ++i) {
    nlohmann::json record = nlohmann::json::parse(out_lines[i]);
    const nlohmann::json flip = record.at("nearest_flip");
    record.erase("nearest_flip");
    CHECK(record.dump() == nlohmann::json::parse(plain_lines[i]).dump());
    std::vector<wegwijzer::AnswerError> errors;
    const wegwijzer::AnswerSet answers =
        wegwijzer::answers_from_json(bank, nlohmann::json::parse(in_lines[i]).at("answers"), errors);
    REQUIRE(errors.empty());
    const wegwijzer::Result result = wegwijzer::evaluate(bank, answers);
    const wegwijzer::Counterfactuals found = wegwijzer::find_counterfactuals(bank, answers, result);
    if (found.flips.empty()) {
      CHECK(flip.is_null());
      ++nulls;
      continue;
    }
    ++flips;
    const wegwijzer::Flip& expected = found.flips.front();
    REQUIRE(flip.is_object());
    CHECK(flip.at("outcome") == bank.outcomes[expected.outcome].id);
    CHECK(flip.at("distance") == expected.distance);
    REQUIRE(flip.at("changes").size() == expected.changes.size());
    for (std::size_t c = 0; c < expected.changes.size(); ++c) {
      const wegwijzer::AnswerChange& change = expected.changes[c];
      const wegwijzer::Question& question = bank.questions[change.question];
      const nlohmann::json& written = flip.at("changes")[c];
      CHECK(written.at("question") == question.id);
      std::vector<std::string> from;
      std::vector<std::string> to;
      for (auto o : change.from) from.push_back(question.options[o].id);
      for (auto o : change.to) to.push_back(question.options[o].id);
      CHECK(written.at("from") == from);
      CHECK(written.at("to") == to);
    }
  }
  CHECK(flips > 50);
  CHECK(nulls > 50);
}

TEST_CASE("score --explain: CSV rows carry the flip columns, error rows too", "[score-cli][explain]") {
  std::string input = run({"sample", "--count", "100", "--seed", "4"}).out;
  input += "{\"id\":\"broken\",\"answers\":{\"need\":\"nonsense\"}}\n";
  const auto csv = run({"score", "--explain", "--format", "csv", "--errors-ok", "--report", "-"}, input);
  REQUIRE(csv.exit_code == 0);
  const std::vector<std::string> rows = wegwijzer::test::split_lines(csv.out);
  REQUIRE(rows.size() == 102);
  CHECK(rows[0].substr(rows[0].find(",error_message,")) ==
        ",error_message,unknown_red_flags,fired_rules,notes,close_call,answered,flip_status,flip_outcome,flip_distance,"
        "flip_questions,flip_from,flip_to");
  const auto fields = [](const std::string& row) {
    std::size_t count = 1;
    bool quoted = false;
    for (char c : row) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) ++count;
    }
    return count;
  };
  for (const std::string& row : rows) CHECK(fields(row) == fields(rows[0]));
  CHECK(rows.back().rfind("broken,", 0) == 0);
  CHECK(rows.back().substr(rows.back().size() - 6) == ",,,,,,");
  bool some_flip = false;
  for (const std::string& row : rows)
    some_flip = some_flip || row.find(",complete,") != std::string::npos && row.substr(row.size() - 5) != ",,,,,";
  CHECK(some_flip);
  // The report counts the rows whose flip changes one answer (no ';' between questions) and those with two.
  // flip_status says which: one_answer, two_answers, none or red_flag (the last two without the other columns).
  std::size_t one = 0;
  std::size_t two = 0;
  std::size_t red = 0;
  for (std::size_t i = 1; i + 1 < rows.size(); ++i) {
    const std::string& row = rows[i];
    const std::size_t questions_at = row.rfind(',', row.rfind(',', row.rfind(',') - 1) - 1);
    const std::string questions = row.substr(questions_at + 1, row.find(',', questions_at + 1) - questions_at - 1);
    if (row.find(",red_flag,,,,,") != std::string::npos) ++red;
    if (questions.empty()) {
      CHECK((row.substr(row.size() - 10) == ",none,,,,," || row.substr(row.size() - 14) == ",red_flag,,,,,"));
      continue;
    }
    const bool single = questions.find(';') == std::string::npos;
    ++(single ? one : two);
    CHECK(row.find(single ? ",one_answer," : ",two_answers,") != std::string::npos);
  }
  CHECK(one > 0);
  const auto count_after = [&csv](const std::string& label) {
    const std::size_t at = csv.err.find(label);
    return at == std::string::npos ? -1L : std::stol(csv.err.substr(at + label.size()));
  };
  CHECK(count_after("one answer from other advice ") == static_cast<long>(one));
  CHECK(count_after("two answers from other advice ") == static_cast<long>(two));
  CHECK(count_after("decided by a red flag ") == static_cast<long>(red));
  CHECK(red > 0);
  // The report counts how far the records are from other advice, and the questions that decide.
  CHECK(csv.err.find("nearest flip (of scored records)") != std::string::npos);
  CHECK(csv.err.find("one answer from other advice ") != std::string::npos);
  CHECK(csv.err.find("questions that decide") != std::string::npos);
  // With no record scored, the report still has the part, with zero counts.
  const auto none_scored =
      run({"score", "--explain", "--errors-ok", "--report", "-"}, "{\"id\":\"x\",\"answers\":{\"need\":\"zz\"}}\n");
  CHECK(none_scored.err.find("nearest flip (of scored records)") != std::string::npos);
  // Without --explain, neither the columns nor the report part.
  const auto plain = run({"score", "--format", "csv", "--errors-ok", "--report", "-"}, input);
  CHECK(plain.out.find("flip_outcome") == std::string::npos);
  CHECK(plain.err.find("nearest flip") == std::string::npos);
}
