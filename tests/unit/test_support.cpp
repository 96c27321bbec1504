#include "test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <tuple>

#include "wegwijzer/bank/bank_loader.hpp"

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

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

namespace {
auto fields(const Reason& r) { return std::tie(r.kind, r.question, r.option, r.rule, r.outcome, r.effect); }
auto fields(const RankedOutcome& r) { return std::tie(r.outcome, r.score, r.margin, r.excluded); }
auto fields(const ScaleValue& s) { return std::tie(s.scale, s.value, s.band, s.answered_items); }
auto fields(const RaisedFlag& f) { return std::tie(f.rule, f.tier); }

template <typename T>
bool same_items(const std::vector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const T& x, const T& y) { return fields(x) == fields(y); });
}
}  // namespace

bool same_result(const Result& a, const Result& b) {
  return a.status == b.status && a.missing == b.missing && a.ignored == b.ignored && a.shown == b.shown &&
         a.scores == b.scores && same_items(a.scales, b.scales) && a.fired_rules == b.fired_rules &&
         same_items(a.red_flags, b.red_flags) && a.urgency == b.urgency && a.recommendation == b.recommendation &&
         same_items(a.ranking, b.ranking) && same_items(a.reasons, b.reasons) &&
         a.unknown_red_flags == b.unknown_red_flags && a.notes == b.notes && a.close_call == b.close_call;
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

std::string escape_some(const std::string& json, std::mt19937_64& random, unsigned one_in) {
  std::string out;
  bool in_string = false;
  for (char c : json) {
    if (c == '"') in_string = !in_string;
    const bool letter = (c >= 'a' && c <= 'z') || c == '_';
    if (in_string && letter && random() % one_in == 0) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
      out += escape;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace wegwijzer::test
