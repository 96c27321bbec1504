// RFC 4180 CSV input for batch scoring: an incremental record reader, the header mapping and
// field quoting for CSV output.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "wegwijzer/batch/csv.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {
/// A column name fit for a message: sanitised and cut to a sensible length.
std::string column_label(const std::string& name) {
  std::string label = sanitize_for_terminal(name.substr(0, 64), false);
  return name.size() > 64 ? label + "..." : label;
}
}  // namespace

bool looks_like_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(text.front())) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return alnum(c) || c == '_' || c == '.' || c == '-'; });
}

char detect_csv_delimiter(std::string_view bytes) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  const std::size_t start = bytes.find_first_not_of(" \t\r\n");  // blank lines before the header
  bytes.remove_prefix(start == std::string_view::npos ? bytes.size() : start);
  for (char c : bytes) {
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\n') {
      break;
    } else if (c == ',') {
      ++commas;
    } else if (c == ';') {
      ++semicolons;
    } else if (c == '\t') {
      ++tabs;
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

CsvColumns map_csv_columns(const Bank& bank, const std::vector<std::string>& names, const BatchInputOptions& input) {
  CsvColumns columns;
  columns.names = names;
  columns.strict = input.strict;
  columns.codes = input.codes;
  columns.question.resize(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    columns.labels.push_back(looks_like_id(names[i]) ? names[i] : fmt::format("column {}", i + 1));
  }
  std::unordered_map<std::string, std::size_t> by_name;  // the first column of each name
  for (std::size_t i = 0; i < names.size(); ++i) by_name.emplace(names[i], i);
  auto find = [&](const std::string& name) -> std::optional<std::size_t> {
    auto found = by_name.find(name);
    if (found == by_name.end()) return std::nullopt;
    return found->second;
  };
  auto missing = [&](const std::string& name, std::string_view option) {
    return Fatal(ExitCode::data, fmt::format("CSV header: no column \"{}\" ({})", column_label(name), option));
  };
  columns.id_column = find(input.id_field);
  if (!columns.id_column && input.id_field != "id") throw missing(input.id_field, "--id");
  std::vector<bool> used(names.size(), false);
  if (columns.id_column) used[*columns.id_column] = true;
  for (const std::string& name : input.keep) {
    std::optional<std::size_t> column = find(name);
    if (!column) throw missing(name, "--keep");
    columns.kept.push_back(*column);
    used[*column] = true;
  }
  bool any_question = false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].empty() && i != columns.id_column) columns.question[i] = bank.find_question(names[i]);
    if (columns.question[i]) {
      any_question = true;
      used[i] = true;
    }
    if (!used[i]) {
      columns.unknown.push_back(i);
    } else if (by_name[names[i]] != i) {  // a column that matters, named twice
      throw Fatal(ExitCode::data, fmt::format("CSV header: column {} repeats the name of column {} ({})", i + 1,
                                              by_name[names[i]] + 1, columns.labels[i]));
    }
  }
  if (!any_question) {
    throw Fatal(ExitCode::data,
                "CSV header: no column names a question of the bank; the first row must be a header row of question "
                "ids (and optionally an id column), as 'wegwijzer codebook' lists them");
  }
  return columns;
}

bool CsvReader::read_header(std::vector<std::string>& names) {
  RecordBatch header;
  header.format = BatchFormat::csv;
  std::size_t max_columns = limits_.max_answers + 1;
  if (!read_record(header, max_columns + 1)) return false;
  const BatchRecord& record = header.records.front();
  if (record.too_long) throw Fatal(ExitCode::data, "CSV header: the header row is too long");
  if (record.malformed) throw Fatal(ExitCode::data, "CSV header: malformed quoting in the header row");
  if (record.fields > max_columns) throw Fatal(ExitCode::data, "CSV header: too many columns");
  names.clear();
  for (std::size_t i = 0; i < record.size; ++i) names.emplace_back(header.cell(record.first + i));
  return true;
}

bool CsvReader::read_batch(RecordBatch& batch, std::size_t max_records, std::size_t max_bytes, std::size_t max_cells) {
  batch.clear();
  batch.format = BatchFormat::csv;
  while (batch.records.size() < max_records && batch.bytes.size() < max_bytes) {
    if (!read_record(batch, max_cells)) break;
  }
  return !batch.records.empty();
}

