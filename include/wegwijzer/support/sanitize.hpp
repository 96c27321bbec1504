#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wegwijzer {

/// The bidi controls (Unicode's Bidi_Control property): ALM U+061C, LRM and RLM U+200E-U+200F,
/// embeddings, overrides and PDF U+202A-U+202E, isolates U+2066-U+2069. They reorder or hide the
/// text around them ("Trojan Source"): terminal text drops them, JSON escapes them.
constexpr bool is_bidi_control(std::uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

/// The code points no JSON the tool writes carries raw: C0 controls, DEL, C1 controls
/// (U+0080-U+009F), bidi controls and the line and paragraph separators U+2028-U+2029 (which a
/// consumer may split lines on). The one JSON string writer, append_json_string
/// (wegwijzer/record/result_json.hpp), writes them as \uXXXX escapes: lossless and inert.
constexpr bool must_escape_in_json(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || is_bidi_control(cp);
}

/// True when the bytes of `json` hold invalid UTF-8 or a raw code point that must_escape_in_json,
/// other than newline (which separates JSON Lines records and indents the summary, and inside a
/// string is always escaped). The property every JSON output keeps, checked by the tests and the fuzz
/// targets. Never throws.
bool has_unescaped_control(std::string_view json);

/// The byte offset of the first invalid UTF-8 sequence or raw code point that has_unescaped_control
/// looks for, or std::string_view::npos when there is none (for messages in tests).
std::size_t find_unescaped_control(std::string_view json);

/// Makes untrusted text safe for a terminal or log: replaces invalid UTF-8 with U+FFFD and drops
/// C0 controls (except tab and, when `keep_newlines`, newline), DEL, C1 controls, ESC-introduced
/// sequences and bidi controls (is_bidi_control). Never throws.
std::string sanitize_for_terminal(std::string_view text, bool keep_newlines = true);

/// Replaces invalid UTF-8 with U+FFFD and leaves everything else alone. Never throws.
std::string repair_utf8(std::string_view text);
}  // namespace wegwijzer
