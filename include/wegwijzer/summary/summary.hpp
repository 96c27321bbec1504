#pragma once
// summary/: what a person reads: the summary model, its text / Markdown / JSON layouts, their nl/en texts, and the
// guidance (first steps, resources).
#include <string>

#include "wegwijzer/bank/answers.hpp"
#include "wegwijzer/bank/bank.hpp"
#include "wegwijzer/engine/result.hpp"

namespace wegwijzer {

/// Output format of the referral summary.
enum class SummaryFormat { text, markdown, json };

/// How to render a summary. All inputs are explicit so rendering is reproducible.
struct SummaryOptions {
  SummaryFormat format = SummaryFormat::text;
  std::string language = "nl";  ///< "nl" or "en"
  bool unicode = true;          ///< text: Unicode boxes and bars; false: ASCII only
  bool color = false;           ///< text: ANSI colour
  int width = 80;               ///< text: wrap width in columns
  std::string date;             ///< ISO date for the footer (the caller supplies today's date)
};

/// Renders the referral summary for a person. Pure: returns the whole document.
std::string render_summary(const Bank& bank, const AnswerSet& answers, const Result& result,
                           const SummaryOptions& options);

/// Renders the crisis box of `result`: the first steps of the crisis flags raised, then their resources
/// (see guidance_for()), as shown mid-questionnaire and at the top of a crisis summary. Text format only.
std::string render_crisis_box(const Bank& bank, const Result& result, const SummaryOptions& options);

/// Parses "text", "markdown" or "json"; false when the name is unknown.
bool parse_summary_format(const std::string& name, SummaryFormat& format);

}  // namespace wegwijzer