bool CsvReader::read_record(RecordBatch& batch, std::size_t max_cells) {
  enum class State { field_start, unquoted, quoted, quote_in_quoted, after_cr };
  for (;;) {
    // Within the reach of a runaway quoted field read before, a record ends at its line's end.
    const bool single_line = stream_.offset() < resync_end_;
    BatchRecord record;
    record.line = line_;
    record.first = batch.cells.size();
    const std::uint64_t start_line = line_;
    const std::size_t bytes_start = batch.bytes.size();
    std::size_t pos = 0;          // bytes of available() read for this record and not consumed yet
    bool rewindable = true;       // nothing of the record consumed: it can be read again from its start
    bool quoted_newline = false;  // a quoted field ran over a line end
    bool rewind = false;
    std::size_t raw_bytes = 0;
    bool any_byte = false;
    bool any_quote = false;
    bool done = false;
    State state = State::field_start;
    CsvCell cell{batch.bytes.size(), 0};

    auto put = [&](char c) {
      if (!record.too_long) batch.bytes.push_back(c);
    };
    auto end_cell = [&] {
      ++record.fields;
      if (!record.too_long && record.size < max_cells) {
        cell.size = batch.bytes.size() - cell.offset;
        batch.cells.push_back(cell);
        ++record.size;
      }
      cell.offset = batch.bytes.size();
    };

    while (!done && !rewind) {
      std::string_view bytes = stream_.available();
      if (pos >= bytes.size()) {
        if (!stream_.fill()) break;
        continue;
      }
      std::size_t i = pos;
      for (; i < bytes.size() && !done; ++i) {
        char c = bytes[i];
        any_byte = true;
        if (++raw_bytes > limits_.max_line_bytes && !record.too_long) {
          if (quoted_newline && rewindable) {
            rewind = true;  // a runaway quote (maybe closed by another stray one): read its lines again one by one
            break;
          }
          // Too long: drop what was stored and read on to the end of the record without storing.
          record.too_long = true;
          batch.bytes.resize(bytes_start);
          batch.cells.resize(record.first);
          record.size = 0;
        }
        if (c == '\n') {
          ++line_;
          if (state == State::quoted) {
            // Within a runaway's reach, or in a record too long to read again: the quote does not close on its line.
            if (single_line || record.too_long) {
              record.malformed = true;
              end_cell();
              done = true;
              continue;
            }
            quoted_newline = true;
          }
        }
        if (state == State::after_cr) {
          if (c == '\n') {
            end_cell();
            done = true;
            continue;
          }
          put('\r');  // a lone CR inside an unquoted field is data
          state = State::unquoted;
        }
        switch (state) {
          case State::field_start:
            if (c == '"') {
              state = State::quoted;
              any_quote = true;
            } else if (c == delimiter_) {
              end_cell();
            } else if (c == '\n') {
              end_cell();
              done = true;
            } else if (c == '\r') {
              state = State::after_cr;
            } else {
              put(c);
              state = State::unquoted;
            }
            break;
          case State::unquoted:
            if (c == delimiter_) {
              end_cell();
              state = State::field_start;
            } else if (c == '\n') {
              end_cell();
              done = true;
            } else if (c == '\r') {
              state = State::after_cr;
            } else {
              // A quote inside an unquoted field is text, as spreadsheets and most readers take it; within a
              // runaway's reach it is more likely the end of a quoted field cut in pieces.
              if (c == '"' && single_line) record.malformed = true;
              put(c);
            }
            break;
          case State::quoted:
            if (c == '"') {
              state = State::quote_in_quoted;
            } else {
              put(c);
            }
            break;
          case State::quote_in_quoted:
            if (c == '"') {
              put('"');
              state = State::quoted;
            } else if (c == delimiter_) {
              end_cell();
              state = State::field_start;
            } else if (c == '\n') {
              end_cell();
              done = true;
            } else if (c == '\r') {
              state = State::after_cr;
            } else {
              record.malformed = true;
              put(c);
              state = State::unquoted;
            }
            break;
          case State::after_cr: break;  // handled above
        }
      }
      pos = i;
      if (record.too_long) {  // a long record streams by: nothing of it is kept
        stream_.consume(pos);
        pos = 0;
        rewindable = false;
      }
    }
    if (!done && !rewind) {  // end of input
      if (!any_byte) return false;
      if (state == State::quoted) record.malformed = true;  // an unterminated quote
      end_cell();
    }
    if (!rewind && quoted_newline && rewindable && !single_line &&
        (record.malformed || (expected_fields_ != 0 && record.fields != expected_fields_))) {
      rewind = true;  // a quoted field over several lines that does not fit: a stray quote
    }
    if (rewind) {
      batch.bytes.resize(bytes_start);
      batch.cells.resize(record.first);
      line_ = start_line;
      resync_end_ = stream_.offset() + pos;
      continue;  // the same bytes again, one line per record
    }
    stream_.consume(pos);
    bool blank = record.fields == 1 && !any_quote && !record.too_long && batch.bytes.size() == bytes_start;
    if (blank) {
      batch.cells.resize(record.first);
      if (!done) return false;
      continue;  // a blank line is not a record
    }
    batch.records.push_back(record);
    return true;
  }
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace wegwijzer
