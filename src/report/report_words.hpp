#pragma once
// The words of the cohort report (titles, column heads, notes) in Dutch and English. Ids and numbers are
// language-neutral and never come from here.
#include <string>
#include <string_view>

namespace wegwijzer::report {

/// A word or phrase of the report.
enum class Word {
  title,
  bank,
  grouped_by,
  suppression_note,  ///< {0}: min_cell
  no_suppression,
  records,
  scored,
  error_records,
  recommendation,
  urgency,
  red_flags,
  unknown_red_flags,
  close_calls,
  errors,
  scale,  ///< "scale: {0}"
  of_records,
  of_scored,
  of_errors,
  of_assessed,
  of_scale,
  routine,
  prompt,
  crisis,
  close_call,
  not_close_call,
  no_band,
  mean,
  median,
  total,
  other,
  empty_group,
  none,
  count,
  share,
  hidden_note,  ///< explains "x"
};

/// The word in `language` ("nl"; anything else: English).
const std::string& word(Word word, std::string_view language);

/// `text` with "{0}" replaced by `value`.
std::string fill(const std::string& text, const std::string& value);

}  // namespace wegwijzer::report
