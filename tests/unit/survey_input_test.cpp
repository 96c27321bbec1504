// Survey exports as they come (issue 17): the CSV separator, header mapping (unknown, id and kept columns, a
// file without a header), the resynchronisation after a stray quote, multi-select separators, numeric option
// codes, and for JSON Lines unknown answer keys, --id and --keep.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "json_lines_fixture.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"
#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/support/error.hpp"

namespace wegwijzer {
namespace {

const std::string kBank = test::test_path("batch/bank.json");

/// The records `text` holds after its header, as (line, malformed, cells), read with `limit` as the line limit and
/// tiny blocks so that records straddle them.
struct ReadRecord {
  std::uint64_t line;
  bool malformed;
  bool too_long;
  std::vector<std::string> cells;
};
std::vector<ReadRecord> read_records(const std::string& text, std::size_t limit = std::size_t{1} << 20,
                                     char delimiter = ',') {
  std::istringstream in(text);
  ByteStream stream(in, "-", 5);
  BatchLimits limits;
  limits.max_line_bytes = limit;
  CsvReader reader(stream, limits, delimiter);
  std::vector<std::string> header;
  REQUIRE(reader.read_header(header));
  reader.expect_fields(header.size());
  std::vector<ReadRecord> records;
  RecordBatch batch;
  while (reader.read_batch(batch, 3, 1 << 20, 100)) {
    for (const BatchRecord& record : batch.records) {
      std::vector<std::string> cells;
      for (std::size_t i = 0; i < record.size; ++i) cells.emplace_back(batch.cell(record.first + i));
      records.push_back({record.line, record.malformed, record.too_long, cells});
    }
  }
  return records;
}

/// The error code of each output line ("-" for a scored record).
std::vector<std::string> codes_of(const std::string& out) {
  std::vector<std::string> codes;
  for (const std::string& line : test::split_lines(out)) {
    nlohmann::json record = nlohmann::json::parse(line);
    codes.push_back(record.contains("error") ? record["error"]["code"].get<std::string>() : "-");
  }
  return codes;
}

}  // namespace

TEST_CASE("the CSV separator is detected from the header row", "[csv][survey]") {
  CHECK(detect_csv_delimiter("id,need,down\n1;2;3;4;5\n") == ',');
  CHECK(detect_csv_delimiter("id;need;down\r\nr,1;a,b,c;x\r\n") == ';');
  CHECK(detect_csv_delimiter("id\tneed\tdown\n") == '\t');
  CHECK(detect_csv_delimiter("\"a;b;c\",need\n") == ',');  // separators inside quotes do not count
  CHECK(detect_csv_delimiter("need\n") == ',');            // one column: the default
  CHECK(detect_csv_delimiter("a;b,c\n") == ',');           // a tie: the comma
  CHECK(detect_csv_delimiter("") == ',');
  CHECK(detect_csv_delimiter("\r\n\nid;need\n") == ';');  // blank lines before the header
}

TEST_CASE("looks_like_id follows the bank's id rule", "[csv][survey]") {
  CHECK(looks_like_id("need"));
  CHECK(looks_like_id("Q1_2.b-c"));
  CHECK(looks_like_id(std::string(64, 'a')));
  CHECK_FALSE(looks_like_id(std::string(65, 'a')));
  CHECK_FALSE(looks_like_id(""));
  CHECK_FALSE(looks_like_id("_need"));
  CHECK_FALSE(looks_like_id("Email address"));
  CHECK_FALSE(looks_like_id("goal;task"));
}

TEST_CASE("CSV header: unknown, id and kept columns; what is fatal", "[csv][survey]") {
  const Bank bank = test::load_test_bank(kBank);
  BatchInputOptions input;
  input.id_field = "ResponseId";
  input.keep = {"wave"};
  CsvColumns columns = map_csv_columns(bank, {"ResponseId", "Start Date", "need", "wave", "extra", "", "extra"}, input);
  CHECK(columns.id_column == std::optional<std::size_t>(0));
  CHECK(columns.kept == std::vector<std::size_t>{3});
  CHECK(columns.question[2] == bank.find_question("need"));
  CHECK(columns.unknown == std::vector<std::size_t>{1, 4, 5, 6});  // a repeated unknown column is no problem
  CHECK(columns.labels[1] == "column 2");                          // no id: by position, never echoed
  CHECK(columns.labels[4] == "extra");
  auto fatal = [&](std::vector<std::string> names, const BatchInputOptions& options) {
    try {
      map_csv_columns(bank, names, options);
    } catch (const Fatal& e) {
      CHECK(e.code() == ExitCode::data);
      return std::string(e.what());
    }
    FAIL("no Fatal");
    return std::string();
  };
  CHECK(fatal({"id", "need"}, input).find("no column \"ResponseId\" (--id)") != std::string::npos);
  input.id_field = "id";
  CHECK(fatal({"id", "need"}, input).find("no column \"wave\" (--keep)") != std::string::npos);
  // A file without a header row: its first record names no question. The message echoes no cell.
  const std::string headerless = fatal({"r1", "goal", "GEHEIM antwoord"}, BatchInputOptions{});
  CHECK(headerless.find("no column names a question of the bank") != std::string::npos);
  CHECK(headerless.find("GEHEIM") == std::string::npos);
  CHECK(fatal({"id", "need", "need"}, BatchInputOptions{}).find("column 3 repeats the name of column 2") !=
        std::string::npos);
}

TEST_CASE("CSV reader: a stray quote costs one record, not the rest of the file", "[csv][survey]") {
  SECTION("the quote runs past the line limit: the lines it swallowed are records again") {
    std::string text = "id,need\n1,\"goal\n";
    for (int i = 2; i <= 40; ++i) text += std::to_string(i) + ",task\n";
    const auto records = read_records(text, 64);
    REQUIRE(records.size() == 40);
    CHECK(records[0].malformed);
    CHECK(records[0].line == 2);
    for (std::size_t i = 1; i < records.size(); ++i) {
      CHECK_FALSE(records[i].malformed);
      CHECK(records[i].line == i + 2);
      CHECK(records[i].cells == std::vector<std::string>{std::to_string(i + 1), "task"});
    }
  }
  SECTION("the quote closes at a later quote: the record is malformed or too wide, and read again") {
    const auto records = read_records("id,need\n1,\"goal\n2,task\n3,\"x\"y\n4,task\n5,\"a,b\"\n");
    REQUIRE(records.size() == 5);
    CHECK(records[0].malformed);
    CHECK_FALSE(records[1].malformed);
    CHECK(records[2].malformed);  // its own bad quoting
    CHECK_FALSE(records[3].malformed);
    CHECK(records[4].cells == std::vector<std::string>{"5", "a,b"});
  }
  SECTION("the runaway quote is closed by another stray one before the line limit is reached") {
    // Line 12's quote closes the runaway field; its long rest then crosses the limit outside the quotes.
    std::string text = "id,need\n1,\"goal\n";
    for (int i = 2; i <= 11; ++i) text += std::to_string(i) + ",task\n";
    text += "12,\"" + std::string(100, 'x') + "\n13,task\n";
    const auto records = read_records(text, 120);
    REQUIRE(records.size() == 13);
    CHECK(records[0].malformed);
    CHECK(records[5].cells == std::vector<std::string>{"6", "task"});
    CHECK(records[11].malformed);
    CHECK(records[12].cells == std::vector<std::string>{"13", "task"});
    // A line longer than the limit that opens a quote: too long, and it ends at its line's end.
    const auto long_line = read_records("id,need\n1,\"" + std::string(100, 'x') + "\n2,task\n3,task\n", 64);
    REQUIRE(long_line.size() == 3);
    CHECK(long_line[0].too_long);
    CHECK(long_line[2].cells == std::vector<std::string>{"3", "task"});
  }
  SECTION("the quote runs to the end of the input") {
    const auto records = read_records("id,need\n1,task\n2,\"goal\n3,task\n4,task");
    REQUIRE(records.size() == 4);
    CHECK(records[1].malformed);
    CHECK(records[3].cells == std::vector<std::string>{"4", "task"});
  }
  SECTION("a quoted field over two lines that fits the header is one record, as RFC 4180 says") {
    const auto records = read_records("id,remarks\n1,\"two\nlines\"\n2,x\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].cells[1] == "two\nlines");
    CHECK(records[1].line == 4);
  }
  SECTION("another separator") {
    const auto records = read_records("id;need\n1;\"a;b\"\n2;task\n", 1 << 20, ';');
    REQUIRE(records.size() == 2);
    CHECK(records[0].cells[1] == "a;b");
  }
}

TEST_CASE("CSV scoring: multi-select separators, numeric codes, unknown columns ignored", "[csv][survey]") {
  // topics (multiple): work, private; need (single): task, goal, reflect, complaint; down (scale): never ... daily.
  const std::string input =
      "id;need;down;topics;Start Date\n"
      "a;goal;never;work,private;2026-01-01\n"
      "b;goal;never;private|work;x\n"
      "c;goal;never;work; private;x\n"  // a ';' inside an unquoted cell: one field too many
      "d;2;1;1,2;x\n"                   // codes: goal, never, work and private
      "e;5;1;;x\n"                      // no fifth option
      "f;goal;never;work,nope;x\n";
  test::CliRun plain = test::run({"score", "--bank", kBank, "--errors-ok", "--input-format", "csv"}, input);
  CHECK(codes_of(plain.out) ==
        std::vector<std::string>{"-", "-", "invalid_csv", "unknown_option", "unknown_option", "unknown_option"});
  CHECK(plain.err.find("ignoring 1 column that name no question of the bank: column 5") != std::string::npos);
  CHECK(plain.err.find("wegwijzer: 2 records give digits where an option id is expected; if they are numeric option "
                       "codes (1 for a question's first option), add --codes") != std::string::npos);
  test::CliRun coded = test::run({"score", "--bank", kBank, "--errors-ok", "--codes", "--input-format", "csv"}, input);
  const std::vector<std::string> lines = test::split_lines(coded.out);
  CHECK(codes_of(coded.out) ==
        std::vector<std::string>{"-", "-", "invalid_csv", "-", "unknown_option", "unknown_option"});
  REQUIRE(lines.size() == 6);
  CHECK(coded.err.find("add --codes") == std::string::npos);
  // "2;1;1,2" with --codes scores as "goal;never;work,private".
  nlohmann::json a = nlohmann::json::parse(lines[0]);
  nlohmann::json d = nlohmann::json::parse(lines[3]);
  d["id"] = "a";
  CHECK(d == a);
}

TEST_CASE("CSV: a record that is not well formed takes no id or kept value from its cells", "[csv][survey]") {
  // The continuation of a free-text answer, read as records of its own after a stray quote: its cells are pieces
  // of an answer and must not become ids or kept values.
  const std::string input = "id,need,remarks,wave\nr1,task,\"I feel\nx,y,z,Jan hits me\"\nr2,task,ok,w2\n";
  test::CliRun run =
      test::run({"score", "--bank", kBank, "--errors-ok", "--keep", "wave", "--input-format", "csv"}, input);
  CHECK(run.out.find("Jan") == std::string::npos);
  CHECK(run.out.find("\"id\":\"x\"") == std::string::npos);
  CHECK(run.out.find(R"("kept":{"wave":"w2"})") != std::string::npos);
  // Kept CSV cells are written without control characters, as ids are.
  test::CliRun csv = test::run({"score", "--bank", kBank, "--keep", "wave", "--input-format", "csv", "--format", "csv"},
                               "need,down,wave\ngoal,never,w\x01\x1b[31m1\n");
  CHECK(csv.out.find('\x1b') == std::string::npos);
  CHECK(csv.out.find(",w1,") != std::string::npos);
}

TEST_CASE("score --codes refuses a bank whose option ids are digits", "[csv][survey]") {
  test::TempDir dir;
  std::string bank = test::read_file(kBank);
  const std::string never = R"("id": "never")";
  bank.replace(bank.find(never), never.size(), R"("id": "0")");
  const std::string path = dir.file("digits.json", bank);
  test::CliRun run = test::run({"score", "--bank", path, "--codes", "--input-format", "csv"}, "need,down\ngoal,0\n");
  CHECK(run.exit_code == 64);
  CHECK(run.out.empty());
  CHECK(run.err.find("--codes: question \"down\" has an option id of digits only (\"0\")") != std::string::npos);
  CHECK(test::run({"score", "--bank", path, "--input-format", "csv"}, "need,down\ngoal,0\n").exit_code == 0);
}

TEST_CASE("JSON Lines: unknown answer keys are ignored and counted, --strict makes them errors", "[batch][survey]") {
  const Bank bank = test::load_test_bank(kBank);
  BatchInputOptions lenient;
  test::LineScorer scorer(bank, JsonReading::scan_first, {}, ' ', lenient);
  test::LineScorer general(bank, JsonReading::simdjson_only, {}, ' ', lenient);
  const std::vector<std::string> lines = {
      R"({"id":"a","answers":{"need":"goal","Q99":"x","down":"never"}})",
      R"({"id":"b","answers":{"need":"goal","down":"never","Q99":["x"],"bad key":1}})",
      R"({"id":"c","answers":{"need":"goal","down":"never"}})",
  };
  for (const std::string& line : lines) {
    CAPTURE(line);
    const std::string out = scorer.score(line);
    CHECK(general.score(line) == out);
    CHECK(codes_of(out) == std::vector<std::string>{"-"});
  }
  CHECK(scorer.tally().unknown_names == std::map<std::string, std::uint64_t>{{"Q99", 2}});
  CHECK(scorer.tally().unknown_unnamed == 1);  // "bad key" is no id: counted, never named
  // More names than a tally keeps: counted apart, not as keys that are no id.
  std::string many = R"({"id":"m","answers":{"need":"goal","down":"never")";
  for (int i = 0; i < 150; ++i) many += ",\"k" + std::to_string(i) + "\":\"x\"";
  many += "}}";
  test::CliRun overflow = test::run({"score", "--bank", kBank}, many + "\n");
  CHECK(overflow.err.find("more names than these 100 in 1 record") != std::string::npos);
  CHECK(overflow.err.find("no id (not shown)") == std::string::npos);
  test::CliRun run = test::run({"score", "--bank", kBank}, lines[0] + "\n" + lines[1] + "\n");
  CHECK(run.exit_code == 0);
  CHECK(run.err ==
        "wegwijzer: ignored answers to questions the bank does not have: Q99 (2 records); and keys that are no id "
        "(not shown) in 1 record (--strict makes them errors)\n");
  test::CliRun strict = test::run({"score", "--bank", kBank, "--strict"}, lines[0] + "\n");
  CHECK(strict.exit_code == 65);
  CHECK(codes_of(strict.out) == std::vector<std::string>{"unknown_question"});
  CHECK(strict.err.empty());
  // Records without an id: one line says so, and how to name the id field.
  test::CliRun no_ids =
      test::run({"score", "--bank", kBank}, R"({"respondent_id":"P1","answers":{"need":"goal","down":"never"}})");
  CHECK(no_ids.err.find("no record has an id (field or column \"id\")") != std::string::npos);
  CHECK(no_ids.err.find("--id NAME") != std::string::npos);
}

TEST_CASE("score --id and --keep: the record id from another field, chosen fields carried through", "[batch][survey]") {
  const std::string input = R"({"respondent_id":"P-1","wave":2,"dept":"HR","answers":{"need":"goal","down":"never"}})"
                            "\n"
                            R"({"respondent_id":7,"id":"ignored","dept":null,"answers":{"need":"goal","down":"never"}})"
                            "\n"
                            R"({"respondent_id":"P-3","wave":{"x":1},"answers":{"need":"goal","down":"never"}})"
                            "\n"
                            R"({"respondent_id":"P-4","wave":1,"wave":2,"answers":{"need":"goal","down":"never"}})"
                            "\n"
                            R"({"respondent_id":"P-5","wave":"1" "answers":{"need":"goal","down":"never"}})"
                            "\n";
  test::CliRun run =
      test::run({"score", "--bank", kBank, "--errors-ok", "--id", "respondent_id", "--keep", "wave,dept"}, input);
  const std::vector<std::string> lines = test::split_lines(run.out);
  REQUIRE(lines.size() == 5);
  std::vector<nlohmann::json> records;
  for (const std::string& line : lines) records.push_back(nlohmann::json::parse(line));
  CHECK(records[0]["id"] == "P-1");
  CHECK(records[0]["kept"] == nlohmann::json::parse(R"({"wave":2,"dept":"HR"})"));
  CHECK(lines[0].rfind(R"(,"kept":{"wave":2,"dept":"HR"}})") == lines[0].size() - 31);  // the last field
  CHECK(records[1]["id"] == "7");
  CHECK(records[1]["kept"] == nlohmann::json::parse(R"({"wave":null,"dept":null})"));
  CHECK(records[2]["status"] == "complete");  // an object is carried as written, not a reason to lose the advice
  CHECK(records[2]["kept"]["wave"] == nlohmann::json::parse(R"({"x":1})"));
  CHECK(records[3]["error"]["code"] == "duplicate_key");
  CHECK(records[4]["error"]["code"] == "invalid_json");
  CHECK(records[4]["kept"] == nlohmann::json::parse(R"({"wave":null,"dept":null})"));  // nothing from a broken line
  // CSV output: the kept columns after id, JSON values as written, strings as text.
  test::CliRun csv = test::run({"score", "--bank", kBank, "--errors-ok", "--id", "respondent_id", "--keep", "dept",
                                "--keep", "wave", "--format", "csv"},
                               input);
  const std::vector<std::string> rows = test::split_lines(csv.out);
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].rfind("id,dept,wave,line,status,", 0) == 0);
  CHECK(rows[1].rfind("P-1,HR,2,,complete,", 0) == 0);
  CHECK(rows[2].rfind("7,,,,complete,", 0) == 0);
}

