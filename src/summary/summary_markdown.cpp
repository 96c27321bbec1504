// The Markdown form of the summary: bank and answer text escaped so it renders as plain text.
#include <algorithm>

#include "summary_model.hpp"
#include "summary_texts.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::summary {
namespace {

/// Escapes one line of untrusted text for Markdown (CommonMark backslash escapes).
std::string escape_line(std::string_view line) {
  std::string out;
  std::size_t start = 0;
  while (start < line.size() && line[start] == ' ') ++start;  // leading spaces would make code blocks
  for (std::size_t i = start; i < line.size(); ++i) {
    char c = line[i];
    bool at_start = out.empty();
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '#':
      case '|':
      case '~':
      case '&':
      case '!':
      case '{':
      case '}': out += '\\'; break;
      case '-':
      case '+':
      case '=':
        if (at_start) out += '\\';
        break;
      case '.':
      case ')': {
        // "1." or "1)" at the start of a line would start an ordered list.
        bool digits_before = i > start;
        for (std::size_t k = start; k < i; ++k) digits_before = digits_before && line[k] >= '0' && line[k] <= '9';
        if (digits_before) out += '\\';
        break;
      }
      default: break;
    }
    out += c;
  }
  return out;
}

/// Escapes untrusted text; its lines are joined with `separator` (a hard break plus indentation).
std::string escape(std::string_view text, std::string_view separator = "  \n") {
  std::string clean = sanitize_for_terminal(text);
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = clean.find('\n', start);
    std::string_view line = std::string_view(clean).substr(start, end == std::string::npos ? end : end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (!line.empty()) {
      if (!out.empty()) out += separator;
      out += escape_line(line);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

/// Text without backticks or line breaks, for inside a code span (where escapes do not work).
std::string code_span_safe(std::string_view text) {
  std::string out = sanitize_for_terminal(text, false);
  out.erase(std::remove(out.begin(), out.end(), '`'), out.end());
  return out;
}

class MarkdownWriter {
 public:
  explicit MarkdownWriter(const Language& language) : lang_(language) {}
  void heading(int level, std::string_view escaped) {
    blank();
    out_ += std::string(static_cast<std::size_t>(level), '#');
    out_ += ' ';
    out_ += escaped;
    out_ += "\n\n";
  }
  void heading(int level, Phrase id) { heading(level, std::string(phrase(id, lang_))); }
  void paragraph(std::string_view escaped) {
    blank();
    out_ += escaped;
    out_ += "\n\n";
  }
  void item(std::string_view escaped) {
    out_ += "- ";
    out_ += escaped;
    out_ += '\n';
  }
  void blank() {
    if (!out_.empty() && out_.back() == '\n' && (out_.size() < 2 || out_[out_.size() - 2] != '\n')) out_ += '\n';
  }
  std::string_view text(Phrase id) const { return phrase(id, lang_); }
  void append(std::string_view text) { out_ += text; }
  std::string take() {
    while (out_.size() >= 2 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n') out_.pop_back();
    return std::move(out_);
  }

 private:
  Language lang_;
  std::string out_;
};

void crisis(MarkdownWriter& w, const Model& m) {
  w.append("> **");
  w.append(w.text(Phrase::crisis_title));
  w.append("**\n>\n");
  for (const auto& step : crisis_steps(m.guidance, m.language)) {
    w.append("> **");
    w.append(escape(step));
    w.append("**\n>\n");
  }
  for (const auto& resource : m.guidance.resources) {
    w.append("> - ");
    w.append(escape(resource.line));
    w.append("\n");
  }
  w.append("\n");
}

void red_flags(MarkdownWriter& w, const Model& m) {
  if (m.red_flags.empty()) return;
  w.paragraph("**" + std::string(w.text(Phrase::red_flags_label)) + "**");
  for (std::size_t i = 0; i < m.red_flags.size(); ++i) {
    std::string item = escape(m.red_flags[i].text, "  \n  ");
    if (i < m.red_flag_answers.size()) {
      for (const auto& answer : m.red_flag_answers[i]) item += "  \n  " + escape(answer, "  \n  ");
    }
    w.item(item);
  }
}

void unknown_red_flags(MarkdownWriter& w, const Model& m) {
  if (m.unknown_red_flags.empty()) return;
  w.paragraph("**" + std::string(w.text(Phrase::unknown_red_flags_label)) + "**");
  for (const auto& question : m.unknown_red_flags) w.item(escape(question.text, "  \n  "));
  w.paragraph(std::string(w.text(Phrase::unknown_red_flags_advice)));
}

void answers(MarkdownWriter& w, const Model& m) {
  w.heading(2, Phrase::answers_heading);
  for (const auto& answer : m.answers) {
    w.item(escape(answer.text, "  \n  ") + "  \n  → " + escape(answer.answer, "  \n    "));
  }
}

void footer(MarkdownWriter& w, const Model& m) {
  w.heading(2, Phrase::footer_heading);
  w.item(escape(fill(w.text(Phrase::footer_bank), {m.bank_id, m.bank_version})));
  w.item(std::string(w.text(Phrase::footer_sha256)) + ": `" + code_span_safe(m.bank_sha256) + "`");
  w.item(std::string(w.text(Phrase::footer_tool)) + ": " + code_span_safe(m.tool_version));
  if (!m.date.empty()) w.item(std::string(w.text(Phrase::footer_date)) + ": " + escape(m.date));
  if (!m.disclaimer.empty()) w.paragraph(escape(m.disclaimer, "\n\n"));
  if (m.crisis_lines.empty()) return;
  w.paragraph("**" + std::string(w.text(Phrase::footer_crisis_lines)) + "**");
  for (const auto& line : m.crisis_lines) w.item(escape(line, "  \n  "));
}

/// Outside a crisis: the resources of the flags that set the urgency (a crisis lists them in its box).
void where_to_turn(MarkdownWriter& w, const Model& m) {
  if (m.crisis_box || m.guidance.resources.empty()) return;
  w.paragraph("**" + std::string(w.text(Phrase::resources_label)) + "**");
  for (const auto& resource : m.guidance.resources) w.item(escape(resource.line, "  \n  "));
}

/// The scales with their bars and bands, and the reminder that they are no diagnosis.
void scales(MarkdownWriter& w, const Model& m, const SummaryOptions& options) {
  if (m.scales.empty()) return;
  w.heading(2, Phrase::distress_heading);
  for (const auto& scale : m.scales) {
    w.item((scale.label_is_heading ? std::string() : escape(scale.label, " ") + ": ") + std::to_string(scale.value) +
           "/" + std::to_string(scale.max) + " `" + bar(scale.value, scale.min, scale.max, 10, options.unicode) + "` " +
           escape(scale.band_label, " "));
  }
  w.paragraph("*" + std::string(w.text(Phrase::distress_reminder)) + "*");
}

/// The notes of fired rules that "Why" does not already show.
void notes(MarkdownWriter& w, const Model& m) {
  bool notes_label = false;
  for (const auto& note : m.notes) {
    if (note_shown_as_reason(m, note.id)) continue;  // already under "Why"
    if (!notes_label) w.paragraph("**" + std::string(w.text(Phrase::notes_label)) + "**");
    notes_label = true;
    w.item(escape(note.text, "  \n  "));
  }
}

}  // namespace

std::string render_markdown(const Model& m, const SummaryOptions& options) {
  MarkdownWriter w(m.language);
  if (m.crisis_box) crisis(w, m);
  w.heading(1, escape(m.heading));
  if (!m.title.empty()) w.paragraph("*" + escape(m.title, " ") + "*");

  if (!m.complete) {
    w.paragraph(escape(m.incomplete_explanation));
    w.heading(2, Phrase::missing_heading);
    for (const auto& question : m.missing) w.item(escape(question.text, "  \n  "));
    red_flags(w, m);
    if (!m.crisis_box) {
      for (const auto& step : m.guidance.first_steps) {
        w.paragraph(std::string(w.text(Phrase::urgency_label)) + ": " + escape(step));
      }
    }
    where_to_turn(w, m);
    unknown_red_flags(w, m);
    answers(w, m);
    footer(w, m);
    return w.take() + "\n";
  }

  if (!m.advice) {
    // An instrument bank: how soon and the signs, then the scales; no advice sections.
    if (!m.urgency_text.empty()) {
      w.paragraph(std::string(w.text(Phrase::urgency_label)) + ": " + escape(m.urgency_text));
    }
    where_to_turn(w, m);
    red_flags(w, m);
    scales(w, m, options);
    notes(w, m);
    unknown_red_flags(w, m);
    answers(w, m);
    footer(w, m);
    return w.take() + "\n";
  }

  w.heading(2, Phrase::advice_heading);
  w.paragraph("**" + escape(m.advice_line, " ") + "**  \n" + std::string(w.text(Phrase::urgency_label)) + ": " +
              escape(m.urgency_text));
  where_to_turn(w, m);

  w.heading(2, Phrase::why_heading);
  for (const auto& reason : m.reasons) w.item(escape(reason, "  \n  "));
  red_flags(w, m);

  w.heading(2, Phrase::alternatives_heading);
  if (m.alternatives.empty()) w.paragraph(std::string(w.text(Phrase::no_alternatives)));
  for (const auto& alternative : m.alternatives) w.item(escape(alternative.line));
  if (!m.alongside_note.empty()) w.paragraph(escape(m.alongside_note));
  if (!m.close_call_note.empty()) w.paragraph(escape(m.close_call_note));
  if (m.show_flips) {
    w.heading(2, Phrase::flips_heading);
    for (const auto& flip : m.flips) w.item(escape(flip.line));
    if (!m.flips_note.empty()) w.paragraph(escape(m.flips_note));
    if (!m.flips_caveat.empty()) w.paragraph(escape(m.flips_caveat));
  }

  scales(w, m, options);

  w.heading(2, Phrase::expect_heading);
  if (m.crisis_box) w.paragraph("*" + std::string(w.text(Phrase::expect_after_crisis)) + "*");
  w.paragraph("**" + std::string(w.text(Phrase::what_it_is_label)) + ":** " + escape(m.what_it_is));
  w.paragraph("**" + std::string(w.text(Phrase::what_to_expect_label)) + ":** " + escape(m.what_to_expect));
  w.paragraph("**" + std::string(w.text(Phrase::where_to_find_label)) + ":** " + escape(m.where_to_find));
  notes(w, m);
  unknown_red_flags(w, m);
  answers(w, m);
  footer(w, m);
  return w.take() + "\n";
}

}  // namespace wegwijzer::summary
