// What the cohort report shows: the columns (groups, folded small groups, total), the sections, and which counts
// are hidden (small cells and their complements).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "report_words.hpp"
#include "wegwijzer/report/report.hpp"

namespace wegwijzer {

namespace {

using report::Word;
using report::word;

/// True when every key is a number (then the groups are sorted by value: 2 before 10).
bool all_numbers(const CohortTally& tally) {
  for (const auto& [key, counts] : tally.groups) {
    if (key.empty()) continue;
    // Plain decimal numbers only: strtod also takes "nan", "inf" and hex, which would not sort.
    if (key.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
    char* end = nullptr;
    std::strtod(key.c_str(), &end);
    if (end != key.c_str() + key.size()) return false;
  }
  return true;
}

/// A group before folding.
struct Group {
  std::string key;
  const CohortCounts* counts = nullptr;
};

/// The columns and their counts: the groups of at least min_cell records in order, "other" for the rest, the total.
std::vector<std::pair<ReportColumn, CohortCounts>> columns_of(const Bank& bank, const CohortTally& tally,
                                                              const ReportSettings& settings) {
  std::vector<std::pair<ReportColumn, CohortCounts>> columns;
  const std::string& language = settings.language;
  if (!tally.by.empty()) {
    std::vector<Group> groups;
    for (const auto& [key, counts] : tally.groups) groups.push_back({key, &counts});
    const bool numeric = all_numbers(tally);
    std::stable_sort(groups.begin(), groups.end(), [numeric](const Group& a, const Group& b) {
      if (a.key.empty() != b.key.empty()) return b.key.empty();  // the empty group last
      if (numeric && !a.key.empty()) return std::strtod(a.key.c_str(), nullptr) < std::strtod(b.key.c_str(), nullptr);
      return a.key < b.key;
    });
    // Groups of fewer than min_cell records are folded into "other"; while "other" itself is small, the smallest
    // remaining group joins it.
    std::vector<bool> folded(groups.size(), false);
    std::uint64_t other = 0;
    if (settings.min_cell > 0) {
      for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].counts->records < settings.min_cell) {
          folded[i] = true;
          other += groups[i].counts->records;
        }
      }
      while (other > 0 && other < settings.min_cell) {
        std::size_t smallest = groups.size();
        for (std::size_t i = 0; i < groups.size(); ++i) {
          if (!folded[i] &&
              (smallest == groups.size() || groups[i].counts->records <= groups[smallest].counts->records))
            smallest = i;
        }
        if (smallest == groups.size()) break;
        folded[smallest] = true;
        other += groups[smallest].counts->records;
      }
    }
    ReportColumn other_column{"*other", word(Word::other, language), false, true, 0};
    CohortCounts other_counts = CohortCounts::for_bank(bank);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (folded[i]) {
        ++other_column.folded;
        other_counts.add(*groups[i].counts);
        continue;
      }
      const std::string label = groups[i].key.empty() ? word(Word::empty_group, language) : groups[i].key;
      columns.push_back({ReportColumn{groups[i].key, label}, *groups[i].counts});
    }
    if (other_column.folded > 0) columns.push_back({other_column, other_counts});
  }
  ReportColumn total{"*total", word(Word::total, language), true};
  columns.push_back({total, tally.all});
  return columns;
}

/// A row of counts, one per column, taken from each column's counts by `pick`.
template <typename Pick>
ReportRow row_of(std::string id, std::string label, const std::vector<std::pair<ReportColumn, CohortCounts>>& columns,
                 Pick pick) {
  ReportRow row{std::move(id), std::move(label), {}};
  for (const auto& column : columns) row.cells.push_back({pick(column.second), Hidden::no});
  return row;
}