TEST_CASE("score --keep and --id: usage errors and missing columns", "[batch][survey]") {
  const std::string csv = "id,need,down\na,goal,never\n";
  test::CliRun clash = test::run({"score", "--bank", kBank, "--format", "csv", "--keep", "status"}, csv);
  CHECK(clash.exit_code == 64);
  CHECK(clash.err.find("also the name (or prefix: score_, scale_, band_, flip_) of an output column") !=
        std::string::npos);
  CHECK(test::run({"score", "--bank", kBank, "--format", "csv", "--keep", "score_x"}, csv).exit_code == 64);
  CHECK(test::run({"score", "--bank", kBank, "--keep", "a,,b"}, csv).exit_code == 64);
  CHECK(test::run({"score", "--bank", kBank, "--keep", "a", "--keep", "a"}, csv).exit_code == 64);
  test::CliRun missing = test::run({"score", "--bank", kBank, "--keep", "wave", "--input-format", "csv"}, csv);
  CHECK(missing.exit_code == 65);
  CHECK(missing.out.empty());
  CHECK(missing.err.find("no column \"wave\" (--keep)") != std::string::npos);
  // --keep before the file name takes one value: "-" stays the input.
  test::CliRun before_file = test::run({"score", "--bank", kBank, "--keep", "id", "-"}, csv);
  CHECK(before_file.exit_code == 0);
  CHECK(nlohmann::json::parse(before_file.out)["kept"] == nlohmann::json::parse(R"({"id":"a"})"));
  // A forced separator.
  test::CliRun forced = test::run({"score", "--bank", kBank, "--delimiter", "semicolon", "--input-format", "csv"},
                                  "need;down\ngoal;never\n");
  CHECK(forced.exit_code == 0);
  CHECK(codes_of(forced.out) == std::vector<std::string>{"-"});
}

}  // namespace wegwijzer
