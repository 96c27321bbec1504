#pragma once
#include <string>
#include <string_view>

namespace wegwijzer {
/// Makes untrusted text safe for a terminal or log: replaces invalid UTF-8 with U+FFFD and drops
/// C0 controls (except tab and, when `keep_newlines`, newline), DEL, C1 controls, ESC-introduced
/// sequences and bidi overrides (U+202A–U+202E, U+2066–U+2069). Never throws.
std::string sanitize_for_terminal(std::string_view text, bool keep_newlines = true);

/// Replaces invalid UTF-8 with U+FFFD and leaves everything else alone. Never throws.
std::string repair_utf8(std::string_view text);
}  // namespace wegwijzer
