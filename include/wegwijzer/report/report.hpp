#pragma once
// report/: the cohort report of `wegwijzer report`: the results of `wegwijzer score` (JSON Lines or CSV) read into
// counts, small cells suppressed, laid out as text, Markdown, JSON, CSV or one self-contained HTML page. Counts only:
// no answers; a kept value appears only as the label of a --by group. See docs/report.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wegwijzer/bank/bank.hpp"

namespace wegwijzer {

/// The error codes of `score`'s error records, in the order the report lists them.
constexpr std::array<std::string_view, 13> report_error_codes = {
    "invalid_json",  "not_an_object",    "missing_answers",  "unknown_question", "unknown_option",
    "wrong_type",    "duplicate_option", "exclusive_option", "duplicate_key",    "incomplete",
    "line_too_long", "too_many_answers", "invalid_csv"};

/// Counts of one group of records (all records, or the records of one value of the --by column).
struct CohortCounts {
  std::uint64_t records = 0;      ///< records read (scored + error records)
  std::uint64_t scored = 0;       ///< status "complete"
  std::uint64_t errors = 0;       ///< status "error"
  std::uint64_t assessed = 0;     ///< records with an urgency (scored, and error records read from valid answers)
  std::uint64_t close_calls = 0;  ///< scored records with close_call true
  std::vector<std::uint64_t> recommendations;                          ///< per outcome, bank order
  std::array<std::uint64_t, 3> urgencies{};                            ///< routine, prompt, crisis
  std::vector<std::uint64_t> red_flags;                                ///< per rule, bank order
  std::vector<std::uint64_t> unknown_red_flags;                        ///< per question, bank order
  std::array<std::uint64_t, report_error_codes.size()> error_codes{};  ///< per report_error_codes
  std::vector<std::uint64_t> with_scale;                               ///< per scale: records that carry it
  /// Per scale: records per band (bank order), then the records without a band (no item answered).
  std::vector<std::vector<std::uint64_t>> bands;
  /// Per scale: records with a band per value, indexed by value - the scale's min_value.
  std::vector<std::vector<std::uint64_t>> values;

  /// Zero counts sized for `bank`.
  static CohortCounts for_bank(const Bank& bank);
  /// Adds the counts of another group of the same bank.
  void add(const CohortCounts& other);
};

/// What reading results gives: the counts of all records and, with --by, of each value of the column.
struct CohortTally {
  std::string by;        ///< the --by column ("" without --by)
  bool by_seen = false;  ///< some input has the column (a CSV header, a record's "kept")
  CohortCounts all;      ///< every record
  /// Per value of the --by column ("" for an empty cell, null or a record without the column).
  std::map<std::string, CohortCounts> groups;
};

/// Reads the output of `wegwijzer score` into a CohortTally, one input after the other. Each input is JSON Lines
/// when its first non-blank byte is '{', else CSV. A line that cannot be read, or an id the bank does not know, is a
/// Fatal(ExitCode::data) naming the input, the line and the JSON pointer or column; messages never hold a kept
/// value.
class CohortReader {
 public:
  /// Counts against `bank` (the ids and their order); `by` is the --by column ("" for none).
  CohortReader(const Bank& bank, std::string by);
  /// Reads one input; `name` is used in messages ("-" for standard input).
  void read(std::istream& in, const std::string& name);
  /// Reads one input from memory (the same as read()).
  void read_text(std::string_view text, const std::string& name);
  /// The counts so far. Throws Fatal(ExitCode::data) when --by names a column that no input has, unless there were
  /// no records.
  const CohortTally& tally() const;

 private:
  const Bank& bank_;
  CohortTally tally_;
};

/// How a count is shown.
enum class Hidden {
  no,             ///< shown
  small,          ///< 1 to min_cell - 1: shown as "<N"
  complementary,  ///< hidden so that a total minus the shown cells does not reveal a small one: shown as "x"
};

/// One count of the report.
struct ReportCell {
  std::uint64_t count = 0;
  Hidden hidden = Hidden::no;
};

/// One row of a section: a category and its count per column.
struct ReportRow {
  std::string id;                 ///< language-neutral (an outcome, rule or band id, "routine", ...)
  std::string label;              ///< in the report's language (from the bank or the words table)
  std::vector<ReportCell> cells;  ///< one per column of the report
};

/// A statistic of a scale section (mean, median) per column; nullopt when hidden or there is nothing to count.
struct ReportStat {
  std::string id;  ///< "mean" or "median"
  std::string label;
  std::vector<std::optional<double>> values;
};

/// What the shares of a section are of.
enum class ReportBase { records, scored, errors, assessed, scale };

/// One section of the report: a table, and in HTML one chart.
struct ReportSection {
  std::string id;     ///< "records", "recommendation", "urgency", "red_flags", "unknown_red_flags", "close_calls",
                      ///< "errors", or "scale:<scale id>"
  std::string title;  ///< in the report's language
  std::string of;     ///< what the shares are of, in the report's language ("of scored records")
  ReportBase base_kind = ReportBase::records;
  bool partition = false;  ///< every record of the base is in exactly one row
  ReportRow base;          ///< the records the shares are of, per column
  std::vector<ReportRow> rows;
  std::vector<ReportStat> stats;  ///< scale sections: mean and median of the answered records
};

/// One column of the report: a --by group, the folded small groups, or the total.
struct ReportColumn {
  std::string id;          ///< the group's value; "" for the empty group; "*other" and "*total"
  std::string label;       ///< what the report shows
  bool total = false;      ///< the column of all records
  bool other = false;      ///< the groups folded together because they were small
  std::size_t folded = 0;  ///< other: how many groups it holds
};

/// What render_report() needs to know besides the tally.
struct ReportSettings {
  std::uint64_t min_cell = 5;   ///< counts from 1 to min_cell - 1 are hidden; 0: nothing is hidden
  std::string language = "en";  ///< "nl" or "en": words and bank labels
};

/// The report as it is shown: every count decided (shown or hidden), every label in its language.
struct CohortReport {
  std::string language;
  std::uint64_t min_cell = 5;
  std::string by;  ///< "" without --by
  std::string bank_id;
  std::string bank_version;
  std::string bank_sha256;
  std::vector<ReportColumn> columns;  ///< the groups in order, "other", then the total (alone without --by)
  std::vector<ReportSection> sections;
};

/// Builds the report from the counts: folds small groups, hides small cells and their complements.
CohortReport build_report(const Bank& bank, const CohortTally& tally, const ReportSettings& settings);

/// The layouts of a report.
enum class ReportFormat { text, markdown, json, csv, html };

/// Parses "text", "markdown", "json", "csv" or "html"; false for anything else.
bool parse_report_format(std::string_view name, ReportFormat& format);

/// The report in `format`, ending in a newline.
std::string render_report(const CohortReport& report, ReportFormat format);

/// The report as plain text (tables, and bars without --by).
std::string render_report_text(const CohortReport& report);
/// The report as Markdown (a heading and a table per section).
std::string render_report_markdown(const CohortReport& report);
/// The report as one JSON object (docs/report.md).
std::string render_report_json(const CohortReport& report);
/// The report as CSV in long form: one row per section, row and column.
std::string render_report_csv(const CohortReport& report);
/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, one chart per section.
std::string render_report_html(const CohortReport& report);

}  // namespace wegwijzer
