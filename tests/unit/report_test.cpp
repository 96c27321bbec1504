// The cohort report (`wegwijzer report`): reading score's output, counting, suppressing small cells and their
// complements, --by groups, every format (goldens in tests/golden/report/, WEGWIJZER_APPROVE=1 rewrites them), bad
// input, and the command on the real command line.
#include "wegwijzer/report/report.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "golden.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/support/error.hpp"

using namespace wegwijzer;
using wegwijzer::test::check_golden;

namespace {

const Bank& default_bank() {
  static const Bank bank = test::load_test_bank(test::source_path("data/banks/default.json"));
  return bank;
}

std::string fixture(const std::string& name) { return test::read_file(test::test_path("golden/report/" + name)); }

CohortTally read(const std::string& text, const std::string& by = "") {
  CohortReader reader(default_bank(), by);
  reader.read_text(text, "results.jsonl");
  return reader.tally();
}

/// The message of the Fatal that reading `text` throws ("" when it throws none).
std::string read_error(const std::string& text, const std::string& name = "in.jsonl") {
  try {
    CohortReader reader(default_bank(), "");
    reader.read_text(text, name);
    return "";
  } catch (const Fatal& e) {
    CHECK(e.code() == ExitCode::data);
    return e.what();
  }
}

const ReportSection& section(const CohortReport& report, const std::string& id) {
  for (const ReportSection& made : report.sections) {
    if (made.id == id) return made;
  }
  FAIL("no section " << id);
  return report.sections.front();
}

const ReportRow& row(const ReportSection& made, const std::string& id) {
  for (const ReportRow& candidate : made.rows) {
    if (candidate.id == id) return candidate;
  }
  FAIL("no row " << id);
  return made.rows.front();
}

/// A tally of the default bank with `scored` records recommended per outcome (bank order), no groups.
CohortTally advice_tally(const std::vector<std::uint64_t>& per_outcome) {
  CohortTally tally;
  tally.all = CohortCounts::for_bank(default_bank());
  for (std::size_t i = 0; i < per_outcome.size(); ++i) {
    tally.all.recommendations[i] = per_outcome[i];
    tally.all.scored += per_outcome[i];
    tally.all.records += per_outcome[i];
  }
  return tally;
}

std::string scored_line(const std::string& outcome, const std::string& wave) {
  return R"({"schema_version":1,"id":"a","status":"complete","recommendation":")" + outcome +
         R"(","urgency":"routine","scales":[],"red_flags":[],"close_call":false,"unknown_red_flags":[],"kept":{"wave":")" +
         wave + "\"}}\n";
}

}  // namespace

TEST_CASE("report: counts of the fixture, the same from JSON Lines and from CSV", "[report]") {
  const CohortTally json = read(fixture("results.jsonl"), "wave");
  CohortReader csv_reader(default_bank(), "wave");
  csv_reader.read_text(fixture("results.csv"), "results.csv");
  const CohortTally& csv = csv_reader.tally();
  CHECK(json.all.records == 40);
  CHECK(json.all.scored == 34);
  CHECK(json.all.errors == 6);
  CHECK(json.all.assessed == 38);       // 34 scored, 3 incomplete and 1 unknown_option with valid answers
  CHECK(json.all.error_codes[0] == 2);  // invalid_json
  CHECK(json.groups.size() == 5);       // "1" (numbers and strings alike), "2", "3", "4", empty
  CHECK(json.groups.at("1").records == 17);
  CHECK(json.groups.at("").records == 1);
  for (const CohortTally* tally : {&json, &csv}) {
    std::uint64_t recommended = 0;
    for (auto count : tally->all.recommendations) recommended += count;
    CHECK(recommended == tally->all.scored);
  }
  CHECK(csv.all.recommendations == json.all.recommendations);
  CHECK(csv.all.urgencies == json.all.urgencies);
  CHECK(csv.all.red_flags == json.all.red_flags);
  CHECK(csv.all.unknown_red_flags == json.all.unknown_red_flags);
  CHECK(csv.all.error_codes == json.all.error_codes);
  CHECK(csv.all.close_calls == json.all.close_calls);
  CHECK(csv.all.bands == json.all.bands);
  CHECK(csv.all.values == json.all.values);
  CHECK(csv.groups.size() == json.groups.size());
}

