// `wegwijzer codebook`: every question and option with its code, well-formed CSV and JSON, the score columns,
// goldens of the default bank (WEGWIJZER_APPROVE=1 rewrites them, see tests/golden/codebook/README.md).
#include "cli/codebook.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bank_test_base.hpp"
#include "golden.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/bank/condition_words.hpp"
#include "wegwijzer/batch/batch_output.hpp"

using namespace wegwijzer;
using cli::CodebookFormat;
using cli::render_codebook;

namespace {

/// RFC 4180 parsing, strict: a quote inside an unquoted field, text after a closing quote or an unclosed quote
/// fails the test. Rows end with LF (the codebook never writes CR).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        REQUIRE((i + 1 == text.size() || text[i + 1] == ',' || text[i + 1] == '\n'));
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      REQUIRE(field.empty());
      REQUIRE_FALSE(was_quoted);
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
    } else {
      REQUIRE(c != '\r');
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(row.empty());  // the last row ends with a newline
  REQUIRE(field.empty());
  return rows;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

const std::vector<std::string> csv_header = {"section", "variable", "variable_label", "type",
                                             "code",    "value",    "value_label",    "points",
                                             "unknown", "required", "shown_if"};

/// A bank whose texts need CSV quoting and Markdown escaping.
Bank awkward_bank() {
  nlohmann::json json = test::base_bank();
  json["questions"][0]["text"]["en"] = "Need, \"really\"?\nSay | it *now*";
  json["questions"][0]["options"][0]["label"]["en"] = "A, or \"a\"";
  json["questions"][1]["options"][1]["label"]["en"] = "line one\r\nline two\x1b[31m";
  LoadResult result = load_bank(json.dump(), "awkward.json");
  REQUIRE(result.bank);
  return std::move(*result.bank);
}

}  // namespace

TEST_CASE("codebook CSV: one row per question-option pair with its 1-based code, every row the same width",
          "[codebook]") {
  const Bank bank = load_builtin_bank();
  for (const std::string language : {"nl", "en"}) {
    INFO(language);
    const auto rows = parse_csv(render_codebook(bank, CodebookFormat::csv, language));
    REQUIRE(rows.size() > 1);
    CHECK(rows[0] == csv_header);
    for (const auto& row : rows) CHECK(row.size() == csv_header.size());
    std::size_t r = 1;
    for (const Question& question : bank.questions) {
      INFO(question.id);
      const std::string required = question.required ? "true" : "false";
      const std::string shown = question.show_if ? condition_in_words(bank, *question.show_if, language) : "";
      if (question.options.empty()) {
        REQUIRE(r < rows.size());
        CHECK(rows[r] == std::vector<std::string>{"question", question.id, question.text.in(language), "text", "", "",
                                                  "", "", "", required, shown});
        ++r;
      }
      for (std::size_t i = 0; i < question.options.size(); ++i, ++r) {
        const Option& option = question.options[i];
        REQUIRE(r < rows.size());
        CHECK(rows[r][0] == "question");
        CHECK(rows[r][1] == question.id);
        CHECK(rows[r][2] == question.text.in(language));
        CHECK(rows[r][3] == to_string(question.type));
        CHECK(rows[r][4] == std::to_string(i + 1));
        CHECK(rows[r][5] == option.id);
        CHECK(rows[r][6] == option.label.in(language));
        CHECK(rows[r][7] == (option.points ? std::to_string(*option.points) : ""));
        CHECK(rows[r][8] == (option.unknown ? "true" : "false"));
        CHECK(rows[r][9] == required);
        CHECK(rows[r][10] == shown);
      }
    }
    // Then the columns, each at least once, in header order.
    std::vector<std::string> names;
    for (; r < rows.size(); ++r) {
      CHECK(rows[r][0] == "column");
      if (names.empty() || names.back() != rows[r][1]) names.push_back(rows[r][1]);
    }
    std::vector<std::string> expected;
    for (const auto& column : cli::codebook_columns(bank, language)) expected.push_back(column.name);
    CHECK(names == expected);
  }
}

TEST_CASE("codebook CSV quotes commas, quotes and line breaks, and drops control characters", "[codebook]") {
  const Bank bank = awkward_bank();
  const std::string csv = render_codebook(bank, CodebookFormat::csv, "en");
  CHECK(csv.find('\x1b') == std::string::npos);
  CHECK(csv.find('\r') == std::string::npos);
  const auto rows = parse_csv(csv);
  for (const auto& row : rows) CHECK(row.size() == csv_header.size());
  CHECK(rows[1][2] == "Need, \"really\"? Say | it *now*");
  CHECK(rows[1][6] == "A, or \"a\"");
  CHECK(rows[4][6] == "line one  line two");  // the escape sequence is dropped whole
}

