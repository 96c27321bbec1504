// Batch scoring keeps every red flag: an incomplete or partly invalid record stays an error record (no
// recommendation, no scores), but carries the urgency, red flags and unknown red flags of its valid answers, and
// --report counts them. Records whose JSON is broken carry none of these. Uses tests/batch/bank.json: "need" and
// "down" are required, "life_worth" (shown when "down" is "half" or "daily") raises the crisis flag
// life-not-worth-living on "yes", and "down": "daily" raises the clinical flag daily-low-mood.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "json_lines_fixture.hpp"
#include "test_support.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_output.hpp"
#include "wegwijzer/batch/batch_report.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"
#include "wegwijzer/engine/engine.hpp"
#include "wegwijzer/engine/sample.hpp"

namespace wegwijzer {
namespace {

const std::string kBank = test::test_path("batch/bank.json");

/// The two red flags of a crisis answer with "down": "daily", crisis first, as scored records write them.
const nlohmann::json kCrisisFlags = nlohmann::json::parse(
    R"([{"rule":"life-not-worth-living","tier":"crisis"},{"rule":"daily-low-mood","tier":"clinical"}])");

/// Scores JSON Lines `input` with `args` after "score --bank kBank"; one parsed record per output line.
std::vector<nlohmann::json> score_jsonl(const std::string& input, std::vector<std::string> args = {}) {
  std::vector<std::string> all{"score", "--bank", kBank};
  all.insert(all.end(), args.begin(), args.end());
  test::CliRun run = test::run(all, input);
  CHECK(run.err.empty());
  std::vector<nlohmann::json> records;
  for (const std::string& line : test::split_lines(run.out)) records.push_back(nlohmann::json::parse(line));
  return records;
}

/// The safety fields a record with `result` carries, as JSON.
nlohmann::json safety_of(const Bank& bank, const Result& result) {
  nlohmann::json flags = nlohmann::json::array();
  for (const RaisedFlag& flag : result.red_flags) {
    flags.push_back({{"rule", bank.rules[flag.rule].id}, {"tier", std::string(to_string(flag.tier))}});
  }
  nlohmann::json unknown = nlohmann::json::array();
  for (std::size_t q : result.unknown_red_flags) unknown.push_back(bank.questions[q].id);
  return {{"urgency", std::string(to_string(result.urgency))}, {"red_flags", flags}, {"unknown_red_flags", unknown}};
}

/// The safety fields of an output record (null for those it lacks).
nlohmann::json safety_of(const nlohmann::json& record) {
  return {{"urgency", record.value("urgency", nlohmann::json())},
          {"red_flags", record.value("red_flags", nlohmann::json())},
          {"unknown_red_flags", record.value("unknown_red_flags", nlohmann::json())}};
}

/// An error record never carries advice. It may carry scales (issue 17): only those whose items are all answered.
void check_no_advice(const nlohmann::json& record, const Bank* bank = nullptr) {
  CHECK(record["status"] == "error");
  for (const char* field : {"recommendation", "scores", "ranking", "reasons", "fired_rules", "notes"}) {
    CHECK_FALSE(record.contains(field));
  }
  if (!bank || !record.contains("scales")) return;
  for (const nlohmann::json& scale : record["scales"]) {
    auto found = std::find_if(bank->scales.begin(), bank->scales.end(),
                              [&](const Scale& s) { return s.id == scale["id"].get<std::string>(); });
    REQUIRE(found != bank->scales.end());
    CHECK(scale["answered_items"] == found->items.size());
  }
}

}  // namespace

TEST_CASE("an incomplete JSON Lines record with a crisis answer carries urgency crisis and its red flags",
          "[batch][error_safety]") {
  const std::string line = R"({"id":"inc","answers":{"down":"daily","life_worth":"yes"}})";
  const std::string expected =
      R"({"id":"inc","line":1,"status":"error","error":{"code":"incomplete","message":"required questions )"
      R"(unanswered: need","missing":["need"]},"urgency":"crisis","red_flags":[{"rule":"life-not-worth-living",)"
      R"("tier":"crisis"},{"rule":"daily-low-mood","tier":"clinical"}],"unknown_red_flags":[],"answered":2,)"
      R"("scales":[{"id":"distress","value":3,"min":0,"max":3,"band":"severe","answered_items":1}]})"
      "\n";
  const Bank bank = test::load_test_bank(kBank);
  for (JsonReading reading : {JsonReading::scan_first, JsonReading::simdjson_only}) {
    test::LineScorer scorer(bank, reading);
    CHECK(scorer.score(line) == expected);
  }
  test::CliRun run = test::run({"score", "--bank", kBank}, line + "\n");
  CHECK(run.exit_code == 65);
  CHECK(run.out == expected);
  // The same record through the general reader (an escaped key, an extra field): the same line.
  test::CliRun general = test::run({"score", "--bank", kBank},
                                   R"({"id":"inc","meta":1,"answers":{"d\u006fwn":"daily","life_worth":"yes"}})");
  CHECK(general.out == expected);
}

