// `wegwijzer check` and --bank loading, run in-process.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/commands.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/support/error.hpp"

using wegwijzer::test::run;
using wegwijzer::test::test_path;

namespace {
std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}
}  // namespace

TEST_CASE("check passes the built-in bank", "[check]") {
  auto result = run({"check"});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("<built-in>: 0 errors, "));
}

TEST_CASE("check prints nothing but the summary for a clean bank", "[check]") {
  std::string bank = test_path("banks/good/minimal.json");
  auto result = run({"check", "--bank", bank});
  CHECK(result.exit_code == 0);
  CHECK(result.out == bank + ": 0 errors, 0 warnings\n");
  CHECK(result.err.empty());
}

TEST_CASE("check reports a truncated bank with line and column", "[check]") {
  std::string bank = test_path("banks/bad/truncated.json");
  auto result = run({"check", "--bank", bank});
  CHECK(result.exit_code == 65);
  CHECK(std::regex_search(result.out, std::regex(std::regex_replace(bank, std::regex("[.]"), "[.]") +
                                                 ":[0-9]+:[0-9]+: error: unexpected end of file")));
  CHECK_THAT(result.out, Catch::EndsWith(bank + ": 1 error, 0 warnings\n"));
}

TEST_CASE("check names a duplicated question id and its pointer", "[check]") {
  std::string bank = test_path("banks/bad/duplicate_question_id.json");
  auto result = run({"check", "--bank", bank});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.out, Catch::Contains(bank + ": /questions/2/id: error: duplicate question id 'need'"));
}

TEST_CASE("warnings alone do not fail check", "[check]") {
  std::string bank = test_path("banks/bad/warnings_only.json");
  auto result = run({"check", "--bank", bank});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains(bank + ": /questions/2: warning: question 'topics' cannot influence"));
  CHECK_THAT(result.out, Catch::EndsWith(": 0 errors, 1 warning\n"));
}

TEST_CASE("check: a missing file exits 66 and the other banks are still checked", "[check]") {
  std::string missing = test_path("banks/does-not-exist.json");
  std::string bad = test_path("banks/bad/never_shown.json");
  auto result = run({"check", "--bank", missing, "--bank", bad});
  CHECK(result.exit_code == 66);
  CHECK_THAT(result.err, Catch::Contains("cannot read bank '" + missing + "': No such file or directory"));
  CHECK_THAT(result.out, Catch::Contains(bad + ": /questions/3/show_if: error: this condition can never be true"));
  CHECK_THAT(result.out, Catch::Contains(bad + ": 2 errors, 0 warnings"));

  auto only_missing = run({"check", "--bank", missing});
  CHECK(only_missing.exit_code == 66);
  auto directory = run({"check", "--bank", test_path("banks")});
  CHECK(directory.exit_code == 66);
}

TEST_CASE("check takes several banks; the worst exit code wins", "[check]") {
  std::string good = test_path("banks/good/minimal.json");
  std::string bad = test_path("banks/bad/duplicate_question_id.json");
  auto result = run({"check", "--bank", good, "--bank", bad, "--bank", good});
  CHECK(result.exit_code == 65);
  CHECK(count_lines(result.out) == 4);
  CHECK_THAT(result.out, Catch::StartsWith(good + ": 0 errors"));
}

TEST_CASE("check --bank takes one file; a further argument is a bank file of its own", "[check]") {
  auto result = run({"check", "--bank", test_path("banks/good/minimal.json"), "stray"});
  CHECK(result.exit_code == 66);  // the missing file "stray" (issue 21: check takes files as arguments)
  CHECK_THAT(result.out, Catch::Contains(test_path("banks/good/minimal.json") + ": 0 errors"));
  CHECK_THAT(result.err, Catch::Contains("cannot read bank 'stray'"));
}

