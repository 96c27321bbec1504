// The fast paths behind batch scoring (issue 6): the lean record, number and string writing,
// answers set by index with reused storage, and evaluate() into a reused Result. Each must give
// exactly what the plain path gives.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "summary_fixture.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/answers_json.hpp"
#include "wegwijzer/batch/batch_output.hpp"
#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/support/sanitize.hpp"

using nlohmann::json;
using namespace wegwijzer;

namespace {

Bank default_bank() { return test::load_test_bank(test::source_path("data/banks/default.json")); }

std::string record(const Bank& bank, const AnswerSet& answers, const Result& result,
                   const ResultJsonOptions& options = {}) {
  std::string out;
  append_result_json(out, bank, answers, result, "r", options);
  return out;
}

/// The number as append_result_json writes it (the value of a one-outcome score).
std::string written_number(double value) {
  Bank bank = test::fixture_bank();
  AnswerSet answers(bank);
  Result result = test::fixture_routine_result();
  result.scores.assign(bank.outcomes.size(), 0.0);
  result.scores[0] = value;
  json parsed = json::parse(record(bank, answers, result));
  std::string out = record(bank, answers, result);
  const std::string key = "\"scores\":{\"" + bank.outcomes[0].id + "\":";
  std::size_t at = out.find(key) + key.size();
  return out.substr(at, out.find_first_of(",}", at) - at);
}

std::string shortest(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  return std::string(buffer, end);
}

/// The CSV row of a scored record as docs/batch.md describes it, built with fmt's "{}" for numbers.
std::string oracle_csv_row(const Bank& bank, const AnswerSet& answers, const Result& result, std::string_view id) {
  std::vector<std::string> fields = {sanitize_for_terminal(id, false), "", "complete"};
  fields.push_back(result.recommendation ? bank.outcomes[*result.recommendation].id : "");
  fields.emplace_back(to_string(result.urgency));
  for (std::size_t i = 0; i < bank.outcomes.size(); ++i) {
    fields.push_back(i < result.scores.size() ? fmt::format("{}", result.scores[i]) : "");
  }
  auto banded = [&](std::size_t i) { return i < result.scales.size() && result.scales[i].band; };
  for (std::size_t i = 0; i < bank.scales.size(); ++i) {
    fields.push_back(banded(i) ? fmt::format("{}", result.scales[i].value) : "");
  }
  for (std::size_t i = 0; i < bank.scales.size(); ++i) {
    fields.push_back(banded(i) ? bank.scales[i].bands[*result.scales[i].band].id : "");
  }
  std::string flags;
  for (const RaisedFlag& flag : result.red_flags) flags += (flags.empty() ? "" : ";") + bank.rules[flag.rule].id;
  fields.push_back(flags);
  fields.emplace_back("");
  fields.emplace_back("");
  auto joined = [](const std::vector<std::size_t>& ids, const auto& named) {
    std::string text;
    for (std::size_t i : ids) text += (text.empty() ? "" : ";") + named[i].id;
    return text;
  };
  fields.push_back(joined(result.unknown_red_flags, bank.questions));
  fields.push_back(joined(result.fired_rules, bank.rules));
  fields.push_back(joined(result.notes, bank.rules));
  fields.emplace_back(result.close_call ? "true" : "false");
  std::size_t answered = 0;
  for (std::size_t q = 0; q < answers.size(); ++q) {
    bool ignored = std::find(result.ignored.begin(), result.ignored.end(), q) != result.ignored.end();
    if (answers.at(q) && !ignored) ++answered;
  }
  fields.push_back(std::to_string(answered));
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) row += ',';
    append_csv_field(row, fields[i]);
  }
  return row + "\n";
}

}  // namespace

