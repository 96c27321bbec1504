// Terminal decisions: language, colour, Unicode, width.
#include "wegwijzer/session/terminal.hpp"

#include <algorithm>

#include "session_input.hpp"

namespace wegwijzer::cli {
namespace {

constexpr int kMinWidth = 20;
constexpr int kMaxWidth = 100;

const std::string* variable(const Io& io, const std::string& name) {
  auto found = io.environment.find(name);
  return found == io.environment.end() ? nullptr : &found->second;
}

}  // namespace

std::string choose_language(const std::string& flag, const Io& io, const std::vector<std::string>& offered) {
  if (!flag.empty()) return flag;
  const std::string* lang = variable(io, "LANG");
  if (lang) {
    // "pt_BR.UTF-8" → "pt-BR", else "pt": used when the bank speaks it.
    std::string full = ascii_lower(lang->substr(0, lang->find_first_of(".@")));
    std::replace(full.begin(), full.end(), '_', '-');
    const std::string primary = full.substr(0, full.find('-'));
    for (const std::string& wanted : {full, primary}) {
      for (const std::string& code : offered) {
        if (ascii_lower(code) == wanted) return code;
      }
    }
  }
  if (lang && lang->compare(0, 2, "en") == 0) return "en";
  return "nl";
}

bool choose_color(const Io& io, bool no_color_flag) {
  if (no_color_flag || !io.out_is_terminal) return false;
  const std::string* no_color = variable(io, "NO_COLOR");
  if (no_color && !no_color->empty()) return false;
  const std::string* term = variable(io, "TERM");
  return !(term && *term == "dumb");
}

bool choose_unicode(const Io& io) {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const std::string* value = variable(io, name);
    if (!value || value->empty()) continue;
    std::string lower = ascii_lower(*value);
    return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
  }
  return false;
}

int choose_width(const Io& io) {
  int width = 80;
  if (io.out_is_terminal && io.terminal_width > 0) {
    width = io.terminal_width;
  } else if (const std::string* columns = variable(io, "COLUMNS")) {
    if (!columns->empty() && columns->size() <= 4 &&
        std::all_of(columns->begin(), columns->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      width = std::stoi(*columns);
    }
  }
  return std::clamp(width, kMinWidth, kMaxWidth);
}

}  // namespace wegwijzer::cli
