#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "test_support.hpp"

using wegwijzer::test::run;

TEST_CASE("version and help flags work", "[app]") {
  auto version = run({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("wegwijzer ") == 0);
  auto help = run({"--help"});
  CHECK(help.exit_code == 0);
  for (const char* sub : {"ask", "check", "score", "sample"}) CHECK(help.out.find(sub) != std::string::npos);
}

TEST_CASE("every subcommand has its own --help", "[app]") {
  for (const char* sub : {"ask", "check", "score", "sample"}) {
    auto help = run({sub, "--help"});
    INFO(sub);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find(sub) != std::string::npos);
    CHECK(help.err.empty());
  }
}

TEST_CASE("an unknown option is a usage error with exit 64", "[app]") {
  auto result = run({"check", "--no-such-flag"});
  CHECK(result.exit_code == 64);
  CHECK(result.err.find("--help") != std::string::npos);
  CHECK(run({"frobnicate"}).exit_code == 64);
  auto sub = run({"score", "--bogus"});
  CHECK(sub.exit_code == 64);
  CHECK(sub.err.find("wegwijzer score --help") != std::string::npos);
}

TEST_CASE("options without a subcommand go to ask", "[app]") {
  // Piped empty input: the questionnaire starts in English and ends incomplete (65), not a usage error.
  auto result = run({"--lang", "en"}, "");
  CHECK(result.exit_code == 65);
  CHECK(result.err.find("incomplete") != std::string::npos);
  CHECK(result.out.find("Question") != std::string::npos);
}

TEST_CASE("wegwijzer help [COMMAND] shows the same text as --help", "[app]") {
  auto help = run({"help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out == run({"--help"}).out);
  for (const char* sub : {"ask", "check", "score", "sample"}) {
    INFO(sub);
    auto one = run({"help", sub});
    CHECK(one.exit_code == 0);
    CHECK(one.out == run({sub, "--help"}).out);
  }
  auto unknown = run({"help", "scroe"});
  CHECK(unknown.exit_code == 64);
  CHECK(unknown.err.find("unknown command 'scroe'; did you mean 'score'?") != std::string::npos);
}

TEST_CASE("a mistyped command suggests the nearest one", "[app]") {
  for (const auto& [typed, nearest] :
       {std::pair{"scroe", "score"}, {"chek", "check"}, {"sampel", "sample"}, {"ak", "ask"}, {"sco", "score"}}) {
    INFO(typed);
    auto result = run({typed});
    CHECK(result.exit_code == 64);
    CHECK(result.err.find(std::string("unknown command '") + typed + "'; did you mean '" + nearest + "'?") !=
          std::string::npos);
  }
  auto far = run({"frobnicate"});
  CHECK(far.exit_code == 64);
  CHECK(far.err.find("unknown command 'frobnicate'\n") != std::string::npos);  // nothing near: no guess
}

TEST_CASE("a mistyped option suggests the nearest option of its command", "[app]") {
  for (const auto& [args, nearest] :
       {std::pair{std::vector<std::string>{"ask", "--explian"}, "--explain"},
        {std::vector<std::string>{"score", "--fromat", "csv"}, "--format"},
        {std::vector<std::string>{"--lnag", "en"}, "--lang"},  // before any command: ask's options
        {std::vector<std::string>{"check", "--witnes"}, "--witness"},
        {std::vector<std::string>{"sample", "--count", "3", "--sed", "1"}, "--seed"}}) {
    INFO(args.front() << " " << args[1]);
    auto result = run(args);
    CHECK(result.exit_code == 64);
    CHECK(result.err.find(std::string("; did you mean '") + nearest + "'?") != std::string::npos);
  }
  auto far = run({"score", "--zzzzzz"});
  CHECK(far.exit_code == 64);
  CHECK(far.err.find("did you mean") == std::string::npos);  // nothing near: no guess
}

TEST_CASE("every subcommand's help has an example, and --bank reads FILE|NAME everywhere", "[app]") {
  for (const char* sub : {"ask", "check", "score", "sample", "help", "banks", "completion"}) {
    INFO(sub);
    auto help = run({sub, "--help"});
    CHECK(help.out.find("Example") != std::string::npos);
    CHECK(help.out.find(std::string("wegwijzer ") + sub) != std::string::npos);
    const std::string name = sub;
    if (name != "help" && name != "completion") CHECK(help.out.find("--bank FILE|NAME") != std::string::npos);
  }
}

TEST_CASE("check takes bank files as arguments, as with --bank", "[app][check]") {
  const std::string good = wegwijzer::test::test_path("banks/good/minimal.json");
  const std::string bad = wegwijzer::test::test_path("banks/bad/yes_no_without_no.json");
  auto one = run({"check", good});
  CHECK(one.exit_code == 0);
  CHECK(one.out.find(good + ": 0 errors") != std::string::npos);
  auto both = run({"check", good, "--bank", bad});
  CHECK(both.exit_code == 65);
  CHECK(both.out.find(good + ": 0 errors") != std::string::npos);
  CHECK(both.out.find(bad + ": ") != std::string::npos);
}