TEST_CASE("a record with an invalid answer keeps the urgency and red flags of its other answers",
          "[batch][error_safety]") {
  // The invalid answer comes first: the answers after it are read all the same; the first problem is reported.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"id":"opt","answers":{"need":"BOGUS","down":"daily","life_worth":"yes"}})", "unknown_option"},
      {R"({"id":"type","answers":{"need":3,"down":"daily","life_worth":"yes"}})", "wrong_type"},
      {R"({"id":"list","answers":{"need":["goal"],"down":"daily","life_worth":"yes"}})", "wrong_type"},
      {R"({"id":"dupopt","answers":{"need":"goal","topics":["work","work"],"down":"daily","life_worth":"yes"}})",
       "duplicate_option"},
      {R"({"id":"unkq","answers":{"nope":"x","need":"goal","down":"daily","life_worth":"yes"}})", "unknown_question"},
      {R"({"id":"dupkey","answers":{"need":"goal","need":"task","down":"daily","life_worth":"yes"}})", "duplicate_key"},
      {R"({"id":"late","answers":{"need":"goal","down":"daily","life_worth":"yes","topics":"nope"}})",
       "unknown_option"},
      {R"({"id":["x"],"answers":{"need":"goal","down":"daily","life_worth":"yes"}})", "wrong_type"},
      // Several problems: the first one is reported, every valid answer still counts.
      {R"({"id":"two","answers":{"need":"BOGUS","nope":1,"down":"daily","topics":[1],"life_worth":"yes"}})",
       "unknown_option"},
  };
  const Bank bank = test::load_test_bank(kBank);
  test::LineScorer scanning(bank, JsonReading::scan_first);
  test::LineScorer general(bank, JsonReading::simdjson_only);
  for (const auto& [line, code] : cases) {
    CAPTURE(line);
    const std::string out = scanning.score(line);
    CHECK(general.score(line) == out);
    const nlohmann::json record = nlohmann::json::parse(out);
    check_no_advice(record, &bank);
    CHECK(record["error"]["code"] == code);
    CHECK(record["urgency"] == "crisis");
    CHECK(record["red_flags"] == kCrisisFlags);
    CHECK(record["unknown_red_flags"] == nlohmann::json::array());
  }
  // The order of the fields: id, line, status, error, then urgency, red_flags, unknown_red_flags, answered, scales.
  const std::string out = scanning.score(cases[0].first);
  CHECK(out.rfind(R"({"id":"opt","line":)", 0) == 0);
  CHECK(out.find(R"("status":"error","error":{"code":"unknown_option","message":"question \"need\": unknown )"
                 R"(option","question":"need"},"urgency":"crisis","red_flags":[)") != std::string::npos);
  CHECK(out.find(R"(],"unknown_red_flags":[],"answered":2,"scales":[{"id":"distress",)") != std::string::npos);
  CHECK(out.rfind(R"("answered_items":1}]})") == out.size() - 22);
}

TEST_CASE("an invalid answer itself counts for nothing; a repeated question keeps its first answer",
          "[batch][error_safety]") {
  const Bank bank = test::load_test_bank(kBank);
  test::LineScorer scorer(bank);
  // The crisis answer is the invalid one: a list for a yes/no question is not set.
  nlohmann::json record =
      nlohmann::json::parse(scorer.score(R"({"answers":{"need":"goal","down":"daily","life_worth":["yes"]}})"));
  CHECK(record["error"]["code"] == "wrong_type");
  CHECK(record["urgency"] == "prompt");  // daily-low-mood only
  CHECK(record["red_flags"] == nlohmann::json::parse(R"([{"rule":"daily-low-mood","tier":"clinical"}])"));
  CHECK(record["unknown_red_flags"] == nlohmann::json::array({"life_worth"}));  // shown, unanswered
  // A question answered twice: the first answer counts.
  record = nlohmann::json::parse(
      scorer.score(R"({"answers":{"need":"goal","down":"daily","life_worth":"yes","life_worth":"no"}})"));
  CHECK(record["error"]["code"] == "duplicate_key");
  CHECK(record["urgency"] == "crisis");
  record = nlohmann::json::parse(
      scorer.score(R"({"answers":{"need":"goal","down":"never","life_worth":"no","life_worth":"yes"}})"));
  CHECK(record["error"]["code"] == "duplicate_key");
  CHECK(record["urgency"] == "routine");  // life_worth is hidden when "down" is "never"
  CHECK(record["red_flags"] == nlohmann::json::array());
  // Rather not say: an unknown red flag, also in an error record.
  record = nlohmann::json::parse(scorer.score(R"({"answers":{"down":"half","life_worth":"rather_not_say"}})"));
  CHECK(record["error"]["code"] == "incomplete");
  CHECK(record["urgency"] == "routine");
  CHECK(record["unknown_red_flags"] == nlohmann::json::array({"life_worth"}));
}

