// The --report text of `wegwijzer score`: counts with percentages and small bars. Counts only.
#include "wegwijzer/batch/batch_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {

namespace {

constexpr std::size_t bar_width = 30;

void append_section(std::string& out, std::string_view title,
                    const std::vector<std::pair<std::string, std::uint64_t>>& rows, std::uint64_t total) {
  fmt::format_to(std::back_inserter(out), "\n{}\n", title);
  if (rows.empty()) {
    out += "  (none)\n";
    return;
  }
  std::size_t name_width = 0;
  std::uint64_t largest = 0;
  for (const auto& row : rows) {
    name_width = std::max(name_width, row.first.size());
    largest = std::max(largest, row.second);
  }
  for (const auto& row : rows) {
    double share = total == 0 ? 0.0 : 100.0 * static_cast<double>(row.second) / static_cast<double>(total);
    std::size_t bar = largest == 0 ? 0 : static_cast<std::size_t>((row.second * bar_width + largest - 1) / largest);
    fmt::format_to(std::back_inserter(out), "  {:<{}}  {:>10}  {:>5.1f}%  {}\n", row.first, name_width, row.second,
                   share, std::string(bar, '#'));
  }
}

}  // namespace

std::string render_batch_report(const Bank& bank, const BatchTally& tally) {
  // Every scored record and every error record read from its valid answers (incomplete or partly invalid) has
  // exactly one urgency: their sum counts the records whose urgency and red flags are counted.
  std::uint64_t assessed = 0;
  for (std::uint64_t count : tally.urgencies) assessed += count;
  std::string out;
  fmt::format_to(std::back_inserter(out),
                 "wegwijzer score report\nrecords  {}\nscored   {}\nerrors   {}\nassessed {}  (records with urgency "
                 "and red flags: {} scored, {} error records incomplete or partly invalid)\n",
                 tally.records, tally.scored, tally.errors, assessed, tally.scored,
                 assessed > tally.scored ? assessed - tally.scored : 0);
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  for (std::size_t i = 0; i < bank.outcomes.size() && i < tally.recommendations.size(); ++i) {
    rows.emplace_back(sanitize_for_terminal(bank.outcomes[i].id, false), tally.recommendations[i]);
  }
  append_section(out, "recommendation (of scored records; error records have none)", rows, tally.scored);
  rows.clear();
  for (Urgency urgency : {Urgency::routine, Urgency::prompt, Urgency::crisis}) {
    rows.emplace_back(std::string(to_string(urgency)), tally.urgencies[static_cast<std::size_t>(urgency)]);
  }
  append_section(out, "urgency (of assessed records: error records included)", rows, assessed);
  rows.clear();
  for (std::size_t i = 0; i < bank.rules.size() && i < tally.red_flags.size(); ++i) {
    if (bank.rules[i].effects.red_flag)
      rows.emplace_back(sanitize_for_terminal(bank.rules[i].id, false), tally.red_flags[i]);
  }
  append_section(out, "red flags (records raising each flag, of assessed records: error records included)", rows,
                 assessed);
  rows.clear();
  for (std::size_t i = 0; i < record_code_count; ++i) {
    if (tally.codes[i] > 0) rows.emplace_back(std::string(to_string(static_cast<RecordCode>(i))), tally.codes[i]);
  }
  append_section(out, "errors (of all records)", rows, tally.records);
  return out;
}

}  // namespace wegwijzer
