// Layout of the interactive session: intro, question, options, hints. All bank text is sanitised.
#include "wegwijzer/session/session_render.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "wegwijzer/session/session_texts.hpp"
#include "wegwijzer/summary/guidance.hpp"
#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::cli {
namespace {

constexpr int kMinimumWidth = 20;

std::string bank_text(const LocalText& text, const SessionLook& look) {
  return sanitize_for_terminal(text.in(look.language));
}

void wrap_paragraph(std::string_view paragraph, std::size_t width, std::string_view first_indent,
                    std::string_view rest_indent, std::string& out) {
  std::string line(first_indent);
  std::size_t line_width = display_width(first_indent);
  bool line_has_word = false;
  std::size_t position = 0;
  while (position < paragraph.size()) {
    while (position < paragraph.size() && (paragraph[position] == ' ' || paragraph[position] == '\t')) ++position;
    if (position >= paragraph.size()) break;
    std::size_t end = position;
    while (end < paragraph.size() && paragraph[end] != ' ' && paragraph[end] != '\t') ++end;
    std::string_view word = paragraph.substr(position, end - position);
    std::size_t word_width = display_width(word);
    if (line_has_word && line_width + 1 + word_width > width) {
      out += line;
      out += '\n';
      line.assign(rest_indent);
      line_width = display_width(rest_indent);
      line_has_word = false;
    }
    if (line_has_word) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
    line_has_word = true;
    position = end;
  }
  out += line;
  out += '\n';
}

}  // namespace

std::string emphasize(std::string_view text, Emphasis emphasis, bool color) {
  if (!color) return std::string(text);
  std::string_view code;
  switch (emphasis) {
    case Emphasis::bold: code = "\x1b[1m"; break;
    case Emphasis::dim: code = "\x1b[2m"; break;
    case Emphasis::warning: code = "\x1b[1;33m"; break;
  }
  // The reset goes before a trailing newline so no colour spills onto the next line.
  bool newline = !text.empty() && text.back() == '\n';
  if (newline) text.remove_suffix(1);
  std::string result(code);
  result += text;
  result += "\x1b[0m";
  if (newline) result += '\n';
  return result;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;
  }
  return width;
}

std::string wrap_text(std::string_view text, int width, std::string_view first_indent, std::string_view rest_indent) {
  std::size_t columns = static_cast<std::size_t>(std::max(width, kMinimumWidth));
  std::string out;
  std::size_t position = 0;
  bool first = true;
  while (true) {
    std::size_t newline = text.find('\n', position);
    std::string_view paragraph =
        text.substr(position, newline == std::string_view::npos ? text.npos : newline - position);
    wrap_paragraph(paragraph, columns, first ? first_indent : rest_indent, rest_indent, out);
    first = false;
    if (newline == std::string_view::npos) break;
    position = newline + 1;
  }
  return out;
}

std::string render_intro(const Bank& bank, const SessionLook& look) {
  std::string out;
  out += emphasize(wrap_text(bank_text(bank.title, look), look.width, "", ""), Emphasis::bold, look.color);
  out += '\n';
  if (!bank.introduction.empty()) out += wrap_text(bank_text(bank.introduction, look), look.width, "", "");
  if (!bank.disclaimer.empty()) out += wrap_text(bank_text(bank.disclaimer, look), look.width, "", "");
  out += '\n';
  std::string crisis = render_crisis_lines(bank, look);
  if (!crisis.empty()) {
    out += crisis;
    out += '\n';
  }
  out += wrap_text(session_text(SessionText::how_to_answer, look.language), look.width, "", "");
  return out;
}

std::string render_crisis_lines(const Bank& bank, const SessionLook& look) {
  std::vector<std::string> lines = crisis_line_texts(bank, look.language);
  if (lines.empty()) return {};
  std::string_view mark = look.unicode ? "\u26a0 " : "! ";
  std::string crisis = wrap_text(session_text(SessionText::crisis_lines, look.language), look.width, mark, "  ");
  for (const std::string& line : lines) {
    crisis += wrap_text(sanitize_for_terminal(line), look.width, look.unicode ? "  \u2022 " : "  - ", "    ");
  }
  return emphasize(crisis, Emphasis::warning, look.color);
}

