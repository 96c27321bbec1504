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
  std::optional<std::size_t> id_column;              ///< the id column (--id, default "id"), if any
  std::vector<std::optional<std::size_t>> question;  ///< per column: question index (unset: no question)
  std::vector<std::string> names;                    ///< per column: the header cell
  std::vector<std::string> labels;                   ///< per column: its name if that is an id, else "column N"
  std::vector<std::size_t> kept;                     ///< per --keep name, in order: its column
  std::vector<std::size_t> unknown;                  ///< columns that are no question, id or kept column
  bool strict = false;                               ///< a non-empty cell in an unknown column is an error
  bool codes = false;                                ///< cells may hold numeric option codes (--codes)
};

/// Maps header cells to questions, the id column and the kept columns. Throws Fatal(data) for a header that
/// names no question (a file without a header row), a missing --id or --keep column, and a name repeated by a
/// question, id or kept column. A column that is none of these is unknown: ignored, or with `input.strict` a
/// non-empty cell in it is an unknown_question error. Messages name columns by position when their name is no id.
CsvColumns map_csv_columns(const Bank& bank, const std::vector<std::string>& names,
                           const BatchInputOptions& input = {});

/// The CSV separator the header row at the start of `bytes` uses: the most frequent of ',', ';' and tab outside
/// quotes in its first line (',' when none occurs, or on a tie: ',' before ';' before tab).
char detect_csv_delimiter(std::string_view bytes);

/// Whether `text` has the form of a bank id: a letter or digit, then up to 63 letters, digits, '_', '.', '-'.
bool looks_like_id(std::string_view text);

/// Incremental RFC 4180 reader: fields separated by a delimiter (a comma by default), records by LF or CRLF,
/// fields in double quotes may hold the delimiter, CR, LF and doubled quotes; a quote inside an unquoted field
/// is text. Blank lines are not records.
/// A record whose quoted field runs over a line end and that turns out malformed (a stray quote: it runs past
/// the line limit or the end of input, or has another field count than the header) is read again line by line:
/// each line up to where the runaway field reached becomes a record of its own, a line whose quote does not
/// close being a malformed one. So one stray quote costs one error record, not the rest of the file.
/// Memory: at most one record (up to the line limit) plus one input block.
class CsvReader {
 public:
  /// Reads records from `stream`, fields separated by `delimiter`.
  CsvReader(ByteStream& stream, const BatchLimits& limits, char delimiter = ',')
      : stream_(stream), limits_(limits), delimiter_(delimiter) {}
  /// The field count of a well-formed record (the header's), for the resynchronisation above; 0: unknown.
  void expect_fields(std::size_t fields) { expected_fields_ = fields; }
  /// Reads the header row. False for an empty input. Throws Fatal(data) for a malformed header.
  bool read_header(std::vector<std::string>& names);
  /// Clears `batch` and fills it with up to `max_records` records or about `max_bytes` bytes of
  /// cells. At most `max_cells` cells per record are stored. False when no record was added.
  bool read_batch(RecordBatch& batch, std::size_t max_records, std::size_t max_bytes, std::size_t max_cells);

 private:
  bool read_record(RecordBatch& batch, std::size_t max_cells);
  ByteStream& stream_;
  BatchLimits limits_;
  char delimiter_;
  std::size_t expected_fields_ = 0;
  std::uint64_t line_ = 1;
  std::uint64_t resync_end_ = 0;  ///< until this stream offset, a record does not span lines
};

/// Appends one CSV field, in double quotes (quotes doubled) when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace wegwijzer