TEST_CASE("records whose JSON is broken carry no urgency and no red flags", "[batch][error_safety]") {
  const std::string input = R"({"id":"a","answers":{"down":"daily","life_worth":"yes"})"
                            "\n"  // invalid JSON (unclosed)
                            R"([{"answers":{"down":"daily","life_worth":"yes"}}])"
                            "\n"  // not an object
                            R"({"id":"c","down":"daily","life_worth":"yes"})"
                            "\n"  // no answers
                            R"({"id":"d","answers":[{"down":"daily"}]})"
                            "\n"  // answers no object
                            R"({"id":"e","answers":{"down":"daily","life_worth":"yes"}} x)"
                            "\n";  // trailing bytes: invalid JSON
  const std::vector<std::string> codes = {"invalid_json", "not_an_object", "missing_answers", "wrong_type",
                                          "invalid_json"};
  const std::vector<nlohmann::json> records = score_jsonl(input);
  REQUIRE(records.size() == codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    CAPTURE(i, records[i].dump());
    CHECK(records[i]["error"]["code"] == codes[i]);
    CHECK_FALSE(records[i].contains("urgency"));
    CHECK_FALSE(records[i].contains("red_flags"));
    CHECK_FALSE(records[i].contains("unknown_red_flags"));
  }
  BatchLimits limits;
  limits.max_line_bytes = 40;
  const Bank bank = test::load_test_bank(kBank);
  std::istringstream in(R"({"id":"long","answers":{"down":"daily","life_worth":"yes","need":"goal"}})");
  std::ostringstream out;
  std::ostringstream err;
  Io io{in, out, err};
  std::vector<BatchInput> inputs{BatchInput{&in, "-", true, BatchFormat::jsonl}};
  BatchOptions options;
  options.limits = limits;
  BatchOutcome outcome = run_batch(bank, inputs, options, io);
  const nlohmann::json too_long = nlohmann::json::parse(out.str());
  CHECK(too_long["error"]["code"] == "line_too_long");
  CHECK_FALSE(too_long.contains("urgency"));
  CHECK(outcome.tally.urgencies == std::array<std::uint64_t, 3>{});
}

