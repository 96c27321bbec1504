#include <catch2/catch.hpp>

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
