// The cohort report as one self-contained HTML page: inline CSS (with print styles) and one inline SVG bar chart per
// section; no scripts, nothing fetched (a Content-Security-Policy says so too).
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

/// Bar colours (Okabe-Ito: told apart with the common colour vision deficiencies), one per column.
constexpr const char* colours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"};
constexpr int chart_width = 760;
constexpr int label_width = 250;
constexpr int bar_space = 400;
constexpr int bar_height = 14;
constexpr int row_gap = 10;

/// Text for HTML and SVG: sanitised, and & < > " ' escaped.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : sanitize_for_terminal(text, false)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

/// `text` cut to `most` code points, with an ellipsis when cut.
std::string cut(const std::string& text, std::size_t most) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == most) return text.substr(0, i) + "\xE2\x80\xA6";
  }
  return text;
}

/// The columns a chart shows: the groups (and "other"), or the total alone without --by.
std::vector<std::size_t> charted_columns(const CohortReport& report) {
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c + 1 < report.columns.size(); ++c) columns.push_back(c);
  if (columns.empty()) columns.push_back(report.columns.size() - 1);
  return columns;
}

void append_chart(std::string& out, const CohortReport& report, const ReportSection& section) {
  const std::vector<std::size_t> shown = charted_columns(report);
  const bool legend = shown.size() > 1;
  const int legend_height = legend ? 24 : 0;
  const int per_row = static_cast<int>(shown.size()) * bar_height + row_gap;
  const int rows = std::max<int>(1, static_cast<int>(section.rows.size()));
  const int height = legend_height + rows * per_row + row_gap;
  double largest = 0;
  for (const ReportRow& row : section.rows) {
    for (std::size_t c : shown)
      largest = std::max(largest, report::percent(row.cells[c], section.base.cells[c]).value_or(0));
  }
  fmt::format_to(std::back_inserter(out),
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
                 "height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n",
                 chart_width, height, escape(section.title));
  if (legend) {
    int x = label_width;
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const std::string label = escape(cut(report.columns[shown[i]].label, 16));
      fmt::format_to(
          std::back_inserter(out),
          "<rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"16\">{}</text>\n", x,
          colours[i % std::size(colours)], x + 16, label);
      x += 40 + static_cast<int>(std::min<std::size_t>(16, report::display_width(report.columns[shown[i]].label))) * 7;
    }
  }
  if (section.rows.empty()) {
    fmt::format_to(std::back_inserter(out), "<text x=\"{}\" y=\"{}\">{}</text>\n", label_width, legend_height + 18,
                   escape(word(Word::none, report.language)));
  }
  int y = legend_height + row_gap;
  for (const ReportRow& row : section.rows) {
    fmt::format_to(std::back_inserter(out), "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", label_width - 8,
                   y + bar_height - 3, escape(cut(row.label, 34)));
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const std::size_t c = shown[i];
      const auto share = report::percent(row.cells[c], section.base.cells[c]);
      const int length = share && largest > 0 ? static_cast<int>(*share / largest * bar_space + 0.5) : 0;
      if (length > 0) {
        fmt::format_to(std::back_inserter(out), "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                       label_width, y + 1, length, bar_height - 2, colours[i % std::size(colours)]);
      }
      const std::string value = share ? report::percent_text(*share) + "%" : report::cell_text(report, row.cells[c]);
      fmt::format_to(std::back_inserter(out), "<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>\n",
                     label_width + length + 4, y + bar_height - 3, escape(value));
      y += bar_height;
    }
    y += row_gap;
  }
  out += "</svg>\n";
}

void append_table(std::string& out, const CohortReport& report, const ReportSection& section) {
  out += "<table>\n<thead><tr><th></th>";
  for (const ReportColumn& column : report.columns)
    fmt::format_to(std::back_inserter(out), "<th>{}</th>", escape(column.label));
  out += "</tr></thead>\n<tbody>\n";
  auto add = [&](const ReportRow& row, bool is_base) {
    out += is_base ? "<tr class=\"base\">" : "<tr>";
    fmt::format_to(std::back_inserter(out), "<th scope=\"row\">{}</th>", escape(row.label));
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const auto share = report::percent(row.cells[c], section.base.cells[c]);
      out += "<td>" + escape(report::cell_text(report, row.cells[c]));
      if (share && !is_base) out += " <span class=\"share\">" + report::percent_text(*share) + "%</span>";
      out += "</td>";
    }
    out += "</tr>\n";
  };
  for (const ReportRow& row : section.rows) add(row, false);
  add(section.base, true);
  for (const ReportStat& stat : section.stats) {
    fmt::format_to(std::back_inserter(out), "<tr class=\"stat\"><th scope=\"row\">{}</th>", escape(stat.label));
    for (const auto& value : stat.values)
      out += "<td>" + (value ? report::number_text(*value) : std::string("-")) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

constexpr const char* style =
    R"(body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.25rem}
h2{font-size:1.2rem;margin:0 0 .25rem}
.meta{color:#555;margin:.2rem 0}
section{border-top:1px solid #ccc;padding:1rem 0;break-inside:avoid;page-break-inside:avoid}
.of{color:#555;margin:0 0 .5rem;font-size:.9rem}
svg.chart{display:block;max-width:100%;height:auto;font-size:12px;font-family:inherit}
svg.chart text{fill:#222}
table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem;font-variant-numeric:tabular-nums}
th,td{padding:.2rem .6rem;border-bottom:1px solid #e4e4e4}
td{text-align:right}
th{text-align:left;font-weight:normal}
thead th{font-weight:bold;text-align:right}
tr.base th,tr.base td{font-weight:bold;border-top:1px solid #999}
tr.stat th,tr.stat td{color:#555}
.share{color:#666;font-size:.85em}
@media print{body{margin:0;max-width:none;font-size:10pt}section{padding:.5rem 0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:15mm}}
)";

}  // namespace

std::string render_report_html(const CohortReport& report) {
  const std::string& language = report.language;
  std::string out;
  fmt::format_to(std::back_inserter(out),
                 "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                 "'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
                 is_dutch(language) ? "nl" : "en", escape(word(Word::title, language)), style,
                 escape(word(Word::title, language)));
  fmt::format_to(std::back_inserter(out), "<p class=\"meta\">{}: {} {}</p>\n", escape(word(Word::bank, language)),
                 escape(report.bank_id), escape(report.bank_version));
  if (!report.by.empty()) {
    fmt::format_to(std::back_inserter(out), "<p class=\"meta\">{}: {}</p>\n", escape(word(Word::grouped_by, language)),
                   escape(report.by));
  }
  fmt::format_to(std::back_inserter(out), "<p class=\"meta\">{}</p>\n", escape(report::suppression_note(report)));
  for (const ReportSection& section : report.sections) {
    fmt::format_to(std::back_inserter(out), "<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"of\">{}</p>\n",
                   escape(section.id), escape(section.title), escape(section.of));
    append_chart(out, report, section);
    append_table(out, report, section);
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace wegwijzer
