// Entry points of the referral summary: format dispatch and the crisis box.
#include "wegwijzer/summary/summary.hpp"

#include "summary_model.hpp"

namespace wegwijzer {

std::string render_summary(const Bank& bank, const AnswerSet& answers, const Result& result,
                           const SummaryOptions& options) {
  summary::Model model = summary::build_model(bank, answers, result, options);
  switch (options.format) {
    case SummaryFormat::text: return summary::render_text(model, options);
    case SummaryFormat::markdown: return summary::render_markdown(model, options);
    case SummaryFormat::json: return summary::render_json(model, bank, answers, result, options);
  }
  return summary::render_text(model, options);
}

std::string render_crisis_box(const Bank& bank, const Result& result, const SummaryOptions& options) {
  const Language language = bank.language(options.language);
  return summary::render_text_crisis_box(options, language, summary::guidance_text(bank, result, language));
}

bool parse_summary_format(const std::string& name, SummaryFormat& format) {
  if (name == "text") {
    format = SummaryFormat::text;
  } else if (name == "markdown") {
    format = SummaryFormat::markdown;
  } else if (name == "json") {
    format = SummaryFormat::json;
  } else {
    return false;
  }
  return true;
}

}  // namespace wegwijzer