TEST_CASE("lean record: no answers, at most five reasons, no null fields in reasons", "[perf]") {
  Bank bank = default_bank();
  std::mt19937_64 random(7);
  std::size_t capped = 0;
  for (int i = 0; i < 300; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    Result result = evaluate(bank, answers);
    json full = json::parse(record(bank, answers, result));
    json lean = json::parse(record(bank, answers, result, ResultJsonOptions::lean()));
    REQUIRE(full.contains("answers"));
    CHECK_FALSE(lean.contains("answers"));
    const std::size_t expected = std::min<std::size_t>(result.reasons.size(), 5);
    REQUIRE(lean["reasons"].size() == expected);
    if (result.reasons.size() > 5) ++capped;
    for (std::size_t r = 0; r < expected; ++r) {
      json trimmed = full["reasons"][r];
      for (const char* key : {"question", "option", "rule"}) {
        if (trimmed[key].is_null()) trimmed.erase(key);
      }
      CHECK(lean["reasons"][r] == trimmed);  // the first five, in order, without their nulls
    }
    full.erase("answers");
    full.erase("reasons");
    lean.erase("reasons");
    CHECK(lean == full);  // everything else is the same
  }
  CHECK(capped > 0);  // the cap was exercised
}

TEST_CASE("default record options keep the full form", "[perf]") {
  Bank bank = test::fixture_bank();
  AnswerSet answers = test::fixture_routine_answers(bank);
  Result result = test::fixture_routine_result();
  std::string plain;
  append_result_json(plain, bank, answers, result, "r");
  CHECK(plain == record(bank, answers, result, ResultJsonOptions{}));
  CHECK(plain.find("\"answers\":{") != std::string::npos);
  CHECK(plain.find("\"rule\":null") != std::string::npos);
}

TEST_CASE("numbers: the decimal fast path writes what to_chars writes", "[perf]") {
  for (double value : {1.5,   -1.5,       0.25,        -0.125, 3.75, 0.001,   -0.001,  0.1,       0.2,   0.3,  1.1,
                       2.675, 123456.789, 999999999.5, 0.0015, 1e-7, 1.0 / 3, 2.0 / 3, 1e9 + 0.5, 4.5e8, 12.0, -7.0}) {
    CAPTURE(value);
    std::string expected = value == static_cast<double>(static_cast<long long>(value))
                               ? std::to_string(static_cast<long long>(value))
                               : shortest(value);
    CHECK(written_number(value) == expected);
  }
  std::mt19937_64 random(3);
  std::uniform_int_distribution<long long> thousandths(-5'000'000, 5'000'000);
  for (int i = 0; i < 2000; ++i) {
    double value = static_cast<double>(thousandths(random)) / 1000;
    if (value == static_cast<double>(static_cast<long long>(value))) continue;
    CAPTURE(value);
    CHECK(written_number(value) == shortest(value));
    double sum = value + 0.1;  // sums of weights are not always exact thousandths
    CHECK(written_number(sum) == shortest(sum));
  }
}

TEST_CASE("set_choice_at and set_text_at match set_choice and set_text, storage reused", "[perf]") {
  Bank bank = default_bank();
  AnswerSet by_id(bank);
  AnswerSet by_index(bank);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    if (question.type == QuestionType::text) {
      CHECK_FALSE(by_id.set_text(question.id, "x").has_value());
      CHECK_FALSE(by_index.set_text_at(q, "x").has_value());
      CHECK(by_index.at(q)->text == "x");
      CHECK_FALSE(by_index.set_text_at(q, "").has_value());  // empty text: unanswered
      CHECK_FALSE(by_index.at(q).has_value());
      CHECK(by_index.set_choice_at(q, {"a"})->code == AnswerError::Code::wrong_type);
      continue;
    }
    std::vector<std::string_view> ids = {question.options.back().id};
    CHECK_FALSE(by_id.set_choice(question.id, ids).has_value());
    CHECK_FALSE(by_index.set_choice_at(q, ids).has_value());
    CHECK(by_index.at(q)->options == by_id.at(q)->options);
    CHECK(by_index.set_choice_at(q, {"no-such-option"})->code == AnswerError::Code::unknown_option);
    CHECK(by_index.at(q)->options == by_id.at(q)->options);  // a failed set keeps the old answer
    CHECK(by_index.set_text_at(q, "x")->code == AnswerError::Code::wrong_type);
  }
  by_index.clear_all();
  for (std::size_t q = 0; q < by_index.size(); ++q) CHECK_FALSE(by_index.at(q).has_value());
}

