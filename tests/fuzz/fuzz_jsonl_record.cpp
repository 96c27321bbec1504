// Fuzz target: one JSON Lines answer record scored against the built-in bank by the batch scorer's
// per-record entry point (RecordScorer::score_json_line, the hot path of `wegwijzer score`), into
// both output formats. Properties: no crash, no sanitizer report; the JSON Lines output is exactly
// one line of valid JSON, and both outputs are valid UTF-8 without any control character,
// C1 control or bidi override (ids and messages are escaped or sanitised); the JSON one without U+2028/U+2029
// or any bidi control either (require_json_escaped). Each input is also scored by
// simdjson alone (JsonReading::simdjson_only): the strict scanner's fast path must write the same bytes.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "wegwijzer/bank/bank_loader.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"
#include "wegwijzer/batch/batch_scorer.hpp"

namespace {

using namespace wegwijzer;

const Bank& bank() {
  static const Bank loaded = load_builtin_bank();
  return loaded;
}

/// Scores `line` with `scorer` (a fresh tally) and returns the output.
std::string scored(RecordScorer& scorer, std::string_view line, BatchTally& tally) {
  tally = BatchTally::for_bank(bank());
  std::string out;
  scorer.score_json_line(line, 1, out, tally);
  return out;
}

/// Whether two tallies count alike.
bool same_tally(const BatchTally& a, const BatchTally& b) {
  return a.records == b.records && a.scored == b.scored && a.errors == b.errors &&
         a.recommendations == b.recommendations && a.urgencies == b.urgencies && a.red_flags == b.red_flags &&
         a.codes == b.codes;
}

/// Fails unless the scanning scorer and the simdjson-only one write and count the same for `line`.
void require_same_paths(RecordScorer& scanning, RecordScorer& simdjson_only, std::string_view line) {
  BatchTally scanning_tally;
  BatchTally reference_tally;
  if (scored(scanning, line, scanning_tally) != scored(simdjson_only, line, reference_tally)) {
    fuzz::fail("the scanner's fast path and simdjson write different records");
  }
  if (!same_tally(scanning_tally, reference_tally)) fuzz::fail("the scanner's fast path and simdjson count apart");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static RecordScorer jsonl_scorer(bank(), BatchLimits{}, BatchFormat::jsonl);
  static RecordScorer csv_scorer(bank(), BatchLimits{}, BatchFormat::csv);
  static RecordScorer jsonl_reference(bank(), BatchLimits{}, BatchFormat::jsonl, JsonReading::simdjson_only);
  static RecordScorer csv_reference(bank(), BatchLimits{}, BatchFormat::csv, JsonReading::simdjson_only);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The reader hands the scorer one line without its newline; in a batch the newline and the next line follow
  // it (here a tempting one: a scanner that read past the line would see a way to end it), then padding.
  std::string_view line = input.substr(0, input.find('\n'));
  std::string buffer(line);
  buffer += "\n\"]}\"}}";
  buffer.append(batch_json_padding, ' ');
  line = std::string_view(buffer).substr(0, line.size());

  BatchTally tally = BatchTally::for_bank(bank());
  std::string out;
  jsonl_scorer.score_json_line(line, 1, out, tally);
  if (out.empty() || out.back() != '\n' || out.find('\n') != out.size() - 1) fuzz::fail("not exactly one output line");
  out.pop_back();
  if (!nlohmann::json::accept(out)) fuzz::fail("output record is not valid JSON");
  fuzz::require_terminal_safe(out, "JSON Lines output record");
  fuzz::require_json_escaped(out, "raw control in a JSON Lines output record");
  if (tally.records != 1 || tally.scored + tally.errors != 1) fuzz::fail("tally does not count one record");

  std::string csv;
  csv_scorer.score_json_line(line, 1, csv, tally);
  fuzz::require_terminal_safe(csv, "CSV output record");

  require_same_paths(jsonl_scorer, jsonl_reference, line);
  require_same_paths(csv_scorer, csv_reference, line);
  return 0;
}
