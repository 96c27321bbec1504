// Batch scoring: JSON Lines records in, exactly one output line per record, errors in place.
#include "wegwijzer/batch/batch.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"

namespace wegwijzer {
using test::split_lines;
namespace {

const std::string kBank = test::test_path("batch/bank.json");

std::vector<nlohmann::json> parse_lines(const std::string& text) {
  std::vector<nlohmann::json> records;
  for (const std::string& line : split_lines(text)) records.push_back(nlohmann::json::parse(line));
  return records;
}

std::string code_of(const nlohmann::json& record) {
  return record.contains("error") ? record["error"]["code"].get<std::string>() : std::string("-");
}

/// A record with `n` distinct (unknown) answers, to trip the answers-per-record limit.
std::string many_answers(std::size_t n) {
  std::string line = R"({"id":"many","answers":{)";
  for (std::size_t i = 0; i < n; ++i) line += (i ? "," : "") + std::string("\"q") + std::to_string(i) + "\":null";
  return line + "}}";
}

}  // namespace

TEST_CASE("mixed valid and invalid JSON Lines: one output line per record, errors in place", "[batch]") {
  std::string input =
      R"({"id":"ok-1","answers":{"need":"task","down":"never"}})"
      "\n"
      "this is not json\n"
      "\n"  // blank: not a record, but it counts for line numbers
      R"([1,2,3])"
      "\n"
      R"({"id":"no-answers"})"
      "\n"
      R"({"id":"unknown-q","answers":{"nope":"x"}})"
      "\n"
      R"({"id":"unknown-o","answers":{"need":"GEHEIM-OPTIE","down":"never"}})"
      "\n"
      R"({"id":"type","answers":{"need":3,"down":"never"}})"
      "\n"
      R"({"id":"dup-opt","answers":{"need":"goal","down":"never","topics":["work","work"]}})"
      "\n"
      R"({"id":"incomplete","answers":{"need":"goal"}})"
      "\n"
      R"({"id":"dup-key","answers":{"need":"goal","need":"task","down":"never"}})"
      "\n"
      R"({"answers":{"need":"goal","down":"some"}})"
      "\r\n"
      R"({"id":42,"answers":{"need":"reflect","down":"some"}} trailing)"
      "\n" +
      many_answers(10001) + "\n" +
      R"({"id":"ok-2","answers":{"need":"goal","down":"daily","life_worth":"no","remarks":"GEHEIM tekst"}})";  // no
                                                                                                               // final
                                                                                                               // newline
  test::CliRun run = test::run({"score", "--bank", kBank, "--strict"}, input);
  CHECK(run.exit_code == 65);
  CHECK(run.err.empty());
  std::vector<nlohmann::json> out = parse_lines(run.out);
  REQUIRE(out.size() == 14);  // 15 lines, one blank

  struct Expected {
    std::string id;
    std::string code;
    int line;
  };
  std::vector<Expected> expected = {
      {"ok-1", "-", 0},
      {"2", "invalid_json", 2},
      {"4", "not_an_object", 4},
      {"no-answers", "missing_answers", 5},
      {"unknown-q", "unknown_question", 6},
      {"unknown-o", "unknown_option", 7},
      {"type", "wrong_type", 8},
      {"dup-opt", "duplicate_option", 9},
      {"incomplete", "incomplete", 10},
      {"dup-key", "duplicate_key", 11},
      {"12", "-", 0},
      {"13", "invalid_json", 13},  // an invalid line's id is its line number
      {"many", "too_many_answers", 14},
      {"ok-2", "-", 0},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("record " << i << ": " << out[i].dump());
    CHECK(out[i]["id"] == expected[i].id);
    CHECK(code_of(out[i]) == expected[i].code);
    if (expected[i].line > 0) {
      CHECK(out[i]["line"] == expected[i].line);
      CHECK(out[i]["status"] == "error");
      CHECK_FALSE(out[i]["error"]["message"].get<std::string>().empty());
    } else {
      CHECK(out[i]["status"] == "complete");
    }
  }
  CHECK(out[8]["error"]["missing"] == nlohmann::json::array({"down"}));
  CHECK(out[6]["error"]["question"] == "need");
  // Messages never echo answer text or raw input.
  CHECK(run.out.find("GEHEIM") == std::string::npos);
  CHECK(run.out.find("this is not json") == std::string::npos);
}

TEST_CASE("score: --errors-ok turns the exit code for error records into 0", "[batch]") {
  std::string input = R"({"id":"a","answers":{"need":"task","down":"never"}})"
                      "\nnot json\n";
  CHECK(test::run({"score", "--bank", kBank}, input).exit_code == 65);
  test::CliRun ok = test::run({"score", "--bank", kBank, "--errors-ok"}, input);
  CHECK(ok.exit_code == 0);
  CHECK(split_lines(ok.out).size() == 2);
  test::CliRun clean = test::run({"score", "--bank", kBank}, R"({"id":"a","answers":{"need":"task","down":"never"}})");
  CHECK(clean.exit_code == 0);
  CHECK(split_lines(clean.out).size() == 1);
}

TEST_CASE("fatal problems stop before any output", "[batch]") {
  std::string input = R"({"id":"a","answers":{"need":"task","down":"never"}})"
                      "\n";
  SECTION("a missing input file: 66, even after a good one") {
    test::CliRun run =
        test::run({"score", "--bank", kBank, test::test_path("batch/mixed.jsonl"), "/nonexistent/in.jsonl"});
    CHECK(run.exit_code == 66);
    CHECK(run.out.empty());
    CHECK(run.err.find("/nonexistent/in.jsonl") != std::string::npos);
  }
  SECTION("a directory as input: 66") {
    test::CliRun run = test::run({"score", "--bank", kBank, test::test_path("batch")});
    CHECK(run.exit_code == 66);
    CHECK(run.out.empty());
  }
  SECTION("a bad bank: 65") {
    test::CliRun run = test::run({"score", "--bank", test::test_path("batch/bad_bank.json")}, input);
    CHECK(run.exit_code == 65);
    CHECK(run.out.empty());
  }
  SECTION("a bad --jobs: 64") {
    CHECK(test::run({"score", "--bank", kBank, "--jobs", "300"}, input).exit_code == 64);
    CHECK(test::run({"score", "--bank", kBank, "--input-format", "xml"}, input).exit_code == 64);
  }
}

TEST_CASE("score: --jobs 2 output is byte-identical to --jobs 1", "[batch]") {
  test::CliRun sample = test::run({"sample", "--bank", kBank, "--count", "3000", "--seed", "11"});
  REQUIRE(sample.exit_code == 0);
  // Sprinkle error records in so that their order is checked too.
  std::string input;
  std::size_t n = 0;
  for (const std::string& line : split_lines(sample.out)) {
    input += line + "\n";
    if (++n % 97 == 0) input += "{broken\n";
  }
  test::CliRun one = test::run({"score", "--bank", kBank, "--jobs", "1"}, input);
  test::CliRun two = test::run({"score", "--bank", kBank, "--jobs", "2"}, input);
  CHECK(one.exit_code == 65);
  CHECK(two.exit_code == 65);
  CHECK(split_lines(one.out).size() == 3000 + 3000 / 97);
  CHECK(one.out == two.out);

  // Small batches exercise the ordering of many batches on several threads.
  Bank bank = test::load_test_bank(kBank);
  for (unsigned jobs : {1U, 3U, 4U}) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    Io io{in, out, err};
    std::vector<BatchInput> inputs{BatchInput{&in, "-", false, BatchFormat::jsonl}};
    BatchOptions options;
    options.jobs = jobs;
    options.batch_records = 7;
    BatchOutcome outcome = run_batch(bank, inputs, options, io);
    INFO("jobs " << jobs);
    CHECK(out.str() == one.out);
    CHECK(outcome.tally.records == 3000 + 3000 / 97);
    CHECK(outcome.tally.errors == 3000 / 97);
    CHECK(outcome.tally.codes[static_cast<std::size_t>(RecordCode::invalid_json)] == 3000 / 97);
  }
}