TEST_CASE("report: counts below min_cell are hidden, and one more where a total would reveal them", "[report]") {
  // 10 + 3 + 7 + 0 = 20 scored: 3 is small; 20 - 10 - 7 - 0 would give it back, so 7 (the smallest other count that
  // is not zero) is hidden too.
  const CohortReport report = build_report(default_bank(), advice_tally({10, 3, 7, 0}), {5, "en"});
  const ReportSection& advice = section(report, "recommendation");
  CHECK(advice.rows[0].cells.back().hidden == Hidden::no);
  CHECK(advice.rows[1].cells.back().hidden == Hidden::small);
  CHECK(advice.rows[2].cells.back().hidden == Hidden::complementary);
  CHECK(advice.rows[3].cells.back().hidden == Hidden::no);  // a zero is shown
  CHECK(advice.base.cells.back().hidden == Hidden::no);

  SECTION("two small cells need no complement") {
    const CohortReport two = build_report(default_bank(), advice_tally({10, 3, 7, 2}), {5, "en"});
    const ReportSection& made = section(two, "recommendation");
    CHECK(made.rows[0].cells.back().hidden == Hidden::no);
    CHECK(made.rows[2].cells.back().hidden == Hidden::no);
    CHECK(made.rows[3].cells.back().hidden == Hidden::small);
  }
  SECTION("--min-cell 0 shows every count") {
    const CohortReport all = build_report(default_bank(), advice_tally({10, 3, 7, 0}), {0, "en"});
    for (const ReportSection& made : all.sections) {
      for (const ReportRow& each : made.rows) {
        for (const ReportCell& cell : each.cells) CHECK(cell.hidden == Hidden::no);
      }
    }
    CHECK(render_report_text(all).find("<") == std::string::npos);
  }
  SECTION("a larger min_cell hides more") {
    const CohortReport ten = build_report(default_bank(), advice_tally({10, 3, 7, 0}), {10, "en"});
    const ReportSection& made = section(ten, "recommendation");
    CHECK(made.rows[0].cells.back().hidden == Hidden::no);  // 10 is not below 10
    CHECK(made.rows[2].cells.back().hidden == Hidden::small);
    CHECK(render_report_text(ten).find("<10") != std::string::npos);
  }
}

TEST_CASE("report: across --by groups no total minus the shown groups reveals a hidden cell", "[report]") {
  std::string lines;
  for (int i = 0; i < 8; ++i) lines += scored_line("coaching", "a");
  for (int i = 0; i < 2; ++i) lines += scored_line("therapie", "a");
  for (int i = 0; i < 9; ++i) lines += scored_line("coaching", "b");
  for (int i = 0; i < 6; ++i) lines += scored_line("therapie", "c");
  const CohortReport report = build_report(default_bank(), read(lines, "wave"), {5, "en"});
  REQUIRE(report.columns.size() == 4);  // a, b, c, total
  const ReportSection& advice = section(report, "recommendation");
  for (const ReportSection& made : report.sections) {
    std::vector<const ReportRow*> rows{&made.base};
    for (const ReportRow& each : made.rows) rows.push_back(&each);
    for (const ReportRow* each : rows) {
      // In every row across the groups and in every column of a section that adds up: never exactly one hidden
      // cell in the sum, the total counted too (a hidden total is the sum of the cells shown).
      std::size_t hidden = 0;
      for (const ReportCell& cell : each->cells) hidden += cell.hidden != Hidden::no;
      CHECK(hidden != 1);
    }
    if (!made.partition) continue;
    for (std::size_t c = 0; c < report.columns.size(); ++c) {
      std::size_t hidden = made.base.cells[c].hidden != Hidden::no;
      for (const ReportRow& each : made.rows) hidden += each.cells[c].hidden != Hidden::no;
      CHECK(hidden != 1);
    }
  }
  // therapie in group a is 2: small; its row across groups then hides therapie in group c (6) as well.
  CHECK(row(advice, "therapie").cells[0].hidden == Hidden::small);
  CHECK(row(advice, "therapie").cells[2].hidden == Hidden::complementary);
}

