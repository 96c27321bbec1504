// Batch scoring behaviours found by testing the tool as a new user would.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "test_support.hpp"

using wegwijzer::test::run;

namespace {
std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = "/tmp/wegwijzer-score-cli-" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}
}  // namespace

TEST_CASE("score: a list for a single-choice question is a wrong_type record", "[score-cli]") {
  std::string bank = wegwijzer::test::test_path("batch/bank.json");
  std::string input = write_temp("list.jsonl", R"({"id":"a","answers":{"need":["task"]}})" "\n");
  auto result = run({"score", "--bank", bank, input});
  CHECK(result.exit_code == 65);
  CHECK(result.out.find("\"wrong_type\"") != std::string::npos);
  CHECK(result.out.find("\"id\":\"a\"") != std::string::npos);
  std::remove(input.c_str());
}

TEST_CASE("score: an unwritable --report fails before any output", "[score-cli]") {
  std::string input = write_temp("report.jsonl", R"({"id":"a","answers":{}})" "\n");
  auto result = run({"score", "--report", "/nonexistent-dir/report.txt", input});
  CHECK(result.exit_code == 73);
  CHECK(result.out.empty());
  CHECK(result.err.find("--report") != std::string::npos);
  CHECK(result.err.find("does not exist") != std::string::npos);
  std::remove(input.c_str());
}