/// The mean and median of a scale per column, from the counts per value; hidden for fewer than min_cell answers.
std::vector<ReportStat> scale_stats(const Scale& scale, std::size_t s,
                                    const std::vector<std::pair<ReportColumn, CohortCounts>>& columns,
                                    const ReportSettings& settings) {
  ReportStat mean{"mean", word(Word::mean, settings.language), {}};
  ReportStat median{"median", word(Word::median, settings.language), {}};
  for (const auto& [column, counts] : columns) {
    const std::vector<std::uint64_t>& values = counts.values[s];
    std::uint64_t n = 0;
    double sum = 0;
    for (std::size_t v = 0; v < values.size(); ++v) {
      n += values[v];
      sum += static_cast<double>(values[v]) * (scale.min_value + static_cast<double>(v));
    }
    if (n == 0 || (settings.min_cell > 0 && n < settings.min_cell)) {
      mean.values.emplace_back();
      median.values.emplace_back();
      continue;
    }
    mean.values.emplace_back(std::round(sum / static_cast<double>(n) * 100.0) / 100.0);
    // The median: the middle value, or the mean of the two middle values.
    auto at = [&](std::uint64_t rank) {
      std::uint64_t seen = 0;
      for (std::size_t v = 0; v < values.size(); ++v) {
        seen += values[v];
        if (seen > rank) return scale.min_value + static_cast<double>(v);
      }
      return static_cast<double>(scale.max_value);
    };
    median.values.emplace_back(n % 2 == 1 ? at(n / 2) : (at(n / 2 - 1) + at(n / 2)) / 2.0);
  }
  // Group means and group sizes would give a hidden group's mean from the total's: with exactly one group hidden,
  // the total's mean is hidden too.
  const std::size_t groups = columns.size() - 1;
  if (groups > 0) {
    std::size_t hidden = 0;
    for (std::size_t c = 0; c < groups; ++c) hidden += mean.values[c] ? 0 : 1;
    if (hidden == 1) mean.values.back().reset();
  }
  return {mean, median};
}

/// Hides one more cell of the equation "`line` adds up to `total`" when exactly one of its cells (the total
/// included: a hidden total is the sum of the shown cells) is hidden: the smallest shown cell of `line` that is not
/// zero, else the first shown one, else the total. True when it hid one.
bool complement(std::vector<ReportCell*>& line, ReportCell& total) {
  std::size_t hidden = total.hidden != Hidden::no ? 1 : 0;
  for (const ReportCell* cell : line) hidden += cell->hidden != Hidden::no ? 1 : 0;
  if (hidden != 1) return false;
  ReportCell* pick = nullptr;
  for (ReportCell* cell : line) {
    if (cell->hidden != Hidden::no) continue;
    if (!pick || (pick->count == 0 && cell->count > 0) || (cell->count > 0 && cell->count < pick->count)) pick = cell;
  }
  if (!pick && total.hidden == Hidden::no) pick = &total;
  if (!pick) return false;
  pick->hidden = Hidden::complementary;
  return true;
}

/// Small cells, then their complements until nothing changes: in each column of a section whose rows add up to its
/// base, in each row across the groups (they add up to the total), and the same count wherever it appears (a
/// section's base and the row of the records section it equals).
void suppress(std::vector<ReportSection>& sections, std::uint64_t min_cell) {
  if (min_cell == 0) return;
  auto small = [min_cell](ReportRow& row) {
    for (ReportCell& cell : row.cells) {
      if (cell.count > 0 && cell.count < min_cell) cell.hidden = Hidden::small;
    }
  };
  for (ReportSection& section : sections) {
    small(section.base);
    for (ReportRow& row : section.rows) small(row);
  }
  if (sections.empty()) return;
  const std::size_t width = sections.front().base.cells.size();
  // The cells that are one count: records' base; its scored row and the base of the sections of scored records;
  // its error row and the errors' base; the bases of the sections of assessed records.
  auto linked = [&](std::size_t column) {
    std::vector<std::vector<ReportCell*>> sets(4);
    for (ReportSection& section : sections) {
      switch (section.base_kind) {
        case ReportBase::records: sets[0].push_back(&section.base.cells[column]); break;
        case ReportBase::scored: sets[1].push_back(&section.base.cells[column]); break;
        case ReportBase::errors: sets[2].push_back(&section.base.cells[column]); break;
        case ReportBase::assessed: sets[3].push_back(&section.base.cells[column]); break;
        case ReportBase::scale: break;
      }
      if (section.id == "records") {
        sets[1].push_back(&section.rows[0].cells[column]);
        sets[2].push_back(&section.rows[1].cells[column]);
      }
    }
    return sets;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (ReportSection& section : sections) {
      if (section.partition) {
        for (std::size_t c = 0; c < width; ++c) {
          std::vector<ReportCell*> line;
          for (ReportRow& row : section.rows) line.push_back(&row.cells[c]);
          changed = complement(line, section.base.cells[c]) || changed;
        }
      }
      if (width > 1) {
        std::vector<ReportRow*> rows{&section.base};
        for (ReportRow& row : section.rows) rows.push_back(&row);
        for (ReportRow* row : rows) {
          std::vector<ReportCell*> line;
          for (std::size_t c = 0; c + 1 < width; ++c) line.push_back(&row->cells[c]);
          changed = complement(line, row->cells.back()) || changed;
        }
      }
    }
    for (std::size_t c = 0; c < width; ++c) {
      auto sets = linked(c);
      // A scale's base is the scored records plus the error records that carry the scale: often the scored count
      // itself. When that is hidden, so is the scale's base.
      const bool scored_hidden =
          std::any_of(sets[1].begin(), sets[1].end(), [](ReportCell* cell) { return cell->hidden != Hidden::no; });
      for (ReportSection& section : sections) {
        if (scored_hidden && section.base_kind == ReportBase::scale && section.base.cells[c].hidden == Hidden::no) {
          section.base.cells[c].hidden = Hidden::complementary;
          changed = true;
        }
      }
      // Records minus assessed records is the count of error records without valid answers: when the error count
      // is hidden, so is the assessed count, or the difference would show a part of it.
      const bool errors_hidden =
          std::any_of(sets[2].begin(), sets[2].end(), [](ReportCell* cell) { return cell->hidden != Hidden::no; });
      if (errors_hidden && !sets[3].empty() && sets[3].front()->hidden == Hidden::no) {
        sets[3].front()->hidden = Hidden::complementary;
        changed = true;
      }
      for (auto& set : sets) {
        const bool any =
            std::any_of(set.begin(), set.end(), [](ReportCell* cell) { return cell->hidden != Hidden::no; });
        if (!any) continue;
        for (ReportCell* cell : set) {
          if (cell->hidden == Hidden::no) {
            cell->hidden = Hidden::complementary;
            changed = true;
          }
        }
      }
    }
  }
}

}  // namespace