TEST_CASE("report: a total hidden in one section is not the sum of cells shown in another", "[report]") {
  // From the new-user trial: group a's error records are few (hidden), so its scored count is hidden as their
  // complement, and with it the base of the advice section; the advice rows of group a must then not all show.
  std::string lines;
  for (int i = 0; i < 12; ++i) lines += scored_line(i < 7 ? "coaching" : "therapie", "a");
  for (int i = 0; i < 2; ++i) {
    lines +=
        R"({"id":"e","line":1,"status":"error","error":{"code":"invalid_json","message":"x"},"kept":{"wave":"a"}})";
    lines += "\n";
  }
  for (int i = 0; i < 20; ++i) lines += scored_line(i < 10 ? "coaching" : "therapie", "b");
  for (int i = 0; i < 6; ++i) {
    lines +=
        R"({"id":"e","line":1,"status":"error","error":{"code":"invalid_json","message":"x"},"kept":{"wave":"b"}})";
    lines += "\n";
  }
  const CohortReport report = build_report(default_bank(), read(lines, "wave"), {5, "en"});
  REQUIRE(report.columns.size() == 3);  // a, b, total
  const ReportSection& records = section(report, "records");
  REQUIRE(records.rows[1].cells[0].hidden == Hidden::small);  // 2 error records in a
  const ReportSection& advice = section(report, "recommendation");
  CHECK(advice.base.cells[0].hidden != Hidden::no);
  std::size_t hidden = 0;
  for (const ReportRow& each : advice.rows) hidden += each.cells[0].hidden != Hidden::no;
  CHECK(hidden >= 1);
  // Records minus assessed records would give the error records without valid answers: hidden too.
  CHECK(section(report, "urgency").base.cells[0].hidden != Hidden::no);
}

TEST_CASE("report: --by folds groups smaller than min_cell into 'other'", "[report]") {
  std::string lines;
  for (int i = 0; i < 6; ++i) lines += scored_line("coaching", "big");
  for (int i = 0; i < 2; ++i) lines += scored_line("coaching", "small-1");
  lines += scored_line("coaching", "small-2");
  const CohortReport report = build_report(default_bank(), read(lines, "wave"), {5, "en"});
  // small-1 and small-2 make 3, still small: the smallest remaining group (big) joins them.
  REQUIRE(report.columns.size() == 2);
  CHECK(report.columns[0].other);
  CHECK(report.columns[0].folded == 3);
  CHECK(report.columns[1].total);
  const std::string text = render_report_text(report);
  CHECK(text.find("small-1") == std::string::npos);  // a folded group's value is not shown

  lines += scored_line("coaching", "small-3");
  lines += scored_line("coaching", "small-3");
  const CohortReport more = build_report(default_bank(), read(lines, "wave"), {5, "en"});
  REQUIRE(more.columns.size() == 3);  // big, other (5 records in 3 groups), total
  CHECK(more.columns[0].label == "big");
  CHECK(more.columns[1].folded == 3);
}

TEST_CASE("report: goldens with --by wave in every format", "[report][golden]") {
  const CohortTally tally = read(fixture("results.jsonl"), "wave");
  for (const std::string language : {"en", "nl"}) {
    const CohortReport report = build_report(default_bank(), tally, {5, language});
    SECTION("by-wave." + language + ".txt") {
      check_golden("by-wave." + language + ".txt", render_report_text(report), "report");
    }
    SECTION("by-wave." + language + ".json") {
      check_golden("by-wave." + language + ".json", render_report_json(report), "report");
    }
    SECTION("by-wave." + language + ".csv") {
      check_golden("by-wave." + language + ".csv", render_report_csv(report), "report");
    }
  }
  const CohortReport en = build_report(default_bank(), tally, {5, "en"});
  SECTION("by-wave.en.md") { check_golden("by-wave.en.md", render_report_markdown(en), "report"); }
  SECTION("by-wave.en.html") { check_golden("by-wave.en.html", render_report_html(en), "report"); }
  const CohortReport whole = build_report(default_bank(), read(fixture("results.jsonl")), {5, "en"});
  SECTION("all.en.txt") { check_golden("all.en.txt", render_report_text(whole), "report"); }
}

