#pragma once
// Helpers shared by the tests: paths, bank loading and running the CLI with string streams.
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/cli/cli.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer::test {

/// Absolute path of a file under tests/ (e.g. "banks/duplicate_id.json").
std::string test_path(const std::string& relative);
/// Absolute path of a file under the source tree (e.g. "data/banks/default.json").
std::string source_path(const std::string& relative);
/// Reads a whole file; fails the test when it cannot.
std::string read_file(const std::string& path);
/// Loads a bank file and fails the test (printing diagnostics) when it has errors.
Bank load_test_bank(const std::string& path);

/// The lines of `text`, without their newlines.
std::vector<std::string> split_lines(const std::string& text);

/// `json` (JSON text) with about one in `one_in` lower-case letters or underscores inside strings
/// written as \u escapes: the same JSON value, spelled so that a parser must decode it.
std::string escape_some(const std::string& json, std::mt19937_64& random, unsigned one_in);

/// True when two results agree in every field (for determinism and equivalence tests).
bool same_result(const Result& a, const Result& b);

/// What a CLI run produced.
struct CliRun {
  int exit_code = 0;
  std::string out;
  std::string err;
};
/// Runs the CLI in-process with `args`, `input` as standard input (not a terminal) and `env`.
CliRun run(const std::vector<std::string>& args, const std::string& input = "",
           std::map<std::string, std::string> env = {});

}  // namespace wegwijzer::test
