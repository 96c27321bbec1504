#include "wegwijzer/support/sanitize.hpp"

#include <cstdint>

#include "wegwijzer/support/utf8.hpp"

namespace wegwijzer {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Skips an escape sequence starting with ESC at `i`; returns the index after it.
std::size_t skip_escape(std::string_view s, std::size_t i) {
  std::size_t k = i + 1;
  if (k >= s.size()) return k;
  char kind = s[k];
  if (kind == '[') {  // CSI: parameters and intermediates, then a final byte 0x40–0x7E
    ++k;
    while (k < s.size() && static_cast<unsigned char>(s[k]) >= 0x20 && static_cast<unsigned char>(s[k]) < 0x40) ++k;
    return k < s.size() ? k + 1 : k;
  }
  if (kind == ']' || kind == 'P' || kind == '_' || kind == '^' || kind == 'X') {  // OSC/DCS/APC/PM/SOS: to BEL or ST
    ++k;
    while (k < s.size()) {
      if (s[k] == '\a') return k + 1;
      if (s[k] == '\x1b' && k + 1 < s.size() && s[k + 1] == '\\') return k + 2;
      ++k;
    }
    return k;
  }
  return k + 1;  // two-byte sequence such as ESC c
}

}  // namespace

std::size_t find_unescaped_control(std::string_view json) {
  for (std::size_t i = 0; i < json.size();) {
    const auto byte = static_cast<unsigned char>(json[i]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII: most of the text
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t len = decode_utf8(json, i, cp);
    if (len == 0 || (cp != '\n' && must_escape_in_json(cp))) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool has_unescaped_control(std::string_view json) { return find_unescaped_control(json) != std::string_view::npos; }

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string sanitize_for_terminal(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (cp == 0x1B) {
      i = skip_escape(text, i);
      continue;
    }
    bool keep = true;
    if (cp < 0x20) keep = cp == '\t' || (cp == '\n' && keep_newlines);
    if (cp == '\n' && !keep_newlines) {
      out += ' ';
      i += len;
      continue;
    }
    if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) keep = false;
    if (keep) out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace wegwijzer
