// RFC 4180 CSV input for batch scoring: an incremental record reader, the header mapping and
// field quoting for CSV output.
#include <fmt/format.h>

#include <unordered_set>

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

CsvColumns map_csv_columns(const Bank& bank, const std::vector<std::string>& names) {
  CsvColumns columns;
  columns.names = names;
  columns.question.resize(names.size());
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (name.empty()) continue;  // an unnamed column: any non-empty cell in it is an error record
    if (!seen.insert(name).second) {
      throw Fatal(ExitCode::data,
                  fmt::format("CSV header: column {} repeats the name \"{}\"", i + 1, column_label(name)));
    }
    if (name == "id") {
      columns.id_column = i;
    } else {
      columns.question[i] = bank.find_question(name);
    }
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
    BatchRecord record;
    record.line = line_;
    record.first = batch.cells.size();
    const std::size_t bytes_start = batch.bytes.size();
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

    while (!done) {
      std::string_view bytes = stream_.available();
      if (bytes.empty()) {
        if (!stream_.fill()) break;
        continue;
      }
      std::size_t i = 0;
      for (; i < bytes.size() && !done; ++i) {
        char c = bytes[i];
        any_byte = true;
        if (++raw_bytes > limits_.max_line_bytes && !record.too_long) {
          // Too long: drop what was stored and read on to the end of the record without storing.
          record.too_long = true;
          batch.bytes.resize(bytes_start);
          batch.cells.resize(record.first);
          record.size = 0;
        }
        if (c == '\n') ++line_;
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
            } else if (c == ',') {
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
            if (c == ',') {
              end_cell();
              state = State::field_start;
            } else if (c == '\n') {
              end_cell();
              done = true;
            } else if (c == '\r') {
              state = State::after_cr;
            } else {
              if (c == '"') record.malformed = true;
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
            } else if (c == ',') {
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
      stream_.consume(i);
    }
    if (!done) {  // end of input
      if (!any_byte) return false;
      if (state == State::quoted) record.malformed = true;  // an unterminated quote
      end_cell();
    }
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
