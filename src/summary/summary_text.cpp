// The terminal form of the summary: headings, wrapped paragraphs, bars, optional colour.
#include <algorithm>

#include "summary_model.hpp"
#include "summary_texts.hpp"
#include "text_wrap.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::summary {
namespace {

/// Replaces the summary's arrow "→" with "->" for ASCII output.
std::string ascii_arrows(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "→") == 0) {
      out += "->";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// Builds the text document line by line.
class TextWriter {
 public:
  explicit TextWriter(const SummaryOptions& options)
      : options_(options),
        width_(static_cast<std::size_t>(std::clamp(options.width <= 0 ? 80 : options.width, 30, 200))) {}

  std::size_t width() const { return width_; }
  bool unicode() const { return options_.unicode; }
  std::string_view bullet() const { return options_.unicode ? "• " : "- "; }

  /// A line written as is (already sanitised), optionally coloured.
  void raw_line(std::string_view line, std::string_view colour = {}) {
    if (options_.color && !colour.empty() && !line.empty()) {
      out_ += colour;
      out_ += line;
      out_ += kReset;
    } else {
      out_ += line;
    }
    out_ += '\n';
  }
  void blank() {
    if (!out_.empty() && out_.compare(out_.size() - std::min<std::size_t>(2, out_.size()), 2, "\n\n") != 0)
      out_ += '\n';
  }
  /// A wrapped paragraph of untrusted text.
  void paragraph(std::string_view text, std::string_view first = {}, std::string_view rest = {}) {
    std::string clean = sanitize_for_terminal(text);
    if (!options_.unicode) clean = ascii_arrows(clean);
    for (const auto& line : wrap(clean, width_, first, rest)) raw_line(line);
  }
  void item(std::string_view text) { paragraph(text, bullet(), "  "); }
  /// "Label: text", wrapped with a hanging indent.
  void labelled(std::string_view label, std::string_view text) {
    paragraph(std::string(label) + ": " + std::string(text), {}, "  ");
  }
  /// A section heading with an underline.
  void heading(std::string_view text, bool major = false) {
    blank();
    std::string clean = sanitize_for_terminal(text, false);
    raw_line(clean, kBold);
    std::string_view unit = major ? (options_.unicode ? "═" : "=") : (options_.unicode ? "─" : "-");
    std::string underline;
    std::size_t length = std::min(display_width(clean), width_);
    for (std::size_t i = 0; i < length; ++i) underline += unit;
    raw_line(underline, kBold);
  }
  void append(std::string_view text) { out_ += text; }
  std::string take() { return std::move(out_); }

 private:
  const SummaryOptions& options_;
  std::size_t width_;
  std::string out_;
};

std::string crisis_box(const SummaryOptions& options, const Language& language, const GuidanceText& guidance) {
  TextWriter writer(options);
  const std::size_t width = writer.width();
  const bool u = options.unicode;
  const std::size_t inner = width - 4;
  auto repeat = [](std::string_view unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
  };
  auto boxed = [&](const std::string& content) {
    std::string line = u ? "║ " : "| ";
    line += content;
    line += std::string(inner - std::min(inner, display_width(content)), ' ');
    line += u ? " ║" : " |";
    writer.raw_line(line, kRed);
  };
  writer.raw_line((u ? "╔" : "+") + repeat(u ? "═" : "=", width - 2) + (u ? "╗" : "+"), kRed);
  boxed(std::string(u ? "⚠ " : "! ") + std::string(phrase(Phrase::crisis_title, language)));
  // The first steps of the flags raised, then where to turn, most relevant first.
  // Bank text: sanitised like every paragraph, since the box writes raw lines.
  for (const auto& text : crisis_steps(guidance, language)) {
    for (const auto& line : wrap(sanitize_for_terminal(text, false), inner, u ? "→ " : "> ", "  ")) boxed(line);
  }
  for (const auto& resource : guidance.resources) {
    for (const auto& line : wrap(sanitize_for_terminal(resource.line, false), inner, u ? "• " : "- ", "  ")) {
      boxed(line);
    }
  }
  writer.raw_line((u ? "╚" : "+") + repeat(u ? "═" : "=", width - 2) + (u ? "╝" : "+"), kRed);
  return writer.take();
}

void footer(TextWriter& w, const Model& m) {
  const Language& lang = m.language;
  w.heading(phrase(Phrase::footer_heading, lang));
  w.paragraph(fill(phrase(Phrase::footer_bank, lang), {m.bank_id, m.bank_version}));
  w.paragraph(std::string(phrase(Phrase::footer_sha256, lang)) + ": " + m.bank_sha256, {}, "  ");
  w.paragraph(std::string(phrase(Phrase::footer_tool, lang)) + ": " + m.tool_version);
  if (!m.date.empty()) w.paragraph(std::string(phrase(Phrase::footer_date, lang)) + ": " + m.date);
  if (!m.disclaimer.empty()) {
    w.blank();
    w.paragraph(m.disclaimer);
  }
  if (m.crisis_lines.empty()) return;
  w.blank();
  for (const auto& line : wrap(phrase(Phrase::footer_crisis_lines, lang), w.width(), {}, {})) w.raw_line(line, kBold);
  for (const auto& text : m.crisis_lines) w.item(text);
}

/// Outside a crisis: the resources of the flags that set the urgency (a crisis lists them in its box).
void where_to_turn(TextWriter& w, const Model& m) {
  if (m.crisis_box || m.guidance.resources.empty()) return;
  w.blank();
  w.paragraph(std::string(phrase(Phrase::resources_label, m.language)) + ":");
  for (const auto& resource : m.guidance.resources) w.item(resource.line);
}

void unknown_red_flags(TextWriter& w, const Model& m) {
  if (m.unknown_red_flags.empty()) return;
  w.blank();
  w.paragraph(std::string(phrase(Phrase::unknown_red_flags_label, m.language)) + ":");
  for (const auto& question : m.unknown_red_flags) w.item(question.text);
  w.paragraph(phrase(Phrase::unknown_red_flags_advice, m.language));
}

void red_flags(TextWriter& w, const Model& m) {
  if (m.red_flags.empty()) return;
  w.blank();
  w.paragraph(std::string(phrase(Phrase::red_flags_label, m.language)) + ":");
  for (std::size_t i = 0; i < m.red_flags.size(); ++i) {
    w.item(m.red_flags[i].text);
    if (i >= m.red_flag_answers.size()) continue;
    for (const auto& answer : m.red_flag_answers[i]) w.paragraph(answer, "  ", "    ");
  }
}

void answers(TextWriter& w, const Model& m) {
  w.heading(phrase(Phrase::answers_heading, m.language));
  for (const auto& answer : m.answers) {
    w.item(answer.text);
    w.paragraph(answer.answer, w.unicode() ? "  → " : "  -> ", "    ");
  }
}

/// The scales with their bars and bands, and the reminder that they are no diagnosis.
void scales(TextWriter& w, const Model& m) {
  if (m.scales.empty()) return;
  w.heading(phrase(Phrase::distress_heading, m.language));
  for (const auto& scale : m.scales) {
    std::string line = (scale.label_is_heading ? std::string() : sanitize_for_terminal(scale.label, false) + ": ") +
                       std::to_string(scale.value) + "/" + std::to_string(scale.max) + " " +
                       bar(scale.value, scale.min, scale.max, 10, w.unicode()) + " " +
                       sanitize_for_terminal(scale.band_label, false);
    w.paragraph(line, {}, "  ");
  }
  w.paragraph(phrase(Phrase::distress_reminder, m.language));
}

/// The notes of fired rules that "Why" does not already show.
void notes(TextWriter& w, const Model& m) {
  bool notes_label = false;
  for (const auto& note : m.notes) {
    if (note_shown_as_reason(m, note.id)) continue;  // already under "Why"
    if (!notes_label) {
      w.blank();
      w.paragraph(std::string(phrase(Phrase::notes_label, m.language)) + ":");
      notes_label = true;
    }
    w.item(note.text);
  }
}

}  // namespace

