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

/// The --explain part: how far each scored record is from other advice, and the questions that decide.
void append_flips(std::string& out, const Bank& bank, const BatchTally& tally) {
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  const std::size_t outcomes = bank.outcomes.size();
  std::uint64_t one_away = 0;
  for (std::size_t from = 0; from < outcomes; ++from) {
    for (std::size_t to = 0; to < outcomes; ++to) {
      const std::size_t pair = from * outcomes + to;
      if (pair >= tally.one_away.size() || tally.one_away[pair] == 0) continue;
      one_away += tally.one_away[pair];
      rows.emplace_back(sanitize_for_terminal(bank.outcomes[from].id, false) + " -> " +
                            sanitize_for_terminal(bank.outcomes[to].id, false),
                        tally.one_away[pair]);
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  const std::vector<std::pair<std::string, std::uint64_t>> distances = {
      {"one answer from other advice", one_away},
      {"two answers from other advice", tally.two_away},
      {"no change of one or two answers changes it", tally.no_flip},
      {"decided by a red flag", tally.red_flag_decided}};
  append_section(out, "nearest flip (of scored records)", distances, tally.scored);
  append_section(out, "one answer from other advice: advice -> the advice one answer away (of scored records)", rows,
                 tally.scored);
  rows.clear();
  for (std::size_t q = 0; q < bank.questions.size() && q < tally.deciding.size(); ++q) {
    if (tally.deciding[q] > 0) rows.emplace_back(sanitize_for_terminal(bank.questions[q].id, false), tally.deciding[q]);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  const bool cut = rows.size() > 10;
  if (cut) rows.resize(10);
  append_section(out,
                 fmt::format("questions that decide (records whose nearest flip changes them, of scored records; a "
                             "flip of two answers counts for both{})",
                             cut ? "; the 10 most frequent" : ""),
                 rows, tally.scored);
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
  if (!bank.outcomes.empty()) {  // a bank without outcomes (an instrument) recommends nothing
    append_section(out, "recommendation (of scored records; error records have none)", rows, tally.scored);
  }
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
  if (tally.explained) append_flips(out, bank, tally);
  return out;
}

}  // namespace wegwijzer