TEST_CASE("CSV: a row with an unknown column and a crisis answer is an error row with urgency crisis",
          "[batch][error_safety][csv]") {
  // The unknown column comes before the answers, so the cells after the first problem are read too. An unknown
  // column is an error with --strict only (without it, it is ignored: issue 17).
  const std::string input =
      "id,extra,need,down,life_worth\n"
      "c1,something,goal,daily,yes\n"
      "c2,,BOGUS,daily,yes\n"  // an unknown option first
      "c3,,goal,daily,\n"      // incomplete: life_worth is shown and required
      "c4,,goal,daily\n"       // too few fields: invalid CSV, no urgency
      "c5,,goal,never,\n";     // scored
  SECTION("CSV output: the urgency and red_flags columns of error rows are filled") {
    test::CliRun run =
        test::run({"score", "--bank", kBank, "--input-format", "csv", "--format", "csv", "--strict"}, input);
    CHECK(run.exit_code == 65);
    const std::vector<std::string> lines = test::split_lines(run.out);
    REQUIRE(lines.size() == 6);
    // The scale columns of error rows hold the scales whose items are all answered, and the answered count.
    CHECK(lines[1] ==
          "c1,2,error,,crisis,,,,,3,severe,life-not-worth-living;daily-low-mood,unknown_question,"
          "\"unknown question \"\"extra\"\"\",,,,,3");
    CHECK(lines[2] ==
          "c2,3,error,,crisis,,,,,3,severe,life-not-worth-living;daily-low-mood,unknown_option,"
          "\"question \"\"need\"\": unknown option\",,,,,2");
    CHECK(lines[3] ==
          "c3,4,error,,prompt,,,,,3,severe,daily-low-mood,incomplete,"
          "required questions unanswered: life_worth,life_worth,,,,2");
    CHECK(
        lines[4] ==
        "5,5,error,,,,,,,,,,invalid_csv,\"the record has 4 fields, the header has 5\",,,,,");  // its line number as id
    CHECK(lines[5].rfind("c5,,complete,coaching,routine,", 0) == 0);
    // Without --strict, the unknown column is named once on stderr and its cells are ignored.
    test::CliRun lenient = test::run({"score", "--bank", kBank, "--input-format", "csv", "--format", "csv"}, input);
    CHECK(lenient.err.find("ignoring 1 column that name no question of the bank: extra") != std::string::npos);
    const std::vector<std::string> rows = test::split_lines(lenient.out);
    REQUIRE(rows.size() == 6);
    CHECK(rows[1].rfind("c1,,complete,therapie,crisis,", 0) == 0);
  }
  SECTION("JSON Lines output: the same fields as JSON Lines input gives") {
    test::CliRun run = test::run({"score", "--bank", kBank, "--input-format", "csv", "--strict"}, input);
    std::vector<nlohmann::json> records;
    for (const std::string& line : test::split_lines(run.out)) records.push_back(nlohmann::json::parse(line));
    REQUIRE(records.size() == 5);
    for (std::size_t i : {0, 1}) {
      check_no_advice(records[i]);
      CHECK(records[i]["urgency"] == "crisis");
      CHECK(records[i]["red_flags"] == kCrisisFlags);
    }
    CHECK(records[0]["error"]["code"] == "unknown_question");
    CHECK(records[1]["error"]["code"] == "unknown_option");
    CHECK(records[2]["error"]["code"] == "incomplete");
    CHECK(records[2]["unknown_red_flags"] == nlohmann::json::array({"life_worth"}));
    CHECK(records[3]["error"]["code"] == "invalid_csv");
    CHECK_FALSE(records[3].contains("urgency"));
  }
}

TEST_CASE("score: --report counts the urgency and red flags of incomplete and partly invalid records",
          "[batch][error_safety]") {
  const std::string input = R"({"id":"inc","answers":{"down":"daily","life_worth":"yes"}})"
                            "\n"
                            R"({"id":"opt","answers":{"need":"BOGUS","down":"daily","life_worth":"yes"}})"
                            "\n"
                            R"({"id":"ok","answers":{"need":"task","down":"never"}})"
                            "\n"
                            "not json\n";
  const Bank bank = test::load_test_bank(kBank);
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  Io io{in, out, err};
  std::vector<BatchInput> inputs{BatchInput{&in, "-", true, BatchFormat::jsonl}};
  const BatchOutcome outcome = run_batch(bank, inputs, BatchOptions{}, io);
  const BatchTally& tally = outcome.tally;
  CHECK(tally.records == 4);
  CHECK(tally.scored == 1);
  CHECK(tally.errors == 3);
  CHECK(tally.urgencies == std::array<std::uint64_t, 3>{1, 0, 2});  // routine, prompt, crisis
  CHECK(tally.red_flags == std::vector<std::uint64_t>{2, 2, 0});    // rules in bank order
  CHECK(tally.codes[static_cast<std::size_t>(RecordCode::incomplete)] == 1);
  CHECK(tally.codes[static_cast<std::size_t>(RecordCode::unknown_option)] == 1);
  CHECK(tally.codes[static_cast<std::size_t>(RecordCode::invalid_json)] == 1);

  const std::string report = render_batch_report(bank, tally);
  CAPTURE(report);
  CHECK(report.find("records  4\nscored   1\nerrors   3\nassessed 3  (") != std::string::npos);
  CHECK(report.find("\nurgency (of assessed records: error records included)\n"
                    "  routine           1   33.3%  ###############\n"
                    "  prompt            0    0.0%  \n"
                    "  crisis            2   66.7%  ##############################\n") != std::string::npos);
  CHECK(report.find("  life-not-worth-living           2   66.7%") != std::string::npos);
  CHECK(report.find("  incomplete               1   25.0%") != std::string::npos);

  test::CliRun run = test::run({"score", "--bank", kBank, "--report", "-"}, input);
  CHECK(run.exit_code == 65);
  CHECK(run.err == report);
}

