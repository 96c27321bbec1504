#pragma once
// summary/: what a person reads: the summary model, its text / Markdown / JSON layouts, their nl/en texts, and the
// guidance (first steps, resources).
#include <string>
#include <string_view>

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
  /// Text and Markdown: always show "What would change this advice" (otherwise only on a close call). JSON always
  /// has it.
  bool explain = false;
};

/// Renders the referral summary for a person. Pure: returns the whole document.
std::string render_summary(const Bank& bank, const AnswerSet& answers, const Result& result,
                           const SummaryOptions& options);

/// Renders the crisis box of `result`: the first steps of the crisis flags raised, then their resources
/// (see guidance_for()), as shown mid-questionnaire and at the top of a crisis summary. Text format only.
std::string render_crisis_box(const Bank& bank, const Result& result, const SummaryOptions& options);

/// Parses "text", "markdown" or "json"; false when the name is unknown.
bool parse_summary_format(const std::string& name, SummaryFormat& format);

/// A few lines (about eight) that repeat what to do, for after a text summary at a terminal, whose top has
/// scrolled out of sight by then: in a crisis the bank's crisis lines first, then the advice, how soon, the
/// first step, and how to save the summary (`saved_to`: the file it was saved to; empty: run again with
/// --out). Says what render_summary() says, in `options.language`, wrapped to `options.width`; text only.
/// An incomplete result gets no advice: the crisis lines in a crisis and a line saying there is no advice.
std::string render_recap(const Bank& bank, const AnswerSet& answers, const Result& result,
                         const SummaryOptions& options, std::string_view saved_to = {});

namespace summary {
/// The built-in English phrase of the program text `key` ("summary.<name>"), or empty when no phrase has that key.
std::string_view builtin_phrase(std::string_view key);
}  // namespace summary

}  // namespace wegwijzer