TEST_CASE("report: every format is well formed", "[report]") {
  const CohortReport report = build_report(default_bank(), read(fixture("results.jsonl"), "wave"), {5, "en"});
  const auto json = nlohmann::json::parse(render_report_json(report));
  CHECK(json["by"] == "wave");
  CHECK(json["columns"].size() == 4);  // 1, 2, other, total
  CHECK(json["sections"].size() == 7 + default_bank().scales.size());
  for (const auto& made : json["sections"]) {
    for (const auto& each : made["rows"]) CHECK(each["cells"].size() == 4);
  }
  const std::vector<std::string> csv = test::split_lines(render_report_csv(report));
  CHECK(csv.front() == "section,row,label,group,count,percent,value,hidden");
  for (const std::string& line : csv) CHECK(std::count(line.begin(), line.end(), ',') == 7);

  const std::string html = render_report_html(report);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // the SVG namespace only
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  // Every section holds exactly one chart.
  std::size_t sections = 0;
  for (std::size_t at = html.find("<section"); at != std::string::npos; at = html.find("<section", at + 1)) {
    const std::size_t end = html.find("</section>", at);
    REQUIRE(end != std::string::npos);
    const std::string body = html.substr(at, end - at);
    std::size_t charts = 0;
    for (std::size_t svg = body.find("<svg"); svg != std::string::npos; svg = body.find("<svg", svg + 1)) ++charts;
    CHECK(charts == 1);
    ++sections;
  }
  CHECK(sections == report.sections.size());
}

TEST_CASE("report: a kept value is escaped in every format", "[report]") {
  std::string lines;
  for (int i = 0; i < 5; ++i) lines += scored_line("coaching", "<b>x</b> | \\\"q\\\",");
  const CohortReport report = build_report(default_bank(), read(lines, "wave"), {5, "en"});
  CHECK(render_report_html(report).find("<b>") == std::string::npos);
  CHECK(render_report_markdown(report).find("<b>x</b> |") == std::string::npos);
  CHECK(render_report_csv(report).find("\"<b>x</b> | \"\"q\"\",\"") != std::string::npos);
  CHECK_NOTHROW(nlohmann::json::parse(render_report_json(report)));
}

TEST_CASE("report: an empty input gives a report of zero counts", "[report]") {
  const CohortTally tally = read("\n  \n", "wave");  // --by is no error without records
  CHECK(tally.all.records == 0);
  const CohortReport report = build_report(default_bank(), tally, {5, "en"});
  CHECK(section(report, "records").base.cells.back().count == 0);
  for (ReportFormat format :
       {ReportFormat::text, ReportFormat::markdown, ReportFormat::json, ReportFormat::csv, ReportFormat::html}) {
    CHECK_FALSE(render_report(report, format).empty());
  }
  CHECK_NOTHROW(nlohmann::json::parse(render_report_json(report)));
}

