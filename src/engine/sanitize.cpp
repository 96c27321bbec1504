#include "wegwijzer/sanitize.hpp"

#include <cstdint>

namespace wegwijzer {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Decodes one UTF-8 sequence at `i`; returns its length, or 0 when it is invalid.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_bidi_control(std::uint32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

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

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode(text, i, cp);
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
    std::size_t len = decode(text, i, cp);
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
