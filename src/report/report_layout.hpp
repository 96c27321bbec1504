#pragma once
// What the layouts of the cohort report share: how a count, a share and a statistic are written.
#include <optional>
#include <string>

#include "wegwijzer/report/report.hpp"

namespace wegwijzer::report {

/// A count as every layout shows it: the number, "<N" (small) or "x" (hidden as a complement).
std::string cell_text(const CohortReport& report, const ReportCell& cell);

/// The share of `cell` in `base` in percent, when both are shown and the base is not zero.
std::optional<double> percent(const ReportCell& cell, const ReportCell& base);

/// A percentage with one decimal ("37.5").
std::string percent_text(double value);

/// A statistic in its shortest form ("4.25", "3").
std::string number_text(double value);

/// The columns a terminal shows for UTF-8 `text` (one per code point).
std::size_t display_width(const std::string& text);

/// The note under the title: which counts are hidden and how, in the report's language.
std::string suppression_note(const CohortReport& report);

}  // namespace wegwijzer::report