TEST_CASE("report: a line that cannot be read names the file, the line and the field", "[report]") {
  const std::string good = scored_line("coaching", "1");
  CHECK(read_error(good + "{\"status\": \"complete\", \"secret answer\n") ==
        "in.jsonl:2: not valid JSON (a line of wegwijzer score's JSON Lines output was expected)");
  CHECK(read_error(good + "\n" + scored_line("nonsense", "1")) ==
        "in.jsonl:3: /recommendation: unknown outcome \"nonsense\" (bank wegwijzer-default has none of that id)");
  CHECK(read_error(good + "[1]\n") == "in.jsonl:2: not a JSON object (a record of wegwijzer score was expected)");
  CHECK(read_error(R"({"id":"r1","answers":{"need":"goal"}})") ==
        "in.jsonl:1: /status: missing: this is an answer record, not the output of 'wegwijzer score'; score it first");
  CHECK(
      read_error(
          R"({"status":"complete","recommendation":"coaching","urgency":"routine","red_flags":[{"rule":"not-voluntary"}]})") ==
      "in.jsonl:1: /red_flags/0/rule: unknown red-flag rule \"not-voluntary\" (bank wegwijzer-default has none of "
      "that id)");
  CHECK(read_error(R"({"status":"error","error":{"code":"exploded"}})") ==
        "in.jsonl:1: /error/code: unknown error code \"exploded\" (bank wegwijzer-default has none of that id)");
  CHECK(
      read_error(
          R"({"status":"complete","recommendation":"coaching","urgency":"routine","scales":[{"id":"mood","value":99,"band":"low"}]})") ==
      "in.jsonl:1: /scales/0/value: not a value of scale \"mood\" (0 to 6)");
  // An id that is no id is described, never echoed.
  const std::string odd = read_error(scored_line("my secret words", "1"));
  CHECK(odd.find("secret") == std::string::npos);
  CHECK(odd.find("/recommendation") != std::string::npos);

  const std::string header = "id,wave,status,recommendation,urgency,band_mood\n";
  CHECK(read_error(header + "a,1,complete,coaching,routine,low\nb,1,complete,coaching,routine,sky-high\n", "in.csv") ==
        "in.csv:3: column band_mood: unknown band \"sky-high\" of scale \"mood\"");
  CHECK(read_error(header + "a,1,complete\n", "in.csv") == "in.csv:2: 3 fields where the header has 6");
  CHECK(read_error("id,status,scale_happiness\n", "in.csv") ==
        "in.csv:1: column 3 \"scale_happiness\": no scale of the bank");
  CHECK(read_error("id,answer\n", "in.csv").find("no column \"status\"") != std::string::npos);
  CHECK(read_error(header + "a,\"1,complete,coaching,routine,low\n", "in.csv") ==
        "in.csv:2: not valid CSV: a quoted field is not closed at the end of the input");
}

TEST_CASE("report: --by a column no input keeps is an error", "[report]") {
  CohortReader reader(default_bank(), "department");
  reader.read_text(scored_line("coaching", "1"), "in.jsonl");
  CHECK_THROWS_AS(reader.tally(), Fatal);
}

TEST_CASE("report: the command reads files and standard input and writes -o atomically", "[report][report-cli]") {
  test::TempDir dir;
  const std::string results = dir.file("results.jsonl", fixture("results.jsonl"));
  const std::string csv = dir.file("results.csv", fixture("results.csv"));

  auto text = test::run({"report", "--by", "wave", "--lang", "en", results});
  CHECK(text.exit_code == 0);
  CHECK(text.out == test::read_file(test::test_path("golden/report/by-wave.en.txt.approved.txt")));

  auto from_stdin = test::run({"report", "--by", "wave", "--lang", "en", "-"}, fixture("results.csv"));
  CHECK(from_stdin.exit_code == 0);
  CHECK(from_stdin.out == text.out);

  // Two inputs are one cohort.
  auto both = test::run({"report", "--format", "json", "--min-cell", "0", results, csv});
  REQUIRE(both.exit_code == 0);
  CHECK(nlohmann::json::parse(both.out)["sections"][0]["base"][0]["count"] == 80);

  // The language comes from LANG like ask's.
  auto dutch = test::run({"report", results}, "", {{"LANG", "nl_NL.UTF-8"}});
  CHECK(dutch.out.rfind("Cohortrapport", 0) == 0);
  auto english = test::run({"report", results}, "", {{"LANG", "en_GB.UTF-8"}});
  CHECK(english.out.rfind("Cohort report", 0) == 0);

  const std::string out = dir.path + "/report.html";
  auto html = test::run({"report", "--format", "html", "-o", out, results});
  CHECK(html.exit_code == 0);
  CHECK(html.out.empty());
  struct stat info {};
  REQUIRE(::stat(out.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(test::read_file(out).rfind("<!DOCTYPE html>", 0) == 0);

  auto bad = test::run({"report", "-"}, scored_line("coaching", "1") + "not json\n");
  CHECK(bad.exit_code == 65);
  CHECK(bad.err.find("-:2: not valid JSON") != std::string::npos);
  CHECK(test::run({"report", dir.path + "/missing.jsonl"}).exit_code == 66);
  CHECK(test::run({"report", "-o", "/nonexistent-dir/r.txt", results}).exit_code == 73);
  CHECK(test::run({"report", "--format", "pdf", results}).exit_code == 64);
}
