// The cohort report as plain text and as Markdown.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "report_layout.hpp"
#include "report_words.hpp"
#include "wegwijzer/report/report.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {

using report::Word;
using report::word;

constexpr std::size_t bar_width = 30;

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t shown = report::display_width(text);
  return shown >= width ? text : std::string(width - shown, ' ') + text;
}

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t shown = report::display_width(text);
  return shown >= width ? text : text + std::string(width - shown, ' ');
}

/// One line of a text table: a label and per column a count and a share.
struct TextLine {
  std::string label;
  std::vector<std::string> counts;
  std::vector<std::string> shares;
  std::size_t bar = 0;  ///< without --by: the bar's length
};

std::string one_line(std::string text) {
  text = sanitize_for_terminal(text, false);
  std::replace(text.begin(), text.end(), '\t', ' ');
  return text;
}

void append_text_section(std::string& out, const CohortReport& report, const ReportSection& section) {
  fmt::format_to(std::back_inserter(out), "\n{}\n  {}\n", one_line(section.title), section.of);
  const std::size_t width = report.columns.size();
  const bool grouped = width > 1;
  std::vector<TextLine> lines;
  std::uint64_t largest = 0;
  for (const ReportRow& row : section.rows) {
    if (row.cells.back().hidden == Hidden::no) largest = std::max(largest, row.cells.back().count);
  }
  auto add = [&](const ReportRow& row, bool is_base) {
    TextLine line{"  " + one_line(row.label), {}, {}, 0};
    for (std::size_t c = 0; c < width; ++c) {
      line.counts.push_back(report::cell_text(report, row.cells[c]));
      auto share = report::percent(row.cells[c], section.base.cells[c]);
      line.shares.push_back(share ? report::percent_text(*share) + "%" : "");
    }
    const ReportCell& total = row.cells.back();
    if (!grouped && !is_base && total.hidden == Hidden::no && largest > 0) {
      line.bar = static_cast<std::size_t>((total.count * bar_width + largest - 1) / largest);
    }
    lines.push_back(std::move(line));
  };
  if (section.rows.empty()) lines.push_back(TextLine{"  " + word(Word::none, report.language), {}, {}, 0});
  for (const ReportRow& row : section.rows) add(row, false);
  add(section.base, true);
  for (const ReportStat& stat : section.stats) {
    TextLine line{"  " + stat.label, {}, {}, 0};
    for (const auto& value : stat.values) {
      line.counts.push_back(value ? report::number_text(*value) : "-");
      line.shares.emplace_back();
    }
    lines.push_back(std::move(line));
  }
  std::size_t label_width = 0;
  for (const TextLine& line : lines) label_width = std::max(label_width, report::display_width(line.label));
  std::vector<std::size_t> count_width(width, 5);
  std::vector<std::size_t> share_width(width, 6);
  for (const TextLine& line : lines) {
    for (std::size_t c = 0; c < line.counts.size(); ++c) {
      count_width[c] = std::max(count_width[c], report::display_width(line.counts[c]));
    }
  }
  if (grouped) {
    std::string head = std::string(label_width, ' ');
    for (std::size_t c = 0; c < width; ++c) {
      const std::size_t cell = count_width[c] + 1 + share_width[c];
      head += "  " + pad_left(one_line(report.columns[c].label), cell);
    }
    out += head + '\n';
  }
  for (const TextLine& line : lines) {
    std::string text = pad_right(line.label, label_width);
    for (std::size_t c = 0; c < line.counts.size(); ++c) {
      text += "  " + pad_left(line.counts[c], count_width[c]) + " " + pad_left(line.shares[c], share_width[c]);
    }
    if (line.bar > 0) text += "  " + std::string(line.bar, '#');
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + '\n';
  }
}

/// Markdown table text: no line breaks, and | and other markup characters escaped.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : one_line(text)) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']')
      out += '\\';
    out += c;
  }
  return out;
}

void append_markdown_section(std::string& out, const CohortReport& report, const ReportSection& section) {
  fmt::format_to(std::back_inserter(out), "\n## {}\n\n{}\n\n", markdown_cell(section.title), markdown_cell(section.of));
  std::string head = "| |";
  std::string rule = "|---|";
  for (const ReportColumn& column : report.columns) {
    head += " " + markdown_cell(column.label) + " |";
    rule += "---:|";
  }
  out += head + '\n' + rule + '\n';
  auto add = [&](const ReportRow& row, bool bold) {
    std::string line = "| " + (bold ? "**" + markdown_cell(row.label) + "**" : markdown_cell(row.label)) + " |";
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      auto share = report::percent(row.cells[c], section.base.cells[c]);
      line += " " + report::cell_text(report, row.cells[c]);
      if (share && !bold) line += " (" + report::percent_text(*share) + "%)";
      line += " |";
    }
    out += line + '\n';
  };
  for (const ReportRow& row : section.rows) add(row, false);
  add(section.base, true);
  for (const ReportStat& stat : section.stats) {
    std::string line = "| " + markdown_cell(stat.label) + " |";
    for (const auto& value : stat.values) line += " " + (value ? report::number_text(*value) : std::string("-")) + " |";
    out += line + '\n';
  }
}

std::string header(const CohortReport& report, bool markdown) {
  const std::string& language = report.language;
  std::string out;
  auto text = [markdown](const std::string& value) { return markdown ? markdown_cell(value) : one_line(value); };
  out += markdown ? "# " + word(Word::title, language) + "\n\n" : word(Word::title, language) + "\n";
  out += fmt::format("{}: {} {}\n", word(Word::bank, language), text(report.bank_id), text(report.bank_version));
  if (markdown) out += '\n';
  if (!report.by.empty()) {
    out += fmt::format("{}: {}\n", word(Word::grouped_by, language), text(report.by));
    if (markdown) out += '\n';
  }
  out += text(report::suppression_note(report)) + "\n";
  return out;
}

}  // namespace

std::string render_report_text(const CohortReport& report) {
  std::string out = header(report, false);
  for (const ReportSection& section : report.sections) append_text_section(out, report, section);
  return out;
}

std::string render_report_markdown(const CohortReport& report) {
  std::string out = header(report, true);
  for (const ReportSection& section : report.sections) append_markdown_section(out, report, section);
  return out;
}

}  // namespace wegwijzer