TEST_CASE("codebook JSON parses and matches the bank, show_if as the bank writes it", "[codebook]") {
  const Bank bank = load_builtin_bank();
  const auto source = nlohmann::json::parse(test::read_file(test::source_path("data/banks/default.json")));
  for (const std::string language : {"nl", "en"}) {
    INFO(language);
    const auto json = nlohmann::json::parse(render_codebook(bank, CodebookFormat::json, language));
    CHECK(json["bank"]["id"] == bank.id);
    CHECK(json["bank"]["version"] == bank.version);
    CHECK(json["bank"]["sha256"] == bank.sha256);
    CHECK(json["bank"]["language"] == language);
    CHECK(json["code_rule"].get<std::string>().find("--codes") != std::string::npos);
    REQUIRE(json["questions"].size() == bank.questions.size());
    for (std::size_t q = 0; q < bank.questions.size(); ++q) {
      const Question& question = bank.questions[q];
      const auto& entry = json["questions"][q];
      INFO(question.id);
      CHECK(entry["id"] == question.id);
      CHECK(entry["type"] == to_string(question.type));
      CHECK(entry["text"] == question.text.in(language));
      CHECK(entry["required"] == question.required);
      const auto& raw = source["questions"][q];
      if (raw.contains("show_if")) {
        CHECK(entry["shown_if_json"] == raw["show_if"]);
        CHECK(entry["shown_if"] == condition_in_words(bank, *question.show_if, language));
      } else {
        CHECK(entry["shown_if_json"].is_null());
        CHECK(entry["shown_if"].is_null());
      }
      REQUIRE(entry["options"].size() == question.options.size());
      for (std::size_t i = 0; i < question.options.size(); ++i) {
        CHECK(entry["options"][i]["code"] == i + 1);
        CHECK(entry["options"][i]["id"] == question.options[i].id);
        CHECK(entry["options"][i]["text"] == question.options[i].label.in(language));
        CHECK(entry["options"][i]["unknown"] == question.options[i].unknown);
      }
    }
    const auto columns = cli::codebook_columns(bank, language);
    REQUIRE(json["columns"].size() == columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
      CHECK(json["columns"][c]["name"] == columns[c].name);
      CHECK(json["columns"][c]["meaning"] == columns[c].meaning);
      CHECK(json["columns"][c]["values"].size() == columns[c].values.size());
    }
  }
}

TEST_CASE("codebook Markdown: the sections, a table per question with its codes, escaped bank text", "[codebook]") {
  const Bank bank = load_builtin_bank();
  const std::string en = render_codebook(bank, CodebookFormat::markdown, "en");
  const std::string nl = render_codebook(bank, CodebookFormat::markdown, "nl");
  CHECK(en.rfind("# Codebook: ", 0) == 0);
  CHECK(nl.rfind("# Codeboek: ", 0) == 0);
  for (const char* heading : {"\n## Questions\n", "\n## Output columns of `wegwijzer score --format csv`\n",
                              "\n## Values\n", "\n### `recommendation`\n", "\n### `red_flags`\n"}) {
    CHECK(en.find(heading) != std::string::npos);
  }
  for (const char* heading :
       {"\n## Vragen\n", "\n## Uitvoerkolommen van `wegwijzer score --format csv`\n", "\n## Waarden\n"}) {
    CHECK(nl.find(heading) != std::string::npos);
  }
  CHECK(en.find(bank.sha256) != std::string::npos);
  for (std::size_t q = 0; q < bank.questions.size(); ++q) {
    const Question& question = bank.questions[q];
    CHECK(en.find("\n### " + std::to_string(q + 1) + ". `" + question.id + "`: ") != std::string::npos);
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      INFO(question.id << " " << question.options[i].id);
      CHECK(en.find("\n| " + std::to_string(i + 1) + " | `" + question.options[i].id + "` | ") != std::string::npos);
    }
  }
  const std::string awkward = render_codebook(awkward_bank(), CodebookFormat::markdown, "en");
  CHECK(awkward.find(R"(Need, "really"? Say \| it \*now\*)") != std::string::npos);
  CHECK(awkward.find('\x1b') == std::string::npos);
}