std::string render_text_crisis_box(const SummaryOptions& options, const Language& language,
                                   const GuidanceText& guidance) {
  return crisis_box(options, language, guidance);
}

std::string render_text(const Model& m, const SummaryOptions& options) {
  TextWriter w(options);
  const Language& lang = m.language;
  if (m.crisis_box) {
    w.append(crisis_box(options, m.language, m.guidance));
    w.blank();
  }
  w.heading(m.heading, true);
  if (!m.title.empty()) {
    w.paragraph(m.title);
    w.blank();
  }

  if (!m.complete) {
    w.paragraph(m.incomplete_explanation);
    w.heading(phrase(Phrase::missing_heading, lang));
    for (const auto& question : m.missing) w.item(question.text);
    red_flags(w, m);
    if (!m.crisis_box && !m.guidance.first_steps.empty()) {
      w.blank();
      for (const auto& step : m.guidance.first_steps) w.labelled(phrase(Phrase::urgency_label, lang), step);
    }
    where_to_turn(w, m);
    unknown_red_flags(w, m);
    answers(w, m);
    footer(w, m);
    return w.take();
  }

  if (!m.advice) {
    // An instrument bank: how soon and the signs, then the scales; no advice sections.
    if (!m.urgency_text.empty()) {
      w.blank();
      w.labelled(phrase(Phrase::urgency_label, lang), m.urgency_text);
    }
    where_to_turn(w, m);
    red_flags(w, m);
    scales(w, m);
    notes(w, m);
    unknown_red_flags(w, m);
    answers(w, m);
    footer(w, m);
    return w.take();
  }

  w.heading(phrase(Phrase::advice_heading, lang));
  w.paragraph(m.advice_line, {}, "  ");
  w.labelled(phrase(Phrase::urgency_label, lang), m.urgency_text);
  where_to_turn(w, m);

  w.heading(phrase(Phrase::why_heading, lang));
  for (const auto& reason : m.reasons) w.item(reason);
  red_flags(w, m);

  w.heading(phrase(Phrase::alternatives_heading, lang));
  if (m.alternatives.empty()) w.paragraph(phrase(Phrase::no_alternatives, lang));
  for (const auto& alternative : m.alternatives) w.item(alternative.line);
  if (!m.alongside_note.empty()) {
    w.blank();
    w.paragraph(m.alongside_note);
  }
  if (!m.close_call_note.empty()) {
    w.blank();
    w.paragraph(m.close_call_note);
  }
  if (m.show_flips) {
    w.heading(phrase(Phrase::flips_heading, lang));
    for (const auto& flip : m.flips) w.item(flip.line);
    if (!m.flips_note.empty()) w.paragraph(m.flips_note);
    if (!m.flips_caveat.empty()) {
      w.blank();
      w.paragraph(m.flips_caveat);
    }
  }

  scales(w, m);

  w.heading(phrase(Phrase::expect_heading, lang));
  if (m.crisis_box) {
    w.paragraph(phrase(Phrase::expect_after_crisis, lang));
    w.blank();
  }
  w.labelled(phrase(Phrase::what_it_is_label, lang), m.what_it_is);
  w.labelled(phrase(Phrase::what_to_expect_label, lang), m.what_to_expect);
  w.labelled(phrase(Phrase::where_to_find_label, lang), m.where_to_find);
  notes(w, m);
  unknown_red_flags(w, m);

  answers(w, m);
  footer(w, m);
  return w.take();
}

}  // namespace wegwijzer::summary