TEST_CASE("property: an error record carries exactly what its valid answers give", "[batch][error_safety]") {
  // Sampled complete records, each spoilt in one way; the expected safety fields are those the evaluator gives
  // for the answers that stay valid. Both JSON readers (and an escaped spelling) must agree.
  const Bank bank = test::load_test_bank(kBank);
  Evaluator evaluator(bank);
  test::LineScorer scanning(bank, JsonReading::scan_first);
  test::LineScorer general(bank, JsonReading::simdjson_only);
  test::LineScorer escaped(bank, JsonReading::scan_first);  // each scorer counts its own line numbers
  std::mt19937_64 random(2024);
  int spoilt = 0;
  for (int i = 0; i < 600; ++i) {
    AnswerSet answers = sample_answers(bank, random);
    std::vector<test::Field> fields = test::fields_of(bank, answers);
    REQUIRE_FALSE(fields.empty());
    const std::size_t at = random() % fields.size();
    const std::size_t q = *bank.find_question(nlohmann::json::parse(fields[at].key).get<std::string>());
    AnswerSet valid = answers;  // what stays valid
    switch (random() % 5) {
      case 0: fields.insert(fields.begin() + static_cast<std::ptrdiff_t>(at), {"\"no_such_question\"", "\"x\""}); break;
      case 1:
        fields[at].value = "\"no-such-option\"";
        if (bank.questions[q].type != QuestionType::text) valid.clear(q);  // a text question takes any text
        break;
      case 2:
        fields[at].value = "{}";
        valid.clear(q);
        break;
      case 3:
        fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(at));
        valid.clear(q);
        break;
      default: fields.push_back({fields[at].key, "null"}); break;  // named twice: the first answer stays
    }
    std::string line = "{\"id\":\"r" + std::to_string(i) + "\",\"answers\":{";
    for (std::size_t f = 0; f < fields.size(); ++f) line += (f ? "," : "") + fields[f].key + ":" + fields[f].value;
    line += "}}";
    CAPTURE(line);
    const std::string out = scanning.score(line);
    CHECK(general.score(line) == out);
    CHECK(escaped.score(test::escape_some(line, random, 5)) == out);
    const nlohmann::json record = nlohmann::json::parse(out);
    Result expected;
    evaluator.evaluate(valid, expected);
    CHECK(safety_of(record) == safety_of(bank, expected));
    if (record["status"] == "error") {
      ++spoilt;
      check_no_advice(record);
    }
  }
  CHECK(spoilt > 400);  // removing an optional answer may leave a record complete
}

TEST_CASE("BatchRecordWriter: an error record with an assessed result, JSON Lines and CSV", "[batch][error_safety]") {
  const Bank bank = test::load_test_bank(kBank);
  const RecordProblem problem{RecordCode::unknown_option, "question \"need\": unknown option", "need", {}};
  Result result;
  result.urgency = Urgency::crisis;
  result.red_flags = {{0, Tier::crisis}, {1, Tier::clinical}};
  result.unknown_red_flags = {2};
  result.recommendation = 1;  // never written in an error record
  result.scores = {1, 2, 3, 4};
  std::string json;
  BatchRecordWriter(bank, BatchFormat::jsonl).error(json, "r\"1", 9, problem, &result);
  CHECK(json ==
        R"({"id":"r\"1","line":9,"status":"error","error":{"code":"unknown_option","message":"question \"need\": )"
        R"(unknown option","question":"need"},"urgency":"crisis","red_flags":[{"rule":"life-not-worth-living",)"
        R"("tier":"crisis"},{"rule":"daily-low-mood","tier":"clinical"}],"unknown_red_flags":["life_worth"]})"
        "\n");
  std::string plain;
  append_error_record(plain, BatchFormat::jsonl, bank, "r\"1", 9, problem, &result);
  CHECK(plain == json);
  std::string csv;
  BatchRecordWriter(bank, BatchFormat::csv).error(csv, "r1", 9, problem, &result);
  CHECK(csv ==
        "r1,9,error,,crisis,,,,,,,life-not-worth-living;daily-low-mood,unknown_option,"
        "\"question \"\"need\"\": unknown option\",life_worth,,,,\n");
  // Without a result: as before, no safety fields.
  std::string bare;
  BatchRecordWriter(bank, BatchFormat::jsonl).error(bare, "r1", 9, problem);
  CHECK(bare.find("urgency") == std::string::npos);
}

}  // namespace wegwijzer
