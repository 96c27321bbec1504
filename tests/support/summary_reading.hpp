#pragma once
// Test helpers that read parts of a text summary back: the "How soon" line and the crisis box, with
// wrapped lines joined again, so that a test can look for a whole first step or resource.
#include <string>

namespace wegwijzer::test {

/// The text after "label: " in a text summary, with its continuation lines (indented) joined by spaces.
inline std::string line_after(const std::string& text, const std::string& label) {
  std::size_t at = text.find("\n" + label + ": ");
  if (at == std::string::npos) return {};
  at += label.size() + 3;
  std::string joined = text.substr(at, text.find('\n', at) - at);
  for (at = text.find('\n', at); at != std::string::npos && text.compare(at, 3, "\n  ") == 0;
       at = text.find('\n', at + 1)) {
    std::size_t start = at + 3;
    joined += ' ' + text.substr(start, text.find('\n', start) - start);
  }
  return joined;
}

/// The crisis box's words: borders and marks removed, lines joined by single spaces.
inline std::string box_words(const std::string& text) {
  const std::string box = text.substr(0, text.find("╚"));
  std::string words;
  std::size_t start = 0;
  while (start < box.size()) {
    std::size_t end = box.find('\n', start);
    if (end == std::string::npos) end = box.size();
    std::string line = box.substr(start, end - start);
    for (const char* mark : {"║", "→ ", "• "}) {
      for (std::size_t at = line.find(mark); at != std::string::npos; at = line.find(mark)) {
        line.erase(at, std::string(mark).size());
      }
    }
    std::size_t first = line.find_first_not_of(' ');
    std::size_t last = line.find_last_not_of(' ');
    if (first != std::string::npos) words += (words.empty() ? "" : " ") + line.substr(first, last - first + 1);
    start = end + 1;
  }
  return words;
}

}  // namespace wegwijzer::test