TEST_CASE("check --help describes the command", "[check]") {
  auto result = run({"check", "--help"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("--bank"));
  CHECK_THAT(result.out, Catch::Contains("--witness"));
}

TEST_CASE("check strips terminal control sequences from findings", "[check]") {
  std::string text = wegwijzer::test::read_file(test_path("banks/good/minimal.json"));
  text.insert(text.find('{') + 1, "\"\\u001b[2J\\u202e\": 1,");
  std::string path = test_path("banks/escape.tmp.json");
  { std::ofstream(path) << text; }
  auto result = run({"check", "--bank", path});
  std::remove(path.c_str());
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.out, Catch::Contains("unknown key"));
  CHECK(result.out.find('\x1b') == std::string::npos);
  CHECK(result.out.find("\xe2\x80\xae") == std::string::npos);
}

TEST_CASE("check --witness shows an answer set or an error for every outcome and urgency", "[check]") {
  std::string bank = test_path("banks/good/minimal.json");
  auto result = run({"check", "--witness", "--bank", bank});
  INFO(result.out);
  bool any_error = result.out.find(": error: ") != std::string::npos;
  CHECK(result.exit_code == (any_error ? 65 : 0));
  bool not_searched = result.out.find("not searched") != std::string::npos;
  for (const char* outcome : {"werkbegeleiding", "coaching", "supervisie", "therapie"}) {
    bool shown = result.out.find(bank + ": witness: outcome " + outcome + ": {") != std::string::npos;
    bool missing =
        result.out.find(std::string("no answer set leads to outcome '") + outcome + "'") != std::string::npos;
    CHECK((shown || missing || not_searched));
  }
  for (const char* urgency : {"routine", "prompt", "crisis"}) {
    bool shown = result.out.find(bank + ": witness: urgency " + urgency + ": {") != std::string::npos;
    bool missing =
        result.out.find(std::string("no answer set leads to urgency '") + urgency + "'") != std::string::npos;
    CHECK((shown || missing || not_searched));
  }
}

TEST_CASE("check: --bank loading for the other commands", "[check]") {
  std::istringstream in;
  std::ostringstream out, err;
  wegwijzer::Io io{in, out, err};
  SECTION("no path: the built-in bank") { CHECK(wegwijzer::cli::load_bank_option("", io).source_name == "<built-in>"); }
  SECTION("a valid file; warnings are not printed") {
    auto bank = wegwijzer::cli::load_bank_option(test_path("banks/bad/warnings_only.json"), io);
    CHECK(bank.questions.size() == 5);
    CHECK(err.str().empty());
  }
  SECTION("a missing file") {
    try {
      wegwijzer::cli::load_bank_option(test_path("banks/nope.json"), io);
      FAIL("no exception");
    } catch (const wegwijzer::Fatal& fatal) {
      CHECK(fatal.code() == wegwijzer::ExitCode::no_input);
      CHECK_THAT(fatal.what(), Catch::Contains("cannot read bank '" + test_path("banks/nope.json") + "': "));
    }
  }
  SECTION("an invalid bank: its errors, then a pointer to check") {
    std::string path = test_path("banks/bad/yes_no_without_no.json");
    try {
      wegwijzer::cli::load_bank_option(path, io);
      FAIL("no exception");
    } catch (const wegwijzer::Fatal& fatal) {
      CHECK(fatal.code() == wegwijzer::ExitCode::data);
      CHECK(std::string(fatal.what()) ==
            "the bank '" + path + "' is invalid (2 errors); run 'wegwijzer check --bank " + path + "'");
      CHECK(count_lines(err.str()) == 2);
      CHECK_THAT(err.str(), Catch::Contains(path + ": /questions/3/options: error:"));
    }
  }
  SECTION("conditions that can never be true: only check looks for them, so the bank loads") {
    auto bank = wegwijzer::cli::load_bank_option(test_path("banks/bad/never_shown.json"), io);
    CHECK(bank.questions.size() == 5);
    CHECK(err.str().empty());
  }
}

namespace {
/// Runs `check` on a bank written from `text`; returns the output.
std::string check_text(const std::string& text, const std::string& name) {
  std::string path = test_path("banks/" + name + ".tmp.json");
  { std::ofstream(path, std::ios::binary) << text; }
  auto result = run({"check", "--bank", path});
  std::remove(path.c_str());
  CHECK(result.exit_code == 65);
  return result.out;
}
}  // namespace

