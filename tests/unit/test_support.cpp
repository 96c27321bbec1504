#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "wegwijzer/bank_loader.hpp"

namespace wegwijzer::test {

std::string test_path(const std::string& relative) { return std::string(WEGWIJZER_TEST_DIR) + "/" + relative; }
std::string source_path(const std::string& relative) { return std::string(WEGWIJZER_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  INFO("reading " << path);
  REQUIRE(file.good());
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

Bank load_test_bank(const std::string& path) {
  LoadResult result = load_bank(read_file(path), path);
  for (const auto& diagnostic : result.diagnostics) UNSCOPED_INFO(diagnostic.format());
  REQUIRE(result.bank.has_value());
  return std::move(*result.bank);
}

CliRun run(const std::vector<std::string>& args, const std::string& input, std::map<std::string, std::string> env) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  Io io{in, out, err};
  io.environment = std::move(env);
  CliRun result;
  result.exit_code = run_cli(args, io);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace wegwijzer::test
