// The cohort report as JSON and as CSV in long form.
#include <fmt/format.h>

#include <iterator>

#include "report_layout.hpp"
#include "wegwijzer/record/result_json.hpp"
#include "wegwijzer/report/report.hpp"

namespace wegwijzer {

namespace {

std::string_view base_name(ReportBase base) {
  switch (base) {
    case ReportBase::records: return "records";
    case ReportBase::scored: return "scored";
    case ReportBase::errors: return "errors";
    case ReportBase::assessed: return "assessed";
    case ReportBase::scale: return "scale";
  }
  return "";
}

std::string_view hidden_name(Hidden hidden) {
  return hidden == Hidden::small ? "small" : hidden == Hidden::complementary ? "complementary" : "";
}

void append_cells(std::string& out, const CohortReport& report, const ReportRow& row, const ReportRow& base) {
  out += "[";
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    if (c > 0) out += ",";
    const ReportCell& cell = row.cells[c];
    if (cell.hidden != Hidden::no) {
      fmt::format_to(std::back_inserter(out),
                     "{{\"count\":null,\"hidden\":\"{}\",\"shown\":", hidden_name(cell.hidden));
      append_json_string(out, report::cell_text(report, cell));
      out += "}";
      continue;
    }
    fmt::format_to(std::back_inserter(out), "{{\"count\":{}", cell.count);
    if (auto share = report::percent(cell, base.cells[c])) out += ",\"percent\":" + report::percent_text(*share);
    out += "}";
  }
  out += "]";
}

void append_row(std::string& out, const CohortReport& report, const ReportRow& row, const ReportRow& base) {
  out += "{\"id\":";
  append_json_string(out, row.id);
  out += ",\"label\":";
  append_json_string(out, row.label);
  out += ",\"cells\":";
  append_cells(out, report, row, base);
  out += "}";
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string render_report_json(const CohortReport& report) {
  std::string out = "{\"report\":\"wegwijzer-cohort\",\"version\":1,\"language\":";
  append_json_string(out, report.language);
  out += ",\"bank\":{\"id\":";
  append_json_string(out, report.bank_id);
  out += ",\"version\":";
  append_json_string(out, report.bank_version);
  out += ",\"sha256\":";
  append_json_string(out, report.bank_sha256);
  fmt::format_to(std::back_inserter(out), "}},\"min_cell\":{},\"by\":", report.min_cell);
  if (report.by.empty()) {
    out += "null";
  } else {
    append_json_string(out, report.by);
  }
  out += ",\n\"columns\":[";
  for (std::size_t c = 0; c < report.columns.size(); ++c) {
    const ReportColumn& column = report.columns[c];
    out += c > 0 ? "," : "";
    out += "{\"kind\":";
    out += column.total ? "\"total\"" : column.other ? "\"other\"" : "\"group\"";
    if (!column.total && !column.other) {
      out += ",\"value\":";
      append_json_string(out, column.id);
    }
    out += ",\"label\":";
    append_json_string(out, column.label);
    if (column.other) fmt::format_to(std::back_inserter(out), ",\"groups\":{}", column.folded);
    out += "}";
  }
  out += "],\n\"sections\":[";
  for (std::size_t s = 0; s < report.sections.size(); ++s) {
    const ReportSection& section = report.sections[s];
    out += s > 0 ? ",\n" : "\n";
    out += "{\"id\":";
    append_json_string(out, section.id);
    out += ",\"title\":";
    append_json_string(out, section.title);
    fmt::format_to(std::back_inserter(out), ",\"of\":\"{}\",\"rows_add_up\":{},\"base\":", base_name(section.base_kind),
                   section.partition ? "true" : "false");
    append_cells(out, report, section.base, section.base);
    out += ",\"rows\":[";
    for (std::size_t r = 0; r < section.rows.size(); ++r) {
      out += r > 0 ? "," : "";
      append_row(out, report, section.rows[r], section.base);
    }
    out += "]";
    if (!section.stats.empty()) {
      out += ",\"stats\":{";
      for (std::size_t i = 0; i < section.stats.size(); ++i) {
        out += i > 0 ? "," : "";
        append_json_string(out, section.stats[i].id);
        out += ":[";
        for (std::size_t c = 0; c < section.stats[i].values.size(); ++c) {
          out += c > 0 ? "," : "";
          const auto& value = section.stats[i].values[c];
          out += value ? report::number_text(*value) : "null";
        }
        out += "]";
      }
      out += "}";
    }
    out += "}";
  }
  out += "\n]}\n";
  return out;
}

std::string render_report_csv(const CohortReport& report) {
  std::string out = "section,row,label,group,count,percent,value,hidden\n";
  auto group_of = [&](std::size_t c) {
    const ReportColumn& column = report.columns[c];
    return column.total ? std::string("*total") : column.other ? std::string("*other") : column.id;
  };
  auto add = [&](const ReportSection& section, const ReportRow& row) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const ReportCell& cell = row.cells[c];
      auto share = report::percent(cell, section.base.cells[c]);
      out += csv_field(section.id) + "," + csv_field(row.id) + "," + csv_field(row.label) + "," +
             csv_field(group_of(c)) + "," + (cell.hidden == Hidden::no ? std::to_string(cell.count) : "") + "," +
             (share ? report::percent_text(*share) : "") + ",," +
             (cell.hidden == Hidden::no ? "" : report::cell_text(report, cell)) + "\n";
    }
  };
  for (const ReportSection& section : report.sections) {
    for (const ReportRow& row : section.rows) add(section, row);
    add(section, section.base);
    for (const ReportStat& stat : section.stats) {
      for (std::size_t c = 0; c < stat.values.size(); ++c) {
        out += csv_field(section.id) + "," + csv_field(stat.id) + "," + csv_field(stat.label) + "," +
               csv_field(group_of(c)) + ",,," + (stat.values[c] ? report::number_text(*stat.values[c]) : "") + "," +
               (stat.values[c] ? "" : "-") + "\n";
      }
    }
  }
  return out;
}

}  // namespace wegwijzer
