// What the layouts of the cohort report share.
#include "report_layout.hpp"

#include <fmt/format.h>

#include "report_words.hpp"

namespace wegwijzer::report {

std::string cell_text(const CohortReport& report, const ReportCell& cell) {
  switch (cell.hidden) {
    case Hidden::no: return std::to_string(cell.count);
    case Hidden::small: return "<" + std::to_string(report.min_cell);
    case Hidden::complementary: return "x";
  }
  return {};
}

std::optional<double> percent(const ReportCell& cell, const ReportCell& base) {
  if (cell.hidden != Hidden::no || base.hidden != Hidden::no || base.count == 0) return std::nullopt;
  return 100.0 * static_cast<double>(cell.count) / static_cast<double>(base.count);
}

std::string percent_text(double value) { return fmt::format("{:.1f}", value); }

std::string number_text(double value) { return fmt::format("{}", value); }

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string suppression_note(const CohortReport& report) {
  if (report.min_cell == 0) return word(Word::no_suppression, report.language);
  return fill(word(Word::suppression_note, report.language), std::to_string(report.min_cell)) + "; " +
         word(Word::hidden_note, report.language);
}

}  // namespace wegwijzer::report
