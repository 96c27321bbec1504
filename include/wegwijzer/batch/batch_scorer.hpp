#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"

namespace wegwijzer {

/// How a RecordScorer reads JSON Lines records. Both read every record alike; tests compare them.
enum class JsonReading {
  scan_first,     ///< simple records by the strict scanner (jsonl_scan.hpp), the others by simdjson
  simdjson_only,  ///< every record by simdjson
};

/// Scores the records of a batch into output lines. One per thread: it reuses its JSON parser,
/// answer set and buffers, so per-record work allocates little.
class RecordScorer {
 public:
  /// Scores against `bank` (which must outlive the scorer) and writes `output` records. `reading` is for
  /// tests; the output is the same either way. With `explain`, scored records carry their nearest flip. `input`:
  /// how records are read (--strict, --id, --keep, --codes).
  RecordScorer(const Bank& bank, const BatchLimits& limits, BatchFormat output,
               JsonReading reading = JsonReading::scan_first, bool explain = false,
               const BatchInputOptions& input = {});
  ~RecordScorer();
  RecordScorer(const RecordScorer&) = delete;
  RecordScorer& operator=(const RecordScorer&) = delete;

  /// Appends exactly one output line per record of `batch` to `out`, in order, and counts into `tally`.
  void score(const RecordBatch& batch, std::string& out, BatchTally& tally);

  /// Scores one JSON Lines record. `line` must stay readable for batch_json_padding bytes past its end.
  void score_json_line(std::string_view line, std::uint64_t line_number, std::string& out, BatchTally& tally);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wegwijzer
