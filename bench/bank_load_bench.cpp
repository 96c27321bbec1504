// Bank loading benchmark: generates banks of 100, 1,000 and 10,000 questions in three shapes
// (tests/support/generated_banks.hpp) in memory and times load_bank, as an ordinary load (ask,
// score, sample) and as `check` loads (with the never-true analysis). See bench/README.md.
//
// Usage: wegwijzer_bank_load_bench [--rounds N] [--sizes 100,1000,10000] [--write DIR]
//   --rounds N  time every load N times and keep the best (default 3)
//   --sizes     the question counts (default 100,1000,10000)
//   --write DIR also write every generated bank to DIR/<shape>-<questions>.json (for timing the CLI)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "generated_banks.hpp"
#include "wegwijzer/bank/bank_loader.hpp"

namespace {

using wegwijzer::BankLimits;
using wegwijzer::LoadResult;
using wegwijzer::test::BankShape;

/// The best wall time of `rounds` loads, in seconds, and the result of the last one.
double time_load(const std::string& text, const BankLimits& limits, int rounds, LoadResult& result) {
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    auto start = std::chrono::steady_clock::now();
    result = wegwijzer::load_bank(text, "generated.json", limits);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  return best;
}

/// "ok", or the number of errors and warnings, and whether the analysis stopped early.
std::string outcome(const LoadResult& result) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool stopped = false;
  for (const auto& diagnostic : result.diagnostics) {
    if (diagnostic.severity == wegwijzer::Severity::error) {
      ++errors;
    } else {
      ++warnings;
      stopped = stopped || diagnostic.message.find("stopped early") != std::string::npos;
    }
  }
  if (errors == 0 && warnings == 0) return "ok";
  std::string text = std::to_string(errors) + " errors, " + std::to_string(warnings) + " warnings";
  return stopped ? text + " (analysis stopped early)" : text;
}

std::vector<std::size_t> parse_sizes(const std::string& list) {
  std::vector<std::size_t> sizes;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    sizes.push_back(std::strtoul(list.substr(start, comma - start).c_str(), nullptr, 10));
    start = comma + 1;
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  std::vector<std::size_t> sizes{100, 1000, 10000};
  std::string write_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string option = argv[i];
    if (option == "--rounds") {
      rounds = std::max(1, std::atoi(argv[i + 1]));
    } else if (option == "--sizes") {
      sizes = parse_sizes(argv[i + 1]);
    } else if (option == "--write") {
      write_dir = argv[i + 1];
    } else {
      std::fprintf(stderr, "usage: %s [--rounds N] [--sizes 100,1000,10000] [--write DIR]\n", argv[0]);
      return 64;
    }
  }
  const BankLimits defaults;
  std::printf("best of %d rounds; limits raised (questions, bytes) where a bank exceeds the defaults (%zu, %zu)\n",
              rounds, defaults.max_questions, defaults.max_bytes);
  std::printf("%-8s %9s %10s %7s %11s %11s %11s %11s  %s\n", "shape", "questions", "bytes", "limits", "load ms",
              "load us/q", "check ms", "check us/q", "check result");
  for (BankShape shape : {BankShape::flat, BankShape::chained, BankShape::wide}) {
    for (std::size_t questions : sizes) {
      const std::string text = wegwijzer::test::generate_bank(shape, questions);
      const std::string name = std::string(to_string(shape)) + "-" + std::to_string(questions);
      if (!write_dir.empty()) std::ofstream(write_dir + "/" + name + ".json", std::ios::binary) << text;
      BankLimits limits;
      const bool raised = questions > limits.max_questions || text.size() > limits.max_bytes;
      if (raised) {
        limits.max_questions = std::max(limits.max_questions, questions);
        limits.max_bytes = std::max(limits.max_bytes, text.size());
      }
      LoadResult loaded;
      const double load = time_load(text, limits, rounds, loaded);
      if (!loaded.bank) {
        std::fprintf(stderr, "%s did not load: %s\n", name.c_str(), outcome(loaded).c_str());
        return 1;
      }
      BankLimits check_limits = limits;
      check_limits.analyse_conditions = true;
      LoadResult checked;
      const double check = time_load(text, check_limits, rounds, checked);
      const double per_question = 1e6 / static_cast<double>(questions);
      std::printf("%-8s %9zu %10zu %7s %11.2f %11.2f %11.2f %11.2f  %s\n", std::string(to_string(shape)).c_str(),
                  questions, text.size(), raised ? "raised" : "default", load * 1e3, load * per_question, check * 1e3,
                  check * per_question, outcome(checked).c_str());
      std::fflush(stdout);
    }
  }
  return 0;
}
