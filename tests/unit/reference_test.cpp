// The command line's reference (issue 21): man pages and completion generated from the CLI definitions, and the
// named built-in banks behind `--bank FILE|NAME` and `wegwijzer banks`.
#include "wegwijzer/cli/reference.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"

using wegwijzer::test::run;

namespace {

/// The CLI as run_cli defines it, for walking its commands and options.
struct Cli {
  std::istringstream in;
  std::ostringstream out, err;
  wegwijzer::Io io{in, out, err};
  wegwijzer::cli::Context context{io, {}};
  CLI::App app{"", "wegwijzer"};
  Cli() { wegwijzer::cli::define_commands(app, context); }
};

/// What a man page shows for a text (hyphens and backslashes escaped as roff needs them).
std::string as_roff(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '-' ? std::string("\\-") : c == '\\' ? std::string("\\e") : std::string(1, c);
  return out;
}

std::map<std::string, std::string> pages_by_name() {
  std::map<std::string, std::string> pages;
  for (const wegwijzer::ManPage& page : wegwijzer::command_man_pages()) pages[page.file_name] = page.text;
  return pages;
}

}  // namespace

TEST_CASE("there is a man page for the program and for every subcommand", "[reference]") {
  Cli cli;
  auto pages = pages_by_name();
  CHECK(pages.size() == cli.app.get_subcommands({}).size() + 1);
  REQUIRE(pages.count("wegwijzer.1") == 1);
  for (const CLI::App* sub : cli.app.get_subcommands({})) {
    INFO(sub->get_name());
    REQUIRE(pages.count("wegwijzer-" + sub->get_name() + ".1") == 1);
    // The program's page lists the command with its description.
    CHECK(pages["wegwijzer.1"].find("\\fB" + sub->get_name() + "\\fR") != std::string::npos);
  }
}

TEST_CASE("each command's man page carries its --help: every option, its description and the examples", "[reference]") {
  Cli cli;
  auto pages = pages_by_name();
  for (const CLI::App* sub : cli.app.get_subcommands({})) {
    const std::string& page = pages["wegwijzer-" + sub->get_name() + ".1"];
    INFO(sub->get_name());
    std::string upper = sub->get_name();
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    CHECK(page.rfind(".TH WEGWIJZER\\-" + upper + " 1 ", 0) == 0);
    for (const CLI::Option* option : sub->get_options()) {
      INFO(option->get_name());
      std::istringstream lines(option->get_description());
      for (std::string line; std::getline(lines, line);) CHECK(page.find(as_roff(line)) != std::string::npos);
      for (const std::string& name : option->get_lnames())
        CHECK(page.find("\\-\\-" + as_roff(name)) != std::string::npos);
    }
    // The help's footer (notes and examples) appears line by line: the text --help shows after the options.
    std::istringstream footer(sub->get_footer());
    for (std::string line; std::getline(footer, line);) {
      std::size_t start = line.find_first_not_of(' ');
      if (start != std::string::npos) CHECK(page.find(as_roff(line.substr(start))) != std::string::npos);
    }
  }
}

TEST_CASE("man pages are well-formed roff: text never starts a line with a control character", "[reference]") {
  const std::regex request(R"(^\.(TH|SH|SS|TP|PP|B|RI|nf|fi|br|IP|RS|RE)( .*)?$)");
  for (const auto& [name, page] : pages_by_name()) {
    INFO(name);
    CHECK(page.rfind(".TH ", 0) == 0);
    CHECK(page.find(".SH NAME\n") != std::string::npos);
    CHECK(page.find(".SH SEE ALSO\n") != std::string::npos);
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
      INFO(line);
      if (!line.empty() && (line[0] == '.' || line[0] == '\'')) CHECK(std::regex_match(line, request));
    }
  }
}

