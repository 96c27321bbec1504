// Placeholders of a bank's program texts against the built-in sentences they replace.
#include "wegwijzer/session/program_texts.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

#include "wegwijzer/session/session_texts.hpp"
#include "wegwijzer/summary/summary.hpp"

namespace wegwijzer::cli {
namespace {

/// The placeholders of `text`: "{}" once per use (session texts), or "{1}".."{9}" each once (summary texts).
std::multiset<std::string> placeholders(std::string_view text, bool numbered) {
  std::multiset<std::string> found;
  std::set<std::string> seen;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (!numbered && text[i + 1] == '}') found.insert("{}");
    if (numbered && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' && text[i + 2] == '}') {
      std::string name(text.substr(i, 3));
      if (seen.insert(name).second) found.insert(name);
    }
  }
  return found;
}

std::string listed(const std::multiset<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : " ") + name;
  return out;
}

}  // namespace

std::vector<Diagnostic> check_program_texts(const Bank& bank) {
  std::vector<Diagnostic> diagnostics;
  for (const auto& [key, text] : bank.texts) {
    const bool numbered = key.rfind("summary.", 0) == 0;
    const std::string_view builtin = numbered ? summary::builtin_phrase(key) : builtin_session_text(key);
    const auto expected = placeholders(builtin, numbered);
    for (const auto& [language, version] : text.all()) {
      const auto found = placeholders(version, numbered);
      if (found == expected) continue;
      diagnostics.push_back({bank.source_name, fmt::format("/texts/{}/{}", key, language), 0, 0, Severity::error,
                             fmt::format("the placeholders are {}; the built-in text has {} (\"{}\")", listed(found),
                                         listed(expected), builtin)});
    }
  }
  return diagnostics;
}

}  // namespace wegwijzer::cli