TEST_CASE("JSON Lines reader: long lines, CRLF, blank lines, BOM and block boundaries", "[batch]") {
  BatchLimits limits;
  limits.max_line_bytes = 40;
  std::string long_line(1000, 'x');
  std::string text = "\xEF\xBB\xBF{\"a\":1}\r\n\n   \n" + long_line + "\n{\"b\":2}\n" + long_line + "\n{\"c\":3}";
  std::istringstream in(text);
  ByteStream stream(in, "-", 16);  // tiny blocks: lines straddle them
  JsonlReader reader(stream, limits);
  RecordBatch batch;
  std::vector<std::pair<std::uint64_t, std::string>> seen;
  while (reader.read_batch(batch, 2, 1 << 20)) {
    for (const BatchRecord& record : batch.records) {
      seen.emplace_back(record.line, record.too_long ? std::string("<too long>") : std::string(batch.line(record)));
    }
    CHECK(batch.bytes.size() >= batch_json_padding);
  }
  std::vector<std::pair<std::uint64_t, std::string>> expected = {
      {1, "{\"a\":1}"}, {4, "<too long>"}, {5, "{\"b\":2}"}, {6, "<too long>"}, {7, "{\"c\":3}"}};
  CHECK(seen == expected);
}

TEST_CASE("a line over the limit becomes a line_too_long record", "[batch]") {
  std::string input = "{\"id\":\"long\",\"answers\":{\"remarks\":\"" + std::string((1 << 20) + 10, 'y') +
                      "\"}}\n"
                      R"({"id":"next","answers":{"need":"task","down":"never"}})"
                      "\n";
  test::CliRun run = test::run({"score", "--bank", kBank}, input);
  std::vector<nlohmann::json> out = parse_lines(run.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0]["id"] == "1");
  CHECK(code_of(out[0]) == "line_too_long");
  CHECK(out[1]["id"] == "next");
  CHECK(out[1]["status"] == "complete");
  CHECK(run.out.find("yyyy") == std::string::npos);
}

