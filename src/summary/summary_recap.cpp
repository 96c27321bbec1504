// The recap: a few lines after a long text summary at a terminal that repeat what to do, since the
// advice at the top of the summary has scrolled out of sight by then.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "summary_model.hpp"
#include "summary_texts.hpp"
#include "text_wrap.hpp"
#include "wegwijzer/summary/guidance.hpp"
#include "wegwijzer/summary/summary.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer {
namespace {

using summary::fill;
using summary::kBold;
using summary::kRed;
using summary::kReset;
using summary::Phrase;
using summary::phrase;

/// One crisis line, short: "113 Zelfmoordpreventie: 113 or 0800-0113". The summary's footer just above
/// has the whole line (hours, web address, when to call); a line without a number keeps it whole.
std::string short_crisis_line(const Resource& resource, const Language& language) {
  if (resource.phone.empty()) return resource_line(resource, language);
  std::string line = resource.name.in(language);
  line += ": ";
  for (std::size_t i = 0; i < resource.phone.size(); ++i) {
    if (i > 0) line += phrase(Phrase::recap_phone_or, language);
    line += resource.phone[i];
  }
  return line;
}

/// Builds the recap line by line, wrapped to the width and sanitised.
class RecapWriter {
 public:
  explicit RecapWriter(const SummaryOptions& options)
      : options_(options),
        width_(static_cast<std::size_t>(std::clamp(options.width <= 0 ? 80 : options.width, 30, 200))) {}

  /// The rule with the title that sets the recap apart from the summary above it.
  void rule(std::string_view title) {
    std::string_view unit = options_.unicode ? "\u2500" : "-";
    std::string line;
    line += unit;
    line += unit;
    line += ' ';
    line += sanitize_for_terminal(title, false);
    line += ' ';
    for (std::size_t used = summary::display_width(line); used < width_; ++used) line += unit;
    raw(line, kBold);
  }
  /// A wrapped paragraph of (untrusted) text, with a hanging indent.
  void paragraph(std::string_view text, std::string_view first = {}, std::string_view rest = "  ",
                 std::string_view colour = {}) {
    for (const auto& line : summary::wrap(sanitize_for_terminal(text, false), width_, first, rest)) {
      raw(line, colour);
    }
  }
  std::string_view warning_mark() const { return options_.unicode ? "\u26a0 " : "! "; }
  std::string_view bullet() const { return options_.unicode ? "  \u2022 " : "  - "; }
  std::string take() { return std::move(out_); }

 private:
  void raw(std::string_view line, std::string_view colour) {
    if (options_.color && !colour.empty()) {
      out_ += colour;
      out_ += line;
      out_ += kReset;
    } else {
      out_ += line;
    }
    out_ += '\n';
  }

  const SummaryOptions& options_;
  std::size_t width_;
  std::string out_;
};

}  // namespace

std::string render_recap(const Bank& bank, const AnswerSet& answers, const Result& result,
                         const SummaryOptions& options, std::string_view saved_to) {
  // The model the summary is rendered from, so the recap says exactly what the summary says.
  const summary::Model model = summary::build_model(bank, answers, result, options);
  const Language& lang = model.language;
  RecapWriter w(options);
  w.rule(phrase(Phrase::recap_heading, lang));

  // In a crisis the lines to call come first, before anything else.
  if (result.urgency == Urgency::crisis) {
    std::vector<std::string> lines;
    for (std::size_t index : bank.crisis_lines) {
      if (index < bank.resources.size()) lines.push_back(short_crisis_line(bank.resources[index], lang));
    }
    if (!lines.empty()) {
      w.paragraph(std::string(w.warning_mark()) + std::string(phrase(Phrase::footer_crisis_lines, lang)), {}, "  ",
                  kRed);
      for (const std::string& line : lines) w.paragraph(line, w.bullet(), "    ", kRed);
    }
  }

  if (!model.complete) {
    // No advice to repeat: say so rather than show something that looks like advice.
    w.paragraph(phrase(Phrase::recap_incomplete, lang));
    return w.take();
  }

  // A bank without outcomes has no advice line; its recap is how soon, the first step and how to save.
  if (model.advice) w.paragraph(model.advice_line, {}, "  ", kBold);
  const std::vector<std::string>& steps = model.guidance.first_steps;
  if (steps.empty() && model.urgency_text.empty()) {
    // Nothing to do first (an instrument's plain routine result): only how to save.
  } else if (steps.empty()) {
    // Without first steps of its own, the summary's how-soon sentence says what to do first.
    w.paragraph(fill(phrase(Phrase::recap_how_soon, lang), {model.urgency_text}));
  } else {
    // The summary's how-soon is then its first steps: name the urgency in a few words, then the first step.
    const Phrase soon =
        result.urgency == Urgency::crisis ? Phrase::recap_how_soon_crisis : Phrase::recap_how_soon_prompt;
    w.paragraph(fill(phrase(Phrase::recap_how_soon, lang), {phrase(soon, lang)}));
    std::string first = fill(phrase(Phrase::recap_first_step, lang), {steps.front()});
    if (steps.size() > 1) {
      first += ' ';
      first += phrase(Phrase::recap_more_steps, lang);
    }
    w.paragraph(first);
  }
  w.paragraph(saved_to.empty() ? std::string(phrase(Phrase::recap_save_hint, lang))
                               : fill(phrase(Phrase::recap_saved_to, lang), {saved_to}));
  return w.take();
}

}  // namespace wegwijzer
