#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/batch/batch.hpp"
#include "wegwijzer/batch/batch_reader.hpp"

namespace wegwijzer {

/// What each column of a CSV input holds, from its header row.
struct CsvColumns {
  std::optional<std::size_t> id_column;              ///< the column named "id", if any
  std::vector<std::optional<std::size_t>> question;  ///< per column: question index (unset: id or unknown)
  std::vector<std::string> names;                    ///< per column: the header cell
};

/// Maps header cells to questions. Throws Fatal(data) for an empty or duplicate column name.
/// A column that names no question is kept: a non-empty cell in it is an unknown_question error.
CsvColumns map_csv_columns(const Bank& bank, const std::vector<std::string>& names);

/// Incremental RFC 4180 reader: fields separated by commas, records by LF or CRLF, fields in
/// double quotes may hold commas, CR, LF and doubled quotes. Blank lines are not records.
/// Memory: at most one record (up to the line limit) plus one input block.
class CsvReader {
 public:
  /// Reads records from `stream`.
  CsvReader(ByteStream& stream, const BatchLimits& limits) : stream_(stream), limits_(limits) {}
  /// Reads the header row. False for an empty input. Throws Fatal(data) for a malformed header.
  bool read_header(std::vector<std::string>& names);
  /// Clears `batch` and fills it with up to `max_records` records or about `max_bytes` bytes of
  /// cells. At most `max_cells` cells per record are stored. False when no record was added.
  bool read_batch(RecordBatch& batch, std::size_t max_records, std::size_t max_bytes, std::size_t max_cells);

 private:
  bool read_record(RecordBatch& batch, std::size_t max_cells);
  ByteStream& stream_;
  BatchLimits limits_;
  std::uint64_t line_ = 1;
};

/// Appends one CSV field, in double quotes (quotes doubled) when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace wegwijzer
