#pragma once
// Shared by the fuzz targets: properties every output of the tool must keep, checked with abort()
// so that libFuzzer records the input that broke them.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "wegwijzer/support/sanitize.hpp"

namespace wegwijzer::fuzz {

/// Stops the fuzzer with a message naming the broken property (never the input).
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  std::abort();
}

/// True when `text` is valid UTF-8 and holds no byte or character a terminal would act on:
/// C0 controls other than tab and newline, DEL, C1 controls, or bidi overrides. With `only_c0`,
/// only invalid UTF-8 and C0 controls count (the minimum for a JSON line).
inline bool is_terminal_safe(std::string_view text, bool only_c0 = false) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  for (std::size_t i = 0; i < text.size();) {
    unsigned char b0 = byte(i);
    if (b0 < 0x80) {
      if ((b0 < 0x20 && b0 != '\n' && b0 != '\t') || (b0 == 0x7F && !only_c0)) return false;
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1Fu, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0Fu, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07u, min = 0x10000;
    } else {
      return false;
    }
    if (i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (only_c0) {
      i += len;
      continue;
    }
    if (cp <= 0x9F) return false;  // C1 controls
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return false;
    i += len;
  }
  return true;
}

/// Aborts unless `text` is terminal-safe.
inline void require_terminal_safe(std::string_view text, const char* what) {
  if (!is_terminal_safe(text)) fail(what);
}

/// Aborts when the JSON bytes `json` hold invalid UTF-8 or a raw code point that JSON must escape
/// (C0 other than newline, DEL, C1, bidi controls, U+2028/U+2029): the promise of docs/security.md,
/// checked with the same has_unescaped_control as the unit tests.
inline void require_json_escaped(std::string_view json, const char* what) {
  if (has_unescaped_control(json)) fail(what);
}

}  // namespace wegwijzer::fuzz