TEST_CASE("codebook columns: the bank's ids expanded, enumerated values, meanings in both languages", "[codebook]") {
  const Bank bank = load_builtin_bank();
  const auto en = cli::codebook_columns(bank, "en");
  const auto nl = cli::codebook_columns(bank, "nl");
  REQUIRE(en.size() == nl.size());
  auto find = [&](const std::string& name) -> const cli::CodebookColumn& {
    for (const auto& column : en) {
      if (column.name == name) return column;
    }
    FAIL("no column " << name);
    return en.front();
  };
  for (std::size_t c = 0; c < en.size(); ++c) {
    INFO(en[c].name);
    CHECK(en[c].name == nl[c].name);
    CHECK_FALSE(en[c].meaning.empty());
    CHECK(en[c].meaning != nl[c].meaning);
  }
  for (const Outcome& outcome : bank.outcomes) CHECK(find("score_" + outcome.id).type == "number");
  const auto& recommendation = find("recommendation");
  REQUIRE(recommendation.values.size() == bank.outcomes.size());
  for (std::size_t o = 0; o < bank.outcomes.size(); ++o) {
    CHECK(recommendation.values[o].value == bank.outcomes[o].id);
    CHECK(recommendation.values[o].label == bank.outcomes[o].name.in("en"));
  }
  for (const Scale& scale : bank.scales) {
    const auto& band = find("band_" + scale.id);
    REQUIRE(band.values.size() == scale.bands.size());
    for (std::size_t b = 0; b < scale.bands.size(); ++b) CHECK(band.values[b].value == scale.bands[b].id);
  }
  std::size_t flags = 0;
  for (const Rule& rule : bank.rules) flags += rule.effects.red_flag ? 1 : 0;
  const auto& red_flags = find("red_flags");
  CHECK(red_flags.values.size() == flags);
  CHECK(red_flags.values.front().label.rfind("crisis: ", 0) == 0);
  CHECK(find("fired_rules").values.size() == bank.rules.size());
  std::vector<std::string> unknown;
  for (const auto& value : find("unknown_red_flags").values) unknown.push_back(value.value);
  CHECK(std::find(unknown.begin(), unknown.end(), "suicidal_thoughts") != unknown.end());
  CHECK(std::find(unknown.begin(), unknown.end(), "need") == unknown.end());
  for (const auto& value : find("error_code").values) {
    INFO(value.value);
    CHECK_FALSE(value.label.empty());
  }
  std::size_t explain = 0;
  for (const auto& column : en) explain += column.explain ? 1 : 0;
  CHECK(explain == 6);
  CHECK(en.back().name == "flip_to");
}

// Holds once the lead's new CSV columns (unknown_red_flags ... answered) are in append_csv_header: run
// `wegwijzer_tests "[codebook][columns]"` after merging.
TEST_CASE("codebook columns are the header of score --format csv (without --keep and --explain)",
          "[codebook][columns]") {
  const Bank bank = load_builtin_bank();
  std::string header;
  append_csv_header(header, bank, false);
  REQUIRE(!header.empty());
  REQUIRE(header.back() == '\n');
  header.pop_back();
  std::vector<std::string> names;
  for (const auto& column : cli::codebook_columns(bank, "en")) {
    if (!column.explain) names.push_back(column.name);
  }
  CHECK(split(header, ',') == names);
}

TEST_CASE("codebook goldens of the default bank: Markdown and CSV, nl and en", "[codebook][golden]") {
  const Bank bank = load_builtin_bank();
  for (const std::string language : {"nl", "en"}) {
    SECTION("codebook." + language + ".md") {
      test::check_golden("codebook." + language + ".md", render_codebook(bank, CodebookFormat::markdown, language),
                         "codebook");
    }
    SECTION("codebook." + language + ".csv") {
      test::check_golden("codebook." + language + ".csv", render_codebook(bank, CodebookFormat::csv, language),
                         "codebook");
    }
  }
}

TEST_CASE("wegwijzer codebook: formats, languages, a missing bank, --out", "[codebook][app]") {
  auto csv = test::run({"codebook", "--format", "csv"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.out.rfind("section,variable,variable_label,type,code,value,value_label,points,unknown,required,shown_if\n",
                      0) == 0);
  CHECK(csv.err.empty());

  auto english = test::run({"codebook"}, "", {{"LANG", "en_GB.UTF-8"}});
  CHECK(english.exit_code == 0);
  CHECK(english.out.rfind("# Codebook: ", 0) == 0);
  auto dutch = test::run({"codebook", "--lang", "nl"}, "", {{"LANG", "en_GB.UTF-8"}});
  CHECK(dutch.out.rfind("# Codeboek: ", 0) == 0);

  auto json = test::run({"codebook", "--format", "json", "--lang", "en"});
  CHECK(json.exit_code == 0);
  CHECK(nlohmann::json::parse(json.out)["bank"]["id"] == "wegwijzer-default");

  auto missing = test::run({"codebook", "--bank", "practicioner"});
  CHECK(missing.exit_code == 66);
  CHECK(missing.err.find("practicioner") != std::string::npos);
  CHECK(missing.err.find("the built-in banks are default, practitioner") != std::string::npos);
  CHECK(missing.out.empty());

  CHECK(test::run({"codebook", "--format", "pdf"}).exit_code == 64);

  char directory[] = "/tmp/wegwijzer-codebook-XXXXXX";
  REQUIRE(::mkdtemp(directory) != nullptr);
  const std::string path = std::string(directory) + "/codebook.csv";
  auto written = test::run({"codebook", "--format", "csv", "-o", path});
  CHECK(written.exit_code == 0);
  CHECK(written.out.empty());
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(test::read_file(path) == csv.out);
  std::remove(path.c_str());
  ::rmdir(directory);

  auto dash = test::run({"codebook", "--format", "csv", "-o", "-"});
  CHECK(dash.exit_code == 0);
  CHECK(dash.out == csv.out);
  CHECK(test::run({"codebook", "-o", "/nonexistent-dir/x.md"}).exit_code == 73);
}