TEST_CASE("the completion scripts offer every command and option, and the value choices", "[reference]") {
  Cli cli;
  const std::string bash = wegwijzer::completion_script("bash");
  const std::string zsh = wegwijzer::completion_script("zsh");
  CHECK(wegwijzer::completion_script("fish").empty());
  CHECK(zsh.rfind("#compdef wegwijzer\n", 0) == 0);
  std::string commands;
  for (const CLI::App* sub : cli.app.get_subcommands({})) {
    commands += (commands.empty() ? "" : " ") + sub->get_name();
    CHECK(zsh.find("'" + sub->get_name() + ":") != std::string::npos);
    for (const CLI::Option* option : sub->get_options()) {
      for (const std::string& name : option->get_lnames()) {
        INFO(sub->get_name() + " --" + name);
        CHECK(bash.find(" --" + name) != std::string::npos);  // in the command's option list
        // An option with a value has its own completion entry; a flag has none.
        const bool has_entry = bash.find("\"" + sub->get_name() + " --" + name + "\")") != std::string::npos;
        CHECK(has_entry == (option->get_expected_max() > 0));
        CHECK(zsh.find("--" + name) != std::string::npos);
      }
    }
  }
  CHECK(bash.find("_wegwijzer_commands=\"" + commands + "\"") != std::string::npos);
  CHECK(bash.find("\"score --format\") _wegwijzer_words \"jsonl csv fhir\"") != std::string::npos);
  CHECK(bash.find("\"ask --format\") _wegwijzer_words \"text markdown json fhir\"") != std::string::npos);
  CHECK(bash.find("\"ask --lang\") _wegwijzer_languages") != std::string::npos);
  CHECK(bash.find("\"score --bank\") _wegwijzer_banks") != std::string::npos);
  CHECK(zsh.find("--format=[Output format\\: jsonl (default), csv or fhir]:TEXT:(jsonl csv fhir)") !=
        std::string::npos);
}

TEST_CASE("wegwijzer completion prints the script, and refuses another shell", "[reference][app]") {
  auto bash = run({"completion", "bash"});
  CHECK(bash.exit_code == 0);
  CHECK(bash.out == wegwijzer::completion_script("bash"));
  auto fish = run({"completion", "fish"});
  CHECK(fish.exit_code == 64);
  CHECK(fish.err.find("bash") != std::string::npos);
  CHECK(run({"completion"}).exit_code == 64);
}

TEST_CASE("wegwijzer banks lists the built-in banks with version and languages", "[reference][app]") {
  wegwijzer::Bank builtin = wegwijzer::load_builtin_bank();
  auto list = run({"banks"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.rfind("NAME", 0) == 0);
  // One row per bank, the names in a column as wide as the longest ("practitioner").
  CHECK(list.out.find("\ndefault       " + builtin.version + "  ") != std::string::npos);
  CHECK(list.out.find("nl,en") != std::string::npos);
  CHECK(list.out.find(builtin.title.in("nl")) != std::string::npos);  // no LANG: Dutch, as ask
  auto english_list = run({"banks"}, "", {{"LANG", "en_GB.UTF-8"}});
  CHECK(english_list.out.find(builtin.title.in("en")) != std::string::npos);
  CHECK(builtin.title.in("en") != builtin.title.in("nl"));
  auto names = run({"banks", "--names"});
  CHECK(names.out == "default\npractitioner\n");
  wegwijzer::Bank practitioner = wegwijzer::load_builtin_bank("practitioner");
  CHECK(list.out.find("\npractitioner  " + practitioner.version + "  ") != std::string::npos);
  CHECK(list.out.find(practitioner.title.in("nl")) != std::string::npos);
  CHECK(english_list.out.find(practitioner.title.in("en")) != std::string::npos);
  CHECK(run({"banks", "--languages", "--bank", "practitioner"}).out == "nl\nen\n");
  CHECK(run({"banks", "--languages"}).out == "nl\nen\n");
  auto english = run({"banks", "--languages", "--bank", wegwijzer::test::test_path("banks/session_bank_en.json")});
  CHECK(english.exit_code == 0);
  CHECK(english.out == "en\n");
  CHECK(run({"banks", "--names", "--languages"}).exit_code == 64);
  CHECK(run({"banks", "--bank", "default"}).exit_code == 64);  // --bank only says whose languages
}

TEST_CASE("a built-in bank's name works as --bank, and a path with a '/' is always a file", "[reference][app]") {
  auto named = run({"check", "default"});
  CHECK(named.exit_code == 0);
  CHECK(named.out.find("<built-in>: 0 errors") != std::string::npos);
  CHECK(run({"check", "--bank", "default"}).out == named.out);
  auto scored = run({"score", "--bank", "default"}, "{\"id\":\"r1\"}\n");
  CHECK(scored.out.find("\"id\":\"r1\"") != std::string::npos);

  wegwijzer::test::TempDir dir;
  std::string file = dir.file("default", "{ not a bank");
  auto from_file = run({"check", file});
  CHECK(from_file.exit_code == 65);
  CHECK(from_file.out.find(file + ":1:") != std::string::npos);

  auto unknown = run({"ask", "--bank", "practitoner"});
  CHECK(unknown.exit_code == 66);
  CHECK(unknown.err.find("cannot read bank 'practitoner'") != std::string::npos);
  CHECK(unknown.err.find("the built-in banks are default, practitioner; 'wegwijzer banks' lists them") !=
        std::string::npos);
  auto path = run({"ask", "--bank", dir.path + "/missing.json"});
  CHECK(path.exit_code == 66);
  CHECK(path.err.find("built-in banks") == std::string::npos);  // clearly a file: no hint about names
}
