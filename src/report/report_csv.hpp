#pragma once
// A small RFC 4180 reader for the report: comma-separated fields, "" quoting, line breaks inside quotes.
#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace wegwijzer::report {

/// Reads CSV records from a stream, one after the other, counting lines.
class CsvRecords {
 public:
  /// Reads from `in`, counting lines from 1.
  explicit CsvRecords(std::istream& in) : in_(in) {}
  /// Starts with `line` (already read, without its newline) as the next physical line, numbered `number`.
  void push_line(std::string line, std::size_t number);
  /// Reads the next record that is not blank into `fields`; false at the end of the input. Throws std::runtime_error
  /// (a message without any cell) on bad quoting or a record longer than `max_bytes`. Sets `line` to the line where
  /// the record starts.
  bool next(std::vector<std::string>& fields, std::size_t& line);

 private:
  bool next_line(std::string& line);
  std::istream& in_;
  std::string pending_;
  bool has_pending_ = false;
  std::size_t number_ = 0;  ///< number of the last physical line read
};

/// Longest record the report reads (as `score`'s own line limit).
constexpr std::size_t max_record_bytes = 1U << 20;

}  // namespace wegwijzer::report