std::string multiple_choice_hint(const Question& question, const Language& language) {
  // The example must be an answer the session accepts: two options that may be combined.
  std::vector<std::string> combinable;
  for (std::size_t i = 0; i < question.options.size() && combinable.size() < 2; ++i) {
    if (!question.options[i].exclusive) combinable.push_back(std::to_string(i + 1));
  }
  if (combinable.size() < 2) return std::string(session_text(SessionText::hint_multiple_plain, language));
  return fill(session_text(SessionText::hint_multiple, language),
              {combinable[0], combinable[1], combinable[0], combinable[1]});
}

std::string render_question(const Bank& bank, std::size_t question, const AnswerSet& answers, const Progress& progress,
                            const SessionLook& look) {
  const Question& q = bank.questions[question];
  const std::optional<Answer>& earlier = answers.at(question);
  std::string out = "\n";
  if (!q.lead.empty()) {
    // A sentence before a block of questions (why everyone is asked them), set apart from the question.
    out += wrap_text(bank_text(q.lead, look), look.width, "", "");
    out += '\n';
  }
  std::string counter =
      fill(session_text(progress.exact ? SessionText::progress_exact : SessionText::progress, look.language),
           {std::to_string(progress.position), std::to_string(std::max(progress.total, progress.position))});
  if (!q.required) {
    counter += ' ';
    counter += session_text(SessionText::optional_tag, look.language);
  }
  out += emphasize(counter, Emphasis::dim, look.color);
  out += '\n';
  out += emphasize(wrap_text(bank_text(q.text, look), look.width, "", ""), Emphasis::bold, look.color);

  std::string_view arrow = look.unicode ? "\u2190 " : "<- ";
  std::string number_width_probe = std::to_string(q.options.size());
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    std::string number = std::to_string(i + 1);
    std::string first = "  " + std::string(number_width_probe.size() - number.size(), ' ') + number + ". ";
    std::string rest(display_width(first), ' ');
    std::string label = bank_text(q.options[i].label, look);
    bool chosen = earlier && std::find(earlier->options.begin(), earlier->options.end(), i) != earlier->options.end();
    if (chosen) {
      label += ' ';
      label += arrow;
      label += session_text(SessionText::earlier_marker, look.language);
    }
    std::string wrapped = wrap_text(label, look.width, first, rest);
    out += chosen ? emphasize(wrapped, Emphasis::bold, look.color) : wrapped;
  }
  if (q.type == QuestionType::text && earlier && !earlier->text.empty()) {
    out += wrap_text(
        fill(session_text(SessionText::earlier_text, look.language), {sanitize_for_terminal(earlier->text, false)}),
        look.width, "  ", "  ");
  }

  std::string hint;
  switch (q.type) {
    case QuestionType::multiple: hint = multiple_choice_hint(q, look.language); break;
    case QuestionType::text: hint = session_text(SessionText::hint_text, look.language); break;
    default: hint = session_text(SessionText::hint_single, look.language); break;
  }
  if (earlier) {
    hint += ' ';
    hint += session_text(SessionText::hint_keep, look.language);
  } else if (!q.required) {
    hint += ' ';
    hint += session_text(SessionText::hint_skip, look.language);
  }
  // The commands stay together: at the end of the hint's last line when they fit, else on a line
  // of their own (wrapped only when narrower than they are).
  std::string commands = "(" + std::string(session_text(SessionText::hint_commands, look.language)) + ")";
  std::string wrapped = wrap_text(hint, look.width, "", "");
  std::size_t last_line = wrapped.rfind('\n', wrapped.size() - 2);
  last_line = last_line == std::string::npos ? 0 : last_line + 1;
  std::size_t last_width = display_width(std::string_view(wrapped).substr(last_line, wrapped.size() - 1 - last_line));
  std::size_t columns = static_cast<std::size_t>(std::max(look.width, kMinimumWidth));
  if (last_width + 1 + display_width(commands) <= columns) {
    wrapped.insert(wrapped.size() - 1, " " + commands);
  } else {
    wrapped += wrap_text(commands, look.width, "", "");
  }
  out += emphasize(wrapped, Emphasis::dim, look.color);
  return out;
}

}  // namespace wegwijzer::cli
