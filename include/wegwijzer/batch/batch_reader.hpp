#pragma once
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/batch/batch.hpp"

namespace wegwijzer {

struct CsvColumns;

/// Bytes readable after the last JSON line of a batch (simdjson's SIMDJSON_PADDING).
constexpr std::size_t batch_json_padding = 64;

/// One input record's place in a RecordBatch.
struct BatchRecord {
  std::uint64_t line = 0;  ///< 1-based line number where the record starts (per input file)
  std::size_t first = 0;   ///< JSON Lines: byte offset in RecordBatch::bytes; CSV: index of the first cell
  std::size_t size = 0;    ///< JSON Lines: line length; CSV: number of cells stored
  std::size_t fields = 0;  ///< CSV: number of fields in the record (may exceed `size`)
  bool too_long = false;   ///< longer than BatchLimits::max_line_bytes: nothing stored
  bool malformed = false;  ///< CSV: bad quoting
};

/// One CSV cell: its unquoted content in RecordBatch::bytes.
struct CsvCell {
  std::size_t offset = 0;
  std::size_t size = 0;
};

/// A group of consecutive records, the unit handed to a scoring thread. Reused to keep memory flat.
struct RecordBatch {
  BatchFormat format = BatchFormat::jsonl;
  std::shared_ptr<const CsvColumns> columns;  ///< CSV: what each column holds
  std::string bytes;                          ///< JSON Lines: each line plus '\n', then padding; CSV: cell contents
  std::vector<CsvCell> cells;                 ///< CSV cells of all records
  std::vector<BatchRecord> records;

  /// Empties the batch, keeping its capacity.
  void clear();
  /// The JSON line of record `r`.
  std::string_view line(const BatchRecord& r) const { return std::string_view(bytes).substr(r.first, r.size); }
  /// Cell `i` of the batch.
  std::string_view cell(std::size_t i) const { return std::string_view(bytes).substr(cells[i].offset, cells[i].size); }
};

/// Block reader over an input stream: reads large blocks, drops a leading UTF-8 byte-order mark,
/// and never holds more than the unconsumed bytes plus one block.
class ByteStream {
 public:
  /// Reads from `in`; `name` labels read errors.
  ByteStream(std::istream& in, std::string name, std::size_t block_bytes = std::size_t{1} << 20);
  /// The unconsumed bytes read so far (may be empty: call fill()).
  std::string_view available() const { return std::string_view(buffer_.data() + pos_, end_ - pos_); }
  /// Marks `n` bytes of available() as consumed.
  void consume(std::size_t n) {
    pos_ += n;
    offset_ += n;
  }
  /// How many bytes were consumed so far (the byte-order mark not counted).
  std::uint64_t offset() const { return offset_; }
  /// Reads another block after the unconsumed bytes; false at the end of input. Throws Fatal(io).
  bool fill();
  /// The unconsumed bytes, reading until there are at least `bytes` of them or the input ends.
  std::string_view peek(std::size_t bytes);
  /// The first byte that is not JSON whitespace, reading as needed; '\0' for an input without one.
  char first_non_blank();
  /// The name given at construction.
  const std::string& name() const { return name_; }

 private:
  std::istream& in_;
  std::string name_;
  std::size_t block_bytes_;
  std::string buffer_;  ///< bytes [0, end_) were read; the rest is room for the next block
  std::size_t end_ = 0;
  std::size_t pos_ = 0;
  std::uint64_t offset_ = 0;
  bool started_ = false;
  bool eof_ = false;
};

/// Splits JSON Lines input into batches of lines. Blank lines (only whitespace) are not records but
/// count for line numbers; a trailing CR is dropped; a line longer than the limit becomes a
/// too_long record and its bytes are skipped without being buffered.
class JsonlReader {
 public:
  /// Reads lines from `stream`.
  JsonlReader(ByteStream& stream, const BatchLimits& limits) : stream_(stream), limits_(limits) {}
  /// Clears `batch` and fills it with up to `max_records` records or about `max_bytes` bytes.
  /// False when the input is exhausted and no record was added.
  bool read_batch(RecordBatch& batch, std::size_t max_records, std::size_t max_bytes);

 private:
  void add_line(RecordBatch& batch, std::string_view line);
  ByteStream& stream_;
  BatchLimits limits_;
  std::uint64_t line_ = 1;  ///< number of the line being read
  bool skipping_ = false;   ///< inside an over-long line that was already reported
};

}  // namespace wegwijzer
