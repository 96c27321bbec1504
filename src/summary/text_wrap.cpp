// Word wrapping by display columns.
#include "text_wrap.hpp"

namespace wegwijzer::summary {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Byte length of the longest prefix of `word` that fits in `columns`; at least one code point.
std::size_t fitting_bytes(std::string_view word, std::size_t columns) {
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < word.size()) {
    std::size_t next = i + 1;
    while (next < word.size() && is_continuation(word[next])) ++next;
    if (used + 1 > columns && i > 0) break;
    ++used;
    i = next;
  }
  return i;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if (!is_continuation(c)) ++width;
  }
  return width;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view first_prefix,
                              std::string_view rest_prefix) {
  std::vector<std::string> lines;
  std::string line(first_prefix);
  std::size_t line_width = display_width(first_prefix);
  bool line_has_word = false;
  auto new_line = [&] {
    lines.push_back(line);
    line.assign(rest_prefix);
    line_width = display_width(rest_prefix);
    line_has_word = false;
  };
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n') ++end;
    std::string_view word = text.substr(i, end - i);
    // The width of what is left of the word, kept up to date as pieces are split off: measuring the rest
    // again for each piece made a long unbroken word quadratic.
    std::size_t word_width = display_width(word);
    while (!word.empty()) {
      std::size_t needed = word_width + (line_has_word ? 1 : 0);
      if (line_width + needed <= width) {
        if (line_has_word) line += ' ';
        line += word;
        line_width += needed;
        line_has_word = true;
        break;
      }
      if (line_has_word) {
        new_line();
        continue;
      }
      // The word alone does not fit: split it.
      std::size_t room = width > line_width ? width - line_width : 1;
      std::size_t bytes = fitting_bytes(word, room);
      std::size_t piece_width = display_width(word.substr(0, bytes));
      line += word.substr(0, bytes);
      line_width += piece_width;
      word.remove_prefix(bytes);
      word_width -= piece_width;
      line_has_word = true;
      if (!word.empty()) new_line();
    }
    if (end >= text.size()) break;
    if (text[end] == '\n') new_line();
    i = end + 1;
  }
  lines.push_back(line);
  // Trailing spaces from an empty prefix-only line are harmless but trim them for clean output.
  for (auto& l : lines) {
    while (!l.empty() && l.back() == ' ') l.pop_back();
  }
  return lines;
}

}  // namespace wegwijzer::summary
