// A small RFC 4180 reader for the report's CSV input.
#include "report_csv.hpp"

#include <stdexcept>

namespace wegwijzer::report {

void CsvRecords::push_line(std::string line, std::size_t number) {
  pending_ = std::move(line);
  has_pending_ = true;
  number_ = number - 1;
}

bool CsvRecords::next_line(std::string& line) {
  if (has_pending_) {
    line = std::move(pending_);
    has_pending_ = false;
  } else if (!std::getline(in_, line)) {
    return false;
  }
  ++number_;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool CsvRecords::next(std::vector<std::string>& fields, std::size_t& line_number) {
  std::string line;
  do {
    if (!next_line(line)) return false;
  } while (line.find_first_not_of(" \t") == std::string::npos);
  line_number = number_;
  fields.assign(1, std::string());
  std::size_t bytes = line.size();
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted (only a separator may follow its closing quote)
  std::size_t i = 0;
  while (true) {
    if (i == line.size()) {
      if (!quoted) break;
      std::string more;
      if (!next_line(more)) throw std::runtime_error("a quoted field is not closed at the end of the input");
      bytes += more.size() + 1;
      if (bytes > max_record_bytes) throw std::runtime_error("the record is longer than 1 MiB");
      fields.back() += '\n';
      line = std::move(more);
      i = 0;
      continue;
    }
    const char c = line[i++];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i < line.size() && line[i] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
        was_quoted = true;
      }
    } else if (c == ',') {
      fields.emplace_back();
      was_quoted = false;
    } else if (was_quoted) {
      throw std::runtime_error("text after a closing quote");
    } else if (c == '"') {
      if (!fields.back().empty()) throw std::runtime_error("a quote inside an unquoted field");
      quoted = true;
    } else {
      fields.back() += c;
    }
  }
  if (bytes > max_record_bytes) throw std::runtime_error("the record is longer than 1 MiB");
  return true;
}

}  // namespace wegwijzer::report