TEST_CASE("check adds plain hints to common JSON syntax errors", "[check]") {
  const std::string good = wegwijzer::test::read_file(test_path("banks/good/minimal.json"));
  SECTION("a trailing comma in an array or object") {
    std::string text = good;
    auto close = text.find(']');  // the first array's end
    text.insert(close, ",");
    CHECK_THAT(check_text(text, "trailing_array"), Catch::Contains("; remove the comma after the last item"));
    CHECK_THAT(check_text("{\"a\": 1,\n}", "trailing_object"), Catch::Contains("remove the comma after the last item"));
  }
  SECTION("a missing comma between two items") {
    std::string out = check_text("{\"a\": 1\n \"b\": 2}", "missing_comma");
    CHECK_THAT(out, Catch::Contains(":2:"));
    CHECK_THAT(out, Catch::Contains("a comma is probably missing before this"));
    CHECK_THAT(check_text("[1\n 2]", "missing_comma_array"), Catch::Contains("a comma is probably missing"));
  }
  SECTION("comments") {
    CHECK_THAT(check_text("{\n  // note\n  \"a\": 1}", "line_comment"), Catch::Contains("JSON has no comments"));
    CHECK_THAT(check_text("{\n  /* note */\n  \"a\": 1}", "block_comment"), Catch::Contains("JSON has no comments"));
  }
  SECTION("curly quotes") {
    std::string out = check_text("{\"a\": \xe2\x80\x9csecret\xe2\x80\x9d}", "curly_value");
    CHECK_THAT(out, Catch::Contains("use straight double quotes \""));
    CHECK(out.find("secret") == std::string::npos);  // never echoes the input
    CHECK_THAT(check_text("{\xe2\x80\x9c"
                          "a\xe2\x80\x9d: 1}",
                          "curly_key"),
               Catch::Contains("use straight double quotes"));
  }
  SECTION("an empty file") {
    std::string out = check_text("", "empty");
    CHECK_THAT(out, Catch::Contains("error: the file is empty"));
    CHECK_THAT(check_text(" \n\t\n", "blank"), Catch::Contains("the file is empty"));
  }
  SECTION("other errors get no hint") {
    std::string out = check_text("{\"a\": tru}", "bad_literal");
    CHECK(out.find("comma") == std::string::npos);
    CHECK(out.find("comments") == std::string::npos);
    CHECK(out.find("quotes") == std::string::npos);
  }
}

TEST_CASE("check --witness says what to do when an urgency is unreachable", "[check]") {
  // minimal.json has a crisis red flag but nothing that raises the urgency to "prompt".
  auto result = run({"check", "--witness", "--bank", test_path("banks/good/minimal.json")});
  INFO(result.out);
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.out, Catch::Contains("/rules: error: no answer set leads to urgency 'prompt'; no rule raises it "
                                         "and no red flag of this tier exists; add a rule with \"urgency\": "
                                         "\"prompt\" or check the conditions that should raise it"));
  CHECK_THAT(result.out, Catch::Contains("witness: urgency crisis"));
}

TEST_CASE("check --sensitivity lists the questions whose answer alone changes the advice", "[check][counterfactual]") {
  auto result = run({"check", "--sensitivity", "--samples", "500"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("<built-in>: sensitivity: ") != std::string::npos);
  CHECK(result.out.find("of 500 sampled answer sets have advice that no red flag decides") != std::string::npos);
  CHECK(result.out.find("<built-in>: sensitivity: 'need' in ") != std::string::npos);
  CHECK(result.out.find("<built-in>: 0 errors") != std::string::npos);
  CHECK(run({"check", "--sensitivity", "--samples", "500"}).out == result.out);  // the same sample each run
  CHECK(run({"check", "--samples", "5"}).exit_code == 64);                       // --samples needs --sensitivity
  CHECK(run({"check"}).out.find("sensitivity") == std::string::npos);            // only when asked
}