TEST_CASE("the scorer reuses its answer set: answers never leak into the next record", "[batch]") {
  Bank bank = test::load_test_bank(kBank);
  RecordScorer scorer(bank, BatchLimits{}, BatchFormat::jsonl);
  BatchTally tally = BatchTally::for_bank(bank);
  std::string out;
  std::string first = R"({"id":"1","answers":{"need":"goal","down":"daily","life_worth":"no"}})" + std::string(64, ' ');
  std::string second = R"({"id":"2","answers":{"need":"goal"}})" + std::string(64, ' ');
  scorer.score_json_line(std::string_view(first).substr(0, first.size() - 64), 1, out, tally);
  scorer.score_json_line(std::string_view(second).substr(0, second.size() - 64), 2, out, tally);
  std::vector<nlohmann::json> records = parse_lines(out);
  REQUIRE(records.size() == 2);
  CHECK(records[0]["status"] == "complete");
  CHECK(code_of(records[1]) == "incomplete");
  CHECK(tally.scored == 1);
  CHECK(tally.errors == 1);
}

TEST_CASE("score: --report counts by recommendation, urgency, red flag and error code", "[batch]") {
  std::string input = R"({"id":"a","answers":{"need":"task","down":"never"}})"
                      "\n"
                      R"({"id":"b","answers":{"need":"goal","down":"daily","life_worth":"yes","remarks":"GEHEIM"}})"
                      "\n"
                      "nope\n";
  SECTION("to stderr") {
    test::CliRun run = test::run({"score", "--bank", kBank, "--report", "-"}, input);
    CHECK(run.exit_code == 65);
    CHECK(run.err.find("records  3") != std::string::npos);
    CHECK(run.err.find("life-not-worth-living") != std::string::npos);
    CHECK(run.err.find("invalid_json") != std::string::npos);
    CHECK(run.err.find('#') != std::string::npos);
    CHECK(run.err.find("GEHEIM") == std::string::npos);
  }
  SECTION("to a file, mode 0600") {
    std::string path = test::test_path("batch/report.tmp");
    std::remove(path.c_str());
    test::CliRun run = test::run({"score", "--bank", kBank, "--report", path, "--errors-ok"}, input);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    std::string report = test::read_file(path);
    CHECK(report.find("scored   2") != std::string::npos);
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::remove(path.c_str());
  }
}

TEST_CASE("input format: by extension, else by content", "[batch]") {
  test::CliRun by_name = test::run({"score", "--bank", kBank, test::test_path("batch/answers.csv")});
  CHECK(by_name.exit_code == 0);
  test::CliRun by_content =
      test::run({"score", "--bank", kBank}, test::read_file(test::test_path("batch/answers.csv")));
  CHECK(by_content.out == by_name.out);
  test::CliRun forced = test::run({"score", "--bank", kBank, "--input-format", "jsonl"},
                                  test::read_file(test::test_path("batch/answers.csv")));
  CHECK(forced.exit_code == 65);  // CSV lines read as JSON: every one is invalid_json
  CHECK(forced.out.find("invalid_json") != std::string::npos);
}

}  // namespace wegwijzer