TEST_CASE("evaluate into a reused Result equals evaluate()", "[perf]") {
  Bank bank = default_bank();
  std::mt19937_64 random(11);
  Result reused;
  Evaluator evaluator(bank);
  AnswerSet reused_answers(bank);
  for (int i = 0; i < 2000; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    if (i % 7 == 0) answers.clear(bank.questions.size() / 2);  // some incomplete sets
    // The same answers set by index into a reused set (as batch scoring does).
    reused_answers.clear_all();
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const auto& answer = answers.at(q);
      if (!answer) continue;
      if (bank.questions[q].type == QuestionType::text) {
        REQUIRE_FALSE(reused_answers.set_text_at(q, answer->text).has_value());
        continue;
      }
      std::vector<std::string_view> ids;
      for (auto option : answer->options) ids.push_back(bank.questions[q].options[option].id);
      REQUIRE_FALSE(reused_answers.set_choice_at(q, ids).has_value());
    }
    Result expected = evaluate(bank, answers);
    evaluator.evaluate(reused_answers, reused);
    REQUIRE(test::same_result(reused, expected));
    CHECK(record(bank, reused_answers, reused) == record(bank, answers, expected));
  }
}

TEST_CASE("the full record in the approved JSON summaries is unchanged by the fast paths", "[perf]") {
  const Bank bank = test::load_test_bank(test::test_path("golden/summary/bank.json"));
  for (const std::string case_name : {"routine", "prompt", "crisis", "incomplete"}) {
    CAPTURE(case_name);
    std::vector<AnswerError> errors;
    const AnswerSet answers = answers_from_json(
        bank, json::parse(test::read_file(test::test_path("golden/summary/answers/" + case_name + ".json"))), errors);
    REQUIRE(errors.empty());
    for (const std::string language : {"nl", "en"}) {
      const auto approved = nlohmann::ordered_json::parse(
          test::read_file(test::test_path("golden/summary/" + case_name + "." + language + ".json.approved.txt")));
      const auto written = nlohmann::ordered_json::parse(record(bank, answers, evaluate(bank, answers)));
      auto expected = approved["result"];
      expected["id"] = "r";
      CHECK(written.dump() == expected.dump());  // same fields, same order, same values
    }
  }
}

TEST_CASE("score writes the lean record: no answers echoed, at most five reasons", "[perf]") {
  const std::string bank = test::source_path("data/banks/default.json");
  test::CliRun sample = test::run({"sample", "--bank", bank, "--count", "200", "--seed", "5"});
  REQUIRE(sample.exit_code == 0);
  test::CliRun scored = test::run({"score", "--bank", bank}, sample.out);
  REQUIRE(scored.exit_code == 0);
  std::istringstream lines(scored.out);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    json parsed = json::parse(line);
    CHECK_FALSE(parsed.contains("answers"));
    CHECK(parsed["reasons"].size() <= 5);
    for (const auto& reason : parsed["reasons"]) {
      for (const char* key : {"question", "option", "rule"}) CHECK((!reason.contains(key) || !reason[key].is_null()));
    }
    ++count;
  }
  CHECK(count == 200);
}

TEST_CASE("BatchRecordWriter: JSON Lines records are the lean record and a newline", "[perf][batch_output]") {
  const Bank bank = default_bank();
  BatchRecordWriter writer(bank, BatchFormat::jsonl);
  std::mt19937_64 random(17);
  std::string out;
  std::string expected;
  for (int i = 0; i < 500; ++i) {
    const AnswerSet answers = sample_answers(bank, random);
    const Result result = evaluate(bank, answers);
    const std::string id = i % 3 == 0 ? "id\"" + std::to_string(i) + "\n\xff" : std::to_string(i);
    writer.scored(out, answers, result, id);
    append_result_json(expected, bank, answers, result, id, ResultJsonOptions::lean());
    expected += '\n';
    append_scored_record(expected, BatchFormat::jsonl, bank, answers, result, id);
    writer.scored(out, answers, result, id);
  }
  CHECK(out == expected);
}