CohortReport build_report(const Bank& bank, const CohortTally& tally, const ReportSettings& settings) {
  const std::string& language = settings.language;
  CohortReport report;
  report.language = language;
  report.min_cell = settings.min_cell;
  report.by = tally.by;
  report.bank_id = bank.id;
  report.bank_version = bank.version;
  report.bank_sha256 = bank.sha256;
  const auto columns = columns_of(bank, tally, settings);
  for (const auto& column : columns) report.columns.push_back(column.first);

  auto section = [&](std::string id, Word title, Word of, ReportBase kind, bool partition, auto base) {
    ReportSection made;
    made.id = std::move(id);
    made.title = word(title, language);
    made.of = word(of, language);
    made.base_kind = kind;
    made.partition = partition;
    made.base = row_of("all", word(Word::total, language), columns, base);
    return made;
  };

  ReportSection records = section("records", Word::records, Word::of_records, ReportBase::records, true,
                                  [](const CohortCounts& c) { return c.records; });
  records.rows.push_back(
      row_of("scored", word(Word::scored, language), columns, [](const CohortCounts& c) { return c.scored; }));
  records.rows.push_back(
      row_of("error", word(Word::error_records, language), columns, [](const CohortCounts& c) { return c.errors; }));
  report.sections.push_back(std::move(records));

  ReportSection advice = section("recommendation", Word::recommendation, Word::of_scored, ReportBase::scored, true,
                                 [](const CohortCounts& c) { return c.scored; });
  for (std::size_t i = 0; i < bank.outcomes.size(); ++i) {
    advice.rows.push_back(row_of(bank.outcomes[i].id, bank.outcomes[i].name.in(language), columns,
                                 [i](const CohortCounts& c) { return c.recommendations[i]; }));
  }
  if (!bank.outcomes.empty()) report.sections.push_back(std::move(advice));  // an instrument bank gives no advice

  ReportSection urgency = section("urgency", Word::urgency, Word::of_assessed, ReportBase::assessed, true,
                                  [](const CohortCounts& c) { return c.assessed; });
  const Word urgency_words[] = {Word::routine, Word::prompt, Word::crisis};
  for (std::size_t u = 0; u < 3; ++u) {
    urgency.rows.push_back(row_of(std::string(to_string(static_cast<Urgency>(u))), word(urgency_words[u], language),
                                  columns, [u](const CohortCounts& c) { return c.urgencies[u]; }));
  }
  report.sections.push_back(std::move(urgency));

  // Red flags and unknown red flags: the rows that are not zero in the total (a record may be in several rows).
  ReportSection flags = section("red_flags", Word::red_flags, Word::of_assessed, ReportBase::assessed, false,
                                [](const CohortCounts& c) { return c.assessed; });
  for (std::size_t i = 0; i < bank.rules.size(); ++i) {
    if (!bank.rules[i].effects.red_flag || tally.all.red_flags[i] == 0) continue;
    flags.rows.push_back(
        row_of(bank.rules[i].id, bank.rules[i].id, columns, [i](const CohortCounts& c) { return c.red_flags[i]; }));
  }
  report.sections.push_back(std::move(flags));

  ReportSection unknown = section("unknown_red_flags", Word::unknown_red_flags, Word::of_assessed, ReportBase::assessed,
                                  false, [](const CohortCounts& c) { return c.assessed; });
  for (std::size_t i = 0; i < bank.questions.size(); ++i) {
    if (tally.all.unknown_red_flags[i] == 0) continue;
    unknown.rows.push_back(row_of(bank.questions[i].id, bank.questions[i].id, columns,
                                  [i](const CohortCounts& c) { return c.unknown_red_flags[i]; }));
  }
  report.sections.push_back(std::move(unknown));

  ReportSection close = section("close_calls", Word::close_calls, Word::of_scored, ReportBase::scored, true,
                                [](const CohortCounts& c) { return c.scored; });
  close.rows.push_back(row_of("close_call", word(Word::close_call, language), columns,
                              [](const CohortCounts& c) { return c.close_calls; }));
  close.rows.push_back(row_of("not_close_call", word(Word::not_close_call, language), columns,
                              [](const CohortCounts& c) { return c.scored - c.close_calls; }));
  if (!bank.outcomes.empty()) report.sections.push_back(std::move(close));  // no advice, so no close calls

  ReportSection errors = section("errors", Word::errors, Word::of_errors, ReportBase::errors, true,
                                 [](const CohortCounts& c) { return c.errors; });
  for (std::size_t i = 0; i < report_error_codes.size(); ++i) {
    if (tally.all.error_codes[i] == 0) continue;
    errors.rows.push_back(row_of(std::string(report_error_codes[i]), std::string(report_error_codes[i]), columns,
                                 [i](const CohortCounts& c) { return c.error_codes[i]; }));
  }
  report.sections.push_back(std::move(errors));

  for (std::size_t s = 0; s < bank.scales.size(); ++s) {
    const Scale& scale = bank.scales[s];
    ReportSection made;
    made.id = "scale:" + scale.id;
    made.title = report::fill(word(Word::scale, language), scale.label.in(language));
    made.of = word(Word::of_scale, language);
    made.base_kind = ReportBase::scale;
    made.partition = true;
    made.base =
        row_of("all", word(Word::total, language), columns, [s](const CohortCounts& c) { return c.with_scale[s]; });
    for (std::size_t b = 0; b < scale.bands.size(); ++b) {
      made.rows.push_back(
          row_of(scale.bands[b].id,
                 fmt::format("{} ({}-{})", scale.bands[b].label.in(language), scale.bands[b].min, scale.bands[b].max),
                 columns, [s, b](const CohortCounts& c) { return c.bands[s][b]; }));
    }
    made.rows.push_back(row_of("*none", word(Word::no_band, language), columns,
                               [s](const CohortCounts& c) { return c.bands[s].back(); }));
    made.stats = scale_stats(scale, s, columns, settings);
    report.sections.push_back(std::move(made));
  }
  suppress(report.sections, settings.min_cell);
  return report;
}

bool parse_report_format(std::string_view name, ReportFormat& format) {
  static const std::pair<std::string_view, ReportFormat> names[] = {{"text", ReportFormat::text},
                                                                    {"markdown", ReportFormat::markdown},
                                                                    {"json", ReportFormat::json},
                                                                    {"csv", ReportFormat::csv},
                                                                    {"html", ReportFormat::html}};
  for (const auto& [text, value] : names) {
    if (name == text) {
      format = value;
      return true;
    }
  }
  return false;
}

std::string render_report(const CohortReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::text: return render_report_text(report);
    case ReportFormat::markdown: return render_report_markdown(report);
    case ReportFormat::json: return render_report_json(report);
    case ReportFormat::csv: return render_report_csv(report);
    case ReportFormat::html: return render_report_html(report);
  }
  return {};
}

}  // namespace wegwijzer
