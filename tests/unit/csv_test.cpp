// CSV input and output of batch scoring: RFC 4180 quoting, CRLF, BOM, header mapping, fixed columns.
#include "wegwijzer/batch/csv.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"

namespace wegwijzer {
using test::split_lines;
namespace {

const std::string kBank = test::test_path("batch/bank.json");

/// Every record of `text` as (line, cells), read with tiny blocks so records straddle them.
std::vector<std::pair<std::uint64_t, std::vector<std::string>>> read_all(const std::string& text,
                                                                         std::vector<std::string>& header) {
  std::istringstream in(text);
  ByteStream stream(in, "-", 7);
  CsvReader reader(stream, BatchLimits{});
  REQUIRE(reader.read_header(header));
  std::vector<std::pair<std::uint64_t, std::vector<std::string>>> records;
  RecordBatch batch;
  while (reader.read_batch(batch, 2, 1 << 20, 100)) {
    for (const BatchRecord& record : batch.records) {
      std::vector<std::string> cells;
      for (std::size_t i = 0; i < record.size; ++i) cells.emplace_back(batch.cell(record.first + i));
      records.emplace_back(record.line, cells);
    }
  }
  return records;
}

}  // namespace

TEST_CASE("CSV reader: quoted commas, doubled quotes, embedded newlines, CRLF and a BOM", "[csv]") {
  std::vector<std::string> header;
  auto records = read_all(test::read_file(test::test_path("batch/answers.csv")), header);
  CHECK(header == std::vector<std::string>{"id", "need", "down", "life_worth", "topics", "remarks"});
  REQUIRE(records.size() == 5);
  CHECK(records[0] == std::make_pair(std::uint64_t{2}, std::vector<std::string>{"r1", "task", "never", "", "", ""}));
  CHECK(records[1].second[5] == "text, with a comma");
  CHECK(records[2].first == 4);
  CHECK(records[2].second[0] == "r,3");
  CHECK(records[2].second[5] == "she said \"hi\"");
  CHECK(records[3].first == 5);
  CHECK(records[3].second[5] == "line one\r\nline two");
  CHECK(records[4].first == 7);  // the quoted newline counted as a line
  CHECK(records[4].second[0].empty());
}

TEST_CASE("CSV reader: LF endings, blank lines, a missing final newline and bad quoting", "[csv]") {
  std::vector<std::string> header;
  auto records = read_all("a,b\n\n1,\"x\"\n\n2,y\"z\n3,\"open", header);
  REQUIRE(records.size() == 3);
  CHECK(records[0] == std::make_pair(std::uint64_t{3}, std::vector<std::string>{"1", "x"}));
  CHECK(records[1].first == 5);
  CHECK(records[2].first == 6);

  std::istringstream in("a\n1,\"x\"y\n2,y\"z\n3,\"open");
  ByteStream stream(in, "-");
  CsvReader reader(stream, BatchLimits{});
  std::vector<std::string> names;
  REQUIRE(reader.read_header(names));
  RecordBatch batch;
  REQUIRE(reader.read_batch(batch, 10, 1 << 20, 10));
  REQUIRE(batch.records.size() == 3);
  CHECK(batch.records[0].malformed);  // text after a closing quote
  // A quote inside an unquoted field is text (survey answers hold them: ik zei "nee), not a malformed record.
  CHECK_FALSE(batch.records[1].malformed);
  CHECK(batch.cell(batch.records[1].first + 1) == "y\"z");
  CHECK(batch.records[2].malformed);  // a quote that never closes
}

TEST_CASE("CSV input is scored like JSON Lines, one output line per record", "[csv]") {
  test::CliRun run = test::run({"score", "--bank", kBank, test::test_path("batch/answers.csv")});
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  std::vector<std::string> lines = split_lines(run.out);
  REQUIRE(lines.size() == 5);
  std::vector<std::string> ids;
  for (const std::string& line : lines) {
    nlohmann::json record = nlohmann::json::parse(line);
    CHECK(record["status"] == "complete");
    ids.push_back(record["id"]);
  }
  CHECK(ids == std::vector<std::string>{"r1", "r2", "r,3", "r4", "7"});
  // The text answer is never echoed.
  CHECK(run.out.find("line two") == std::string::npos);
  nlohmann::json r4 = nlohmann::json::parse(lines[3]);
  CHECK(r4["recommendation"] == "therapie");
  CHECK(r4["urgency"] == "crisis");
}

TEST_CASE("CSV records that cannot be scored are error records in place", "[csv]") {
  std::string input =
      "id,need,down,extra\n"
      "a,task,never,\n"
      "b,task,never,something\n"  // a non-empty cell in a column that is no question
      "c,task\n"                  // too few fields
      "d,nope,never,\n"           // unknown option
      "e,\"task\"x,never,\n"      // bad quoting
      "f,goal,,\n";               // incomplete
  test::CliRun run = test::run({"score", "--bank", kBank, "--input-format", "csv", "--strict"}, input);
  CHECK(run.exit_code == 65);
  CHECK(run.err.empty());
  std::vector<std::string> lines = split_lines(run.out);
  REQUIRE(lines.size() == 6);
  std::vector<std::string> codes;
  std::vector<int> line_numbers;
  for (const std::string& line : lines) {
    nlohmann::json record = nlohmann::json::parse(line);
    codes.push_back(record.contains("error") ? record["error"]["code"].get<std::string>() : "-");
    line_numbers.push_back(record.value("line", 0));
  }
  CHECK(codes == std::vector<std::string>{"-", "unknown_question", "invalid_csv", "unknown_option", "invalid_csv",
                                          "incomplete"});
  CHECK(line_numbers == std::vector<int>{0, 3, 4, 5, 6, 7});
  CHECK(run.out.find("something") == std::string::npos);
}

TEST_CASE("a CSV header with a repeated column is fatal before any output", "[csv]") {
  test::CliRun run = test::run({"score", "--bank", kBank, "--input-format", "csv"}, "id,need,need\n1,task,task\n");
  CHECK(run.exit_code == 65);
  CHECK(run.out.empty());
  CHECK(run.err.find("need") != std::string::npos);
}

TEST_CASE("CSV output: fixed columns, every row as wide as the header", "[csv]") {
  std::string input = test::read_file(test::test_path("batch/answers.csv")) + ",goal\n";
  test::CliRun run = test::run({"score", "--bank", kBank, "--format", "csv", "--input-format", "csv"}, input);
  CHECK(run.exit_code == 65);
  std::vector<std::string> header;
  auto rows = read_all(run.out, header);
  CHECK(header == std::vector<std::string>{"id", "line", "status", "recommendation", "urgency", "score_werkbegeleiding",
                                           "score_coaching", "score_supervisie", "score_therapie", "scale_distress",
                                           "band_distress", "red_flags", "error_code", "error_message",
                                           "unknown_red_flags", "fired_rules", "notes", "close_call", "answered"});
  REQUIRE(rows.size() == 6);
  for (const auto& row : rows) CHECK(row.second.size() == header.size());
  CHECK(rows[2].second[0] == "r,3");
  CHECK(rows[3].second[2] == "complete");
  CHECK(rows[3].second[4] == "crisis");
  CHECK(rows[3].second[11] == "life-not-worth-living");
  CHECK(rows[5].second[1] == "8");
  CHECK(rows[5].second[2] == "error");
  CHECK(rows[5].second[12] == "invalid_csv");
}

TEST_CASE("append_csv_field quotes only when needed", "[csv]") {
  std::string out;
  append_csv_field(out, "plain");
  out += '|';
  append_csv_field(out, "a,b");
  out += '|';
  append_csv_field(out, "say \"x\"");
  out += '|';
  append_csv_field(out, "two\nlines");
  CHECK(out == "plain|\"a,b\"|\"say \"\"x\"\"\"|\"two\nlines\"");
}

}  // namespace wegwijzer