TEST_CASE("BatchRecordWriter: CSV rows match an oracle built with fmt, for sampled and odd values",
          "[perf][batch_output]") {
  const Bank bank = default_bank();
  BatchRecordWriter writer(bank, BatchFormat::csv);
  std::mt19937_64 random(19);
  for (int i = 0; i < 1000; ++i) {
    const AnswerSet answers = sample_answers(bank, random);
    const Result result = evaluate(bank, answers);
    if (result.status != Status::complete) continue;
    const std::string id = i % 4 == 0 ? "a,\"b\x01\x7f\xc2\x9b" + std::to_string(i) : "s-" + std::to_string(i);
    std::string row;
    writer.scored(row, answers, result, id);
    CAPTURE(id);
    REQUIRE(row == oracle_csv_row(bank, answers, result, id));
    std::string plain;
    append_scored_record(plain, BatchFormat::csv, bank, answers, result, id);
    REQUIRE(plain == row);
  }
  // Numbers where fmt's "{}" and a plain integer or to_chars part ways: -0, 1e15 and up, tiny ones.
  Bank odd = test::fixture_bank();
  odd.outcomes[1].id = "co,aching";
  odd.rules[0].id = "flag \"a\"";
  odd.scales[0].bands[0].id = "lo,w";
  BatchRecordWriter odd_writer(odd, BatchFormat::csv);
  const std::vector<double> values = {-0.0,
                                      0.0,
                                      1e15,
                                      -1e15,
                                      1e16,
                                      999999999999999.0,
                                      0.1 + 0.2,
                                      1.5,
                                      -7,
                                      123456.789,
                                      1e-7,
                                      0.001,
                                      1e-5,
                                      2.5e-4,
                                      1e300,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::denorm_min(),
                                      4503599627370497.0};
  for (std::size_t at = 0; at < values.size(); at += 3) {
    Result result = test::fixture_routine_result();
    result.recommendation = 1;
    result.scores.assign(values.begin() + static_cast<std::ptrdiff_t>(at),
                         values.begin() + static_cast<std::ptrdiff_t>(std::min(at + 3, values.size())));
    result.red_flags = {{0, Tier::crisis}, {1, Tier::clinical}};
    std::string row;
    const AnswerSet none(odd);
    odd_writer.scored(row, none, result, "odd");
    CAPTURE(at);
    CHECK(row == oracle_csv_row(odd, none, result, "odd"));
  }
}

TEST_CASE("BatchRecordWriter: error records are unchanged, hostile ids included", "[perf][batch_output]") {
  const Bank bank = test::fixture_bank();  // four outcomes, one scale
  const RecordProblem option{RecordCode::unknown_option, "question \"x\": unknown option", "x", {}};
  const RecordProblem incomplete{
      RecordCode::incomplete, "required questions unanswered: need, down", "", {"need", "down"}};
  std::string lines;
  BatchRecordWriter json_writer(bank, BatchFormat::jsonl);
  json_writer.error(lines, "a\"b\x01\xe2\x80\xae\xff", 7, option);
  json_writer.error(lines, "r1", 12, incomplete);
  CHECK(
      lines ==
      "{\"id\":\"a\\\"b\\u0001\\u202e\xEF\xBF\xBD\",\"line\":7,\"status\":\"error\","
      "\"error\":{\"code\":\"unknown_option\",\"message\":\"question \\\"x\\\": unknown option\",\"question\":\"x\"}}\n"
      "{\"id\":\"r1\",\"line\":12,\"status\":\"error\",\"error\":{\"code\":\"incomplete\","
      "\"message\":\"required questions unanswered: need, down\",\"missing\":[\"need\",\"down\"]}}\n");
  std::string csv;
  BatchRecordWriter csv_writer(bank, BatchFormat::csv);
  csv_writer.error(csv, "a,b\x01\x7f", 7, option);
  csv_writer.error(csv, "plain", 8, incomplete);
  CHECK(csv == "\"a,b\",7,error,," + std::string(6, ',') +
                   ",,unknown_option,\"question \"\"x\"\": unknown option\",,,,,\n" + "plain,8,error,," +
                   std::string(6, ',') + ",,incomplete,\"required questions unanswered: need, down\",,,,,\n");
  std::string plain;
  append_error_record(plain, BatchFormat::csv, bank, "a,b\x01\x7f", 7, option);
  CHECK(csv.rfind(plain, 0) == 0);
}
