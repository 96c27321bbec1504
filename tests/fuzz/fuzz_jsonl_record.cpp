// Fuzz target: one JSON Lines answer record scored against the built-in bank by the batch scorer's
// per-record entry point (RecordScorer::score_json_line, the hot path of `wegwijzer score`), into
// both output formats. Properties: no crash, no sanitizer report; the JSON Lines output is exactly
// one line of valid JSON, and both outputs are valid UTF-8 without any control character,
// C1 control or bidi override (ids and messages are escaped or sanitised).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "wegwijzer/bank_loader.hpp"
#include "wegwijzer/batch.hpp"
#include "wegwijzer/batch_reader.hpp"
#include "wegwijzer/batch_scorer.hpp"

namespace {

using namespace wegwijzer;

const Bank& bank() {
  static const Bank loaded = load_builtin_bank();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static RecordScorer jsonl_scorer(bank(), BatchLimits{}, BatchFormat::jsonl);
  static RecordScorer csv_scorer(bank(), BatchLimits{}, BatchFormat::csv);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The reader hands the scorer one line without its newline, padded for simdjson.
  std::string_view line = input.substr(0, input.find('\n'));
  std::string buffer(line);
  buffer.append(batch_json_padding, ' ');
  line = std::string_view(buffer).substr(0, line.size());

  BatchTally tally = BatchTally::for_bank(bank());
  std::string out;
  jsonl_scorer.score_json_line(line, 1, out, tally);
  if (out.empty() || out.back() != '\n' || out.find('\n') != out.size() - 1) fuzz::fail("not exactly one output line");
  out.pop_back();
  if (!nlohmann::json::accept(out)) fuzz::fail("output record is not valid JSON");
  fuzz::require_terminal_safe(out, "JSON Lines output record");
  if (tally.records != 1 || tally.scored + tally.errors != 1) fuzz::fail("tally does not count one record");

  std::string csv;
  csv_scorer.score_json_line(line, 1, csv, tally);
  fuzz::require_terminal_safe(csv, "CSV output record");
  return 0;
}
